/**
 * The progress page: today's numbers, the 14-day forecast as a column chart,
 * mastery per flow as a table (every bar is decoration beside its number),
 * what is due now, and leeches. Redrawn in place when the language changes.
 */
export const PROGRESS_JS = String.raw`
PAGES.progress = async function () {
  if (!requireKey()) return;
  try {
    var both = await Promise.all([api('/v1/reviews/due'), api('/v1/stats')]);
    renderProgress(both[0], both[1]);
    document.addEventListener('st:lang', function () { renderProgress(both[0], both[1]); });
  } catch (error) {
    showError(error);
  }
  byId('p-link-code').addEventListener('click', getLinkCode);
};

/** A one-time code for /start on a bot; the API key itself never goes into a chat. */
async function getLinkCode() {
  clearError();
  try {
    var made = await api('/v1/me/link-codes', { method: 'POST' });
    var time = new Intl.DateTimeFormat(lang() === 'zh' ? 'zh-CN' : 'en', { hour: '2-digit', minute: '2-digit' }).format(new Date(made.expiresAt));
    var parts = t('progress.linkChatCode', { code: '\u0000', time: time }).split('\u0000');
    byId('p-link-result').replaceChildren(parts[0], h('code', { id: 'p-link-value' }, made.code), parts[1] || '');
  } catch (error) {
    showError(error);
  }
}

function table(caption, heads, rows) {
  return h('table', null,
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', null, h('tr', null, heads.map(function (head) { return h('th', { scope: 'col', class: head.num ? 'num' : null }, head.text); }))),
    h('tbody', null, rows));
}

/** A forecast day as [weekday, month/day] in the page's language. */
function dayParts(key) {
  var date = new Date(key + 'T12:00:00Z');
  var locale = lang() === 'zh' ? 'zh-CN' : 'en';
  try {
    return [new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(date), new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', timeZone: 'UTC' }).format(date)];
  } catch (e) { return [key, '']; }
}

/** The 14 days as a column chart; each day is read out as one sentence, the drawing is hidden from assistive technology. */
function forecastChart(forecast) {
  var most = Math.max.apply(null, forecast.map(function (d) { return d.due; }).concat([1]));
  return h('ol', { class: 'forecast' }, forecast.map(function (d) {
    var parts = dayParts(d.day);
    var fill = h('span');
    fill.style.height = Math.round((d.due / most) * 100) + '%';
    return h('li', null,
      h('span', { class: 'visually-hidden' }, t('progress.dayDue', { day: parts.join(' '), n: d.due })),
      h('span', { class: 'count', 'aria-hidden': 'true' }, d.due),
      h('span', { class: 'col', 'aria-hidden': 'true' }, d.due ? fill : null),
      h('span', { class: 'day', 'aria-hidden': 'true' }, parts[0], h('br'), parts[1]));
  }));
}

function masteryTable(flows) {
  return table(t('progress.mastery'),
    [{ text: t('progress.flow') }, { text: t('progress.started'), num: true }, { text: t('progress.attempts'), num: true },
      { text: t('progress.accuracy'), num: true }, { text: t('progress.retention'), num: true }, { text: t('progress.masteryCol') }],
    flows.map(function (f) {
      var fill = h('span', { class: 'fill' });
      fill.style.width = Math.round(f.mastery * 100) + '%';
      return h('tr', null,
        h('th', { scope: 'row' }, f.flow + '. ' + tx(f.title)),
        h('td', { class: 'num' }, f.started + '/' + f.families),
        h('td', { class: 'num' }, f.attempts),
        h('td', { class: 'num' }, percent(f.accuracy)),
        h('td', { class: 'num' }, percent(f.retention)),
        h('td', null, h('span', { class: 'meter' }, h('span', { class: 'track', 'aria-hidden': 'true' }, fill), percent(f.mastery))));
    }));
}

function renderProgress(due, stats) {
  byId('p-streak').textContent = stats.streak;
  byId('p-today').textContent = stats.reviewsToday;
  byId('p-due-count').textContent = due.count;
  byId('p-new').textContent = due.newAvailable;
  byId('p-left').textContent = t('progress.leftToday', due.leftToday);
  byId('p-forecast').replaceChildren(forecastChart(due.forecast));
  byId('p-mastery').replaceChildren(masteryTable(stats.flows));
  fill(byId('p-due'), due.dueNow.length
    ? due.dueNow.map(function (d) { return h('li', null, t('flow.' + d.flow) + ' \u00b7 ' + tx(d.title) + ' \u00b7 ' + when(d.due)); })
    : h('li', null, t('progress.nothingDue')));
  fill(byId('p-leeches'), stats.leeches.length
    ? stats.leeches.map(function (l) { return h('li', null, h('code', null, l.family), ' \u00d7' + l.failures); })
    : h('li', null, t('progress.noLeeches')));
  byId('progress').hidden = false;
}
`;
