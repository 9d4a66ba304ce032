import { exports } from 'cloudflare:workers';
import { expect } from 'vitest';

/** RFC 9457 problem details, as every error response carries them. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  issues?: { path: string; message: string }[];
  [extension: string]: unknown;
}

const ORIGIN = 'http://stacktutor.test';

/** Sends a request through the worker's real default export. */
export function send(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(`${ORIGIN}${path}`, init);
}

export interface ApiOptions {
  method?: string;
  body?: unknown;
  key?: string;
  /** The clock for this request (the test configuration lets x-test-now move it). */
  now?: string | Date;
  headers?: Record<string, string>;
}

/** A JSON API call: body JSON-encoded unless already a string. */
export function api(path: string, options: ApiOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  if (options.key) headers['authorization'] = `Bearer ${options.key}`;
  if (options.now) headers['x-test-now'] = new Date(options.now).toISOString();
  return send(path, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(options.body === undefined ? {} : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
}

let ip = 0;

/** A new learner; each sign-up comes from its own address so the per-IP limit stays out of the way. */
export async function signUp(body: Record<string, unknown> = {}, now?: string): Promise<{ key: string; learner: Record<string, unknown> }> {
  const response = await api('/v1/learners', { body, headers: { 'cf-connecting-ip': `198.51.100.${(ip++ % 250) + 1}` }, ...(now ? { now } : {}) });
  expect(response.status, await response.clone().text()).toBe(201);
  const created = (await response.json()) as { apiKey: string; learner: Record<string, unknown> };
  return { key: created.apiKey, learner: created.learner };
}

/** Asserts a problem+json response with this status (and problem type, when given). */
export async function expectProblem(response: Response, status: number, type?: string): Promise<ProblemBody> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = JSON.parse(text) as ProblemBody;
  expect(body.status).toBe(status);
  if (type) expect(body.type).toBe(`/problems/${type}`);
  expect(body.detail.length).toBeGreaterThan(0);
  return body;
}

/** POSTs `body` (JSON-encoded unless already a string) to /v1/lab/exec with a key. */
export function postLabExec(key: string, body: unknown, contentType = 'application/json'): Promise<Response> {
  return api('/v1/lab/exec', { key, body, headers: { 'content-type': contentType } });
}
