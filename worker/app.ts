/**
 * The StackTutor HTTP API. Every /v1 route but sign-up needs an API key;
 * routes validate and delegate to worker/tutor/ (the domain) and content/
 * and engine/ (questions and the emulated cloud).
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { swaggerUI } from '@hono/swagger-ui';
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import type { AppEnv } from './env';
import { KeyCache } from './auth/key-cache';
import { jsonBodyGuard, limitByIp, requestContext, requireLearner } from './http/middleware';
import { corsAllowList, securityHeaders } from './http/security';
import { isStorageError, storageUnavailable } from './tutor/errors';
import { PROBLEM_TYPES, Problem, respondProblem, type ProblemType } from './http/problem';
import { flowRoutes } from './api/routes/flows';
import { labRoutes } from './api/routes/lab';
import { keyRoutes } from './api/routes/keys';
import { linkCodeRoutes } from './api/routes/link-codes';
import { meRoutes, signupRoutes } from './api/routes/learners';
import { progressRoutes } from './api/routes/progress';
import { questionRoutes } from './api/routes/questions';
import { mountChatChannels, plainChatRoutes } from './chat/routes';
import { uiRoutes } from './ui/routes';
import { diagramRoutes } from './api/routes/diagrams';

/** Routes anyone may call; every other /v1 route needs `Authorization: Bearer <key>`. */
const PUBLIC = new Set(['POST /v1/learners']);

export function createApp(keyCache = new KeyCache()): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', securityHeaders, corsAllowList);

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/problems/:type', (c) => {
    const type = c.req.param('type');
    if (!(type in PROBLEM_TYPES)) throw new Problem('not-found', `no problem type ${type}`);
    const { status, title } = PROBLEM_TYPES[type as ProblemType];
    return c.json({ type: `/problems/${type}`, status, title });
  });

  app.use('/v1/*', requestContext(keyCache), jsonBodyGuard, async (c, next) => {
    if (PUBLIC.has(`${c.req.method} ${c.req.path}`)) return limitByIp(c, next);
    return requireLearner(c, next);
  });
  for (const routes of [signupRoutes, meRoutes, keyRoutes, linkCodeRoutes, questionRoutes, progressRoutes, flowRoutes, labRoutes, diagramRoutes, plainChatRoutes]) app.route('/v1', routes);
  mountChatChannels(app, keyCache);
  app.route('/', uiRoutes);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', description: 'The API key from POST /v1/learners' });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'StackTutor API', version: '1.0.0', description: 'OpenStack networking interview practice: questions from a live emulated cloud, graded against its real state, scheduled with FSRS.' },
  });
  app.get('/docs', swaggerUI({ url: '/openapi.json' }));

  app.notFound((c) => respondProblem(c, new Problem('not-found', `no route for ${c.req.method} ${c.req.path}`)));
  app.onError((error, c) => respondProblem(c, asProblem(error, c)));
  return app;
}

function asProblem(error: unknown, c: Context): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof HTTPException && error.status === 400 && /JSON/i.test(error.message)) {
    return new Problem('invalid-json', `the body is not valid JSON: ${error.message}`, { issues: [{ path: 'body', message: 'not valid JSON' }] });
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own refusals (its validators and body parsing), in the API's problem types.
    const type: ProblemType = error.status === 415 ? 'unsupported-media-type' : error.status === 413 ? 'payload-too-large' : error.status === 401 ? 'unauthorized' : 'invalid-request';
    return new Problem(type, error.message || PROBLEM_TYPES[type].title);
  }
  if (isStorageError(error)) return storageUnavailable(error);
  console.error('unhandled error', c.req.method, c.req.path, error);
  return new Problem('internal-error', 'something went wrong on our side; it has been logged');
}

export const app = createApp();
