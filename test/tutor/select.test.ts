import { describe, expect, it } from 'vitest';
import { chooseNext, type CatalogueEntry, type CardState, type IssuedToday } from '../../worker/tutor/select';
import { State } from '../../worker/srs/scheduler';

const cat: CatalogueEntry[] = [
  { id: 'a1', flow: 1, difficulty: 2, siblingGroup: 'A' },
  { id: 'a2', flow: 1, difficulty: 1, siblingGroup: 'A' },
  { id: 'b1', flow: 1, difficulty: 1, siblingGroup: 'b1' },
  { id: 'c1', flow: 2, difficulty: 1, siblingGroup: 'c1' },
];
const NOW = 1_000_000;
const caps = { newPerDay: 10, reviewsPerDay: 10 };
const review = (due: number): CardState => ({ due, state: State.Review });

describe('choosing the next family', () => {
  it('asks the most overdue review first', () => {
    const cards = new Map([['b1', review(NOW - 10)], ['c1', review(NOW - 100)]]);
    expect(chooseNext(cat, cards, [], caps, { mode: 'any' }, NOW)).toEqual({ family: 'c1', reason: 'due' });
  });

  it('takes new families in flow, then difficulty order', () => {
    expect(chooseNext(cat, new Map(), [], caps, { mode: 'any' }, NOW)).toEqual({ family: 'a2', reason: 'new' });
    expect(chooseNext(cat, new Map(), [], caps, { mode: 'new', flow: 2 }, NOW)).toEqual({ family: 'c1', reason: 'new' });
  });

  it('buries the siblings of a family met today, but not the family itself', () => {
    const today: IssuedToday[] = [{ family: 'a2', siblingGroup: 'A', reason: 'new', open: false }];
    expect(chooseNext(cat, new Map([['a2', review(NOW + 1)]]), today, caps, { mode: 'new' }, NOW)).toEqual({ family: 'b1', reason: 'new' });
    const dueAgain = new Map([['a2', { due: NOW - 1, state: State.Learning }], ['a1', review(NOW - 5)]]);
    expect(chooseNext(cat, dueAgain, today, caps, { mode: 'due' }, NOW)).toEqual({ family: 'a2', reason: 'due' });
  });

  it('does not re-issue a family with an open question', () => {
    const today: IssuedToday[] = [{ family: 'b1', siblingGroup: 'b1', reason: 'due', open: true }];
    expect(chooseNext(cat, new Map([['b1', review(NOW - 1)]]), today, caps, { mode: 'due' }, NOW)).toMatchObject({ family: null });
  });

  it('holds reviews at the daily cap, except cards in learning steps', () => {
    const today: IssuedToday[] = [{ family: 'x', siblingGroup: 'x', reason: 'due', open: false }];
    const cards = new Map([['b1', review(NOW - 1)], ['c1', { due: NOW - 1, state: State.Relearning }]]);
    expect(chooseNext(cat, cards, today, { newPerDay: 0, reviewsPerDay: 1 }, { mode: 'due' }, NOW)).toEqual({ family: 'c1', reason: 'due' });
    const none = chooseNext(cat, new Map([['b1', review(NOW - 1)]]), today, { newPerDay: 0, reviewsPerDay: 1 }, { mode: 'any' }, NOW);
    expect(none).toMatchObject({ family: null });
    expect((none as { why: string }).why).toContain('review limit');
  });

  it('says when the next card falls due when nothing is left', () => {
    const cards = new Map([['b1', review(NOW + 500)], ['c1', review(NOW + 50)]]);
    expect(chooseNext(cat, cards, [], { newPerDay: 0, reviewsPerDay: 10 }, { mode: 'any' }, NOW)).toMatchObject({ family: null, nextDueAt: NOW + 50 });
  });

  it('gives an explicit family whatever its schedule', () => {
    expect(chooseNext(cat, new Map([['c1', review(NOW + 1e9)]]), [], caps, { mode: 'due', family: 'c1' }, NOW)).toEqual({ family: 'c1', reason: 'practice' });
  });
});
