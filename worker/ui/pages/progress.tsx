/** The progress page's shell: today's numbers, the 14-day forecast, mastery per flow, what is due, leeches, and linking a chat. */
import { t, type Lang } from '../i18n';
import { NeedKey, Tr } from '../layout';

export function ProgressPage({ lang }: { lang: Lang }) {
  return (
    <>
      <NeedKey lang={lang} />
      <div id="progress" hidden>
        <ul class="tiles" aria-label={t(lang, 'progress.today')} data-i18n-label="progress.today">
          <li><span class="tile-value" id="p-streak">–</span> <span class="tile-label"><Tr lang={lang} k="progress.streak" /></span></li>
          <li><span class="tile-value" id="p-today">–</span> <span class="tile-label"><Tr lang={lang} k="progress.reviewsToday" /></span></li>
          <li><span class="tile-value" id="p-due-count">–</span> <span class="tile-label"><Tr lang={lang} k="progress.dueNow" /></span></li>
          <li><span class="tile-value" id="p-new">–</span> <span class="tile-label"><Tr lang={lang} k="progress.newAvailable" /></span></li>
        </ul>
        <p id="p-left"></p>
        <section aria-labelledby="forecast-title">
          <h2 id="forecast-title"><Tr lang={lang} k="progress.forecast" /></h2>
          <div id="p-forecast"></div>
        </section>
        <section aria-labelledby="mastery-title">
          <h2 id="mastery-title"><Tr lang={lang} k="progress.mastery" /></h2>
          <div class="table-wrap" id="p-mastery" role="group" aria-labelledby="mastery-title" tabindex={0}></div>
        </section>
        <section aria-labelledby="due-title">
          <h2 id="due-title"><Tr lang={lang} k="progress.dueList" /></h2>
          <ul id="p-due" class="plain"></ul>
          <p><a class="button" href="/"><Tr lang={lang} k="progress.practiseDue" /></a></p>
        </section>
        <section aria-labelledby="leeches-title">
          <h2 id="leeches-title"><Tr lang={lang} k="progress.leeches" /></h2>
          <ul id="p-leeches" class="plain"></ul>
        </section>
        <section aria-labelledby="link-title">
          <h2 id="link-title"><Tr lang={lang} k="progress.linkChat" /></h2>
          <p><Tr lang={lang} k="progress.linkChatHelp" /></p>
          <button type="button" id="p-link-code"><Tr lang={lang} k="progress.linkChatButton" /></button>
          <p id="p-link-result" role="status"></p>
        </section>
      </div>
    </>
  );
}
