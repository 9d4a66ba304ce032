/**
 * Issuing questions and what a learner may see of them: the question itself
 * (never its answer), hints one at a time, and the solution, which closes the
 * question as a failed recall when it is asked for before answering.
 */
import { and, eq, sql } from 'drizzle-orm';
import { grade, question as buildQuestion, solution as buildSolution, type Answer, type Question } from '../../content/index';
import { labSeedOf, ScenarioBuildError } from '../../content/family';
import type { Text } from '../../content/types';
import type { Db } from '../db/client';
import type { LearnerRow, QuestionRow } from '../db/rows';
import { attempts, cards, idempotencyKeys, questions } from '../db/schema';
import { notFound, Problem } from '../http/problem';
import { learnerDay } from '../srs/day';
import { catalogue, isFamily } from './catalogue';
import { newId, newSeed } from './ids';
import { recordReview } from './record';
import { chooseNext, type Selection } from './select';
import { Rating } from '../srs/scheduler';

export type QuestionStatus = 'open' | 'answered' | 'solution-shown';

export interface QuestionView extends Omit<Question, 'hints'> {
  id: string;
  reason: QuestionRow['reason'];
  status: QuestionStatus;
  issuedAt: string;
  /** The hints shown so far, in order; ask for the next with POST …/hints. */
  hints: Text[];
  hintsAvailable: number;
  /** The grading, once answered. */
  result?: Record<string, unknown>;
  /** POST /v1/lab/exec with { scenario, computes, seed: lab.seed } rebuilds this very cloud. */
  lab: { seed: string };
}

const SEED_TRIES = 3;

export function statusOf(row: QuestionRow): QuestionStatus {
  if (row.closedAt === null) return 'open';
  return row.solutionShownAt !== null && row.solutionShownAt <= row.closedAt ? 'solution-shown' : 'answered';
}

/** A family's question on a fresh seed; a seed whose scenario cannot be built is skipped. */
function freshQuestion(family: string): Question {
  for (let i = 0; ; i++) {
    try {
      return buildQuestion(family, newSeed());
    } catch (e) {
      if (!(e instanceof ScenarioBuildError) || i + 1 >= SEED_TRIES) throw e;
      console.warn('seed skipped', family, e.message);
    }
  }
}

export async function issueQuestion(db: Db, learner: LearnerRow, selection: Selection, now: number, channel: string): Promise<QuestionView> {
  if (selection.family !== undefined && !isFamily(selection.family)) {
    throw new Problem('invalid-request', `family: unknown question family ${JSON.stringify(selection.family)}`, { issues: [{ path: 'family', message: 'unknown question family' }] });
  }
  const day = learnerDay(now, learner.timezone);
  // One round trip for both reads.
  const [cardRows, todayRows] = await db.batch([
    db.select({ family: cards.family, due: cards.due, state: cards.state }).from(cards).where(eq(cards.learnerId, learner.id)),
    db.select({ family: questions.family, siblingGroup: questions.siblingGroup, reason: questions.reason, closedAt: questions.closedAt })
      .from(questions).where(and(eq(questions.learnerId, learner.id), eq(questions.day, day.key))),
  ]);
  const choice = chooseNext(
    catalogue(),
    new Map(cardRows.map((r) => [r.family, r])),
    todayRows.map((r) => ({ ...r, open: r.closedAt === null })),
    { newPerDay: learner.newPerDay, reviewsPerDay: learner.reviewsPerDay },
    selection,
    now,
  );
  if (choice.family === null) {
    throw new Problem('nothing-to-ask', choice.why, { nextDueAt: choice.nextDueAt === null ? null : new Date(choice.nextDueAt).toISOString() });
  }
  const q = freshQuestion(choice.family);
  const entry = catalogue().find((f) => f.id === choice.family)!;
  const row: QuestionRow = {
    id: newId(), learnerId: learner.id, family: q.family, seed: q.seed, flow: q.flow, reason: choice.reason, siblingGroup: entry.siblingGroup,
    day: day.key, channel, issuedAt: now, hintsShown: 0, solutionShownAt: null, closedAt: null,
  };
  await db.insert(questions).values(row);
  return viewOf(row, q);
}

export function viewOf(row: QuestionRow, q: Question, result?: Record<string, unknown>): QuestionView {
  const { hints, ...rest } = q;
  return {
    id: row.id, ...rest, reason: row.reason, status: statusOf(row), issuedAt: new Date(row.issuedAt).toISOString(),
    hints: hints.slice(0, row.hintsShown), hintsAvailable: hints.length, lab: { seed: labSeedOf(q) }, ...(result === undefined ? {} : { result }),
  };
}

/** The learner's own question; another learner's is as absent as one that never existed. */
export async function ownQuestion(db: Db, learner: LearnerRow, id: string): Promise<QuestionRow> {
  return (await ownQuestionAndCard(db, learner, id)).question;
}

/**
 * The learner's own question, the card of its family and, when a key is given,
 * that Idempotency-Key's stored response: everything an answer needs, read in
 * one round trip.
 */
export async function ownQuestionAndCard(db: Db, learner: LearnerRow, id: string, idempotencyKey?: string) {
  const mine = and(eq(questions.id, id), eq(questions.learnerId, learner.id));
  const [found, card, seen] = await db.batch([
    db.select().from(questions).where(mine).limit(1),
    db.select().from(cards).where(and(eq(cards.learnerId, learner.id), eq(cards.family, db.select({ family: questions.family }).from(questions).where(mine)))).limit(1),
    db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.learnerId, learner.id), eq(idempotencyKeys.key, idempotencyKey ?? ''))).limit(1),
  ]);
  if (!found[0]) throw notFound(`no question ${id}`);
  return { question: found[0], card: card[0], idempotent: idempotencyKey === undefined ? undefined : seen[0] };
}

export async function showQuestion(db: Db, learner: LearnerRow, id: string): Promise<QuestionView> {
  const row = await ownQuestion(db, learner, id);
  const attempt = row.closedAt === null ? undefined : await db.query.attempts.findFirst({ where: eq(attempts.questionId, row.id), columns: { result: true } });
  return viewOf(row, buildQuestion(row.family, row.seed), attempt?.result as Record<string, unknown> | undefined);
}

export interface HintView {
  questionId: string;
  index: number;
  hint: Text;
  remaining: number;
}

export async function nextHint(db: Db, learner: LearnerRow, id: string): Promise<HintView> {
  const row = await ownQuestion(db, learner, id);
  const hints = buildQuestion(row.family, row.seed).hints;
  // Conditional increment: two racing requests cannot both take the last hint.
  const [updated] = await db.update(questions).set({ hintsShown: sql`${questions.hintsShown} + 1` })
    .where(and(eq(questions.id, row.id), sql`${questions.hintsShown} < ${hints.length}`)).returning({ hintsShown: questions.hintsShown });
  if (!updated) throw new Problem('no-more-hints', `all ${hints.length} hints of this question have been shown`, { hintsAvailable: hints.length });
  return { questionId: row.id, index: updated.hintsShown, hint: hints[updated.hintsShown - 1]!, remaining: hints.length - updated.hintsShown };
}

export interface SolutionView {
  questionId: string;
  answer: Answer;
  explanation: Text;
  /** What showing it did to the schedule. */
  counted: 'failed-recall' | 'after-answering';
  nextReviewAt?: string;
}

export async function showSolution(db: Db, learner: LearnerRow, id: string, now: number, channel: string): Promise<SolutionView> {
  for (let attempt = 0; ; attempt++) {
    const { question: row, card } = await ownQuestionAndCard(db, learner, id);
    const answer = buildSolution(row.family, row.seed);
    const explanation = grade(row.family, row.seed, answer).explanation;
    if (row.closedAt !== null) return { questionId: row.id, answer, explanation, counted: row.solutionShownAt !== null && row.solutionShownAt <= row.closedAt ? 'failed-recall' : 'after-answering' };
    const outcome = await recordReview(db, {
      learner, question: row, card, now, channel, rating: Rating.Again, score: 0, correct: false, durationMs: null, solutionShown: true,
    });
    if (outcome === 'conflict' && attempt < 2) continue;
    if (outcome === 'conflict') throw new Problem('unavailable', 'this question changed while the solution was being recorded; retry', {}, { 'retry-after': '1' });
    return { questionId: row.id, answer, explanation, counted: 'failed-recall', nextReviewAt: new Date(outcome.card.due).toISOString() };
  }
}
