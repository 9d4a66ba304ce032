/**
 * Request and response schemas: they validate input and document the API
 * (served as OpenAPI 3.1 at /openapi.json). Requests are strict, so a
 * misspelt field is an error instead of being ignored.
 */
import * as z from 'zod';
import { isValidTimeZone } from '../srs/day';

export const TextSchema = z.object({ en: z.string(), zh: z.string() }).meta({ id: 'Text', description: 'Every learner-facing text, in English and Chinese' });

export const ProblemSchema = z.object({
  type: z.string().meta({ example: '/problems/invalid-request' }),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  instance: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
}).loose().meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });

const timezone = z.string().min(1).max(64).refine(isValidTimeZone, 'not an IANA time zone (like "Asia/Shanghai" or "UTC")');
const locale = z.enum(['en', 'zh']);

export const NewLearnerSchema = z.strictObject({
  name: z.string().trim().min(1).max(80).optional(),
  locale: locale.optional(),
  timezone: timezone.optional().meta({ example: 'Asia/Shanghai' }),
}).meta({ id: 'NewLearner' });

export const LearnerSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  locale,
  timezone: z.string(),
  newPerDay: z.int(),
  reviewsPerDay: z.int(),
  desiredRetention: z.number(),
  createdAt: z.string(),
}).meta({ id: 'Learner' });

export const CreatedLearnerSchema = z.object({
  learner: LearnerSchema,
  apiKey: z.string().meta({ description: 'Shown once: only its SHA-256 is stored', example: 'st_3q2…' }),
}).meta({ id: 'CreatedLearner' });

export const LearnerSettingsSchema = z.strictObject({
  name: z.string().trim().min(1).max(80).nullable().optional(),
  locale: locale.optional(),
  timezone: timezone.optional(),
  newPerDay: z.int().min(0).max(200).optional().meta({ description: 'New question families a day' }),
  reviewsPerDay: z.int().min(0).max(2000).optional().meta({ description: 'Reviews a day (cards in learning steps are not capped)' }),
  desiredRetention: z.number().min(0.7).max(0.99).optional().meta({ description: 'FSRS request_retention' }),
}).meta({ id: 'LearnerSettings' });

export const QuestionRequestSchema = z.strictObject({
  flow: z.int().min(1).max(8).optional(),
  family: z.string().min(1).max(64).optional(),
  difficulty: z.int().min(1).max(3).optional(),
  mode: z.enum(['due', 'new', 'any']).default('any'),
}).meta({ id: 'QuestionRequest', description: 'Filters for the next question; due reviews come first in mode "any"' });

export const QuestionSchema = z.object({
  id: z.string(),
  family: z.string(),
  seed: z.string(),
  flow: z.int(),
  kind: z.string(),
  difficulty: z.int(),
  title: TextSchema,
  prompt: TextSchema,
  scenario: z.array(z.string()).meta({ description: 'openstack CLI lines that build this cloud: replay them with POST /v1/lab/exec' }),
  computes: z.int(),
  fault: TextSchema.optional(),
  context: z.array(z.object({ host: z.string(), command: z.string(), output: z.string() })),
  answerFormat: z.record(z.string(), z.unknown()).meta({ description: 'choice {multiple, choices}, ordering {items}, fields {fields}, lines {label}, or free {label}' }),
  reason: z.enum(['due', 'new', 'practice']),
  status: z.enum(['open', 'answered', 'solution-shown']),
  issuedAt: z.string(),
  hints: z.array(TextSchema),
  hintsAvailable: z.int(),
  result: z.record(z.string(), z.unknown()).optional(),
  lab: z.object({ seed: z.string() }).meta({ description: 'POST /v1/lab/exec { scenario, computes, seed: lab.seed } rebuilds this cloud' }),
}).meta({ id: 'Question' });

export const QuestionIdSchema = z.object({ id: z.uuid().meta({ param: { name: 'id', in: 'path' } }) });

export const HintSchema = z.object({ questionId: z.string(), index: z.int(), hint: TextSchema, remaining: z.int() }).meta({ id: 'Hint' });

export const AnswerBodySchema = z.strictObject({
  answer: z.unknown().refine((v) => v !== undefined, 'Required').meta({ description: 'A choice id, an array of ids (multiple choice, ordering), an object of field texts, or text' }),
  durationMs: z.int().min(0).max(86_400_000).optional().meta({ description: 'Time the learner spent, as the client measured it' }),
}).meta({ id: 'AnswerBody' });

export const IdempotencyHeaderSchema = z.object({
  'idempotency-key': z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional(),
});

export const GradedSchema = z.object({
  questionId: z.string(),
  family: z.string(),
  score: z.number(),
  correct: z.boolean(),
  items: z.array(z.record(z.string(), z.unknown())),
  feedback: TextSchema,
  explanation: TextSchema,
  rating: z.enum(['again', 'hard', 'good', 'easy']),
  ratingReason: z.string(),
  hintsUsed: z.int(),
  nextReviewAt: z.string(),
  card: z.record(z.string(), z.unknown()),
}).meta({ id: 'Graded' });

export const SolutionSchema = z.object({
  questionId: z.string(),
  answer: z.unknown(),
  explanation: TextSchema,
  counted: z.enum(['failed-recall', 'after-answering']),
  nextReviewAt: z.string().optional(),
}).meta({ id: 'Solution' });

export const DueSchema = z.object({
  now: z.string(),
  day: z.string(),
  dueNow: z.array(z.object({ family: z.string(), flow: z.int(), title: TextSchema, due: z.string(), state: z.string() })),
  count: z.int(),
  newAvailable: z.int(),
  leftToday: z.object({ reviews: z.int(), newFamilies: z.int() }),
  forecast: z.array(z.object({ day: z.string(), due: z.int() })),
}).meta({ id: 'DueReviews' });

export const StatsSchema = z.record(z.string(), z.unknown()).meta({ id: 'Stats', description: 'streak, reviewsToday, totals, per-flow attempts/accuracy/retention/mastery, leeches' });
