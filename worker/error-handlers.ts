import type { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { apiError } from './api-error';
import type { AppEnv } from './env';

/**
 * Makes unmatched routes and thrown errors answer in the API's JSON error
 * shape. Thrown errors are logged (visible in `wrangler tail`) but their
 * message and stack never reach the client.
 */
export function installErrorHandlers(app: Hono<AppEnv>): void {
  app.notFound((c) => apiError(c, 404, 'not_found', `no route for ${c.req.method} ${c.req.path}`));

  app.onError((error, c) => {
    if (error instanceof HTTPException && error.status < 500) {
      return apiError(c, error.status, 'invalid_request', error.message);
    }
    console.error('unhandled error', error);
    return apiError(c, 500, 'internal_error', 'internal error');
  });
}
