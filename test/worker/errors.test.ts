/** Every error status the API promises, as problem+json, with nothing written on failure. */
import { describe, expect, it } from 'vitest';
import { api, expectProblem, send, signUp } from './http';
import { rowCounts } from './db';

const NOW = '2026-04-12T12:00:00Z';

async function unchanged(action: () => Promise<void>): Promise<void> {
  const before = await rowCounts();
  await action();
  expect(await rowCounts()).toEqual(before);
}

describe('error responses', () => {
  it('400 names the offending field, for bodies, paths, headers and answers', async () => {
    const { key } = await signUp();
    const q = (await (await api('/v1/questions', { key, body: { flow: 2 }, now: NOW })).json()) as { id: string; answerFormat: { type: string } };
    await unchanged(async () => {
      const cases: Array<[Promise<Response>, string]> = [
        [api('/v1/learners', { body: { timezone: 'Mars/Olympus' }, headers: { 'cf-connecting-ip': '203.0.113.77' } }), 'timezone'],
        [api('/v1/me', { key, method: 'PATCH', body: { desiredRetention: 2 } }), 'desiredRetention'],
        [api('/v1/me', { key, method: 'PATCH', body: { newPerday: 3 } }), 'newPerday'],
        [api('/v1/questions', { key, body: { flow: 9 } }), 'flow'],
        [api('/v1/questions', { key, body: { family: 'f9-nope' } }), 'family'],
        [api('/v1/questions', { key, body: { mode: 'later' } }), 'mode'],
        [api('/v1/questions/not-a-uuid', { key }), 'path.id'],
        [api(`/v1/questions/${q.id}/answers`, { key, body: {} }), 'answer'],
        [api(`/v1/questions/${q.id}/answers`, { key, body: { answer: 'x', durationMs: -1 } }), 'durationMs'],
        [api(`/v1/questions/${q.id}/answers`, { key, body: { answer: 'x' }, headers: { 'idempotency-key': 'has space' } }), 'header.idempotency-key'],
        [api(`/v1/questions/${q.id}/answers`, { key, body: { answer: 42 } }), 'answer'],
      ];
      for (const [request, path] of cases) {
        const body = await expectProblem(await request, 400);
        expect(body.issues?.map((i) => i.path), JSON.stringify(body)).toContain(path);
      }
      await expectProblem(await api('/v1/questions', { key, body: '{"flow": ' }), 400, 'invalid-json');
    });
  });

  it('401 without a key, with a malformed header, or with an unknown key', async () => {
    await unchanged(async () => {
      for (const authorization of [undefined, 'st_abc', 'Basic dXNlcjpwYXNz', 'Bearer nope', `Bearer st_${'A'.repeat(43)}`]) {
        const r = await send('/v1/me', authorization ? { headers: { authorization } } : {});
        await expectProblem(r, 401, 'unauthorized');
        expect(r.headers.get('www-authenticate')).toContain('Bearer');
      }
    });
  });

  it('404 for a question that does not exist, and when nothing can be asked', async () => {
    const { key } = await signUp();
    await unchanged(async () => {
      await expectProblem(await api(`/v1/questions/${crypto.randomUUID()}`, { key }), 404, 'not-found');
      await expectProblem(await api(`/v1/questions/${crypto.randomUUID()}/answers`, { key, body: { answer: 'a' } }), 404, 'not-found');
      const nothing = await expectProblem(await api('/v1/questions', { key, body: { mode: 'due' }, now: NOW }), 404, 'nothing-to-ask');
      expect(nothing.nextDueAt).toBeNull();
    });
  });

  it('409 when the hints run out', async () => {
    const { key } = await signUp();
    const q = (await (await api('/v1/questions', { key, body: { family: 'f7-fix-snat' }, now: NOW })).json()) as { id: string; hintsAvailable: number };
    expect(q.hintsAvailable).toBeGreaterThan(0);
    for (let i = 0; i < q.hintsAvailable; i++) expect((await api(`/v1/questions/${q.id}/hints`, { key, method: 'POST' })).status).toBe(200);
    await unchanged(async () => {
      await expectProblem(await api(`/v1/questions/${q.id}/hints`, { key, method: 'POST' }), 409, 'no-more-hints');
    });
  });

  it('413 for a body over 64 KB and 415 for one that is not JSON', async () => {
    const { key } = await signUp();
    const q = (await (await api('/v1/questions', { key, body: {}, now: NOW })).json()) as { id: string };
    await unchanged(async () => {
      await expectProblem(await api(`/v1/questions/${q.id}/answers`, { key, body: { answer: 'x'.repeat(70 * 1024) } }), 413, 'payload-too-large');
      await expectProblem(await api(`/v1/questions/${q.id}/answers`, { key, body: 'answer=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported-media-type');
      await expectProblem(await api('/v1/learners', { body: 'name=x', headers: { 'content-type': 'text/plain', 'cf-connecting-ip': '203.0.113.78' } }), 415, 'unsupported-media-type');
    });
  });

  it('429 past the sign-up limit per address, with Retry-After, and no learner created', async () => {
    const from = { 'cf-connecting-ip': '192.0.2.200' };
    for (let i = 0; i < 10; i++) expect((await api('/v1/learners', { body: {}, headers: from })).status).toBe(201);
    await unchanged(async () => {
      const r = await api('/v1/learners', { body: {}, headers: from });
      await expectProblem(r, 429, 'rate-limited');
      expect(r.headers.get('retry-after')).toBe('60');
    });
  });

  it('429 past the per-key limit', async () => {
    const { key } = await signUp();
    let limited: Response | undefined;
    for (let i = 0; i < 130 && !limited; i++) {
      const r = await api('/v1/me', { key });
      if (r.status === 429) limited = r;
      else expect(r.status).toBe(200);
    }
    expect(limited).toBeDefined();
    await expectProblem(limited!, 429, 'rate-limited');
  });
});
