/**
 * The tutor as a conversation, the same on every channel: a message (typed
 * text or a pressed button's id) from a chat account becomes a command or an
 * answer; the tutor services do the work and log the channel; the reply is
 * channel-neutral text in the learner's language with optional buttons.
 * Adapters in this folder verify, parse and format; they hold no tutoring.
 */
import { flowWalkthrough, question as buildQuestion } from '../../content/index';
import type { KeyCache } from '../auth/key-cache';
import { sha256Hex } from '../auth/api-key';
import type { Db } from '../db/client';
import type { ChatSessionRow, LearnerRow } from '../db/rows';
import { Problem } from '../http/problem';
import { answerQuestion } from '../tutor/answers';
import { newSeed } from '../tutor/ids';
import { createLearner, learnerByKeyHash, updateLearner } from '../tutor/learners';
import { dueReviews, learnerStats } from '../tutor/progress';
import { isLinkCode, redeemLinkCode } from '../tutor/link-codes';
import { issueQuestion, nextHint, ownQuestion, showSolution } from '../tutor/questions';
import { parseAnswerText, type ParsedAnswer } from './answer-text';
import { parseCommand, type Command } from './commands';
import * as M from './messages';
import { flowList, renderDue, renderStats, renderWalkthrough } from './render-progress';
import { renderGraded, renderHint, renderQuestion, renderSolution } from './render-question';
import { splitText, utf8Bytes } from './split-text';
import { loadChat, linkLearner, saveSession, type SessionFields } from './store';
import { say, type ChatUser, type Locale, type Reply } from './types';

export interface ChatContext {
  db: Db;
  now: number;
  /** The API's key cache: a changed locale must not linger there. */
  keyCache?: KeyCache;
}

export interface ConverseOptions {
  /** Already authenticated (the plain chat API): no link needed. */
  learner?: LearnerRow;
  /** The channel's reply limit in UTF-8 bytes (WeChat): longer replies come in parts, on "more". */
  maxBytes?: number;
  /**
   * Asked once the reply is ready: true when the channel stopped waiting for
   * it (WeChat's 5 s), so the whole reply is kept for "more" instead.
   */
  isLate?: () => boolean;
}

/** The longest answer duration passed on to rating: a question left open overnight is not a slow recall. */
const MAX_DURATION_MS = 86_400_000;

interface Turn {
  ctx: ChatContext;
  user: ChatUser;
  learner: LearnerRow;
  session: ChatSessionRow | undefined;
  locale: Locale;
}

export async function converse(ctx: ChatContext, user: ChatUser, message: string, options: ConverseOptions = {}): Promise<Reply> {
  const command = parseCommand(message);
  const state = await loadChat(ctx.db, user.channel, user.externalId);
  const learner = options.learner ?? state.learner;
  // Signed in with an API key already: there is nothing to link.
  if (options.learner && command.kind === 'start') return { text: say(M.ALREADY_LINKED, options.learner.locale) };
  if (command.kind === 'more') return nextPart(ctx, user, state.session, learner?.locale ?? user.localeHint, options.maxBytes);
  const reply = learner
    ? await act({ ctx, user, learner, session: state.session, locale: learner.locale }, command)
    : command.kind === 'start' ? await start(ctx, user, command.key) : { text: say(M.NOT_LINKED, user.localeHint) };
  if (options.isLate?.()) {
    await saveSession(ctx.db, user.channel, user.externalId, { more: reply.text }, ctx.now);
    return reply;
  }
  if (!options.maxBytes) return reply;
  return paged(ctx, user, reply, learner?.locale ?? user.localeHint, options.maxBytes, state.session?.more != null);
}

async function act(turn: Turn, command: Command): Promise<Reply> {
  const { ctx, learner, locale } = turn;
  switch (command.kind) {
    case 'start':
      return command.key ? start(ctx, turn.user, command.key) : { text: say(M.ALREADY_LINKED, locale) };
    case 'quiz':
      return quiz(turn, { flow: command.flow, family: command.family });
    case 'answer':
      return answerOpen(turn, (format) => parseAnswerText(format, command.text));
    case 'pick':
    case 'submit':
      return pressed(turn, command);
    case 'hint':
      return withOpenQuestion(turn, async (id) => renderHint(await nextHint(ctx.db, learner, id), locale));
    case 'skip':
      return withOpenQuestion(turn, async (id) => {
        const row = await ownQuestion(ctx.db, learner, id);
        const solution = await showSolution(ctx.db, learner, id, ctx.now, turn.user.channel);
        await closeQuestion(turn);
        return { text: renderSolution(solution, buildQuestion(row.family, row.seed).answerFormat, locale, ctx.now), choices: [nextButton(turn)] };
      });
    case 'due':
      return renderDue(await dueReviews(ctx.db, learner, ctx.now), locale);
    case 'stats':
      return renderStats(await learnerStats(ctx.db, learner, ctx.now), locale);
    case 'explain':
      if (command.flow === null) return { text: `${say(M.EXPLAIN_WHICH, locale)}\n${flowList(locale)}` };
      return renderWalkthrough(flowWalkthrough(command.flow, newSeed()), locale);
    case 'lang': {
      if (!command.locale) return { text: say(M.LANG_WHICH, locale) };
      await updateLearner(ctx.db, learner, { locale: command.locale });
      ctx.keyCache?.forgetLearner(learner.id);
      return { text: say(M.LANG_SET, command.locale) };
    }
    case 'unknown':
      return { text: `${say(M.unknownCommand(command.name), locale)}\n\n${say(M.HELP, locale)}` };
    case 'help':
    case 'more':
      return { text: say(M.HELP, locale) };
  }
}

/** /start: a new learner, or the learner a link code (or, still accepted, an API key) belongs to. */
async function start(ctx: ChatContext, user: ChatUser, key: string | undefined): Promise<Reply> {
  if (user.sharedChat) return { text: say(M.START_IN_PRIVATE, user.localeHint) };
  if (key !== undefined && isLinkCode(key)) {
    const learner = await redeemLinkCode(ctx.db, user, key, ctx.now);
    if (!learner) return { text: say(M.BAD_CODE, user.localeHint) };
    return { text: say(M.linked(learner.name), learner.locale) };
  }
  if (key !== undefined) {
    const found = await learnerByKeyHash(ctx.db, await sha256Hex(key));
    if (!found) return { text: say(M.BAD_KEY, user.localeHint) };
    await linkLearner(ctx.db, user, found.learner.id, ctx.now);
    return { text: say(M.linked(found.learner.name), found.learner.locale) };
  }
  const created = await createLearner(ctx.db, { locale: user.localeHint }, ctx.now);
  await linkLearner(ctx.db, user, created.learner.id, ctx.now);
  return { text: say(M.welcome(created.apiKey), user.localeHint), choices: [{ id: '/quiz', label: say(M.BUTTON.next, user.localeHint) }] };
}

async function quiz(turn: Turn, selection: { flow?: number | undefined; family?: string | undefined }): Promise<Reply> {
  const { ctx, learner, locale, user } = turn;
  try {
    const view = await issueQuestion(ctx.db, learner, { ...selection, mode: 'any' }, ctx.now, user.channel);
    await saveSession(ctx.db, user.channel, user.externalId, { questionId: view.id, shownAt: ctx.now, picked: [], flow: selection.flow ?? null }, ctx.now);
    return renderQuestion(view, locale);
  } catch (e) {
    if (!(e instanceof Problem)) throw e;
    if (e.type === 'nothing-to-ask') {
      const at = e.extensions.nextDueAt;
      return { text: say(M.nothingToAsk(typeof at === 'string' ? M.untilText(Date.parse(at) - ctx.now, locale) : null), locale) };
    }
    if (e.type === 'invalid-request') return { text: `${e.detail}\n\n${flowList(locale)}` };
    throw e;
  }
}

const nextButton = (turn: Turn) => ({ id: turn.session?.flow ? `/quiz ${turn.session.flow}` : '/quiz', label: say(M.BUTTON.next, turn.locale) });

async function withOpenQuestion(turn: Turn, work: (questionId: string) => Promise<Reply>): Promise<Reply> {
  const id = turn.session?.questionId;
  if (!id) return { text: say(M.NO_OPEN_QUESTION, turn.locale) };
  try {
    return await work(id);
  } catch (e) {
    if (!(e instanceof Problem)) throw e;
    if (e.type === 'already-answered' || e.type === 'not-found') {
      await closeQuestion(turn);
      return { text: say(M.ALREADY_GRADED, turn.locale), choices: [nextButton(turn)] };
    }
    if (e.type === 'no-more-hints') return { text: say(M.NO_MORE_HINTS, turn.locale) };
    throw e;
  }
}

const closeQuestion = (turn: Turn) => saveSession(turn.ctx.db, turn.user.channel, turn.user.externalId, { questionId: null, shownAt: null, picked: null }, turn.ctx.now);

type AnswerFormat = ReturnType<typeof buildQuestion>['answerFormat'];

/** Grades the open question with what `toAnswer` makes of its format (or says why it could not). */
function answerOpen(turn: Turn, toAnswer: (format: AnswerFormat) => ParsedAnswer): Promise<Reply> {
  const { ctx, learner, locale, user } = turn;
  return withOpenQuestion(turn, async (id) => {
    const row = await ownQuestion(ctx.db, learner, id);
    const format = buildQuestion(row.family, row.seed).answerFormat;
    const parsed = toAnswer(format);
    if (!parsed.ok) return { text: say(parsed.why, locale) };
    const durationMs = turn.session?.shownAt ? Math.min(MAX_DURATION_MS, Math.max(0, ctx.now - turn.session.shownAt)) : undefined;
    const graded = await answerQuestion(ctx.db, learner, id, { answer: parsed.answer, durationMs }, undefined, ctx.now, user.channel);
    await closeQuestion(turn);
    return { text: renderGraded(graded.body, locale, ctx.now), choices: [nextButton(turn)] };
  });
}

/** A choice button: answers a single choice at once; toggles one of several until Submit. */
async function pressed(turn: Turn, command: Extract<Command, { kind: 'pick' | 'submit' }>): Promise<Reply> {
  const { ctx, learner, locale, user, session } = turn;
  if (session?.questionId !== command.questionId) return { text: say(M.STALE_BUTTON, locale), toast: true };
  const row = await ownQuestion(ctx.db, learner, command.questionId);
  const format = buildQuestion(row.family, row.seed).answerFormat;
  if (format.type !== 'choice') return { text: say(M.STALE_BUTTON, locale), toast: true };
  if (command.kind === 'submit') {
    if (!session.picked?.length) return { text: say(M.PICK_ONE_FIRST, locale), toast: true };
    return answerOpen(turn, () => ({ ok: true, answer: session.picked! }));
  }
  if (!format.choices.some((c) => c.id === command.choice)) return { text: say(M.STALE_BUTTON, locale), toast: true };
  if (!format.multiple) return answerOpen(turn, () => ({ ok: true, answer: command.choice }));
  const before = session.picked ?? [];
  const picked = before.includes(command.choice) ? before.filter((c) => c !== command.choice) : [...before, command.choice].sort();
  await saveSession(ctx.db, user.channel, user.externalId, { picked }, ctx.now);
  return { text: say(M.picked(picked), locale), toast: true };
}

/** A reply over the channel's limit: the first part now, the rest kept for "more". */
async function paged(ctx: ChatContext, user: ChatUser, reply: Reply, locale: Locale, maxBytes: number, hadMore: boolean): Promise<Reply> {
  const footerRoom = utf8Bytes(say(M.moreFooter(99), locale));
  const parts = splitText(reply.text, maxBytes - footerRoom, utf8Bytes);
  if (parts.length === 1) {
    if (hadMore) await saveSession(ctx.db, user.channel, user.externalId, { more: null }, ctx.now);
    return reply;
  }
  await saveSession(ctx.db, user.channel, user.externalId, { more: parts.slice(1).join('\n') }, ctx.now);
  return { ...reply, text: parts[0]! + say(M.moreFooter(parts.length - 1), locale) };
}

async function nextPart(ctx: ChatContext, user: ChatUser, session: ChatSessionRow | undefined, locale: Locale, maxBytes: number | undefined): Promise<Reply> {
  if (!session?.more) return { text: say(M.NOTHING_MORE, locale) };
  return paged(ctx, user, { text: session.more }, locale, maxBytes ?? Number.MAX_SAFE_INTEGER, true);
}
