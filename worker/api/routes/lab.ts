/** The lab: replay a question's scenario on a fresh cloud and run one command on one host. */
import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { Problem } from '../../http/problem';
import { labExecRequestSchema, type LabExecRequest } from '../../lab-exec-request';
import { runLabCommand, type LabCommandOutcome } from '../../run-lab-command';
import { BEARER, COMMON_ERRORS, apiRouter, errors, json } from '../router';

const ExecResultSchema = z.object({ stdout: z.string(), stderr: z.string(), exitCode: z.int() }).meta({ id: 'ExecResult' });

/** `run` is a parameter so tests can reach outcomes the real engine rarely produces. */
export function createLabRoutes(run: (request: LabExecRequest) => LabCommandOutcome = runLabCommand) {
  const routes = apiRouter();
  routes.openapi(createRoute({
    method: 'post', path: '/lab/exec', tags: ['lab'], security: BEARER,
    summary: 'Build the scenario on a fresh cloud, then run one command on one host (node, or an instance by name)',
    request: { body: { required: true, content: { 'application/json': { schema: labExecRequestSchema.meta({ id: 'LabExec' }) } } } },
    responses: { 200: json(ExecResultSchema, 'What the command printed'), ...COMMON_ERRORS, 422: errors.problem('A scenario line failed: line, text, message and status say which and why') },
  }), (c) => {
    const outcome = run(c.req.valid('json'));
    switch (outcome.kind) {
      case 'executed':
        return c.json(outcome.result, 200);
      case 'unknown_host': {
        const message = `unknown host ${JSON.stringify(outcome.host)}; valid hosts: ${outcome.validHosts.join(', ')}`;
        throw new Problem('invalid-request', `host: ${message}`, { issues: [{ path: 'host', message }], hosts: outcome.validHosts });
      }
      case 'scenario_failed': {
        const { line, text, message, status } = outcome.error;
        throw new Problem('scenario-failed', message, { line, text, apiStatus: status });
      }
    }
  });
  return routes;
}

export const labRoutes = createLabRoutes();
