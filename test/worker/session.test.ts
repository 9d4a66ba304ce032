/**
 * One learner's whole first session over HTTP and the real local D1: sign up,
 * get questions, answer right and wrong, take a hint, peek at a solution,
 * then read the schedule and the statistics.
 */
import { describe, expect, it } from 'vitest';
import { solution } from '../../content/index';
import { api, expectProblem, signUp } from './http';
import { rows } from './db';

interface QuestionBody {
  id: string; family: string; seed: string; flow: number; kind: string; status: string; reason: string;
  hints: unknown[]; hintsAvailable: number; answerFormat: { type: string; choices?: { id: string }[]; items?: { id: string }[]; fields?: { id: string }[] };
  result?: Record<string, unknown>;
}
interface Graded { correct: boolean; score: number; rating: string; ratingReason: string; nextReviewAt: string; items: unknown[]; explanation: { en: string; zh: string } }

const T0 = '2026-03-02T10:00:00.000Z';

/** An answer of the right shape that is wrong: the solution with its first distinctive part spoiled. */
function wrongAnswer(q: QuestionBody): unknown {
  const right = solution(q.family, q.seed);
  const f = q.answerFormat;
  if (f.type === 'choice') {
    const ids = f.choices!.map((c) => c.id);
    if (Array.isArray(right)) return ids.filter((id) => !right.includes(id)).slice(0, 1);
    return ids.find((id) => id !== right);
  }
  if (f.type === 'ordering') return [...(right as string[])].reverse();
  if (f.type === 'fields') return Object.fromEntries(Object.keys(right as Record<string, string>).map((k) => [k, 'nonsense']));
  return 'no idea';
}

async function next(key: string, body: Record<string, unknown> = {}, now = T0): Promise<QuestionBody> {
  const response = await api('/v1/questions', { key, body, now });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as QuestionBody;
}

async function answer(key: string, q: QuestionBody, value: unknown, now = T0, extra: Record<string, unknown> = {}): Promise<Graded> {
  const response = await api(`/v1/questions/${q.id}/answers`, { key, body: { answer: value, ...extra }, now });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Graded;
}

describe('a learner session', () => {
  it('goes from sign-up to a schedule, with every step stored', async () => {
    const { key, learner } = await signUp({ name: 'Mei', locale: 'zh', timezone: 'Asia/Shanghai' }, T0);
    expect(learner).toMatchObject({ name: 'Mei', locale: 'zh', timezone: 'Asia/Shanghai', newPerDay: 10, desiredRetention: 0.9 });
    expect(key).toMatch(/^st_/);
    const stored = await rows<{ key_hash: string }>('select key_hash from api_keys where learner_id = ?', learner.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(key);

    const me = await api('/v1/me', { key });
    expect(await me.json()).toMatchObject({ id: learner.id });

    // 1. A new question, answered right without help: Good (or Easy when typed and fast).
    const q1 = await next(key);
    expect(q1).toMatchObject({ reason: 'new', status: 'open', hints: [] });
    expect(JSON.stringify(q1)).not.toContain('"solution"');
    const right = await answer(key, q1, solution(q1.family, q1.seed), T0, { durationMs: 40_000 });
    expect(right.correct).toBe(true);
    expect(right.score).toBe(1);
    expect(['good', 'easy']).toContain(right.rating);
    expect(Date.parse(right.nextReviewAt)).toBeGreaterThan(Date.parse(T0));
    expect(right.explanation.zh.length).toBeGreaterThan(10);

    const shown = (await (await api(`/v1/questions/${q1.id}`, { key })).json()) as QuestionBody;
    expect(shown.status).toBe('answered');
    expect(shown.result).toMatchObject({ correct: true, rating: right.rating });
    await expectProblem(await api(`/v1/questions/${q1.id}/answers`, { key, body: { answer: solution(q1.family, q1.seed) }, now: T0 }), 409, 'already-answered');

    // 2. Another family, answered wrong: Again, back within minutes (a learning step).
    const q2 = await next(key);
    expect(q2.family).not.toBe(q1.family);
    const wrong = await answer(key, q2, wrongAnswer(q2));
    expect(wrong.correct).toBe(false);
    expect(wrong.rating).toBe('again');
    expect(Date.parse(wrong.nextReviewAt) - Date.parse(T0)).toBeLessThanOrEqual(10 * 60_000);

    // 3. A hint, then the right answer: Hard at best.
    const q3 = await next(key);
    if (q3.hintsAvailable > 0) {
      const hint = await api(`/v1/questions/${q3.id}/hints`, { key, method: 'POST', now: T0 });
      expect(await hint.json()).toMatchObject({ index: 1, remaining: q3.hintsAvailable - 1 });
      const hinted = await answer(key, q3, solution(q3.family, q3.seed));
      expect(hinted).toMatchObject({ correct: true, rating: 'hard', ratingReason: 'hinted' });
    } else {
      await answer(key, q3, solution(q3.family, q3.seed));
    }

    // 4. The solution before answering: a failed recall, and the question is closed.
    const q4 = await next(key);
    const peek = await api(`/v1/questions/${q4.id}/solution`, { key, now: T0 });
    const peeked = (await peek.json()) as { counted: string; answer: unknown };
    expect(peeked.counted).toBe('failed-recall');
    expect(peeked.answer).toEqual(solution(q4.family, q4.seed));
    await expectProblem(await api(`/v1/questions/${q4.id}/answers`, { key, body: { answer: peeked.answer }, now: T0 }), 409, 'already-answered');
    const again = (await (await api(`/v1/questions/${q4.id}/solution`, { key, now: T0 })).json()) as { counted: string };
    expect(again.counted).toBe('failed-recall');

    // The record: four reviews, one card per family, q2 and q4 due first.
    const logs = await rows<{ family: string; rating: number; solution_shown: number }>('select family, rating, solution_shown from review_logs where learner_id = ? order by review', learner.id);
    expect(logs.map((l) => l.family)).toEqual([q1.family, q2.family, q3.family, q4.family]);
    expect(logs[3]).toMatchObject({ rating: 1, solution_shown: 1 });
    expect(await rows('select * from attempts where learner_id = ?', learner.id)).toHaveLength(3);

    // Again puts a new card on the 1-minute learning step; Good and Hard on the longer ones.
    const due = (await (await api('/v1/reviews/due', { key, now: new Date(Date.parse(T0) + 2 * 60_000) })).json()) as { dueNow: { family: string }[]; forecast: { day: string; due: number }[]; day: string };
    expect(due.dueNow.map((d) => d.family).sort()).toEqual([q2.family, q4.family].sort());
    expect(due.forecast).toHaveLength(14);
    expect(due.forecast.reduce((s, d) => s + d.due, 0)).toBe(4);
    expect(due.day).toBe('2026-03-02');

    const stats = (await (await api('/v1/stats', { key, now: T0 })).json()) as { streak: number; reviewsToday: number; totals: { attempts: number; started: number }; flows: { flow: number; attempts: number; mastery: number }[] };
    expect(stats).toMatchObject({ streak: 1, reviewsToday: 4, totals: { attempts: 4, started: 4 } });
    expect(stats.flows).toHaveLength(8);
    expect(stats.flows.reduce((s, f) => s + f.attempts, 0)).toBe(4);
  });
});
