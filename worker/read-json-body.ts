import type { FieldIssue } from './api-error';

export type JsonBody =
  | { ok: true; value: unknown }
  | { ok: false; status: 400; code: 'invalid_json'; message: string; issues: FieldIssue[] }
  | { ok: false; status: 415; code: 'unsupported_media_type'; message: string; issues: FieldIssue[] };

/**
 * Reads a request body that must be `application/json`. The size limit is
 * enforced earlier by the bodyLimit middleware, so this never sees huge bodies.
 */
export async function readJsonBody(request: Request): Promise<JsonBody> {
  const contentType = request.headers.get('content-type') ?? '';
  const mediaType = contentType.split(';', 1)[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    const message = `content-type must be application/json, got ${JSON.stringify(contentType || '(none)')}`;
    return { ok: false, status: 415, code: 'unsupported_media_type', message, issues: [{ path: 'content-type', message }] };
  }
  const text = await request.text();
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'unparseable';
    const message = `body is not valid JSON: ${reason}`;
    return { ok: false, status: 400, code: 'invalid_json', message, issues: [{ path: 'body', message }] };
  }
}
