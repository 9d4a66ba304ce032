/**
 * From a graded answer to an FSRS rating. The grade says what was known; the
 * rating says how well it was recalled: a peeked solution or a missed
 * essential item is a failed recall, help or hesitation makes it Hard, and
 * only a quick, unaided answer the learner had to produce (not pick) is Easy.
 */
import { Rating, type Grade } from 'ts-fsrs';
import type { Difficulty, ItemResult, Kind } from '../../content/types';

export interface RecallEvidence {
  kind: Kind;
  difficulty: Difficulty;
  items: ItemResult[];
  hintsUsed: number;
  solutionShown: boolean;
  /** As the client measured it; without it an answer is never judged fast or slow. */
  durationMs: number | null;
}

export interface RatingDecision {
  rating: Grade;
  reason: 'solution-shown' | 'essential-missed' | 'minor-missed' | 'hinted' | 'slow' | 'recalled' | 'fast-recall';
}

/** Seconds a prepared candidate needs for each kind of question at difficulty 2. */
const EXPECTED_SECONDS: Record<Kind, number> = {
  'single-choice': 30,
  'multiple-choice': 60,
  'ordering': 90,
  'fill-in': 90,
  'packet': 120,
  'command-output': 150,
  'troubleshooting': 180,
  'explain': 180,
};
const DIFFICULTY_FACTOR: Record<Difficulty, number> = { 1: 0.75, 2: 1, 3: 1.5 };

/** Recognition kinds: the answer is among what is shown, so recall is never Easy. */
const RECOGNITION: ReadonlySet<Kind> = new Set(['single-choice', 'multiple-choice', 'ordering']);

export function expectedMs(kind: Kind, difficulty: Difficulty): number {
  return EXPECTED_SECONDS[kind] * DIFFICULTY_FACTOR[difficulty] * 1000;
}

export function rateRecall(e: RecallEvidence): RatingDecision {
  if (e.solutionShown) return { rating: Rating.Again, reason: 'solution-shown' };
  if (e.items.length === 0 || e.items.some((i) => i.severity === 'essential' && i.verdict !== 'correct')) return { rating: Rating.Again, reason: 'essential-missed' };
  if (e.items.some((i) => i.verdict !== 'correct')) return { rating: Rating.Hard, reason: 'minor-missed' };
  if (e.hintsUsed > 0) return { rating: Rating.Hard, reason: 'hinted' };
  const expected = expectedMs(e.kind, e.difficulty);
  if (e.durationMs !== null && e.durationMs > 2 * expected) return { rating: Rating.Hard, reason: 'slow' };
  if (e.durationMs !== null && e.durationMs <= expected / 2 && !RECOGNITION.has(e.kind)) return { rating: Rating.Easy, reason: 'fast-recall' };
  return { rating: Rating.Good, reason: 'recalled' };
}
