/**
 * ts-fsrs behind the card rows: one card per learner and question family.
 * Fuzz is on (intervals spread so families do not all fall due together);
 * ts-fsrs seeds it from the review itself, so replaying a card's review log
 * gives back the same card, which `replayCard` relies on.
 */
import { createEmptyCard, fsrs, type Card, type FSRS, type Grade, type ReviewLog, State } from 'ts-fsrs';
import type { CardRow } from '../db/rows';

export { Rating, State } from 'ts-fsrs';
export type { Grade } from 'ts-fsrs';

const schedulers = new Map<number, FSRS>();

/** The scheduler for a learner's desired retention (0.7–0.99). */
export function schedulerFor(desiredRetention: number): FSRS {
  let f = schedulers.get(desiredRetention);
  if (!f) {
    f = fsrs({ request_retention: desiredRetention, enable_fuzz: true, maximum_interval: 3650 });
    schedulers.set(desiredRetention, f);
  }
  return f;
}

export function cardOf(row: CardRow | undefined, now: number): Card {
  if (!row) return createEmptyCard(new Date(now));
  return {
    due: new Date(row.due), stability: row.stability, difficulty: row.difficulty, elapsed_days: row.elapsedDays,
    scheduled_days: row.scheduledDays, learning_steps: row.learningSteps, reps: row.reps, lapses: row.lapses,
    state: row.state as State, ...(row.lastReview === null ? {} : { last_review: new Date(row.lastReview) }),
  };
}

export type CardFields = Omit<CardRow, 'learnerId' | 'family' | 'failures' | 'reviews'>;

export function fieldsOf(card: Card): CardFields {
  return {
    due: card.due.getTime(), stability: card.stability, difficulty: card.difficulty, elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days, learningSteps: card.learning_steps, reps: card.reps, lapses: card.lapses,
    state: card.state, lastReview: card.last_review ? card.last_review.getTime() : null,
  };
}

export interface Reviewed {
  card: Card;
  log: ReviewLog;
}

export function review(desiredRetention: number, card: Card, rating: Grade, now: number): Reviewed {
  return schedulerFor(desiredRetention).next(card, new Date(now), rating);
}

/** Applies a card's reviews, oldest first, to a new card, as the review log recorded them. */
export function replayCard(reviews: readonly { rating: Grade; review: number; desiredRetention: number }[]): Card | undefined {
  let card: Card | undefined;
  for (const r of reviews) card = review(r.desiredRetention, card ?? createEmptyCard(new Date(r.review)), r.rating, r.review).card;
  return card;
}

/** Probability of recall now (0 for a card never reviewed). */
export function retrievability(desiredRetention: number, row: CardRow, now: number): number {
  if (row.state === State.New) return 0;
  return schedulerFor(desiredRetention).get_retrievability(cardOf(row, now), new Date(now), false);
}
