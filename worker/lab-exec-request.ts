import * as z from 'zod';
import type { FieldIssue } from './api-error';

/** Size limits for POST /v1/lab/exec; they bound the engine's work per request. */
export const LAB_EXEC_LIMITS = {
  bodyBytes: 64 * 1024,
  scenarioLines: 300,
  scenarioLineChars: 2000,
  commandChars: 2000,
  hostChars: 64,
  seedChars: 256,
  minComputes: 1,
  maxComputes: 20,
} as const;

const L = LAB_EXEC_LIMITS;

/**
 * Body of POST /v1/lab/exec: replay `scenario` (openstack CLI lines) on a
 * fresh cloud, then run `command` on `host`. Unknown keys are rejected so a
 * misspelt option (say "compute") fails loudly instead of being ignored.
 */
export const labExecRequestSchema = z.strictObject({
  scenario: z.array(z.string().max(L.scenarioLineChars)).max(L.scenarioLines),
  host: z.string().min(1).max(L.hostChars),
  command: z.string().min(1).max(L.commandChars),
  computes: z.int().min(L.minComputes).max(L.maxComputes).optional(),
  seed: z.string().min(1).max(L.seedChars).optional(),
});

export type LabExecRequest = z.infer<typeof labExecRequestSchema>;

/** Flattens zod issues to one `{ path, message }` per offending field. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: dottedPath([...issue.path, key]), message: 'unknown field' }));
    }
    return [{ path: dottedPath(issue.path), message: issue.message }];
  });
}

/** "scenario: Too big...; host: Invalid input..." — names each field, for humans. */
export function describeFieldIssues(issues: readonly FieldIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}

function dottedPath(path: readonly PropertyKey[]): string {
  // An empty path means the body itself is wrong (not an object).
  return path.length === 0 ? 'body' : path.map(String).join('.');
}
