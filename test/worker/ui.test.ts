/** The web tutor's pages and static files, as the worker serves them. */
import { describe, expect, it } from 'vitest';
import { send } from './http';

const PAGES: [string, string][] = [['/', 'Practice'], ['/flows', 'Flows'], ['/lab', 'Lab'], ['/progress', 'Progress']];

describe('web tutor pages', () => {
  it('serves every page as a server-rendered shell with landmarks, external script and styles only', async () => {
    for (const [path, title] of PAGES) {
      const response = await send(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await response.text();
      expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
      expect(html).toContain(`<title>${title} · StackTutor</title>`);
      for (const landmark of ['<header', '<nav aria-label="Main"', '<main id="main"', '<footer']) expect(html).toContain(landmark);
      expect(html).toMatch(new RegExp(`<a href="${path}" aria-current="page">`));
      // No inline script: the page works under script-src 'self'.
      expect(html.match(/<script[^>]*>/g)).toEqual([expect.stringMatching(/^<script src="\/ui\/app\.[0-9a-f]{8}\.js" defer="">$/)]);
      expect(html).not.toMatch(/\son[a-z]+=/);
    }
  });

  it('renders in the language the learner chose (cookie), else the browser prefers', async () => {
    const zh = await (await send('/progress', { headers: { cookie: 'st_lang=zh' } })).text();
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain('<h1><span data-i18n="nav.progress">进度</span></h1>');
    expect(await (await send('/', { headers: { 'accept-language': 'zh-CN,zh;q=0.9' } })).text()).toContain('<html lang="zh-CN">');
    expect(await (await send('/', { headers: { 'accept-language': 'zh-CN', cookie: 'st_lang=en' } })).text()).toContain('<html lang="en">');
  });

  it('serves the script, styles and icon at content-hashed, immutable URLs, gzipped when accepted', async () => {
    const html = await (await send('/')).text();
    const paths = html.match(/\/ui\/[a-z]+\.[0-9a-f]{8}\.(js|css|svg)/g)!;
    expect(paths).toHaveLength(3);
    const types: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' };
    for (const path of paths) {
      const response = await send(path, { headers: { 'accept-encoding': 'gzip' } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(types[path.split('.').pop()!]);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-encoding')).toBe('gzip');
      expect((await response.text()).length).toBeGreaterThan(100);
    }
    expect((await send(paths[0]!)).headers.get('content-encoding')).toBeNull();
    const stale = await send('/ui/app.00000000.js');
    expect(stale.status).toBe(404);
    expect(stale.headers.get('content-type')).toBe('application/problem+json');
  });
});
