/**
 * Scheduling across simulated days (the test clock moves with x-test-now):
 * daily caps, due reviews before new families, the 4 a.m. day boundary in the
 * learner's timezone, sibling burying, leeches, and cards that equal the
 * replay of their review log.
 */
import { describe, expect, it } from 'vitest';
import { solution } from '../../content/index';
import { SIBLING_GROUPS, siblingGroupOf } from '../../content/siblings';
import { replayCard, type Grade } from '../../worker/srs/scheduler';
import { api, expectProblem, signUp } from './http';
import { rows } from './db';

interface Q { id: string; family: string; seed: string; reason: string; flow: number }

async function ask(key: string, now: string | Date, body: Record<string, unknown> = {}): Promise<Response> {
  return api('/v1/questions', { key, body, now });
}

async function askOk(key: string, now: string | Date, body: Record<string, unknown> = {}): Promise<Q> {
  const r = await ask(key, now, body);
  expect(r.status, await r.clone().text()).toBe(201);
  return (await r.json()) as Q;
}

async function answerRight(key: string, q: Q, now: string | Date): Promise<{ nextReviewAt: string; rating: string }> {
  const r = await api(`/v1/questions/${q.id}/answers`, { key, body: { answer: solution(q.family, q.seed) }, now });
  expect(r.status, await r.clone().text()).toBe(201);
  return (await r.json()) as { nextReviewAt: string; rating: string };
}

describe('scheduling across days', () => {
  it('caps new families per day, asks due reviews first, and brings a family back when it is due', async () => {
    const { key } = await signUp({ timezone: 'UTC' });
    await api('/v1/me', { key, method: 'PATCH', body: { newPerDay: 2 } });
    const day1 = '2026-05-04T09:00:00Z';
    const a = await askOk(key, day1);
    const b = await askOk(key, day1);
    expect([a.reason, b.reason]).toEqual(['new', 'new']);
    const firstA = await answerRight(key, a, day1);
    await answerRight(key, b, day1);
    // Both cards sit on a learning step; the third new family waits for tomorrow.
    const capped = await expectProblem(await ask(key, day1, { mode: 'new' }), 404, 'nothing-to-ask');
    expect(capped.detail).toContain('limit of new families');
    expect(Date.parse(capped.nextDueAt as string)).toBe(Date.parse(firstA.nextReviewAt));

    // When a learning step comes due, that family is asked again (a review, same family).
    const later = new Date(Date.parse(firstA.nextReviewAt) + 1000);
    const again = await askOk(key, later);
    expect(again).toMatchObject({ family: a.family, reason: 'due' });
    const graduated = await answerRight(key, again, later);
    expect(Date.parse(graduated.nextReviewAt) - later.getTime()).toBeGreaterThan(12 * 3600_000);

    // Next day: the cap is fresh again, and due reviews come before new material.
    const b2 = await askOk(key, new Date(Date.parse(day1) + 3600_000), { mode: 'due' });
    expect(b2.family).toBe(b.family);
    await answerRight(key, b2, new Date(Date.parse(day1) + 3600_000));
    const day2 = '2026-05-05T09:00:00Z';
    const due = (await (await api('/v1/reviews/due', { key, now: day2 })).json()) as { leftToday: { newFamilies: number }; dueNow: { family: string }[] };
    expect(due.leftToday.newFamilies).toBe(2);
    const first = await askOk(key, day2);
    expect(first.reason).toBe(due.dueNow.length > 0 ? 'due' : 'new');
  });

  it('starts the learner day at 4 a.m. in the learner\'s timezone', async () => {
    const { key } = await signUp({ timezone: 'Asia/Shanghai' });
    // 2026-05-04 03:30 in Shanghai is still 2026-05-03's learner day; 04:30 is 2026-05-04.
    const before = (await (await api('/v1/reviews/due', { key, now: '2026-05-03T19:30:00Z' })).json()) as { day: string };
    const after = (await (await api('/v1/reviews/due', { key, now: '2026-05-03T20:30:00Z' })).json()) as { day: string };
    expect([before.day, after.day]).toEqual(['2026-05-03', '2026-05-04']);

    await api('/v1/me', { key, method: 'PATCH', body: { newPerDay: 1 } });
    await askOk(key, '2026-05-03T19:00:00Z');
    await expectProblem(await ask(key, '2026-05-03T19:59:00Z', { mode: 'new' }), 404, 'nothing-to-ask');
    expect((await askOk(key, '2026-05-03T20:01:00Z', { mode: 'new' })).reason).toBe('new');
  });

  it('never asks two sibling families on the same day', async () => {
    const { key } = await signUp();
    await api('/v1/me', { key, method: 'PATCH', body: { newPerDay: 50 } });
    const now = '2026-06-01T08:00:00Z';
    const seen: Q[] = [];
    for (;;) {
      const r = await ask(key, now, { flow: 7, mode: 'new' });
      if (r.status === 404) break;
      expect(r.status).toBe(201);
      seen.push((await r.json()) as Q);
    }
    const groups = seen.map((q) => siblingGroupOf(q.family));
    expect(new Set(groups).size).toBe(groups.length);
    expect(groups).toContain('snat');
    // Flow 7 has 11 families in 5 groups: one question per group today.
    expect(seen.length).toBe(new Set((await import('../../content/index')).families().filter((f) => f.flow === 7).map((f) => siblingGroupOf(f.id))).size);
    expect(SIBLING_GROUPS['snat']!.filter((f) => seen.some((q) => q.family === f))).toHaveLength(1);
  });

  it('keeps every card equal to the replay of its review log', async () => {
    const { key, learner } = await signUp();
    let now = Date.parse('2026-07-01T08:00:00Z');
    for (let i = 0; i < 12; i++) {
      const r = await ask(key, new Date(now));
      if (r.status === 201) {
        const q = (await r.json()) as Q;
        const value = i % 3 === 0 ? 'wrong' : solution(q.family, q.seed);
        const res = await api(`/v1/questions/${q.id}/answers`, { key, body: { answer: value }, now: new Date(now) });
        if (res.status === 400) await api(`/v1/questions/${q.id}/solution`, { key, now: new Date(now) });
      }
      now += 6 * 3600_000;
    }
    const cards = await rows<Record<string, number | string | null>>('select * from cards where learner_id = ?', learner.id);
    expect(cards.length).toBeGreaterThan(2);
    for (const card of cards) {
      const logs = await rows<{ rating: number; review: number; desired_retention: number; seq: number }>('select rating, review, desired_retention, seq from review_logs where learner_id = ? and family = ? order by seq', learner.id, card.family);
      expect(logs.map((l) => l.seq)).toEqual(logs.map((_, i) => i));
      const replayed = replayCard(logs.map((l) => ({ rating: l.rating as Grade, review: l.review, desiredRetention: l.desired_retention })))!;
      expect({ due: card.due, stability: card.stability, difficulty: card.difficulty, reps: card.reps, lapses: card.lapses, state: card.state })
        .toEqual({ due: replayed.due.getTime(), stability: replayed.stability, difficulty: replayed.difficulty, reps: replayed.reps, lapses: replayed.lapses, state: replayed.state });
    }
  });

  it('flags a family failed eight times as a leech', async () => {
    const { key } = await signUp();
    let now = Date.parse('2026-08-01T08:00:00Z');
    const family = 'f2-device-names';
    for (let i = 0; i < 8; i++) {
      const q = await askOk(key, new Date(now), { family });
      await api(`/v1/questions/${q.id}/solution`, { key, now: new Date(now) });
      now += 3600_000;
    }
    const stats = (await (await api('/v1/stats', { key, now: new Date(now) })).json()) as { leeches: { family: string; failures: number }[]; flows: { flow: number; leeches: string[] }[] };
    expect(stats.leeches).toEqual([{ family, failures: 8 }]);
    expect(stats.flows.find((f) => f.flow === 2)!.leeches).toEqual([family]);
  });
});
