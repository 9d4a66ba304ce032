/**
 * Grading an answer once and for all. A retry carrying the same
 * Idempotency-Key and body gets the first response back (nothing is graded or
 * scheduled twice); any other second answer is 409.
 */
import { answerIssues } from '../../content/answer-shape';
import { grade, question as buildQuestion, type Answer } from '../../content/index';
import type { Db } from '../db/client';
import type { LearnerRow } from '../db/rows';
import { invalid, Problem } from '../http/problem';
import { sha256Hex } from '../auth/api-key';
import { rateRecall } from '../srs/rating';
import { Rating, State } from '../srs/scheduler';
import { ownQuestionAndCard, statusOf } from './questions';
import { recordReview } from './record';

export interface AnswerRequest {
  answer: unknown;
  durationMs?: number | undefined;
}

export interface AnswerResponse {
  status: number;
  body: Record<string, unknown>;
  /** True when this is the stored response of an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

const RATING_NAMES: Record<number, string> = { [Rating.Again]: 'again', [Rating.Hard]: 'hard', [Rating.Good]: 'good', [Rating.Easy]: 'easy' };
const STATE_NAMES: Record<number, string> = { [State.New]: 'new', [State.Learning]: 'learning', [State.Review]: 'review', [State.Relearning]: 'relearning' };

export const ratingName = (rating: number): string => RATING_NAMES[rating] ?? String(rating);
export const stateName = (state: number): string => STATE_NAMES[state] ?? String(state);

/** JSON with object keys sorted, so the same answer hashes the same whatever order a client sends. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

export async function answerQuestion(
  db: Db, learner: LearnerRow, id: string, request: AnswerRequest, idempotencyKey: string | undefined, now: number, channel: string,
): Promise<AnswerResponse> {
  const requestHash = await sha256Hex(canonical({ questionId: id, answer: request.answer, durationMs: request.durationMs ?? null }));
  for (let round = 0; round < 3; round++) {
    const { question: row, card, idempotent: seen } = await ownQuestionAndCard(db, learner, id, idempotencyKey);
    if (idempotencyKey !== undefined) {
      if (seen) {
        if (seen.questionId !== id || seen.requestHash !== requestHash) {
          throw new Problem('idempotency-key-reused', `Idempotency-Key ${JSON.stringify(idempotencyKey)} was first used for ${seen.questionId === id ? 'a different answer to this question' : `question ${seen.questionId}`}; use a new key for a new request`);
        }
        return { status: seen.status, body: seen.response as Record<string, unknown>, replayed: true };
      }
    }
    const status = statusOf(row);
    if (status === 'solution-shown') throw new Problem('already-answered', 'the solution was shown before an answer, so this question already counted as a failed recall; ask for a new question', { questionId: id });
    if (status === 'answered') throw new Problem('already-answered', `question ${id} has already been graded; GET /v1/questions/${id} shows the result`, { questionId: id });

    const q = buildQuestion(row.family, row.seed);
    const issues = answerIssues(q.answerFormat, request.answer);
    if (issues.length) throw invalid(issues);
    const answer = request.answer as Answer;
    const graded = grade(row.family, row.seed, answer);
    const durationMs = request.durationMs ?? null;
    const decision = rateRecall({ kind: q.kind, difficulty: q.difficulty, items: graded.items, hintsUsed: row.hintsShown, solutionShown: false, durationMs });

    const outcome = await recordReview(db, {
      learner, question: row, card, now, channel, rating: decision.rating, score: graded.score, correct: graded.correct, durationMs, solutionShown: false,
      attempt: {
        answer,
        respond: (card) => ({
          status: 201,
          body: {
            questionId: id, family: row.family, score: graded.score, correct: graded.correct, items: graded.items,
            feedback: graded.feedback, explanation: graded.explanation, rating: ratingName(decision.rating), ratingReason: decision.reason,
            hintsUsed: row.hintsShown, nextReviewAt: new Date(card.due).toISOString(),
            card: { state: stateName(card.state), due: new Date(card.due).toISOString(), stability: card.stability, difficulty: card.difficulty, reps: card.reps, lapses: card.lapses },
          },
        }),
      },
      ...(idempotencyKey === undefined ? {} : { idempotency: { key: idempotencyKey, requestHash } }),
    });
    // A lost race: look again; the winner's answer or key now decides what this request gets.
    if (outcome === 'conflict') continue;
    return { status: outcome.response!.status, body: outcome.response!.body, replayed: false };
  }
  throw new Problem('unavailable', 'this question kept changing while the answer was being saved; retry with the same Idempotency-Key', {}, { 'retry-after': '1' });
}
