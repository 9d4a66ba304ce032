/** Study before quizzing: the eight flows, and each one walked through on a fresh scenario with its trace. */
import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { flowSummaries, flowWalkthrough } from '../../../content/walkthroughs';
import { newSeed } from '../../tutor/ids';
import { BEARER, COMMON_ERRORS, apiRouter, json } from '../router';
import { TextSchema } from '../schemas';

export const flowRoutes = apiRouter();

const FlowSummarySchema = z.object({ flow: z.int(), title: TextSchema, summary: TextSchema, families: z.int() }).meta({ id: 'FlowSummary' });
const WalkthroughSchema = z.object({
  flow: z.int(), title: TextSchema, summary: TextSchema, steps: z.array(TextSchema),
  interviewVsReality: z.array(z.object({ expected: TextSchema, actually: TextSchema })),
  seed: z.string().meta({ description: 'Replay with POST /v1/lab/exec { scenario, computes, seed } to get this very cloud' }),
  scenario: z.array(z.string()), computes: z.int(),
  trace: z.array(z.record(z.string(), z.unknown())).meta({ description: 'Every step the services and agents took, in order, with the host state each changed' }),
}).meta({ id: 'FlowWalkthrough' });

flowRoutes.openapi(createRoute({
  method: 'get', path: '/flows', tags: ['flows'], security: BEARER, summary: 'The eight flows, with how many question families quiz each',
  responses: { 200: json(z.object({ flows: z.array(FlowSummarySchema) }), 'The flows'), 401: COMMON_ERRORS[401], 429: COMMON_ERRORS[429] },
}), (c) => c.json({ flows: flowSummaries() }, 200));

flowRoutes.openapi(createRoute({
  method: 'get', path: '/flows/{n}', tags: ['flows'], security: BEARER,
  summary: "A flow's walkthrough: key steps, interview answers vs reality, and its trace on a fresh scenario",
  request: {
    params: z.object({ n: z.coerce.number().int().min(1).max(8).meta({ param: { name: 'n', in: 'path' }, example: 7 }) }),
    query: z.object({ seed: z.string().min(1).max(64).optional().meta({ description: 'Rebuild a walkthrough seen before; a fresh one by default' }) }),
  },
  responses: { 200: json(WalkthroughSchema, 'The walkthrough'), 400: COMMON_ERRORS[400], 401: COMMON_ERRORS[401], 429: COMMON_ERRORS[429] },
}), (c) => {
  const seed = c.req.valid('query').seed ?? newSeed();
  const w = flowWalkthrough(c.req.valid('param').n, seed);
  return c.json({ ...w, seed, trace: w.trace as unknown as Record<string, unknown>[] }, 200);
});
