/** One-time codes that link a chat (Telegram, Discord, Slack, WeChat) without sending the API key there. */
import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { createLinkCode, LINK_CODE_TTL_MS } from '../../tutor/link-codes';
import { BEARER, COMMON_ERRORS, apiRouter, json } from '../router';

export const linkCodeRoutes = apiRouter();

const LinkCodeSchema = z.object({
  code: z.string().meta({ example: '7KQ2-M9XD' }),
  expiresAt: z.string(),
  howTo: z.string(),
}).meta({ id: 'LinkCode' });

linkCodeRoutes.openapi(createRoute({
  method: 'post', path: '/me/link-codes', tags: ['learners'], security: BEARER,
  summary: `A one-time code to link a chat: send \`/start CODE\` to a bot within ${LINK_CODE_TTL_MS / 60_000} minutes (a new code retires the unused ones)`,
  responses: { 201: json(LinkCodeSchema, 'The code, shown once'), 401: COMMON_ERRORS[401], 429: COMMON_ERRORS[429] },
}), async (c) => {
  const { code, expiresAt } = await createLinkCode(c.var.db, c.var.learner, c.var.now);
  return c.json({ code, expiresAt, howTo: `Send /start ${code} to the bot in a private chat before ${expiresAt}.` }, 201);
});
