import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { ScenarioError } from '../../engine/index';
import type { AppEnv } from '../../worker/env';
import { installErrorHandlers } from '../../worker/error-handlers';
import { createLabRoutes } from '../../worker/routes/lab';
import type { ErrorBody } from './http';

// Which scenario lines the real engine rejects is the engine's business, so
// the 422 mapping is tested with a stub runner. (vi.mock cannot replace the
// engine here: the worker's modules are loaded before a test file's mocks.)
const failure: ScenarioError = {
  line: 2,
  text: 'subnet create --network nope s1',
  message: 'Error while executing command: No Network found for nope',
  status: 404,
};

function appWhereScenarioFails(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/v1/lab', createLabRoutes(() => ({ kind: 'scenario_failed', error: failure })));
  installErrorHandlers(app);
  return app;
}

describe('POST /v1/lab/exec when a scenario line fails', () => {
  it('answers 422 with the failing line, its text, message and status', async () => {
    const response = await appWhereScenarioFails().request('/v1/lab/exec', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: ['network list', failure.text], host: 'controller', command: 'ip addr' }),
    });

    expect(response.status).toBe(422);
    expect(((await response.json()) as ErrorBody).error).toEqual({ code: 'scenario_failed', ...failure });
  });
});
