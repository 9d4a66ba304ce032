/**
 * Compression for what a browser loads: pages, script, styles, SVG. The
 * Workers runtime compresses a body itself when the response names a
 * Content-Encoding (`encodeBody: "automatic"`, the default), so this only
 * names gzip when the client accepts it; compressing here as well would
 * encode the body twice.
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';

const COMPRESSIBLE = /^(text\/|image\/svg\+xml|application\/(json|javascript|problem\+json))/i;

export const compressText = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const accepted = /\bgzip\b/i.test(c.req.header('accept-encoding') ?? '');
  const type = c.res.headers.get('content-type') ?? '';
  if (!accepted || c.res.headers.has('content-encoding') || !COMPRESSIBLE.test(type)) return;
  c.res.headers.set('content-encoding', 'gzip');
  c.res.headers.append('vary', 'accept-encoding');
});
