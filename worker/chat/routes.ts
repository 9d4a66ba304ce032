/** Every chat channel, mounted on the app: webhooks under /chat, the MCP server at /mcp. */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { KeyCache } from '../auth/key-cache';
import type { AppEnv } from '../env';
import { MAX_BODY_BYTES, requestContext } from '../http/middleware';
import { Problem } from '../http/problem';
import { discordRoutes } from './discord';
import { mcpRoutes } from './mcp';
import { slackRoutes } from './slack';
import { telegramRoutes } from './telegram';
import { wechatRoutes } from './wechat';

export { plainChatRoutes } from './plain';

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new Problem('payload-too-large', `the body exceeds ${MAX_BODY_BYTES} bytes`);
  },
});

export function mountChatChannels(app: Hono<AppEnv>, keyCache: KeyCache): void {
  app.use('/chat/*', requestContext(keyCache), limitBody);
  app.route('/chat/telegram', telegramRoutes);
  app.route('/chat/discord', discordRoutes);
  app.route('/chat/slack', slackRoutes);
  app.route('/chat/wechat', wechatRoutes);
  app.use('/mcp', limitBody);
  app.route('/mcp', mcpRoutes(keyCache));
}
