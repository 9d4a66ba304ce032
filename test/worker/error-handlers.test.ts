import { Hono } from 'hono';
import { describe, expect, it, vi } from 'vitest';
import type { AppEnv } from '../../worker/env';
import { installErrorHandlers } from '../../worker/error-handlers';
import type { ErrorBody } from './http';

// The real app has no route that throws on purpose, so the handlers are
// exercised on a throwaway app with one.
describe('installErrorHandlers', () => {
  it('turns a thrown error into a 500 without leaking its message or stack', async () => {
    const app = new Hono<AppEnv>();
    app.get('/boom', () => {
      throw new Error('secret detail at /srv/engine/l3.ts:42');
    });
    installErrorHandlers(app);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});

    const response = await app.request('/boom');

    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('secret detail');
    expect(text).not.toContain('l3.ts');
    expect((JSON.parse(text) as ErrorBody).error.code).toBe('internal_error');
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});
