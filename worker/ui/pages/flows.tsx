/** The flows page's shell: pick a flow; the client shows its walkthrough, sequence diagram and packet walk. */
import { t, type Lang } from '../i18n';
import { NeedKey, Tr } from '../layout';

export function FlowsPage({ lang }: { lang: Lang }) {
  return (
    <>
      <NeedKey lang={lang} />
      <form id="flow-form" class="inline-form" hidden>
        <label for="flow-select"><Tr lang={lang} k="flows.pick" /></label>
        <select id="flow-select" name="flow">
          {[1, 2, 3, 4, 5, 6, 7, 8].map((n) => <option value={String(n)} data-i18n={`flow.${n}`} data-prefix={`${n}. `}>{`${n}. ${t(lang, `flow.${n}`)}`}</option>)}
        </select>
        <button type="submit"><Tr lang={lang} k="flows.show" /></button>
      </form>
      <article id="flow-view" aria-labelledby="flow-title" hidden>
        <h2 id="flow-title" tabindex={-1}></h2>
        <p id="flow-summary" class="lead"></p>
        <section aria-labelledby="seq-title">
          <h3 id="seq-title"></h3>
          <div id="seq-diagram" class="diagram"></div>
        </section>
        <section id="walk-section" aria-labelledby="walk-title" hidden>
          <h3 id="walk-title"><Tr lang={lang} k="diagram.walk" /></h3>
          <div id="walk-diagram" class="diagram"></div>
        </section>
        <section aria-labelledby="steps-title">
          <h3 id="steps-title"><Tr lang={lang} k="flows.steps" /></h3>
          <ol id="flow-steps" class="steps"></ol>
        </section>
        <section aria-labelledby="reality-title">
          <h3 id="reality-title"><Tr lang={lang} k="flows.reality" /></h3>
          <div id="flow-reality"></div>
        </section>
        <p class="actions">
          <a id="flow-lab" class="button" href="/lab"><Tr lang={lang} k="lab.open" /></a>
          <button type="button" id="flow-another"><Tr lang={lang} k="flows.another" /></button>
        </p>
      </article>
    </>
  );
}
