import { OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import type { ScenarioError } from '../../engine/index';
import type { AppEnv } from '../../worker/env';
import { createLabRoutes } from '../../worker/api/routes/lab';
import { respondProblem, Problem } from '../../worker/http/problem';

// Which scenario lines the real engine rejects is the engine's business, so
// the 422 mapping is tested with a stub runner. (vi.mock cannot replace the
// engine here: the worker's modules are loaded before a test file's mocks.)
const failure: ScenarioError = {
  line: 2,
  text: 'subnet create --network nope s1',
  message: 'Error while executing command: No Network found for nope',
  status: 404,
};

function appWhereScenarioFails(): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.route('/v1', createLabRoutes(() => ({ kind: 'scenario_failed', error: failure })));
  app.onError((e, c) => respondProblem(c, e as Problem));
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
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ type: '/problems/scenario-failed', status: 422, detail: failure.message, line: 2, text: failure.text, apiStatus: 404 });
  });
});
