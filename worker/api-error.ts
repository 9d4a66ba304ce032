import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every machine-readable error code this API can answer with. */
export type ApiErrorCode =
  | 'invalid_request'
  | 'invalid_json'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'scenario_failed'
  | 'not_found'
  | 'internal_error';

/** One problem with one field of a request body; `path` is dotted, e.g. "scenario.3". */
export interface FieldIssue {
  path: string;
  message: string;
}

/**
 * Answers with `{ error: { code, message, ...details } }`, the shape of every
 * non-2xx response, so clients need one parser for all failures.
 */
export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: ApiErrorCode,
  message: string,
  details: Record<string, unknown> = {},
): Response {
  return c.json({ error: { code, message, ...details } }, status);
}
