/** The lab page's shell: where the scenario comes from, and a terminal that runs commands on it. */
import { t, type Lang } from '../i18n';
import { NeedKey, Tr } from '../layout';

const TRY = ['ip netns', 'brctl show', 'ip -br addr', 'bridge fdb show', 'iptables -S', 'virsh list', 'openstack network agent list'];

export function LabPage({ lang }: { lang: Lang }) {
  return (
    <>
      <NeedKey lang={lang} />
      <p class="lead"><Tr lang={lang} k="lab.intro" /></p>
      <section id="lab-source-card" class="card" aria-labelledby="lab-source-title" hidden>
        <h2 id="lab-source-title"><Tr lang={lang} k="lab.source" /></h2>
        <p id="lab-source"></p>
        <details id="lab-scenario-box" hidden>
          <summary id="lab-scenario-summary"></summary>
          <pre id="lab-scenario" class="code-block" tabindex={0}></pre>
        </details>
        <details id="lab-flow-box">
          <summary><Tr lang={lang} k="lab.other" /></summary>
          <form id="lab-flow-form" class="inline-form">
            <label for="lab-flow"><Tr lang={lang} k="lab.pickFlow" /></label>
            <select id="lab-flow" name="flow">
              {[1, 2, 3, 4, 5, 6, 7, 8].map((n) => <option value={String(n)} data-i18n={`flow.${n}`} data-prefix={`${n}. `}>{`${n}. ${t(lang, `flow.${n}`)}`}</option>)}
            </select>
            <button type="submit"><Tr lang={lang} k="lab.load" /></button>
          </form>
        </details>
      </section>
      <section id="terminal-card" aria-labelledby="terminal-title" hidden>
        <h2 id="terminal-title"><Tr lang={lang} k="lab.output" /></h2>
        <div id="terminal" class="terminal" role="log" aria-live="polite" aria-labelledby="terminal-title" tabindex={0}></div>
        <form id="lab-form" class="prompt-line">
          <div class="field host">
            <label for="lab-host"><Tr lang={lang} k="lab.host" /></label>
            <select id="lab-host" name="host"></select>
          </div>
          <div class="field command">
            <label for="lab-command"><Tr lang={lang} k="lab.command" /></label>
            <input id="lab-command" name="command" class="mono" autocomplete="off" autocapitalize="off" spellcheck={false} enterkeyhint="send" maxlength={2000} aria-describedby="lab-help" required />
          </div>
          <div class="buttons">
            <button type="submit" class="primary"><Tr lang={lang} k="lab.run" /></button>
            <button type="button" id="lab-clear"><Tr lang={lang} k="lab.clear" /></button>
          </div>
        </form>
        <p id="lab-help" class="hint"><Tr lang={lang} k="lab.historyHelp" /></p>
        <p class="chips"><span><Tr lang={lang} k="lab.try" />:</span> {TRY.map((cmd) => <button type="button" class="chip mono" data-command={cmd}>{cmd}</button>)}</p>
      </section>
    </>
  );
}
