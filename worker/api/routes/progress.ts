/** What is due and how the learner is doing. */
import { createRoute } from '@hono/zod-openapi';
import { dueReviews, learnerStats } from '../../tutor/progress';
import { BEARER, COMMON_ERRORS, apiRouter, json } from '../router';
import { DueSchema, StatsSchema } from '../schemas';

export const progressRoutes = apiRouter();

progressRoutes.openapi(createRoute({
  method: 'get', path: '/reviews/due', tags: ['progress'], security: BEARER, summary: 'What is due now, what is left today, and a 14-day forecast',
  responses: { 200: json(DueSchema, 'Due reviews'), 401: COMMON_ERRORS[401], 429: COMMON_ERRORS[429], 503: COMMON_ERRORS[503] },
}), async (c) => c.json(await dueReviews(c.var.db, c.var.learner, c.var.now), 200));

progressRoutes.openapi(createRoute({
  method: 'get', path: '/stats', tags: ['progress'], security: BEARER, summary: 'Per flow: attempts, accuracy, retention, mastery; streak; reviews today; leeches',
  responses: { 200: json(StatsSchema, 'Statistics'), 401: COMMON_ERRORS[401], 429: COMMON_ERRORS[429], 503: COMMON_ERRORS[503] },
}), async (c) => c.json(await learnerStats(c.var.db, c.var.learner, c.var.now), 200));
