/**
 * The progress page: today's numbers, the 14-day forecast and mastery per
 * flow as tables (each bar is decoration beside its number), what is due
 * now, and leeches. Redrawn in place when the language changes.
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
};

function bar(value, max) {
  var span = h('span', { class: 'bar', 'aria-hidden': 'true' });
  span.style.width = (max > 0 ? Math.round((value / max) * 100) : 0) + '%';
  return span;
}

function table(caption, heads, rows) {
  return h('table', null,
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', null, h('tr', null, heads.map(function (head) { return h('th', { scope: 'col', class: head.num ? 'num' : null }, head.text); }))),
    h('tbody', null, rows));
}

function dayLabel(key) {
  try {
    return new Intl.DateTimeFormat(lang() === 'zh' ? 'zh-CN' : 'en', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(key + 'T12:00:00Z'));
  } catch (e) { return key; }
}

function renderProgress(due, stats) {
  byId('p-streak').textContent = stats.streak;
  byId('p-today').textContent = stats.reviewsToday;
  byId('p-due-count').textContent = due.count;
  byId('p-new').textContent = due.newAvailable;
  byId('p-left').textContent = t('progress.leftToday', due.leftToday);

  var most = Math.max.apply(null, due.forecast.map(function (d) { return d.due; }).concat([1]));
  byId('p-forecast').replaceChildren(table(t('progress.forecast'),
    [{ text: t('progress.day') }, { text: t('progress.due'), num: true }, { text: '' }],
    due.forecast.map(function (d) {
      return h('tr', null, h('th', { scope: 'row' }, dayLabel(d.day)), h('td', { class: 'num' }, d.due), h('td', { class: 'bar-cell' }, bar(d.due, most)));
    })));

  byId('p-mastery').replaceChildren(table(t('progress.mastery'),
    [{ text: t('progress.flow') }, { text: t('progress.started'), num: true }, { text: t('progress.attempts'), num: true },
      { text: t('progress.accuracy'), num: true }, { text: t('progress.retention'), num: true }, { text: t('progress.masteryCol') }],
    stats.flows.map(function (f) {
      var fill = h('span', { class: 'fill' });
      fill.style.width = Math.round(f.mastery * 100) + '%';
      return h('tr', null,
        h('th', { scope: 'row' }, f.flow + '. ' + tx(f.title)),
        h('td', { class: 'num' }, f.started + '/' + f.families),
        h('td', { class: 'num' }, f.attempts),
        h('td', { class: 'num' }, percent(f.accuracy)),
        h('td', { class: 'num' }, percent(f.retention)),
        h('td', null, h('span', { class: 'meter' }, h('span', { class: 'track', 'aria-hidden': 'true' }, fill), percent(f.mastery))));
    })));

  byId('p-due').replaceChildren.apply(byId('p-due'), due.dueNow.length
    ? due.dueNow.map(function (d) { return h('li', null, t('flow.' + d.flow) + ' \u00b7 ' + tx(d.title) + ' \u00b7 ' + when(d.due)); })
    : [h('li', null, t('progress.nothingDue'))]);
  byId('p-leeches').replaceChildren.apply(byId('p-leeches'), stats.leeches.length
    ? stats.leeches.map(function (l) { return h('li', null, h('code', null, l.family), ' \u00d7' + l.failures); })
    : [h('li', null, t('progress.noLeeches'))]);
  byId('progress').hidden = false;
}
`;
