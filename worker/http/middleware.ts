/** Per-request plumbing: the clock, the database handle, body limits, API-key auth and rate limits. */
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { openDb } from '../db/client';
import type { KeyCache } from '../auth/key-cache';
import type { AppEnv } from '../env';
import { looksLikeApiKey, sha256Hex } from '../auth/api-key';
import { learnerByKeyHash } from '../tutor/learners';
import { Problem } from './problem';

export const MAX_BODY_BYTES = 64 * 1024;

/** `now` for the request (the real clock, or `x-test-now` where the test configuration allows it), D1 and the isolate's key cache. */
export const requestContext = (keyCache: KeyCache) => createMiddleware<AppEnv>(async (c, next) => {
  c.set('keyCache', keyCache);
  const override = c.env.TEST_CLOCK === '1' ? c.req.header('x-test-now') : undefined;
  const now = override === undefined ? Date.now() : Date.parse(override);
  if (Number.isNaN(now)) throw new Problem('invalid-request', 'x-test-now is not a date', { issues: [{ path: 'header.x-test-now', message: 'not an ISO date' }] });
  c.set('now', now);
  c.set('db', openDb(c.env.DB));
  await next();
});

/** Bodies over 64 KB are refused before they are read; bodies must be JSON. */
export const jsonBodyGuard = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'DELETE' || c.req.method === 'OPTIONS') return next();
  const type = (c.req.header('content-type') ?? '').split(';', 1)[0]!.trim().toLowerCase();
  const declared = Number(c.req.header('content-length') ?? NaN);
  const empty = declared === 0 || (c.req.raw.body === null);
  if (!empty && type !== 'application/json') {
    throw new Problem('unsupported-media-type', `content-type must be application/json, got ${JSON.stringify(c.req.header('content-type') ?? '(none)')}`, { issues: [{ path: 'header.content-type', message: 'must be application/json' }] });
  }
  return limitBody(c, next);
});

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new Problem('payload-too-large', `the body exceeds ${MAX_BODY_BYTES} bytes`, { issues: [{ path: 'body', message: `must be at most ${MAX_BODY_BYTES} bytes` }] });
  },
});

const unauthorized = (detail: string) => new Problem('unauthorized', detail, {}, { 'www-authenticate': 'Bearer realm="stacktutor"' });

/** `Authorization: Bearer st_…` → the learner; every /v1 route but sign-up needs it. */
export const requireLearner = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization');
  if (!header) throw unauthorized('send the API key as "Authorization: Bearer <key>"');
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorized('the Authorization header must be "Bearer <key>"');
  const key = match[1]!;
  if (!looksLikeApiKey(key)) throw unauthorized('this API key is not valid (unknown or revoked)');
  const hash = await sha256Hex(key);
  let found = c.var.keyCache.get(hash, c.var.now);
  if (!found) {
    const row = await learnerByKeyHash(c.var.db, hash);
    if (!row) throw unauthorized('this API key is not valid (unknown or revoked)');
    c.var.keyCache.set(hash, row.learner, row.apiKeyId, c.var.now);
    found = { ...row, expires: 0 };
  }
  c.set('learner', found.learner);
  c.set('apiKeyId', found.apiKeyId);
  await limit(c.env.KEY_RATE_LIMITER, `key:${found.apiKeyId}`);
  await next();
});

/** Sign-ups per client address (Cloudflare sets cf-connecting-ip; clients cannot). */
export const limitByIp = createMiddleware<AppEnv>(async (c, next) => {
  await limit(c.env.IP_RATE_LIMITER, `ip:${c.req.header('cf-connecting-ip') ?? 'unknown'}`);
  await next();
});

async function limit(limiter: RateLimit | undefined, key: string): Promise<void> {
  if (!limiter) return;
  const { success } = await limiter.limit({ key });
  if (!success) throw new Problem('rate-limited', 'too many requests; slow down and retry in a minute', {}, { 'retry-after': '60' });
}
