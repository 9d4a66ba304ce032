/**
 * One-time link codes, so that linking a chat never sends the API key through
 * it: the learner asks for a code (web page or POST /v1/me/link-codes) and
 * sends `/start CODE` to a bot. A code is 8 characters of Crockford base32
 * (40 bits) shown as XXXX-XXXX, lives 10 minutes, works once, and only its
 * SHA-256 is stored. Asking for a new code retires the learner's unused ones.
 */
import { and, eq, exists, gt, isNull, sql } from 'drizzle-orm';
import { sha256Hex } from '../auth/api-key';
import type { Db } from '../db/client';
import type { LearnerRow } from '../db/rows';
import { channelLinks, chatSessions, learners, linkCodes } from '../db/schema';

export const LINK_CODE_TTL_MS = 10 * 60_000;

/** Crockford's base32: no I, L, O or U, so a code read aloud or retyped survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SHAPE = /^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$/;

/** Whether a /start argument is meant as a link code (an API key starts with `st_` and is much longer). */
export function isLinkCode(text: string): boolean {
  return SHAPE.test(text.trim());
}

/** The canonical form: upper case, no dash, and the letters Crockford reads as digits (I, L → 1; O → 0). */
function canonical(code: string): string {
  return code.trim().toUpperCase().replace('-', '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

function newCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  let s = '';
  // 256 is a multiple of 32: every character is uniform.
  for (const b of bytes) s += ALPHABET[b % 32];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

export async function createLinkCode(db: Db, learner: LearnerRow, now: number): Promise<{ code: string; expiresAt: string }> {
  const code = newCode();
  const expiresAt = now + LINK_CODE_TTL_MS;
  await db.batch([
    db.delete(linkCodes).where(and(eq(linkCodes.learnerId, learner.id), isNull(linkCodes.usedAt))),
    db.insert(linkCodes).values({ codeHash: await sha256Hex(canonical(code)), learnerId: learner.id, createdAt: now, expiresAt }),
  ]);
  return { code, expiresAt: new Date(expiresAt).toISOString() };
}

export interface ChatAccount {
  channel: string;
  externalId: string;
  chatId?: string | undefined;
}

/**
 * Links the chat account to the code's learner and uses the code up, in one
 * batch (a transaction, and D1 runs batches one at a time): each statement
 * only acts while the code is still live, and the last one marks it used, so
 * of two chats racing with one code exactly one is linked. Returns the
 * learner, or null for an unknown, used or expired code.
 */
export async function redeemLinkCode(db: Db, account: ChatAccount, code: string, now: number): Promise<LearnerRow | null> {
  const hash = await sha256Hex(canonical(code));
  const live = and(eq(linkCodes.codeHash, hash), isNull(linkCodes.usedAt), gt(linkCodes.expiresAt, now));
  const chatId = account.chatId ?? null;
  const [, , used, learner] = await db.batch([
    db.insert(channelLinks)
      .select(db.select({
        channel: sql<string>`${account.channel}`.as('channel'), externalId: sql<string>`${account.externalId}`.as('external_id'), learnerId: linkCodes.learnerId,
        chatId: sql<string | null>`${chatId}`.as('chat_id'), createdAt: sql<number>`${now}`.as('created_at'), remindedDay: sql<string | null>`null`.as('reminded_day'),
      }).from(linkCodes).where(live))
      .onConflictDoUpdate({ target: [channelLinks.channel, channelLinks.externalId], set: { learnerId: sql`excluded.learner_id`, chatId, createdAt: now, remindedDay: null } }),
    db.delete(chatSessions).where(and(eq(chatSessions.channel, account.channel), eq(chatSessions.externalId, account.externalId), exists(db.select({ one: sql`1` }).from(linkCodes).where(live)))),
    db.update(linkCodes).set({ usedAt: now }).where(live).returning({ learnerId: linkCodes.learnerId }),
    db.select().from(learners).where(eq(learners.id, db.select({ id: linkCodes.learnerId }).from(linkCodes).where(eq(linkCodes.codeHash, hash)))).limit(1),
  ]);
  return used[0] ? learner[0] ?? null : null;
}
