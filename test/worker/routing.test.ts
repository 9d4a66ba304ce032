import { describe, expect, it } from 'vitest';
import { api, expectProblem, send } from './http';

describe('routing', () => {
  it('GET /healthz answers ok', async () => {
    const response = await send('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('an unknown route outside /v1 answers a 404 problem', async () => {
    await expectProblem(await send('/nope'), 404, 'not-found');
  });

  it('anything under /v1 without a key is 401, so route names do not leak', async () => {
    const body = await expectProblem(await send('/v1/nope'), 401, 'unauthorized');
    expect(body.instance).toBe('/v1/nope');
  });

  it('serves the OpenAPI 3.1 document and the interactive docs', async () => {
    const doc = (await (await send('/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/v1/learners', '/v1/me', '/v1/questions', '/v1/questions/{id}', '/v1/questions/{id}/hints', '/v1/questions/{id}/answers', '/v1/questions/{id}/solution', '/v1/reviews/due', '/v1/stats', '/v1/flows', '/v1/flows/{n}', '/v1/lab/exec']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const docs = await send('/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/openapi.json');
  });

  it('documents each problem type at its type URI', async () => {
    const response = await api('/problems/already-answered');
    expect(await response.json()).toMatchObject({ status: 409 });
  });
});
