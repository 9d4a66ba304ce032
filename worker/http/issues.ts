import type * as z from 'zod';
import type { FieldIssue } from './problem';

/** Flattens zod issues to one `{ path, message }` per offending field, prefixed with where it was (body, query, param). */
export function toFieldIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: dotted(prefix, [...issue.path, key]), message: 'unknown field' }));
    }
    return [{ path: dotted(prefix, issue.path), message: issue.message }];
  });
}

function dotted(prefix: string, path: readonly PropertyKey[]): string {
  const parts = [prefix, ...path.map(String)].filter(Boolean);
  // An empty path means the body itself is wrong (not an object).
  return parts.length === 0 ? 'body' : parts.join('.');
}
