/**
 * The practice page's shell: sign-up (or an existing key), the flow picker
 * and the empty question area the client script fills from the API.
 */
import { t, type Lang } from '../i18n';
import { Tr } from '../layout';

const FLOWS = [1, 2, 3, 4, 5, 6, 7, 8];

export function PracticePage({ lang }: { lang: Lang }) {
  return (
    <>
      <section id="signup" class="card" aria-labelledby="signup-title" hidden>
        <h2 id="signup-title"><Tr lang={lang} k="signup.title" /></h2>
        <p><Tr lang={lang} k="signup.intro" /></p>
        <form id="signup-form" class="stack">
          <div class="field">
            <label for="signup-name"><Tr lang={lang} k="signup.name" /></label>
            <input id="signup-name" name="name" maxlength={80} autocomplete="nickname" />
          </div>
          <div class="field">
            <label for="signup-timezone"><Tr lang={lang} k="signup.timezone" /></label>
            <input id="signup-timezone" name="timezone" maxlength={64} autocomplete="off" spellcheck={false} aria-describedby="signup-error" />
          </div>
          <p id="signup-error" class="field-error" hidden></p>
          <div><button type="submit" class="primary"><Tr lang={lang} k="signup.submit" /></button></div>
        </form>
        <details class="have-key">
          <summary><Tr lang={lang} k="signup.haveKey" /></summary>
          <form id="key-form" class="stack">
            <div class="field">
              <label for="key-input"><Tr lang={lang} k="signup.key" /></label>
              <input id="key-input" name="key" class="mono" autocomplete="off" spellcheck={false} autocapitalize="off" aria-describedby="key-error" required />
            </div>
            <p id="key-error" class="field-error" hidden><Tr lang={lang} k="signup.badKey" /></p>
            <div><button type="submit"><Tr lang={lang} k="signup.useKey" /></button></div>
          </form>
        </details>
      </section>

      <section id="new-key" class="card notice" aria-labelledby="new-key-title" hidden>
        <h2 id="new-key-title" tabindex={-1}><span id="welcome"></span></h2>
        <p><Tr lang={lang} k="signup.created" /></p>
        <p class="key-line"><code id="new-key-value" class="mono"></code> <button type="button" id="copy-key"><Tr lang={lang} k="signup.copy" /></button></p>
        <p><button type="button" id="key-saved"><Tr lang={lang} k="signup.keySaved" /></button></p>
      </section>

      <section id="practice" aria-labelledby="picker-title" hidden>
        <form id="next-form" class="picker">
          <details id="flow-picker" open>
            <summary id="picked-flows">{t(lang, 'flows.picked', { flows: t(lang, 'flows.all') })}</summary>
            <fieldset>
              <legend id="picker-title" class="visually-hidden"><Tr lang={lang} k="flows.legend" /></legend>
              <p class="hint"><Tr lang={lang} k="flows.hint" /></p>
              <div class="flow-grid">
                {FLOWS.map((n) => (
                  <label class="check">
                    <input type="checkbox" name="flow" value={String(n)} />
                    <span><span class="flow-no">{n}</span> <Tr lang={lang} k={`flow.${n}`} /></span>
                  </label>
                ))}
              </div>
            </fieldset>
          </details>
          <button type="submit" class="primary" id="next-button"><Tr lang={lang} k="next" /></button>
        </form>
        <p id="nothing" class="notice" role="status" hidden></p>
        <article id="question" aria-labelledby="q-title" hidden></article>
      </section>
      <p id="boot-status" class="hint">{t(lang, 'loading')}</p>
    </>
  );
}
