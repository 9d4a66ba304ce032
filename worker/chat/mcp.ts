/**
 * The MCP server at /mcp (Streamable HTTP), stateless: every POST carries
 * JSON-RPC, gets a JSON response, and builds its server for the learner of
 * its API key (Authorization: Bearer st_…). There is nothing to stream, so
 * GET and DELETE are 405, which clients take as "no session stream".
 */
import { StreamableHTTPTransport } from '@hono/mcp';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { KeyCache } from '../auth/key-cache';
import type { AppEnv } from '../env';
import { requestContext, requireLearner } from '../http/middleware';
import { tutorMcpServer } from './mcp-tools';

export function mcpRoutes(keyCache: KeyCache): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.on(['GET', 'DELETE'], '/', (c) => c.json({ jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this MCP server is stateless; POST JSON-RPC messages' }, id: null }, 405, { allow: 'POST' }));
  routes.post('/', requestContext(keyCache), requireLearner, async (c) => {
    const server = tutorMcpServer({ db: c.var.db, now: c.var.now, learner: c.var.learner });
    const transport = new StreamableHTTPTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    try {
      return (await transport.handleRequest(c)) ?? c.body(null, 202);
    } catch (e) {
      // The transport's own JSON-RPC errors (406, 415, a parse error) go out as it wrote them.
      if (e instanceof HTTPException) return e.getResponse();
      throw e;
    }
  });
  return routes;
}
