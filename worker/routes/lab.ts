import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { apiError } from '../api-error';
import type { AppEnv } from '../env';
import {
  LAB_EXEC_LIMITS,
  type LabExecRequest,
  describeFieldIssues,
  labExecRequestSchema,
  toFieldIssues,
} from '../lab-exec-request';
import { readJsonBody } from '../read-json-body';
import { runLabCommand, type LabCommandOutcome } from '../run-lab-command';

const maxBodyBytes = LAB_EXEC_LIMITS.bodyBytes;

/**
 * Routes under /v1/lab: the emulated cloud, one command at a time. `run` is a
 * parameter so tests can reach outcomes the real engine rarely produces.
 */
export function createLabRoutes(
  run: (request: LabExecRequest) => LabCommandOutcome = runLabCommand,
): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.post(
    '/exec',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        apiError(c, 413, 'payload_too_large', `body exceeds ${maxBodyBytes} bytes`, {
          issues: [{ path: 'body', message: `must be at most ${maxBodyBytes} bytes` }],
        }),
    }),
    async (c) => {
      const body = await readJsonBody(c.req.raw);
      if (!body.ok) return apiError(c, body.status, body.code, body.message, { issues: body.issues });

      const parsed = labExecRequestSchema.safeParse(body.value);
      if (!parsed.success) {
        const issues = toFieldIssues(parsed.error);
        return apiError(c, 400, 'invalid_request', describeFieldIssues(issues), { issues });
      }

      return respondWithOutcome(c, run(parsed.data));
    },
  );

  return routes;
}

/** The lab routes wired to the real engine. */
export const labRoutes = createLabRoutes();

function respondWithOutcome(c: Context<AppEnv>, outcome: LabCommandOutcome): Response {
  switch (outcome.kind) {
    case 'executed':
      return c.json(outcome.result, 200);
    case 'unknown_host': {
      const message = `unknown host ${JSON.stringify(outcome.host)}; valid hosts: ${outcome.validHosts.join(', ')}`;
      return apiError(c, 400, 'invalid_request', `host: ${message}`, {
        issues: [{ path: 'host', message }],
        hosts: outcome.validHosts,
      });
    }
    case 'scenario_failed': {
      const { line, text, message, status } = outcome.error;
      return apiError(c, 422, 'scenario_failed', message, { line, text, status });
    }
  }
}
