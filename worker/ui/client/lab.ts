/**
 * The lab page: a terminal over POST /v1/lab/exec. The scenario is the
 * current question's (or ?q=ID), or a flow walkthrough's (?flow=N&seed=S);
 * every command rebuilds that very cloud on the server and runs on one host.
 */
export const LAB_JS = String.raw`
var LAB = { scenario: null, history: [], cursor: 0 };

PAGES.lab = function () {
  if (!requireKey()) return;
  byId('lab-source-card').hidden = false;
  byId('lab-flow-form').addEventListener('submit', function (event) {
    event.preventDefault();
    loadLabFlow(Number(byId('lab-flow').value), null);
  });
  byId('lab-form').addEventListener('submit', onRun);
  byId('lab-clear').addEventListener('click', function () { clearTerminal(); byId('lab-command').focus(); });
  byId('lab-command').addEventListener('keydown', onHistoryKey);
  document.querySelectorAll('.chip[data-command]').forEach(function (chip) {
    chip.addEventListener('click', function () {
      byId('lab-command').value = chip.getAttribute('data-command');
      byId('lab-command').focus();
    });
  });
  var params = new URLSearchParams(location.search);
  var question = params.get('q') || load('question');
  if (params.get('flow')) loadLabFlow(Number(params.get('flow')), params.get('seed'));
  else if (question) loadLabQuestion(question);
  else noScenario();
};

function noScenario() {
  live(byId('lab-source'), function (el) { el.textContent = t('lab.none'); });
  byId('lab-flow-box').open = true;
}

async function loadLabQuestion(id) {
  try {
    var q = await api('/v1/questions/' + encodeURIComponent(id));
    setScenario({ scenario: q.scenario, computes: q.computes, seed: q.lab.seed, label: function () { return t('lab.fromQuestion', { title: tx(q.title) }); } });
  } catch (error) {
    if (error.status === 404 || error.status === 400) noScenario();
    else showError(error);
  }
}

async function loadLabFlow(n, seed) {
  try {
    var w = await api('/v1/flows/' + n + (seed ? '?seed=' + encodeURIComponent(seed) : ''));
    byId('lab-flow').value = String(n);
    history.replaceState(null, '', '/lab?flow=' + n + '&seed=' + encodeURIComponent(w.seed));
    setScenario({ scenario: w.scenario, computes: w.computes, seed: w.seed, label: function () { return t('lab.fromFlow', { n: n }) + ': ' + tx(w.title); } });
  } catch (error) {
    showError(error);
  }
}

/** Hosts: the nodes, then the instances the scenario creates (a server's name is the last word of its create line). */
function labHosts(s) {
  var hosts = ['controller'];
  for (var i = 1; i <= s.computes; i++) hosts.push('compute' + i);
  s.scenario.forEach(function (line) {
    var m = /^openstack server create\s.*\s(\S+)\s*$/.exec(line.trim());
    if (m && hosts.indexOf(m[1]) < 0) hosts.push(m[1]);
  });
  return hosts;
}

function setScenario(s) {
  LAB.scenario = s;
  live(byId('lab-source'), function (el) { el.textContent = s.label(); });
  live(byId('lab-scenario-summary'), function (el) { el.textContent = t('lab.scenario', { n: s.scenario.length }); });
  byId('lab-scenario').textContent = s.scenario.join('\n');
  byId('lab-scenario-box').hidden = false;
  byId('lab-host').replaceChildren.apply(byId('lab-host'), labHosts(s).map(function (name) { return h('option', { value: name }, name); }));
  byId('terminal-card').hidden = false;
  byId('lab-flow-box').open = false;
  clearTerminal();
}

function clearTerminal() { byId('terminal').replaceChildren(); }

function print(kind, text) {
  var terminal = byId('terminal');
  terminal.append(h('div', { class: kind }, text.replace(/\n$/, '')));
  terminal.scrollTop = terminal.scrollHeight;
}

async function onRun(event) {
  event.preventDefault();
  var input = byId('lab-command');
  var command = input.value.trim();
  if (!command || !LAB.scenario) return;
  var host = byId('lab-host').value;
  LAB.history.push(command);
  LAB.cursor = LAB.history.length;
  input.value = '';
  if (command === 'clear') { clearTerminal(); return; }
  print('prompt', host + '$ ' + command);
  var s = LAB.scenario;
  var run = byId('lab-form').querySelector('button[type=submit]');
  run.disabled = true;
  try {
    var out = await api('/v1/lab/exec', { body: { scenario: s.scenario, computes: s.computes, seed: s.seed, host: host, command: command } });
    if (out.stdout) print('stdout', out.stdout);
    if (out.stderr) print('stderr', out.stderr);
    if (out.exitCode !== 0) print('status', t('lab.exit', { code: out.exitCode }));
  } catch (error) {
    print('stderr', errorText(error));
  } finally {
    run.disabled = false;
    input.focus();
  }
}

function onHistoryKey(event) {
  if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
  if (!LAB.history.length) return;
  event.preventDefault();
  LAB.cursor = Math.max(0, Math.min(LAB.history.length, LAB.cursor + (event.key === 'ArrowUp' ? -1 : 1)));
  event.target.value = LAB.history[LAB.cursor] || '';
}
`;
