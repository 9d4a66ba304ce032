/**
 * D1 tables (drizzle-orm). Times are integer milliseconds since the epoch;
 * JSON columns hold what the content layer returned, so an attempt can be
 * shown again exactly as it was graded. `npm run db:generate` turns changes
 * here into a migration in migrations/.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const ms = (name: string) => integer(name, { mode: 'number' });

/** Deployment facts (schema version, content revision). */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value'),
});

export const learners = sqliteTable('learners', {
  id: text('id').primaryKey(),
  name: text('name'),
  locale: text('locale', { enum: ['en', 'zh'] }).notNull().default('en'),
  timezone: text('timezone').notNull().default('UTC'),
  newPerDay: integer('new_per_day').notNull().default(10),
  reviewsPerDay: integer('reviews_per_day').notNull().default(100),
  desiredRetention: real('desired_retention').notNull().default(0.9),
  createdAt: ms('created_at').notNull(),
});

/** Only the SHA-256 of a key is kept; `prefix` lets a learner tell keys apart. */
export const apiKeys = sqliteTable('api_keys', {
  id: text('id').primaryKey(),
  learnerId: text('learner_id').notNull().references(() => learners.id),
  keyHash: text('key_hash').notNull().unique(),
  prefix: text('prefix').notNull(),
  createdAt: ms('created_at').notNull(),
  lastUsedAt: ms('last_used_at'),
  revokedAt: ms('revoked_at'),
}, (t) => [index('api_keys_learner').on(t.learnerId)]);

/** A question issued to a learner: (family, seed) rebuilds it exactly. */
export const questions = sqliteTable('questions', {
  id: text('id').primaryKey(),
  learnerId: text('learner_id').notNull().references(() => learners.id),
  family: text('family').notNull(),
  seed: text('seed').notNull(),
  flow: integer('flow').notNull(),
  /** Why it was chosen: a due review, new material, or the learner's explicit pick. */
  reason: text('reason', { enum: ['due', 'new', 'practice'] }).notNull(),
  siblingGroup: text('sibling_group').notNull(),
  /** The learner's day (starting 4 a.m. in their timezone) it was issued on, YYYY-MM-DD. */
  day: text('day').notNull(),
  channel: text('channel').notNull(),
  issuedAt: ms('issued_at').notNull(),
  hintsShown: integer('hints_shown').notNull().default(0),
  solutionShownAt: ms('solution_shown_at'),
  /** Set once: by the answer, or by showing the solution first (a failed recall). */
  closedAt: ms('closed_at'),
}, (t) => [index('questions_learner_day').on(t.learnerId, t.day), index('questions_learner_issued').on(t.learnerId, t.issuedAt)]);

/** The one graded answer of a question (unique per question: a question is graded once). */
export const attempts = sqliteTable('attempts', {
  id: text('id').primaryKey(),
  questionId: text('question_id').notNull().references(() => questions.id),
  learnerId: text('learner_id').notNull().references(() => learners.id),
  family: text('family').notNull(),
  flow: integer('flow').notNull(),
  answer: text('answer', { mode: 'json' }),
  score: real('score').notNull(),
  correct: integer('correct', { mode: 'boolean' }).notNull(),
  rating: integer('rating').notNull(),
  durationMs: integer('duration_ms'),
  /** The response body sent for this attempt, replayed for an idempotent retry. */
  result: text('result', { mode: 'json' }).notNull(),
  createdAt: ms('created_at').notNull(),
}, (t) => [uniqueIndex('attempts_question').on(t.questionId), index('attempts_learner').on(t.learnerId, t.createdAt)]);

/** One FSRS card per learner and question family; every ts-fsrs Card field is kept. */
export const cards = sqliteTable('cards', {
  learnerId: text('learner_id').notNull().references(() => learners.id),
  family: text('family').notNull(),
  due: ms('due').notNull(),
  stability: real('stability').notNull(),
  difficulty: real('difficulty').notNull(),
  elapsedDays: integer('elapsed_days').notNull(),
  scheduledDays: integer('scheduled_days').notNull(),
  learningSteps: integer('learning_steps').notNull(),
  reps: integer('reps').notNull(),
  lapses: integer('lapses').notNull(),
  state: integer('state').notNull(),
  lastReview: ms('last_review'),
  /** How many reviews were rated Again: 8 or more marks a leech. */
  failures: integer('failures').notNull().default(0),
  /** Reviews applied so far; the next review log takes this number (see review_logs_seq). */
  reviews: integer('reviews').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.learnerId, t.family] }), index('cards_learner_due').on(t.learnerId, t.due)]);

/**
 * Every review, with the card as ts-fsrs logged it, so the schedule can be
 * recomputed. (learner, family, seq) is unique: two answers racing on one
 * card cannot both apply to the same card state.
 */
export const reviewLogs = sqliteTable('review_logs', {
  id: text('id').primaryKey(),
  learnerId: text('learner_id').notNull().references(() => learners.id),
  family: text('family').notNull(),
  seq: integer('seq').notNull(),
  questionId: text('question_id').notNull().references(() => questions.id),
  rating: integer('rating').notNull(),
  state: integer('state').notNull(),
  due: ms('due').notNull(),
  stability: real('stability').notNull(),
  difficulty: real('difficulty').notNull(),
  elapsedDays: integer('elapsed_days').notNull(),
  lastElapsedDays: integer('last_elapsed_days').notNull(),
  scheduledDays: integer('scheduled_days').notNull(),
  learningSteps: integer('learning_steps').notNull(),
  review: ms('review').notNull(),
  /** The learner's desired retention when this review was scheduled (replays use it). */
  desiredRetention: real('desired_retention').notNull(),
  score: real('score').notNull(),
  correct: integer('correct', { mode: 'boolean' }).notNull(),
  durationMs: integer('duration_ms'),
  hints: integer('hints').notNull(),
  solutionShown: integer('solution_shown', { mode: 'boolean' }).notNull(),
  channel: text('channel').notNull(),
  seed: text('seed').notNull(),
  /** The learner day the review happened on (for streaks and daily counts). */
  day: text('day').notNull(),
}, (t) => [
  uniqueIndex('review_logs_seq').on(t.learnerId, t.family, t.seq),
  uniqueIndex('review_logs_question').on(t.questionId),
  index('review_logs_learner_review').on(t.learnerId, t.review),
]);

/** Idempotency-Key of an answer: the first response, replayed for a retry with the same key and body. */
export const idempotencyKeys = sqliteTable('idempotency_keys', {
  learnerId: text('learner_id').notNull().references(() => learners.id),
  key: text('key').notNull(),
  questionId: text('question_id').notNull(),
  requestHash: text('request_hash').notNull(),
  status: integer('status').notNull(),
  response: text('response', { mode: 'json' }).notNull(),
  createdAt: ms('created_at').notNull().default(sql`(unixepoch() * 1000)`),
}, (t) => [primaryKey({ columns: [t.learnerId, t.key] })]);

/**
 * A chat account linked to a learner: a Telegram user, a Discord user, a Slack
 * "team:user", a WeChat OpenID. Every channel feeds the same learner record.
 */
export const channelLinks = sqliteTable('channel_links', {
  channel: text('channel').notNull(),
  externalId: text('external_id').notNull(),
  learnerId: text('learner_id').notNull().references(() => learners.id),
  /** Where the bot may write first (a Telegram chat id), for the daily reminder; null where it cannot. */
  chatId: text('chat_id'),
  createdAt: ms('created_at').notNull(),
  /** The learner day of the last "reviews due" reminder: the hourly cron sends at most one a day. */
  remindedDay: text('reminded_day'),
}, (t) => [primaryKey({ columns: [t.channel, t.externalId] }), index('channel_links_learner').on(t.learnerId)]);

/** Where a chat conversation stands: the question a free-text reply answers, and what is left to say. */
export const chatSessions = sqliteTable('chat_sessions', {
  channel: text('channel').notNull(),
  externalId: text('external_id').notNull(),
  /** The open question a reply answers; null between questions. */
  questionId: text('question_id').references(() => questions.id),
  /** When the question was shown, for the answer's duration. */
  shownAt: ms('shown_at'),
  /** Choice ids pressed so far on a multiple-choice question, submitted together. */
  picked: text('picked', { mode: 'json' }).$type<string[]>(),
  /** The flow /quiz asked for, so "next" stays on it. */
  flow: integer('flow'),
  /** The rest of a reply too long for the channel (WeChat), sent on "more". */
  more: text('more'),
  updatedAt: ms('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.channel, t.externalId] })]);

/** Webhook deliveries already handled (Telegram update_id, WeChat MsgId): a redelivery is ignored. */
export const processedMessages = sqliteTable('processed_messages', {
  channel: text('channel').notNull(),
  messageId: text('message_id').notNull(),
  receivedAt: ms('received_at').notNull(),
}, (t) => [primaryKey({ columns: [t.channel, t.messageId] }), index('processed_messages_received').on(t.receivedAt)]);

/**
 * One-time codes that link a chat to a learner without the API key passing
 * through the chat: asked for on the web or the API, sent to a bot as
 * `/start CODE`. Only the code's SHA-256 is stored.
 */
export const linkCodes = sqliteTable('link_codes', {
  codeHash: text('code_hash').primaryKey(),
  learnerId: text('learner_id').notNull().references(() => learners.id),
  createdAt: ms('created_at').notNull(),
  expiresAt: ms('expires_at').notNull(),
  /** When a chat redeemed it; a code works once. */
  usedAt: ms('used_at'),
}, (t) => [index('link_codes_learner').on(t.learnerId)]);
