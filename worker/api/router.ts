/** Every API router is an OpenAPIHono whose validation failures become 400 problems naming the fields. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { toFieldIssues } from '../http/issues';
import { invalid } from '../http/problem';
import { ProblemSchema } from './schemas';

const WHERE: Record<string, string> = { json: '', query: 'query', param: 'path', header: 'header' };

export function apiRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalid(toFieldIssues(result.error, WHERE[result.target] ?? result.target));
    },
  });
}

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

/** The error responses every authenticated route can give. */
export const COMMON_ERRORS = {
  400: problem('The request is not valid (the issues name each field)'),
  401: problem('No API key, or not a valid one'),
  413: problem('The body is over 64 KB'),
  415: problem('The body is not application/json'),
  429: problem('Too many requests'),
  503: problem('D1 did not answer; nothing was saved, retry'),
} as const;

export const errors = {
  404: problem('Not found (another learner\'s question is not found either)'),
  409: problem('The question was already graded (or its solution shown), or has no more hints'),
  422: problem('The Idempotency-Key was used for a different request, or a scenario line failed'),
  problem,
} as const;

export const json = <T>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
export const BEARER = [{ bearerAuth: [] }];
