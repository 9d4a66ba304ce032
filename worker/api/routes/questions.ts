/** The practice loop: next question, hints, answer, solution. */
import { createRoute } from '@hono/zod-openapi';
import { answerQuestion } from '../../tutor/answers';
import { issueQuestion, nextHint, showQuestion, showSolution } from '../../tutor/questions';
import { BEARER, COMMON_ERRORS, apiRouter, errors, json } from '../router';
import { AnswerBodySchema, GradedSchema, HintSchema, IdempotencyHeaderSchema, QuestionIdSchema, QuestionRequestSchema, QuestionSchema, SolutionSchema } from '../schemas';

export const questionRoutes = apiRouter();
const CHANNEL = 'api';

questionRoutes.openapi(createRoute({
  method: 'post', path: '/questions', tags: ['questions'], security: BEARER,
  summary: 'The next question for this learner: due reviews first, then new families',
  request: { body: { required: false, content: { 'application/json': { schema: QuestionRequestSchema } } } },
  responses: { 201: json(QuestionSchema, 'A new question (never its answer)'), ...COMMON_ERRORS, 404: errors.problem('Nothing to ask now (nothing due, or daily limits reached); nextDueAt says when') },
}), async (c) => {
  const body = c.req.valid('json') ?? { mode: 'any' as const };
  return c.json(await issueQuestion(c.var.db, c.var.learner, body, c.var.now, CHANNEL), 201);
});

questionRoutes.openapi(createRoute({
  method: 'get', path: '/questions/{id}', tags: ['questions'], security: BEARER, summary: 'A question issued to this learner, with its result once answered',
  request: { params: QuestionIdSchema },
  responses: { 200: json(QuestionSchema, 'The question'), ...COMMON_ERRORS, 404: errors[404] },
}), async (c) => c.json(await showQuestion(c.var.db, c.var.learner, c.req.valid('param').id), 200));

questionRoutes.openapi(createRoute({
  method: 'post', path: '/questions/{id}/hints', tags: ['questions'], security: BEARER, summary: 'The next hint (a hinted answer is rated Hard at best)',
  request: { params: QuestionIdSchema },
  responses: { 200: json(HintSchema, 'The next hint'), ...COMMON_ERRORS, 404: errors[404], 409: errors[409] },
}), async (c) => c.json(await nextHint(c.var.db, c.var.learner, c.req.valid('param').id), 200));

questionRoutes.openapi(createRoute({
  method: 'post', path: '/questions/{id}/answers', tags: ['questions'], security: BEARER,
  summary: 'Grade the answer (once) and schedule the next review; retry safely with an Idempotency-Key',
  request: { params: QuestionIdSchema, headers: IdempotencyHeaderSchema, body: { required: true, content: { 'application/json': { schema: AnswerBodySchema } } } },
  responses: { 201: json(GradedSchema, 'The grading, rating and next review'), ...COMMON_ERRORS, 404: errors[404], 409: errors[409], 422: errors[422] },
}), async (c) => {
  const { id } = c.req.valid('param');
  const key = c.req.valid('header')['idempotency-key'];
  const result = await answerQuestion(c.var.db, c.var.learner, id, c.req.valid('json'), key, c.var.now, CHANNEL);
  if (result.replayed) c.header('idempotent-replayed', 'true');
  return c.json(result.body as never, 201);
});

questionRoutes.openapi(createRoute({
  method: 'get', path: '/questions/{id}/solution', tags: ['questions'], security: BEARER,
  summary: 'The solution and explanation; before answering it closes the question as a failed recall',
  request: { params: QuestionIdSchema },
  responses: { 200: json(SolutionSchema, 'The solution'), ...COMMON_ERRORS, 404: errors[404] },
}), async (c) => c.json(await showSolution(c.var.db, c.var.learner, c.req.valid('param').id, c.var.now, CHANNEL), 200));
