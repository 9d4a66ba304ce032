/** D1 reads and writes of the chat channels: links, sessions, and deliveries already handled. */
import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { ChatSessionRow, LearnerRow } from '../db/rows';
import { channelLinks, chatSessions, learners, processedMessages } from '../db/schema';
import type { ChatChannel, ChatUser } from './types';

export interface ChatState {
  /** The learner this chat account is linked to. */
  learner: LearnerRow | undefined;
  session: ChatSessionRow | undefined;
}

/** The linked learner and the conversation's state, in one round trip. */
export async function loadChat(db: Db, channel: ChatChannel, externalId: string): Promise<ChatState> {
  const [link, session] = await db.batch([
    db.select({ learner: learners }).from(channelLinks).innerJoin(learners, eq(channelLinks.learnerId, learners.id))
      .where(and(eq(channelLinks.channel, channel), eq(channelLinks.externalId, externalId))).limit(1),
    db.select().from(chatSessions).where(and(eq(chatSessions.channel, channel), eq(chatSessions.externalId, externalId))).limit(1),
  ]);
  return { learner: link[0]?.learner, session: session[0] };
}

/** Links (or relinks) the chat account to a learner; the old conversation belonged to whoever it was before. */
export async function linkLearner(db: Db, user: ChatUser, learnerId: string, now: number): Promise<void> {
  await db.batch([
    db.insert(channelLinks).values({ channel: user.channel, externalId: user.externalId, learnerId, chatId: user.chatId ?? null, createdAt: now })
      .onConflictDoUpdate({ target: [channelLinks.channel, channelLinks.externalId], set: { learnerId, chatId: user.chatId ?? null, createdAt: now, remindedDay: null } }),
    db.delete(chatSessions).where(and(eq(chatSessions.channel, user.channel), eq(chatSessions.externalId, user.externalId))),
  ]);
}

export type SessionFields = Partial<Pick<ChatSessionRow, 'questionId' | 'shownAt' | 'picked' | 'flow' | 'more'>>;

export async function saveSession(db: Db, channel: ChatChannel, externalId: string, fields: SessionFields, now: number): Promise<void> {
  await db.insert(chatSessions).values({ channel, externalId, ...fields, updatedAt: now })
    .onConflictDoUpdate({ target: [chatSessions.channel, chatSessions.externalId], set: { ...fields, updatedAt: now } });
}

/**
 * Claims a delivery (Telegram update_id, WeChat MsgId): true the first time,
 * false for a redelivery, which the caller then ignores.
 */
export async function claimDelivery(db: Db, channel: ChatChannel, messageId: string, now: number): Promise<boolean> {
  const inserted = await db.insert(processedMessages).values({ channel, messageId, receivedAt: now }).onConflictDoNothing().returning({ id: processedMessages.messageId });
  return inserted.length > 0;
}

/** Gives a delivery back after handling it failed, so the platform's retry is handled instead of ignored. */
export async function releaseDelivery(db: Db, channel: ChatChannel, messageId: string): Promise<void> {
  await db.delete(processedMessages).where(and(eq(processedMessages.channel, channel), eq(processedMessages.messageId, messageId)));
}

/** Platforms retry for minutes, not days: older claims only take space. */
export async function pruneDeliveries(db: Db, before: number): Promise<void> {
  await db.delete(processedMessages).where(lt(processedMessages.receivedAt, before));
}
