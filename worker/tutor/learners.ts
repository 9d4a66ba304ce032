/** Learners and their API keys. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { LearnerRow } from '../db/rows';
import { apiKeys, learners } from '../db/schema';
import { displayPrefix, newApiKey, sha256Hex, timingSafeEqual } from '../auth/api-key';
import { newId } from './ids';

export interface NewLearner {
  name?: string | undefined;
  locale?: 'en' | 'zh' | undefined;
  timezone?: string | undefined;
}

export interface LearnerSettings {
  name?: string | null | undefined;
  locale?: 'en' | 'zh' | undefined;
  timezone?: string | undefined;
  newPerDay?: number | undefined;
  reviewsPerDay?: number | undefined;
  desiredRetention?: number | undefined;
}

export interface LearnerView {
  id: string;
  name: string | null;
  locale: 'en' | 'zh';
  timezone: string;
  newPerDay: number;
  reviewsPerDay: number;
  desiredRetention: number;
  createdAt: string;
}

export function learnerView(l: LearnerRow): LearnerView {
  return {
    id: l.id, name: l.name, locale: l.locale, timezone: l.timezone, newPerDay: l.newPerDay, reviewsPerDay: l.reviewsPerDay,
    desiredRetention: l.desiredRetention, createdAt: new Date(l.createdAt).toISOString(),
  };
}

/** A learner and their first key, written together: there is never a learner nobody can sign in as. */
export async function createLearner(db: Db, input: NewLearner, now: number): Promise<{ learner: LearnerView; apiKey: string; apiKeyId: string }> {
  const id = newId();
  const apiKey = newApiKey();
  const apiKeyId = newId();
  const [learner] = await db.batch([
    db.insert(learners).values({ id, name: input.name ?? null, locale: input.locale ?? 'en', timezone: input.timezone ?? 'UTC', createdAt: now }).returning(),
    db.insert(apiKeys).values({ id: apiKeyId, learnerId: id, keyHash: await sha256Hex(apiKey), prefix: displayPrefix(apiKey), createdAt: now }),
  ]);
  return { learner: learnerView(learner[0]!), apiKey, apiKeyId };
}

/** The learner a presented key (by its SHA-256) belongs to, if the key exists and is not revoked. */
export async function learnerByKeyHash(db: Db, hash: string): Promise<{ learner: LearnerRow; apiKeyId: string } | null> {
  const [hit] = await db.select({ learner: learners, keyId: apiKeys.id, keyHash: apiKeys.keyHash }).from(apiKeys)
    .innerJoin(learners, eq(apiKeys.learnerId, learners.id))
    .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt))).limit(1);
  if (!hit || !timingSafeEqual(hit.keyHash, hash)) return null;
  return { learner: hit.learner, apiKeyId: hit.keyId };
}

export async function updateLearner(db: Db, learner: LearnerRow, settings: LearnerSettings): Promise<LearnerView> {
  const set = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length === 0) return learnerView(learner);
  const [row] = await db.update(learners).set(set).where(eq(learners.id, learner.id)).returning();
  return learnerView(row!);
}
