/**
 * The page shell every tutor page shares: landmarks (banner, navigation,
 * main, contentinfo), a skip link, the language switch, and one polite live
 * region the client script announces through. Strings carry `data-i18n` so
 * the client can switch language without a reload.
 */
import type { Child } from 'hono/jsx';
import { ASSETS } from './assets';
import { HTML_LANG, t, type Key, type Lang } from './i18n';

export type PageName = 'practice' | 'flows' | 'lab' | 'progress';

const NAV: { page: PageName; href: string; key: Key }[] = [
  { page: 'practice', href: '/', key: 'nav.practice' },
  { page: 'flows', href: '/flows', key: 'nav.flows' },
  { page: 'lab', href: '/lab', key: 'nav.lab' },
  { page: 'progress', href: '/progress', key: 'nav.progress' },
];

/** A translated text node the client can re-translate. */
export const Tr = ({ lang, k }: { lang: Lang; k: Key | `flow.${number}` }) => <span data-i18n={k}>{t(lang, k)}</span>;

export function Layout({ lang, page, children }: { lang: Lang; page: PageName; children: Child }) {
  const other: Lang = lang === 'en' ? 'zh' : 'en';
  const title = NAV.find((n) => n.page === page)!.key;
  return (
    <html lang={HTML_LANG[lang]}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${t(lang, title)} · StackTutor`}</title>
        <meta name="description" content={t(lang, 'app.tagline')} />
        <meta name="color-scheme" content="light" />
        <link rel="icon" href={ASSETS.icon.path} type="image/svg+xml" />
        <link rel="stylesheet" href={ASSETS.css.path} />
        <script src={ASSETS.js.path} defer></script>
      </head>
      <body data-page={page}>
        <a class="skip" href="#main"><Tr lang={lang} k="skip" /></a>
        <header class="top">
          <a class="brand" href="/">StackTutor</a>
          <nav aria-label={t(lang, 'nav.label')} data-i18n-label="nav.label">
            <ul>
              {NAV.map((n) => (
                <li><a href={n.href} aria-current={n.page === page ? 'page' : undefined}><Tr lang={lang} k={n.key} /></a></li>
              ))}
            </ul>
          </nav>
          <div class="tools">
            <button type="button" id="lang-switch" class="quiet">
              <span class="visually-hidden"><Tr lang={lang} k="lang.switch" /> </span>
              <span id="lang-other" lang={HTML_LANG[other]} data-i18n="lang.other">{t(lang, 'lang.other')}</span>
            </button>
            <button type="button" id="sign-out" class="quiet" hidden><Tr lang={lang} k="signout" /></button>
          </div>
        </header>
        <main id="main" tabindex={-1}>
          <h1><Tr lang={lang} k={title} /></h1>
          <noscript><p class="notice"><Tr lang={lang} k="noscript" /></p></noscript>
          <p id="page-error" class="notice error" role="alert" hidden></p>
          {children}
        </main>
        <footer class="bottom">
          <p><Tr lang={lang} k="footer" /> <a href="/docs"><Tr lang={lang} k="footer.api" /></a></p>
        </footer>
        <div id="announcer" class="visually-hidden" role="status" aria-live="polite"></div>
      </body>
    </html>
  );
}

/** Shown by the client on pages that need an API key when there is none. */
export const NeedKey = ({ lang }: { lang: Lang }) => (
  <p id="need-key" class="notice" hidden>
    <Tr lang={lang} k="needKey" /> <a href="/"><Tr lang={lang} k="needKey.link" /></a>
  </p>
);
