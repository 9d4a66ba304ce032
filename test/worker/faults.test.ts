/**
 * D1 failing under the worker: a failed write leaves nothing half written and
 * the client gets a 503 problem it can retry with the same Idempotency-Key;
 * a failed read is a 503 as well, never a 500.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { solution } from '../../content/index';
import { createApp } from '../../worker/app';
import type { Env } from '../../worker/env';
import { rowCounts, rows } from './db';
import { signUp } from './http';

type Fault = 'batch-rolled-back' | 'batch-lost' | 'read';

/**
 * The real D1 with one injected failure. 'batch-rolled-back' runs the real batch with a failing
 * statement appended, so D1 itself aborts it; 'batch-lost' throws before the batch reaches D1;
 * 'read' makes the next single query fail.
 */
function faultyDb(real: D1Database, fault: Fault): { db: D1Database; fired: () => boolean } {
  let fired = false;
  const db = new Proxy(real, {
    get(target, prop) {
      if (prop === 'batch') {
        return async (statements: D1PreparedStatement[]) => {
          if (fired) return target.batch(statements);
          fired = true;
          if (fault === 'batch-lost') throw new Error('D1_ERROR: Network connection lost.');
          if (fault === 'batch-rolled-back') return target.batch([...statements, target.prepare('INSERT INTO no_such_table VALUES (1)')]);
          return target.batch(statements);
        };
      }
      if (prop === 'prepare' && fault === 'read') {
        return (sql: string) => {
          const statement = target.prepare(sql);
          if (fired || !/^select/i.test(sql)) return statement;
          fired = true;
          return new Proxy(statement, {
            get(s, p) {
              if (p === 'bind') return (...args: unknown[]) => { const bound = s.bind(...args); return failingReads(bound); };
              return failingReads(s)[p as keyof D1PreparedStatement];
            },
          });
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db, fired: () => fired };
}

function failingReads(statement: D1PreparedStatement): D1PreparedStatement {
  const fail = async () => { throw new Error('D1_ERROR: storage operation exceeded timeout'); };
  return new Proxy(statement, { get: (s, p) => (p === 'all' || p === 'raw' || p === 'first' || p === 'run' ? fail : Reflect.get(s, p)) });
}

async function call(app: ReturnType<typeof createApp>, testEnv: Env, path: string, key: string, body?: unknown, headers: Record<string, string> = {}) {
  return app.request(`http://stacktutor.test${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }, testEnv);
}

describe('D1 failures', () => {
  for (const fault of ['batch-rolled-back', 'batch-lost'] as const) {
    it(`an answer whose write fails (${fault}) is a retryable 503, and the retry is graded exactly once`, async () => {
      const { key } = await signUp();
      const app = createApp();
      const q = (await (await call(app, env as Env, '/v1/questions', key, {})).json()) as { id: string; family: string; seed: string };
      const answer = { answer: solution(q.family, q.seed) };
      const before = await rowCounts();

      const broken = faultyDb(env.DB, fault);
      const failed = await call(app, { ...(env as Env), DB: broken.db }, `/v1/questions/${q.id}/answers`, key, answer, { 'idempotency-key': 'retry-me' });
      expect(broken.fired()).toBe(true);
      expect(failed.status).toBe(503);
      expect(failed.headers.get('content-type')).toBe('application/problem+json');
      expect(failed.headers.get('retry-after')).toBe('1');
      expect(((await failed.json()) as { type: string }).type).toBe('/problems/unavailable');
      expect(await rowCounts()).toEqual(before);
      expect(await rows('select closed_at from questions where id = ?', q.id)).toEqual([{ closed_at: null }]);

      const retried = await call(app, env as Env, `/v1/questions/${q.id}/answers`, key, answer, { 'idempotency-key': 'retry-me' });
      expect(retried.status).toBe(201);
      const again = await call(app, env as Env, `/v1/questions/${q.id}/answers`, key, answer, { 'idempotency-key': 'retry-me' });
      expect(await again.json()).toEqual(await retried.json());
      expect(await rows('select id from attempts where question_id = ?', q.id)).toHaveLength(1);
      expect(await rows('select id from review_logs where question_id = ?', q.id)).toHaveLength(1);
    });
  }

  it('a failed read is a 503, not a 500, and writes nothing', async () => {
    const { key } = await signUp();
    const app = createApp();
    const before = await rowCounts();
    const broken = faultyDb(env.DB, 'read');
    const r = await call(app, { ...(env as Env), DB: broken.db }, '/v1/questions', key, {});
    expect(broken.fired()).toBe(true);
    expect(r.status).toBe(503);
    expect(await rowCounts()).toEqual(before);
  });

  it('a failed sign-up creates neither a learner nor a key', async () => {
    const app = createApp();
    const before = await rowCounts();
    const broken = faultyDb(env.DB, 'batch-rolled-back');
    const r = await app.request('http://stacktutor.test/v1/learners', { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': '192.0.2.77' }, body: '{}' }, { ...(env as Env), DB: broken.db });
    expect(r.status).toBe(503);
    expect(await rowCounts()).toEqual(before);
  });
});
