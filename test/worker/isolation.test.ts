/** Two learners: neither can see, answer, hint or peek at the other's questions, and nothing leaks into stats. */
import { describe, expect, it } from 'vitest';
import { solution } from '../../content/index';
import { api, expectProblem, signUp } from './http';
import { rowCounts } from './db';

const NOW = '2026-04-11T12:00:00Z';

describe('isolation between learners', () => {
  it("answers 404 for another learner's question on every route, and writes nothing", async () => {
    const alice = await signUp({ name: 'alice' });
    const bob = await signUp({ name: 'bob' });
    const q = (await (await api('/v1/questions', { key: alice.key, body: {}, now: NOW })).json()) as { id: string; family: string; seed: string };
    const before = await rowCounts();
    await expectProblem(await api(`/v1/questions/${q.id}`, { key: bob.key }), 404, 'not-found');
    await expectProblem(await api(`/v1/questions/${q.id}/hints`, { key: bob.key, method: 'POST' }), 404, 'not-found');
    await expectProblem(await api(`/v1/questions/${q.id}/solution`, { key: bob.key }), 404, 'not-found');
    await expectProblem(await api(`/v1/questions/${q.id}/answers`, { key: bob.key, body: { answer: solution(q.family, q.seed) } }), 404, 'not-found');
    expect(await rowCounts()).toEqual(before);

    // Alice's question is untouched: still open, no hint used, answerable.
    const mine = (await (await api(`/v1/questions/${q.id}`, { key: alice.key })).json()) as { status: string; hints: unknown[] };
    expect(mine).toMatchObject({ status: 'open', hints: [] });
    expect((await api(`/v1/questions/${q.id}/answers`, { key: alice.key, body: { answer: solution(q.family, q.seed) }, now: NOW })).status).toBe(201);

    const bobStats = (await (await api('/v1/stats', { key: bob.key, now: NOW })).json()) as { totals: { attempts: number } };
    expect(bobStats.totals.attempts).toBe(0);
    const bobMe = (await (await api('/v1/me', { key: bob.key })).json()) as { name: string };
    expect(bobMe.name).toBe('bob');
  });
});
