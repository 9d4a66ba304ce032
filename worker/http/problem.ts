/**
 * Errors as RFC 9457 problem details (`application/problem+json`). Services
 * throw a `Problem`; the app's error handler renders it, so a route never
 * builds an error body by hand and every failure has the same shape.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One problem with one part of a request; `path` is dotted ("answer.vni", "body", "header.authorization"). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The problem types this API answers with; `type` is `/problems/<slug>`, documented at that path. */
export const PROBLEM_TYPES = {
  'invalid-request': { status: 400, title: 'The request is not valid' },
  'invalid-json': { status: 400, title: 'The body is not valid JSON' },
  'unauthorized': { status: 401, title: 'A valid API key is required' },
  'not-found': { status: 404, title: 'Not found' },
  'nothing-to-ask': { status: 404, title: 'No question is available right now' },
  'already-answered': { status: 409, title: 'This question has already been graded' },
  'no-more-hints': { status: 409, title: 'Every hint of this question has been shown' },
  'too-many-keys': { status: 409, title: 'Too many live API keys' },
  'idempotency-key-reused': { status: 422, title: 'This Idempotency-Key was used for a different request' },
  'payload-too-large': { status: 413, title: 'The body is too large' },
  'unsupported-media-type': { status: 415, title: 'The body must be application/json' },
  'scenario-failed': { status: 422, title: 'A scenario line failed' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  'internal-error': { status: 500, title: 'Internal error' },
  'unavailable': { status: 503, title: 'The service is briefly unavailable; retry' },
} as const satisfies Record<string, { status: ContentfulStatusCode; title: string }>;

export type ProblemType = keyof typeof PROBLEM_TYPES;

/** A failure a client can act on. `extensions` become top-level members of the body. */
export class Problem extends Error {
  readonly status: ContentfulStatusCode;
  constructor(
    readonly type: ProblemType,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.status = PROBLEM_TYPES[type].status;
  }
}

export function problemBody(p: Problem, instance?: string): Record<string, unknown> {
  return {
    type: `/problems/${p.type}`,
    title: PROBLEM_TYPES[p.type].title,
    status: p.status,
    detail: p.detail,
    ...(instance ? { instance } : {}),
    ...p.extensions,
  };
}

export function respondProblem(c: Context, p: Problem): Response {
  const headers = new Headers({ 'content-type': 'application/problem+json', ...p.headers });
  return new Response(JSON.stringify(problemBody(p, c.req.path)), { status: p.status, headers });
}

/** "answer.vni: Required; durationMs: Too big" — names each field, for humans. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('; ');
}

export const invalid = (issues: FieldIssue[]): Problem => new Problem('invalid-request', describeIssues(issues), { issues });
export const notFound = (what: string): Problem => new Problem('not-found', what);
