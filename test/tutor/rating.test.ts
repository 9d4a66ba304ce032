import { describe, expect, it } from 'vitest';
import type { ItemResult } from '../../content/types';
import { expectedMs, rateRecall, type RecallEvidence } from '../../worker/srs/rating';
import { Rating } from '../../worker/srs/scheduler';

const item = (verdict: ItemResult['verdict'], severity: ItemResult['severity'] = 'essential'): ItemResult => ({ item: 'x', expected: 'a', given: 'b', verdict, severity });
const base: RecallEvidence = { kind: 'fill-in', difficulty: 2, items: [item('correct'), item('correct', 'minor')], hintsUsed: 0, solutionShown: false, durationMs: null };

describe('rating a recall', () => {
  it.each([
    ['solution shown', { solutionShown: true }, Rating.Again],
    ['an essential item missed', { items: [item('wrong'), item('correct')] }, Rating.Again],
    ['an essential item only partly right', { items: [item('partial')] }, Rating.Again],
    ['a minor item missed', { items: [item('correct'), item('missing', 'minor')] }, Rating.Hard],
    ['a hint used', { hintsUsed: 1 }, Rating.Hard],
    ['slow', { durationMs: 2 * expectedMs('fill-in', 2) + 1 }, Rating.Hard],
    ['right, no timing', {}, Rating.Good],
    ['right at an ordinary pace', { durationMs: expectedMs('fill-in', 2) }, Rating.Good],
    ['fast typed recall', { durationMs: expectedMs('fill-in', 2) / 2 }, Rating.Easy],
    ['fast multiple choice', { kind: 'multiple-choice' as const, durationMs: 1000 }, Rating.Good],
    ['fast ordering', { kind: 'ordering' as const, durationMs: 1000 }, Rating.Good],
    ['no items at all', { items: [] }, Rating.Again],
  ])('%s', (_, change, rating) => {
    expect(rateRecall({ ...base, ...change }).rating).toBe(rating);
  });

  it('gives harder questions more time', () => {
    expect(expectedMs('explain', 3)).toBeGreaterThan(expectedMs('explain', 1));
  });
});
