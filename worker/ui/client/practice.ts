/**
 * The practice page: sign up (or paste a key), pick flows, get the next
 * question. Due reviews in the picked flows come first, as the API orders
 * them; the question itself is drawn by ./question.
 */
export const PRACTICE_JS = String.raw`
PAGES.practice = function () {
  byId('boot-status').remove();
  byId('signup-form').addEventListener('submit', onSignup);
  byId('key-form').addEventListener('submit', onPasteKey);
  byId('copy-key').addEventListener('click', copyKey);
  byId('key-saved').addEventListener('click', function () {
    byId('new-key').hidden = true;
    byId('new-key-value').textContent = '';
    byId('next-button').focus();
  });
  byId('next-form').addEventListener('submit', onNext);
  byId('next-form').addEventListener('change', showPicked);
  if (load('key')) startPractice(); else showSignup();
};

function showSignup() {
  byId('practice').hidden = true;
  byId('signup').hidden = false;
  var zone = byId('signup-timezone');
  if (!zone.value) {
    try { zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'; } catch (e) { zone.value = 'UTC'; }
  }
}

/** The API key stopped working: forget it and ask for a new one. */
function keyRejected(error) {
  save('key', null);
  save('question', null);
  byId('sign-out').hidden = true;
  showSignup();
  showError(error);
}

function issuesText(error) {
  var issues = error.problem && error.problem.issues;
  return issues && issues.length ? issues.map(function (i) { return i.path + ': ' + i.message; }).join('; ') : errorText(error);
}

async function onSignup(event) {
  event.preventDefault();
  var button = event.submitter || event.currentTarget.querySelector('button');
  var failure = byId('signup-error');
  var zone = byId('signup-timezone');
  var name = byId('signup-name').value.trim();
  var body = { locale: lang() };
  if (name) body.name = name;
  if (zone.value.trim()) body.timezone = zone.value.trim();
  failure.hidden = true;
  zone.removeAttribute('aria-invalid');
  button.disabled = true;
  try {
    var created = await api('/v1/learners', { body: body });
    save('key', created.apiKey);
    byId('signup').hidden = true;
    byId('new-key-value').textContent = created.apiKey;
    live(byId('welcome'), function (el) { el.textContent = name ? t('signup.welcome', { name: name }) : t('signup.welcomeAnon'); });
    byId('new-key').hidden = false;
    byId('sign-out').hidden = false;
    startPractice();
    byId('new-key-title').focus();
  } catch (error) {
    failure.textContent = issuesText(error);
    failure.hidden = false;
    if (JSON.stringify(error.problem.issues || []).indexOf('timezone') >= 0) { zone.setAttribute('aria-invalid', 'true'); zone.focus(); }
  } finally {
    button.disabled = false;
  }
}

async function onPasteKey(event) {
  event.preventDefault();
  var input = byId('key-input');
  var failure = byId('key-error');
  failure.hidden = true;
  input.removeAttribute('aria-invalid');
  save('key', input.value.trim());
  try {
    await api('/v1/me');
    byId('sign-out').hidden = false;
    input.value = '';
    startPractice();
    byId('next-button').focus();
  } catch (error) {
    save('key', null);
    if (error.status !== 401) { showError(error); return; }
    failure.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
}

async function copyKey() {
  var key = byId('new-key-value').textContent;
  try {
    await navigator.clipboard.writeText(key);
  } catch (e) {
    // No clipboard permission: select the key so the learner can copy it by hand.
    getSelection().selectAllChildren(byId('new-key-value'));
  }
  announce(t('signup.copied'));
}

function startPractice() {
  byId('signup').hidden = true;
  byId('practice').hidden = false;
  var picked = (load('flows') || '').split(',');
  document.querySelectorAll('#next-form input[name=flow]').forEach(function (box) { box.checked = picked.indexOf(box.value) >= 0; });
  showPicked();
  var current = load('question');
  if (!current) return;
  api('/v1/questions/' + encodeURIComponent(current)).then(function (q) { showQuestion(q, false); foldPicker(); }, function (error) {
    if (error.status === 401) keyRejected(error);
    else if (error.status === 404 || error.status === 400) save('question', null);
    else showError(error);
  });
}

/** The picker's summary names the flows picked, so it can stay folded while a question is on screen. */
function showPicked() {
  live(byId('picked-flows'), function (el) { el.textContent = t('flows.picked', { flows: pickedFlows().join(', ') || t('flows.all') }); });
}

function foldPicker() { byId('flow-picker').open = false; }

function pickedFlows() {
  return Array.prototype.map.call(document.querySelectorAll('#next-form input[name=flow]:checked'), function (box) { return Number(box.value); });
}

function shuffled(values) {
  var out = values.slice();
  for (var i = out.length - 1; i > 0; i--) {
    var j = Math.floor(Math.random() * (i + 1));
    var keep = out[i]; out[i] = out[j]; out[j] = keep;
  }
  return out;
}

/** The flows to ask, in order: picked flows with something due first, then the others at random. */
async function flowOrder(flows) {
  if (!flows.length) return [null];
  var due = await api('/v1/reviews/due');
  var dueFlows = due.dueNow.map(function (d) { return d.flow; }).filter(function (f, i, all) { return flows.indexOf(f) >= 0 && all.indexOf(f) === i; });
  return dueFlows.concat(shuffled(flows.filter(function (f) { return dueFlows.indexOf(f) < 0; })));
}

async function onNext(event) {
  event.preventDefault();
  var button = byId('next-button');
  var nothing = byId('nothing');
  var flows = pickedFlows();
  save('flows', flows.join(','));
  clearError();
  nothing.hidden = true;
  button.disabled = true;
  try {
    var last = null;
    var order = await flowOrder(flows);
    for (var i = 0; i < order.length; i++) {
      try {
        var q = await api('/v1/questions', { body: order[i] === null ? {} : { flow: order[i] } });
        save('question', q.id);
        showQuestion(q, true);
        foldPicker();
        return;
      } catch (error) {
        if (error.status !== 404) throw error;
        last = error.problem;
      }
    }
    byId('question').hidden = true;
    var next = last && last.nextDueAt;
    live(nothing, function (el) { el.textContent = t('nothing') + (next ? ' ' + t('nothing.until', { when: when(next) }) : ''); });
    nothing.hidden = false;
  } catch (error) {
    if (error.status === 401) keyRejected(error); else showError(error);
  } finally {
    button.disabled = false;
  }
}
`;
