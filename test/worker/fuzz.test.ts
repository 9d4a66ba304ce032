/**
 * Hostile input at every route: random and malformed bodies, headers, paths,
 * unicode, huge numbers and deep JSON. Never a 5xx; every error is a
 * problem+json with its status; a rejected request writes nothing.
 * FUZZ_RUNS sets the number of requests (CI runs a short form).
 */
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowCounts } from './db';
import { send, signUp } from './http';

const RUNS = Number((env as { FUZZ_RUNS?: string }).FUZZ_RUNS || 150);
/** Set by `npm run fuzz`, which runs the long form as several batches, each with its own seed. */
const SEED = Number((env as { FUZZ_SEED?: string }).FUZZ_SEED) || undefined;

const ROUTES = [
  '/v1/learners', '/v1/me', '/v1/me/keys', '/v1/me/keys/{id}', '/v1/me/link-codes', '/v1/questions', '/v1/questions/{id}', '/v1/questions/{id}/hints',
  '/v1/questions/{id}/answers', '/v1/questions/{id}/solution', '/v1/reviews/due', '/v1/stats', '/v1/flows', '/v1/flows/{n}',
  '/v1/lab/exec', '/v1/chat', '/mcp', '/chat/telegram', '/chat/discord', '/chat/slack', '/chat/wechat', '/chat/{id}',
  '/healthz', '/openapi.json', '/problems/{id}', '/{id}', '/v1/{id}', '/', '/ui/{id}',
];

const keys: string[] = [];
const questionIds: string[] = [];

const deepJson = fc.integer({ min: 1, max: 20_000 }).chain((depth) => fc.constantFrom(`${'['.repeat(depth)}${']'.repeat(depth)}`, `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`, `{"answer":${'['.repeat(depth)}${']'.repeat(depth)}}`));
const hugeNumbers = fc.constantFrom('1e400', '-1e400', '123456789012345678901234567890', '-0', '0.0000000000000000000001', 'NaN', 'Infinity');
const fieldValues = fc.oneof(fc.jsonValue(), hugeNumbers.map(Number), fc.string({ unit: 'grapheme', maxLength: 50 }), fc.string({ maxLength: 3000 }));
const plausibleBody = fc.dictionary(
  fc.constantFrom('answer', 'durationMs', 'flow', 'family', 'difficulty', 'mode', 'name', 'locale', 'timezone', 'newPerDay', 'desiredRetention', 'scenario', 'host', 'command', 'computes', 'seed', '__proto__', 'constructor', 'x'),
  fieldValues,
  { maxKeys: 6 },
).map((o) => JSON.stringify(o));
const body = fc.oneof(
  plausibleBody,
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  deepJson,
  hugeNumbers.map((n) => `{"durationMs": ${n}, "answer": ${n}, "flow": ${n}}`),
  fc.constant(''),
  fc.constant('{"answer": "\u0000\ud800"}'),
);
const id = fc.oneof(
  fc.constant('{question}'), fc.uuid(), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('..', '%00', '%2e%2e', '0', '-1', '99', 'a'.repeat(3000), '%F0%9F%92%A9', '%ZZ'),
);
const header = fc.record({
  auth: fc.oneof(fc.constant('valid'), fc.constant('none'), fc.string({ maxLength: 80 }), fc.constant(`Bearer st_${'x'.repeat(43)}`)),
  contentType: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', '', 'application/x-www-form-urlencoded', 'APPLICATION/JSON', 'application/json\u0000'),
  idempotencyKey: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
  testNow: fc.option(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.string({ maxLength: 30 })), { nil: undefined }),
});

const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS', 'HEAD'),
  route: fc.constantFrom(...ROUTES),
  id,
  query: fc.option(fc.string({ maxLength: 60 }), { nil: undefined }),
  body: fc.option(body, { nil: undefined }),
  header,
  who: fc.nat(),
});

function safeHeader(value: string): string | undefined {
  // fetch refuses header values with control characters or non-Latin-1; a client could not send them either.
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(value) ? value : undefined;
}

describe('fuzzing every route', () => {
  beforeAll(async () => {
    for (let i = 0; i < 6; i++) {
      const { key } = await signUp();
      keys.push(key);
      const q = await send('/v1/questions', { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: '{}' });
      questionIds.push(((await q.json()) as { id: string }).id);
    }
  });

  it(`never answers 5xx, and writes nothing when it refuses (${RUNS} requests)`, async () => {
    await fc.assert(fc.asyncProperty(request, async (r) => {
      const who = r.who % keys.length;
      const idValue = r.id === '{question}' ? questionIds[who]! : r.id;
      const path = r.route.replace('{id}', encodeURIComponent(idValue).replace(/%25/g, '%')).replace('{n}', idValue) + (r.query ? `?${encodeURIComponent(r.query)}` : '');
      const headers: Record<string, string> = {};
      if (r.header.auth === 'valid') headers['authorization'] = `Bearer ${keys[who]}`;
      else if (r.header.auth !== 'none' && safeHeader(r.header.auth)) headers['authorization'] = r.header.auth;
      if (r.header.contentType && safeHeader(r.header.contentType)) headers['content-type'] = r.header.contentType;
      if (r.header.idempotencyKey !== undefined && safeHeader(r.header.idempotencyKey)) headers['idempotency-key'] = r.header.idempotencyKey;
      if (r.header.testNow !== undefined && safeHeader(r.header.testNow)) headers['x-test-now'] = r.header.testNow;
      headers['cf-connecting-ip'] = `198.18.${who}.1`;
      const hasBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD';
      const before = await rowCounts();
      let response: Response;
      try {
        response = await send(path, { method: r.method, headers, ...(hasBody ? { body: r.body } : {}) });
      } catch (e) {
        // A URL fetch itself refuses (e.g. invalid percent-encoding in the host part) never reaches the worker.
        if (e instanceof TypeError) return;
        throw e;
      }
      const text = await response.text();
      expect(response.status, `${r.method} ${path} → ${text.slice(0, 300)}`).toBeLessThan(500);
      if (response.status >= 400 && r.method !== 'HEAD') {
        if (path.startsWith('/mcp') && response.headers.get('content-type')?.startsWith('application/json')) {
          // MCP speaks JSON-RPC: its transport errors are JSON-RPC error objects, as the protocol says.
          expect((JSON.parse(text) as { error?: { message: string } }).error?.message, `${r.method} ${path}`).toBeTruthy();
        } else {
          expect(response.headers.get('content-type'), `${r.method} ${path}`).toBe('application/problem+json');
          const problem = JSON.parse(text) as { status: number; type: string; detail: string };
          expect(problem.status).toBe(response.status);
          expect(problem.detail.length).toBeGreaterThan(0);
        }
        expect(await rowCounts(), `${r.method} ${path} wrote despite ${response.status}`).toEqual(before);
      }
    }), { numRuns: RUNS, ...(SEED ? { seed: SEED } : {}) });
  }, 60_000 + RUNS * 1000);
});
