/** Telling D1 failures apart: a lost race on a unique index is retried, anything else is 503 (retryable). */
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { Problem } from '../http/problem';

function messages(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof Error) {
      parts.push(e.message);
      e = (e as { cause?: unknown }).cause;
    } else {
      parts.push(String(e));
      break;
    }
  }
  return parts.join(' | ');
}

/** A failure of the database itself (drizzle wraps D1's errors as "Failed query: …"; D1's own start with D1_). */
export function isStorageError(error: unknown): boolean {
  return error instanceof DrizzleQueryError || /\bD1_[A-Z_]+|Failed query:/.test(messages(error));
}

export function isUniqueViolation(error: unknown): boolean {
  return /UNIQUE constraint failed|SQLITE_CONSTRAINT/i.test(messages(error));
}

/** The database failed under us: nothing was written (D1 batches are all or nothing), so the client may retry. */
export function storageUnavailable(error: unknown): Problem {
  console.error('D1 failure', messages(error));
  return new Problem('unavailable', 'the database did not answer; nothing was saved, retry the request (with the same Idempotency-Key for an answer)', {}, { 'retry-after': '1' });
}
