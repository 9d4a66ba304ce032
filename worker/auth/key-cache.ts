/**
 * Verified API keys, remembered by this isolate for a short while so most
 * requests skip the key lookup (a D1 round trip). The cost is bounded
 * staleness: another isolate may accept a revoked key, or see old settings,
 * for up to TTL_MS. Changes made through this isolate evict at once.
 */
import type { LearnerRow } from '../db/rows';

export const TTL_MS = 30_000;
const MAX_ENTRIES = 1000;

interface Entry {
  learner: LearnerRow;
  apiKeyId: string;
  expires: number;
}

export class KeyCache {
  private readonly entries = new Map<string, Entry>();

  get(keyHash: string, now: number): Entry | undefined {
    const hit = this.entries.get(keyHash);
    if (!hit) return undefined;
    if (hit.expires <= now) {
      this.entries.delete(keyHash);
      return undefined;
    }
    return hit;
  }

  set(keyHash: string, learner: LearnerRow, apiKeyId: string, now: number): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(keyHash, { learner, apiKeyId, expires: now + TTL_MS });
  }

  /** Forget every key of a learner (settings changed, key revoked). */
  forgetLearner(learnerId: string): void {
    for (const [hash, e] of this.entries) if (e.learner.id === learnerId) this.entries.delete(hash);
  }
}
