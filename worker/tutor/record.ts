/**
 * One review, written all at once: the card's new state, its review log, the
 * question closed, and (for an answer) the attempt and its Idempotency-Key,
 * in a single D1 batch, which is a transaction. Unique indexes turn every
 * race into a failed batch instead of a half-written or doubled one: one
 * review log per question (graded once) and per card sequence number (two
 * answers cannot both start from the same card state).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Answer } from '../../content/index';
import type { Db } from '../db/client';
import type { CardRow, LearnerRow, QuestionRow } from '../db/rows';
import { attempts, cards, idempotencyKeys, questions, reviewLogs } from '../db/schema';
import { type CardFields, cardOf, fieldsOf, type Grade, Rating, review } from '../srs/scheduler';
import { learnerDay } from '../srs/day';
import { isUniqueViolation, storageUnavailable } from './errors';
import { newId } from './ids';

export interface ReviewInput {
  learner: LearnerRow;
  question: QuestionRow;
  /** The family's card as read with the question (undefined: never reviewed). */
  card: CardRow | undefined;
  now: number;
  channel: string;
  rating: Grade;
  score: number;
  correct: boolean;
  durationMs: number | null;
  solutionShown: boolean;
  /** For an answer: what was answered, and the response to store with it. */
  attempt?: { answer: Answer; respond(card: CardFields): { status: number; body: Record<string, unknown> } };
  idempotency?: { key: string; requestHash: string };
}

export type ReviewOutcome = 'conflict' | { card: CardFields; response?: { status: number; body: Record<string, unknown> } };

export async function recordReview(db: Db, input: ReviewInput): Promise<ReviewOutcome> {
  const { learner, question, now } = input;
  const row = input.card;
  const { card, log } = review(learner.desiredRetention, cardOf(row, now), input.rating, now);
  const fields = fieldsOf(card);
  const seq = row?.reviews ?? 0;
  const failures = (row?.failures ?? 0) + (input.rating === Rating.Again ? 1 : 0);
  const response = input.attempt?.respond(fields);

  const statements: BatchItem<'sqlite'>[] = [
    db.insert(cards).values({ learnerId: learner.id, family: question.family, ...fields, failures, reviews: seq + 1 })
      .onConflictDoUpdate({ target: [cards.learnerId, cards.family], set: { ...fields, failures, reviews: seq + 1 } }),
    db.insert(reviewLogs).values({
      id: newId(), learnerId: learner.id, family: question.family, seq, questionId: question.id, rating: log.rating, state: log.state,
      due: log.due.getTime(), stability: log.stability, difficulty: log.difficulty, elapsedDays: log.elapsed_days, lastElapsedDays: log.last_elapsed_days,
      scheduledDays: log.scheduled_days, learningSteps: log.learning_steps, review: log.review.getTime(), desiredRetention: learner.desiredRetention,
      score: input.score, correct: input.correct, durationMs: input.durationMs, hints: question.hintsShown, solutionShown: input.solutionShown,
      channel: input.channel, seed: question.seed, day: learnerDay(now, learner.timezone).key,
    }),
    db.update(questions).set({ closedAt: now, ...(input.solutionShown ? { solutionShownAt: now } : {}) })
      .where(and(eq(questions.id, question.id), isNull(questions.closedAt))),
  ];
  if (input.attempt && response) {
    statements.push(db.insert(attempts).values({
      id: newId(), questionId: question.id, learnerId: learner.id, family: question.family, flow: question.flow, answer: input.attempt.answer,
      score: input.score, correct: input.correct, rating: input.rating, durationMs: input.durationMs, result: response.body, createdAt: now,
    }));
    if (input.idempotency) {
      statements.push(db.insert(idempotencyKeys).values({
        learnerId: learner.id, key: input.idempotency.key, questionId: question.id, requestHash: input.idempotency.requestHash,
        status: response.status, response: response.body, createdAt: now,
      }));
    }
  }
  try {
    await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  } catch (error) {
    if (isUniqueViolation(error)) return 'conflict';
    throw storageUnavailable(error);
  }
  return response ? { card: fields, response } : { card: fields };
}
