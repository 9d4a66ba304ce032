import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { apiError } from '../api-error';
import type { AppEnv } from '../env';
import {
  LAB_EXEC_LIMITS,
  describeFieldIssues,
  labExecRequestSchema,
  toFieldIssues,
} from '../lab-exec-request';
import { readJsonBody } from '../read-json-body';
import { runLabCommand } from '../run-lab-command';

/** Routes under /v1/lab: the emulated cloud, one command at a time. */
export const labRoutes = new Hono<AppEnv>();

labRoutes.post(
  '/exec',
  bodyLimit({
    maxSize: LAB_EXEC_LIMITS.bodyBytes,
    onError: (c) =>
      apiError(c, 413, 'payload_too_large', `body exceeds ${LAB_EXEC_LIMITS.bodyBytes} bytes`, {
        issues: [{ path: 'body', message: `must be at most ${LAB_EXEC_LIMITS.bodyBytes} bytes` }],
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

    const outcome = runLabCommand(parsed.data);
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
      case 'scenario_failed':
        return apiError(c, 422, 'scenario_failed', outcome.error.message, {
          line: outcome.error.line,
          text: outcome.error.text,
          status: outcome.error.status,
        });
    }
  },
);
