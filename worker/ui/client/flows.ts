/**
 * The flows page: one flow's walkthrough on a fresh scenario, with its trace
 * drawn as a sequence diagram and, for flows 5-8, the packet walked hop by
 * hop. The URL keeps the flow and seed, so a page can be shared and reloaded.
 */
export const FLOWS_JS = String.raw`
var FLOW = null;

PAGES.flows = function () {
  if (!requireKey()) return;
  var form = byId('flow-form');
  form.hidden = false;
  var params = new URLSearchParams(location.search);
  var n = Math.min(8, Math.max(1, Number(params.get('flow')) || 1));
  byId('flow-select').value = String(n);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    showFlow(Number(byId('flow-select').value), null, true);
  });
  byId('flow-another').addEventListener('click', function () { showFlow(FLOW.n, null, true); });
  byId('seq-diagram').before(fitToggle(byId('seq-diagram')));
  byId('walk-diagram').before(fitToggle(byId('walk-diagram')));
  document.addEventListener('st:lang', function () { if (FLOW) drawFlowDiagrams(); });
  showFlow(n, params.get('seed'), false);
};

async function showFlow(n, seed, focus) {
  clearError();
  try {
    var w = await api('/v1/flows/' + n + (seed ? '?seed=' + encodeURIComponent(seed) : ''));
    FLOW = { n: n, w: w };
    history.replaceState(null, '', '/flows?flow=' + n + '&seed=' + encodeURIComponent(w.seed));
    live(byId('flow-title'), function (el) { el.textContent = n + '. ' + tx(w.title); });
    live(byId('flow-summary'), function (el) { el.replaceChildren.apply(el, rich(tx(w.summary))); });
    live(byId('seq-title'), function (el) { el.textContent = t('diagram.sequence', { n: n }); });
    byId('flow-steps').replaceChildren.apply(byId('flow-steps'), w.steps.map(function (step) { return X('li', step); }));
    byId('flow-reality').replaceChildren(h('dl', { class: 'reality' }, w.interviewVsReality.map(function (c) {
      return h('div', null, T('dt', 'flows.expected'), X('dd', c.expected), T('dt', 'flows.actually'), X('dd', c.actually));
    })));
    byId('flow-lab').href = '/lab?flow=' + n + '&seed=' + encodeURIComponent(w.seed);
    byId('walk-section').hidden = n < 5;
    byId('flow-view').hidden = false;
    drawFlowDiagrams();
    if (focus) byId('flow-title').focus();
  } catch (error) {
    showError(error);
  }
}

function drawFlowDiagrams() {
  var base = '/v1/flows/' + FLOW.n + '/diagrams/';
  var query = '?seed=' + encodeURIComponent(FLOW.w.seed) + '&lang=' + lang();
  showDiagram(byId('seq-diagram'), base + 'sequence' + query, t('diagram.sequence', { n: FLOW.n }));
  if (FLOW.n >= 5) showDiagram(byId('walk-diagram'), base + 'walk' + query, t('diagram.walk'));
}
`;
