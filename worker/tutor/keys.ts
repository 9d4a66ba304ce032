/**
 * A learner's API keys: list, add (rotation: add a new key, move clients to
 * it, then revoke the old one) and revoke. A learner keeps at least one live
 * key unless they revoke the last one on purpose.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { LearnerRow } from '../db/rows';
import { apiKeys } from '../db/schema';
import { displayPrefix, newApiKey, sha256Hex } from '../auth/api-key';
import { notFound } from '../http/problem';
import { newId } from './ids';

/** More live keys than this is a leak waiting to happen; rotation needs two. */
export const MAX_LIVE_KEYS = 5;

export interface KeyView {
  id: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  /** The key this request was made with. */
  current: boolean;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function listKeys(db: Db, learner: LearnerRow, currentKeyId: string): Promise<KeyView[]> {
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.learnerId, learner.id)).orderBy(apiKeys.createdAt);
  return rows.map((k) => ({ id: k.id, prefix: k.prefix, createdAt: iso(k.createdAt)!, revokedAt: iso(k.revokedAt), current: k.id === currentKeyId }));
}

export class TooManyKeysError extends Error {}

export async function addKey(db: Db, learner: LearnerRow, now: number): Promise<{ key: KeyView; apiKey: string }> {
  const live = await db.select({ id: apiKeys.id }).from(apiKeys).where(and(eq(apiKeys.learnerId, learner.id), isNull(apiKeys.revokedAt)));
  if (live.length >= MAX_LIVE_KEYS) throw new TooManyKeysError(`at most ${MAX_LIVE_KEYS} live keys; revoke one first`);
  const apiKey = newApiKey();
  const id = newId();
  await db.insert(apiKeys).values({ id, learnerId: learner.id, keyHash: await sha256Hex(apiKey), prefix: displayPrefix(apiKey), createdAt: now });
  return { key: { id, prefix: displayPrefix(apiKey), createdAt: iso(now)!, revokedAt: null, current: false }, apiKey };
}

/** Revokes one of the learner's keys (another learner's key is not found). Revoking twice is harmless. */
export async function revokeKey(db: Db, learner: LearnerRow, keyId: string, now: number): Promise<void> {
  const [row] = await db.select({ revokedAt: apiKeys.revokedAt }).from(apiKeys).where(and(eq(apiKeys.id, keyId), eq(apiKeys.learnerId, learner.id)));
  if (!row) throw notFound(`no key ${keyId}`);
  if (row.revokedAt === null) await db.update(apiKeys).set({ revokedAt: now }).where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)));
}
