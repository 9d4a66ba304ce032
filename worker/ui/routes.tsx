/**
 * The web tutor's pages and static files. Pages are server-rendered shells in
 * the learner's language; the client script fills them from the JSON API with
 * the key kept in the browser, so there are no server sessions. Everything is
 * gzipped as served; assets are immutable (their URL names their content).
 */
import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../env';
import { compressText } from '../http/compression';
import { assetAt } from './assets';
import { langOf } from './i18n';
import { Layout, type PageName } from './layout';
import { FlowsPage } from './pages/flows';
import { LabPage } from './pages/lab';
import { PracticePage } from './pages/practice';
import { ProgressPage } from './pages/progress';

export const uiRoutes = new Hono<AppEnv>();

const PAGES: Record<PageName, { path: string; body: typeof PracticePage }> = {
  practice: { path: '/', body: PracticePage },
  flows: { path: '/flows', body: FlowsPage },
  lab: { path: '/lab', body: LabPage },
  progress: { path: '/progress', body: ProgressPage },
};

const html = (c: Context<AppEnv>, page: PageName) => {
  const lang = langOf(c.req.header('cookie'), c.req.header('accept-language'));
  const Body = PAGES[page].body;
  const doc: Child = <Layout lang={lang} page={page}><Body lang={lang} /></Layout>;
  c.header('cache-control', 'no-cache');
  c.header('vary', 'cookie, accept-language');
  return c.html(`<!doctype html>${doc}`);
};

for (const [name, page] of Object.entries(PAGES) as [PageName, (typeof PAGES)[PageName]][]) {
  uiRoutes.get(page.path, compressText, (c) => html(c, name));
}

uiRoutes.get('/ui/:file', compressText, (c, next) => {
  const asset = assetAt(c.req.path);
  if (!asset) return next();
  c.header('content-type', asset.type);
  c.header('cache-control', 'public, max-age=31536000, immutable');
  return c.body(asset.body);
});
