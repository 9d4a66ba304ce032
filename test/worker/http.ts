import { exports } from 'cloudflare:workers';

/** Shape of every error response, as documented in worker/api-error.ts. */
export interface ErrorBody {
  error: {
    code: string;
    message: string;
    issues?: { path: string; message: string }[];
    [detail: string]: unknown;
  };
}

const ORIGIN = 'http://stacktutor.test';

/** Sends a request through the worker's real default export. */
export function send(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(`${ORIGIN}${path}`, init);
}

/** POSTs `body` (JSON-encoded unless already a string) to /v1/lab/exec. */
export function postLabExec(body: unknown, contentType = 'application/json'): Promise<Response> {
  return send('/v1/lab/exec', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
