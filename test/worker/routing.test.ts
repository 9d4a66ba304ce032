import { describe, expect, it } from 'vitest';
import { send, type ErrorBody } from './http';

describe('routing', () => {
  it('GET /healthz answers ok', async () => {
    const response = await send('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('an unknown route answers 404 in the error shape', async () => {
    const response = await send('/v1/nope');
    expect(response.status).toBe(404);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('not_found');
  });

  it('the wrong method on a known path answers 404 in the error shape', async () => {
    const response = await send('/v1/lab/exec');
    expect(response.status).toBe(404);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('not_found');
  });
});
