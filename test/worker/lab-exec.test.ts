import { beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, postLabExec as postWithKey, send, signUp, type ProblemBody } from './http';

const valid = { scenario: [], host: 'controller', command: 'hostname' };
let key = '';
const postLabExec = (body: unknown, contentType?: string) => postWithKey(key, body, contentType);

const CODES: Record<string, string> = { invalid_request: 'invalid-request', invalid_json: 'invalid-json', payload_too_large: 'payload-too-large', unsupported_media_type: 'unsupported-media-type' };

function expectError(response: Response, status: number, code: string): Promise<ProblemBody> {
  return expectProblem(response, status, CODES[code]);
}

/** Asserts the problem names `path` both in its issues and in its human detail. */
function expectNamesField(body: ProblemBody, path: string): void {
  expect(body.issues?.map((issue) => issue.path)).toContain(path);
  expect(body.detail).toContain(path);
}

describe('POST /v1/lab/exec', () => {
  beforeAll(async () => {
    key = (await signUp()).key;
  });

  it('needs an API key', async () => {
    await expectProblem(await postWithKey('', valid), 401, 'unauthorized');
  });

  it('answers 200 with stdout, stderr and exitCode', async () => {
    const response = await postLabExec({ ...valid, computes: 3, seed: 'interview-1' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(typeof body.stdout).toBe('string');
    expect(typeof body.stderr).toBe('string');
    expect(typeof body.exitCode).toBe('number');
  });

  it('rejects a missing scenario', async () => {
    const { scenario: _omitted, ...withoutScenario } = valid;
    const body = await expectError(await postLabExec(withoutScenario), 400, 'invalid_request');
    expectNamesField(body, 'scenario');
  });

  it('rejects a scenario that is not an array', async () => {
    const body = await expectError(await postLabExec({ ...valid, scenario: 'network create n1' }), 400, 'invalid_request');
    expectNamesField(body, 'scenario');
  });

  it('rejects a non-string scenario line, naming its index', async () => {
    const scenario = ['network list', 'network list', 'network list', 42];
    const body = await expectError(await postLabExec({ ...valid, scenario }), 400, 'invalid_request');
    expectNamesField(body, 'scenario.3');
  });

  it('rejects more than 300 scenario lines', async () => {
    const scenario = Array.from({ length: 301 }, () => 'x');
    const body = await expectError(await postLabExec({ ...valid, scenario }), 400, 'invalid_request');
    expectNamesField(body, 'scenario');
  });

  it('rejects a command over 2000 characters', async () => {
    const body = await expectError(await postLabExec({ ...valid, command: 'a'.repeat(2001) }), 400, 'invalid_request');
    expectNamesField(body, 'command');
  });

  it('rejects computes outside 1..20 and non-integers', async () => {
    for (const computes of [0, 21, 1.5, '2']) {
      const body = await expectError(await postLabExec({ ...valid, computes }), 400, 'invalid_request');
      expectNamesField(body, 'computes');
    }
  });

  it('rejects unknown fields so typos are not silently ignored', async () => {
    const body = await expectError(await postLabExec({ ...valid, compute: 3 }), 400, 'invalid_request');
    expectNamesField(body, 'compute');
  });

  it('rejects a body that is not an object', async () => {
    const body = await expectError(await postLabExec([valid]), 400, 'invalid_request');
    expectNamesField(body, 'body');
  });

  it('rejects an unknown host and lists the valid ones', async () => {
    const body = await expectError(await postLabExec({ ...valid, host: 'network1' }), 400, 'invalid_request');
    expectNamesField(body, 'host');
    expect(body.detail).toContain('controller');
    expect(body.hosts).toContain('controller');
  });

  it('rejects malformed JSON', async () => {
    const body = await expectError(await postLabExec('{"scenario": ['), 400, 'invalid_json');
    expectNamesField(body, 'body');
  });

  it('rejects a body over 64 KB with 413', async () => {
    const body = await expectError(
      await postLabExec({ ...valid, scenario: ['x'.repeat(70 * 1024)] }),
      413,
      'payload_too_large',
    );
    expectNamesField(body, 'body');
  });

  it('rejects a streamed body over 64 KB, which carries no content-length', async () => {
    // Exactly one byte over, and all of it sent: the worker still reads the
    // whole stream, so the test leaves no aborted pipe behind.
    const chunks = [...Array.from({ length: 4 }, () => 'x'.repeat(16 * 1024)), 'x'];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const response = await send('/v1/lab/exec', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: stream,
    });
    await expectError(response, 413, 'payload_too_large');
  });

  it('rejects a non-JSON content-type with 415', async () => {
    const body = await expectError(await postLabExec(JSON.stringify(valid), 'text/plain'), 415, 'unsupported_media_type');
    expect(body.issues?.map((issue) => issue.path)).toContain('header.content-type');
    expect(body.detail).toContain('text/plain');
  });

  it('accepts a JSON content-type with a charset parameter', async () => {
    const response = await postLabExec(valid, 'application/json; charset=utf-8');
    expect(response.status).toBe(200);
  });
});

describe('POST /v1/lab/exec work budget', () => {
  it('refuses a scenario that needs more work than one request may do, with a clear 422', async () => {
    const { key } = await signUp();
    const scenario = [
      'openstack network create n1',
      'openstack subnet create --network n1 --subnet-range 10.1.0.0/24 s1',
      ...Array.from({ length: 120 }, (_, i) => `openstack server create --flavor m1.nano --image cirros --nic net-id=n1 vm${i}`),
    ];
    const body = await expectProblem(await postWithKey(key, { scenario, host: 'controller', command: 'hostname' }), 422, 'scenario-failed');
    expect(body.apiStatus).toBe(413);
    expect(body.detail).toContain('more work than one request may do');
    expect(body.line as number).toBeLessThan(scenario.length);
  });
});
