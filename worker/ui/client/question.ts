/**
 * One question on the practice page: prompt, what the interviewer shows,
 * the answer inputs, hints, grading item by item with the explanation, the
 * solution, and the scenario's topology (drawn on demand, since it can show
 * the names a question asks for; opened, with the answer's names
 * highlighted, once the question is closed).
 */
export const QUESTION_JS = String.raw`
/** The question on screen: { q, inputs, started, attempt, highlight, drawn }. */
var Q = null;
var VERDICT_MARK = { correct: '\u2713', partial: '\u25d0', wrong: '\u2717', missing: '\u2717', extra: '+' };

function showQuestion(q, fresh) {
  var inputs = answerInputs(q.answerFormat);
  Q = { q: q, inputs: inputs, started: Date.now(), attempt: null, highlight: [], drawn: null };
  fill(byId('question'),
    h('header', null,
      live(h('p', { class: 'q-meta' }), function (el) {
        el.replaceChildren(h('span', { class: 'reason' }, t('reason.' + q.reason)), ' \u00b7 ' + t('q.meta', { flow: q.flow, kind: t('kind.' + q.kind), difficulty: q.difficulty }));
      }),
      X('h2', q.title, { id: 'q-title', tabindex: '-1' })),
    X('div', q.prompt, { class: 'prose' }),
    q.fault ? h('p', { class: 'fault' }, T('strong', 'q.fault'), ': ', X('span', q.fault)) : null,
    q.context.length ? contextView(q.context) : null,
    answerForm(q, inputs),
    h('section', { id: 'hints', class: 'hints', 'aria-labelledby': 'hints-title', hidden: !q.hints.length },
      T('h3', 'hint.title', null, { id: 'hints-title' }),
      h('ol', { id: 'hint-list' }, q.hints.map(function (hint) { return X('li', hint); }))),
    h('div', { id: 'result' }),
    topologyView(),
    h('p', { class: 'actions' }, h('a', { class: 'button', href: '/lab?q=' + encodeURIComponent(q.id) }, T('span', 'lab.open'))),
    live(h('p', { class: 'source' }), function (el) { el.textContent = t('q.source', { family: q.family, seed: q.seed }); }));
  byId('question').hidden = false;
  if (q.status !== 'open') closeQuestion();
  if (q.result) showGraded(q.result, false);
  if (q.status === 'solution-shown') revealSolution(false);
  if (fresh) byId('q-title').focus();
}

function contextView(shown) {
  return h('section', { class: 'shown', 'aria-labelledby': 'context-title' },
    T('h3', 'q.context', null, { id: 'context-title' }),
    shown.map(function (s) {
      return h('pre', { tabindex: '0' }, h('code', null, h('span', { class: 'cmd' }, s.host + '$ ' + s.command), '\n' + s.output));
    }));
}

function answerForm(q, inputs) {
  var hint = live(h('button', { type: 'button', id: 'hint-button', 'aria-describedby': 'hint-cost', on: { click: onHint } }), function (el) {
    var left = Q.q.hintsAvailable - Q.q.hints.length;
    el.textContent = left > 0 ? t('hint.button', { n: left }) : t('hint.none');
  });
  hint.disabled = q.hints.length >= q.hintsAvailable;
  return h('form', { id: 'answer-form', novalidate: true, on: { submit: onAnswer } },
    h('fieldset', { id: 'answer-fields' }, T('legend', 'answer.legend'), inputs.node),
    h('p', { id: 'answer-error', class: 'field-error', role: 'alert', hidden: true }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'answer-button' }, T('span', 'answer.submit')),
      hint,
      h('button', { type: 'button', id: 'solution-button', 'aria-describedby': 'solution-warn', on: { click: onSolution } }, T('span', 'solution.button'))),
    h('p', { class: 'hint', id: 'answer-notes' }, T('span', 'hint.cost', null, { id: 'hint-cost' }), ' ', T('span', 'solution.warn', null, { id: 'solution-warn' })));
}

function closeQuestion() {
  byId('answer-fields').disabled = true;
  byId('answer-button').disabled = true;
  byId('hint-button').disabled = true;
  byId('answer-notes').hidden = true;
}

function newIdempotencyKey() {
  return crypto.randomUUID ? crypto.randomUUID() : Date.now().toString(36) + Math.random().toString(36).slice(2);
}

async function onAnswer(event) {
  event.preventDefault();
  var q = Q.q;
  var answer = Q.inputs.read();
  var failure = byId('answer-error');
  if (answer === undefined) {
    failure.textContent = t('answer.empty');
    failure.hidden = false;
    Q.inputs.focus();
    return;
  }
  failure.hidden = true;
  // The same answer keeps its Idempotency-Key: a retry after a lost response gets the first grading back.
  var signature = JSON.stringify(answer);
  if (!Q.attempt || Q.attempt.signature !== signature) {
    Q.attempt = { signature: signature, key: newIdempotencyKey(), body: { answer: answer, durationMs: Math.min(Date.now() - Q.started, 86400000) } };
  }
  var button = byId('answer-button');
  button.disabled = true;
  try {
    var graded = await api('/v1/questions/' + q.id + '/answers', { body: Q.attempt.body, headers: { 'idempotency-key': Q.attempt.key } });
    if (Q.q !== q) return;
    q.status = 'answered';
    closeQuestion();
    showGraded(graded, true);
  } catch (error) {
    if (error.status === 409) { api('/v1/questions/' + q.id).then(function (again) { showQuestion(again, true); }, showError); return; }
    failure.textContent = issuesText(error);
    failure.hidden = false;
    button.disabled = false;
  }
}

function ratingLine(graded) {
  return t('result.rating', { rating: t('rating.' + graded.rating), when: when(graded.nextReviewAt) });
}

function nextButton() {
  return h('button', { type: 'button', class: 'primary', on: { click: function () { byId('next-form').requestSubmit(); } } }, T('span', 'next'));
}

function showGraded(graded, fresh) {
  var ok = graded.correct;
  byId('result').replaceChildren(h('section', { class: 'result ' + (ok ? 'ok' : 'bad'), 'aria-labelledby': 'result-title' },
    live(h('h3', { id: 'result-title', tabindex: '-1' }), function (el) {
      el.textContent = ok ? '\u2713 ' + t('result.correct') : '\u2717 ' + t('result.wrong', { score: Math.round(graded.score * 100) });
    }),
    live(h('p'), function (el) { el.textContent = ratingLine(graded); }),
    graded.items.length ? [T('h4', 'result.items'), h('ul', { class: 'items' }, graded.items.map(itemView))] : null,
    T('h4', 'explanation.title'),
    X('div', graded.explanation, { class: 'prose' }),
    h('p', { class: 'actions' }, nextButton())));
  Q.highlight = graded.items.map(function (i) { return i.expected; }).filter(function (s) { return /^[A-Za-z0-9][\w.:\/-]{2,63}$/.test(s); }).slice(0, 12);
  openTopology();
  if (fresh) {
    byId('result-title').focus();
    announce(ratingLine(graded));
  }
}

function itemView(item) {
  var detail = item.message ? X('span', item.message, { class: 'detail' })
    : item.verdict === 'correct' ? null
    : h('span', { class: 'detail' }, T('span', 'item.expected'), ' ', h('code', null, item.expected), ' \u00b7 ', T('span', 'item.given'), ' ', h('code', null, item.given || '\u2014'));
  return h('li', null,
    live(h('span', { class: 'verdict ' + item.verdict }), function (el) { el.textContent = (VERDICT_MARK[item.verdict] || '') + ' ' + t('verdict.' + item.verdict); }),
    ' ', h('strong', null, item.item), detail);
}

async function onHint() {
  var q = Q.q;
  var button = byId('hint-button');
  button.disabled = true;
  try {
    var shown = await api('/v1/questions/' + q.id + '/hints', { method: 'POST' });
    q.hints.push(shown.hint);
    byId('hint-list').append(X('li', shown.hint));
    byId('hints').hidden = false;
    announce(t('hint.title') + ' ' + shown.index + ': ' + tx(shown.hint));
  } catch (error) {
    if (error.status === 409) q.hintsAvailable = q.hints.length;
    showError(error);
  }
  button.__render(button);
  button.disabled = q.status !== 'open' || q.hints.length >= q.hintsAvailable;
  if (button.disabled) Q.inputs.focus();
}

async function onSolution() {
  byId('solution-button').disabled = true;
  revealSolution(true);
}

async function revealSolution(fresh) {
  var q = Q.q;
  try {
    var solution = await api('/v1/questions/' + q.id + '/solution');
    if (Q.q !== q) return;
    if (q.status === 'open') { q.status = 'solution-shown'; closeQuestion(); }
    var graded = !!byId('result-title');
    byId('result').append(h('section', { class: 'solution', 'aria-labelledby': 'solution-title' },
      T('h3', 'solution.title', null, { id: 'solution-title', tabindex: '-1' }),
      answerView(q.answerFormat, solution.answer),
      solution.counted === 'failed-recall' && solution.nextReviewAt ? live(h('p'), function (el) { el.textContent = t('result.peeked', { when: when(solution.nextReviewAt) }); }) : null,
      graded ? null : [T('h4', 'explanation.title'), X('div', solution.explanation, { class: 'prose' }), h('p', { class: 'actions' }, nextButton())]));
    byId('solution-button').disabled = true;
    openTopology();
    if (fresh) byId('solution-title').focus();
  } catch (error) {
    byId('solution-button').disabled = false;
    showError(error);
  }
}

function topologyView() {
  var box = h('div', { class: 'diagram', id: 'topology-diagram' });
  var details = h('details', { class: 'topology', id: 'topology' },
    h('summary', null, T('span', 'diagram.topology')),
    T('p', 'diagram.topologyNote', null, { class: 'hint' }),
    fitToggle(box), box);
  details.addEventListener('toggle', function () { if (details.open) drawTopology(); });
  return details;
}

/** Draws the topology unless it is already drawn for this language and highlight. */
function drawTopology() {
  var query = '?lang=' + lang() + (Q.highlight.length ? '&highlight=' + encodeURIComponent(Q.highlight.join(',')) : '');
  if (Q.drawn === query) return;
  Q.drawn = query;
  showDiagram(byId('topology-diagram'), '/v1/questions/' + Q.q.id + '/diagrams/topology' + query, t('diagram.topology'));
}

function openTopology() {
  var details = byId('topology');
  if (details.open) drawTopology(); else details.open = true;
}

document.addEventListener('st:lang', function () {
  if (Q && byId('topology') && byId('topology').open) drawTopology();
});
`;
