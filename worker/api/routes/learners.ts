/** Sign-up and the learner's own settings. */
import { createRoute } from '@hono/zod-openapi';
import { createLearner, learnerView, updateLearner } from '../../tutor/learners';
import { BEARER, COMMON_ERRORS, apiRouter, errors, json } from '../router';
import { CreatedLearnerSchema, LearnerSchema, LearnerSettingsSchema, NewLearnerSchema } from '../schemas';

export const signupRoutes = apiRouter();

signupRoutes.openapi(createRoute({
  method: 'post', path: '/learners', tags: ['learners'], summary: 'Create a learner and their API key (shown once)',
  request: { body: { required: false, content: { 'application/json': { schema: NewLearnerSchema } } } },
  responses: { 201: json(CreatedLearnerSchema, 'The learner and the API key'), 400: COMMON_ERRORS[400], 413: COMMON_ERRORS[413], 415: COMMON_ERRORS[415], 429: COMMON_ERRORS[429] },
}), async (c) => {
  const body = c.req.valid('json') ?? {};
  const created = await createLearner(c.var.db, body, c.var.now);
  return c.json({ learner: created.learner, apiKey: created.apiKey }, 201);
});

export const meRoutes = apiRouter();

meRoutes.openapi(createRoute({
  method: 'get', path: '/me', tags: ['learners'], summary: 'The learner this key belongs to', security: BEARER,
  responses: { 200: json(LearnerSchema, 'The learner'), 401: COMMON_ERRORS[401], 429: COMMON_ERRORS[429] },
}), (c) => c.json(learnerView(c.var.learner), 200));

meRoutes.openapi(createRoute({
  method: 'patch', path: '/me', tags: ['learners'], summary: 'Change locale, timezone, daily caps or desired retention', security: BEARER,
  request: { body: { required: true, content: { 'application/json': { schema: LearnerSettingsSchema } } } },
  responses: { 200: json(LearnerSchema, 'The learner, changed'), ...COMMON_ERRORS, 404: errors[404] },
}), async (c) => {
  const updated = await updateLearner(c.var.db, c.var.learner, c.req.valid('json'));
  c.var.keyCache.forgetLearner(c.var.learner.id);
  return c.json(updated, 200);
});
