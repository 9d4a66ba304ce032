/** SVG diagrams: a question's topology, a flow's sequence, and the packet walks of flows 5-8. */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../../env';
import { compressText } from '../../http/compression';
import { Problem } from '../../http/problem';
import { FLOW_WALKS, flowSequence, flowWalk, questionTopology } from '../../tutor/diagrams';
import { newSeed } from '../../tutor/ids';
import { BEARER, COMMON_ERRORS, apiRouter, errors } from '../router';
import { QuestionIdSchema } from '../schemas';

export const diagramRoutes = apiRouter();
// Scoped to these paths: a '*' middleware here would run for every /v1 route once mounted.
diagramRoutes.use('/questions/:id/diagrams/*', compressText);
diagramRoutes.use('/flows/:n/diagrams/*', compressText);

const SEED_HEADER = 'walkthrough-seed';

const DiagramQuerySchema = z.object({
  lang: z.enum(['en', 'zh']).default('en').meta({ description: 'Language of the labels' }),
  highlight: z.string().max(1000).optional().meta({ description: 'Comma-separated device names to emphasise', example: 'brq2c66001b-f0,vxlan-475' }),
});
const FlowParamSchema = z.object({ n: z.coerce.number().int().min(1).max(8).meta({ param: { name: 'n', in: 'path' }, example: 1 }) });
const FlowQuerySchema = DiagramQuerySchema.extend({
  seed: z.string().min(1).max(64).optional().meta({ description: 'The walkthrough seed (GET /v1/flows/{n} returns it); a fresh one by default, echoed in the walkthrough-seed header' }),
});

const svg = (description: string) => ({
  description,
  headers: z.object({ [SEED_HEADER]: z.string().optional().meta({ description: 'The walkthrough seed drawn (flow diagrams)' }) }),
  content: { 'image/svg+xml': { schema: z.string().meta({ description: 'An SVG document; its <title> and <desc> describe it for assistive technology' }) } },
});

const options = (query: { lang: 'en' | 'zh'; highlight?: string | undefined }) => ({
  lang: query.lang,
  highlight: (query.highlight ?? '').split(',').map((s) => s.trim()).filter(Boolean),
});

function svgResponse(c: Context<AppEnv>, body: string, cacheable: boolean): Response {
  return c.body(body, 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': cacheable ? 'private, max-age=86400' : 'no-store' });
}

diagramRoutes.openapi(createRoute({
  method: 'get', path: '/questions/{id}/diagrams/topology', tags: ['diagrams'], security: BEARER,
  summary: "The question's cloud as a topology: per host its bridges, taps, VXLAN devices, namespaces and instances; tunnels; the external network and floating IPs",
  description: 'Drawn from the scenario as issued (replayed with lab.seed and computes); a troubleshooting question\'s fault is not drawn.',
  request: { params: QuestionIdSchema, query: DiagramQuerySchema },
  responses: { 200: svg('The topology'), 400: COMMON_ERRORS[400], 401: COMMON_ERRORS[401], 404: errors[404], 429: COMMON_ERRORS[429], 503: COMMON_ERRORS[503] },
}), async (c) => svgResponse(c, await questionTopology(c.var.db, c.var.learner, c.req.valid('param').id, options(c.req.valid('query'))), true));

diagramRoutes.openapi(createRoute({
  method: 'get', path: '/flows/{n}/diagrams/sequence', tags: ['diagrams'], security: BEARER,
  summary: "A flow's trace as a sequence diagram: actors as lanes, REST, RPC, SQL and netlink steps as arrows",
  request: { params: FlowParamSchema, query: FlowQuerySchema },
  responses: { 200: svg('The sequence diagram'), 400: COMMON_ERRORS[400], 401: COMMON_ERRORS[401], 429: COMMON_ERRORS[429] },
}), (c) => {
  const query = c.req.valid('query');
  const seed = query.seed ?? newSeed();
  c.header(SEED_HEADER, seed);
  return svgResponse(c, flowSequence(c.req.valid('param').n, seed, options(query)), query.seed !== undefined);
});

diagramRoutes.openapi(createRoute({
  method: 'get', path: '/flows/{n}/diagrams/walk', tags: ['diagrams'], security: BEARER,
  summary: 'The packet of flows 5-8 walked hop by hop with the address rewrites at NAT: 5 the DHCP exchange, 6 east-west through the router, 7 SNAT out, 8 DNAT in to a floating IP',
  request: { params: FlowParamSchema, query: FlowQuerySchema },
  responses: { 200: svg('The packet walk'), 400: COMMON_ERRORS[400], 401: COMMON_ERRORS[401], 404: errors.problem('Flows 1-4 have no packet walk'), 429: COMMON_ERRORS[429] },
}), (c) => {
  const { n } = c.req.valid('param');
  const query = c.req.valid('query');
  if (!FLOW_WALKS[n]) throw new Problem('not-found', `flow ${n} has no packet walk; flows ${Object.keys(FLOW_WALKS).join(', ')} have one`);
  const seed = query.seed ?? newSeed();
  c.header(SEED_HEADER, seed);
  return svgResponse(c, flowWalk(n, seed, options(query))!, query.seed !== undefined);
});
