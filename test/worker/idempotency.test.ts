/** Answers are graded once: retries with the same Idempotency-Key replay, races write one attempt. */
import { describe, expect, it } from 'vitest';
import { solution } from '../../content/index';
import { api, expectProblem, signUp } from './http';
import { rowCounts, rows } from './db';

interface Q { id: string; family: string; seed: string }
const NOW = '2026-04-10T12:00:00Z';

async function freshQuestion(key: string): Promise<Q> {
  return (await (await api('/v1/questions', { key, body: {}, now: NOW })).json()) as Q;
}

const answer = (key: string, q: Q, value: unknown, idempotencyKey?: string) =>
  api(`/v1/questions/${q.id}/answers`, { key, body: { answer: value }, now: NOW, ...(idempotencyKey ? { headers: { 'idempotency-key': idempotencyKey } } : {}) });

describe('Idempotency-Key on answers', () => {
  it('replays the first response for a retry with the same key and body', async () => {
    const { key } = await signUp();
    const q = await freshQuestion(key);
    const first = await answer(key, q, solution(q.family, q.seed), 'retry-1');
    expect(first.status).toBe(201);
    const body = await first.json();
    const retry = await answer(key, q, solution(q.family, q.seed), 'retry-1');
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(body);
    expect(await rows('select id from attempts where question_id = ?', q.id)).toHaveLength(1);
    expect(await rows('select id from review_logs where question_id = ?', q.id)).toHaveLength(1);
  });

  it('refuses the same key with another body (422), or without a key (409), writing nothing', async () => {
    const { key } = await signUp();
    const q = await freshQuestion(key);
    await answer(key, q, solution(q.family, q.seed), 'k-1');
    const before = await rowCounts();
    await expectProblem(await answer(key, q, 'something else', 'k-1'), 422, 'idempotency-key-reused');
    await expectProblem(await answer(key, q, solution(q.family, q.seed)), 409, 'already-answered');
    await expectProblem(await answer(key, q, solution(q.family, q.seed), 'k-2'), 409, 'already-answered');
    const other = await freshQuestion(key);
    await expectProblem(await answer(key, other, solution(other.family, other.seed), 'k-1'), 422, 'idempotency-key-reused');
    const after = await rowCounts();
    expect({ ...after, questions: before.questions }).toEqual(before);
  });

  it('under concurrent retries, grades once and answers every retry the same', async () => {
    const { key } = await signUp();
    const q = await freshQuestion(key);
    const responses = await Promise.all(Array.from({ length: 6 }, () => answer(key, q, solution(q.family, q.seed), 'same-key')));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(201));
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(await rows('select id from attempts where question_id = ?', q.id)).toHaveLength(1);
    expect(await rows('select seq from review_logs where question_id = ?', q.id)).toHaveLength(1);
  });

  it('under concurrent different answers, exactly one is graded', async () => {
    const { key } = await signUp();
    const q = await freshQuestion(key);
    const responses = await Promise.all(Array.from({ length: 5 }, (_, i) => answer(key, q, solution(q.family, q.seed), `k-${i}`)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    expect(await rows('select id from attempts where question_id = ?', q.id)).toHaveLength(1);
    const card = await rows<{ reviews: number }>('select reviews from cards where family = ? and learner_id = (select learner_id from questions where id = ?)', q.family, q.id);
    expect(card[0]!.reviews).toBe(1);
  });
});
