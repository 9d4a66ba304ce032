/**
 * POST /v1/chat: the tutor as plain text for any other bot framework. The
 * /v1 middleware has already authenticated the learner by API key; the
 * conversation is theirs, on the "plain" channel.
 */
import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { BEARER, COMMON_ERRORS, apiRouter, json } from '../api/router';
import { converse } from './conversation';

const ChatMessageSchema = z.strictObject({
  text: z.string().trim().min(1).max(20_000).meta({ description: 'A command (/quiz 3, /hint, /due, /help …) or the answer to the open question', example: '/quiz 2' }),
}).meta({ id: 'ChatMessage' });

const ChatReplySchema = z.object({
  text: z.string().meta({ description: "The tutor's reply in the learner's language" }),
  choices: z.array(z.object({
    id: z.string().meta({ description: 'Send this back as `text` to press the button' }),
    label: z.string(),
  })).optional(),
}).meta({ id: 'ChatReply' });

export const plainChatRoutes = apiRouter();

plainChatRoutes.openapi(createRoute({
  method: 'post', path: '/chat', tags: ['chat'], security: BEARER,
  summary: 'Talk to the tutor in plain text: the same conversation as the Telegram, WeChat, Discord and Slack bots',
  request: { body: { required: true, content: { 'application/json': { schema: ChatMessageSchema } } } },
  responses: { 200: json(ChatReplySchema, 'The reply, with buttons as choices'), ...COMMON_ERRORS },
}), async (c) => {
  const { db, now, keyCache, learner } = c.var;
  const reply = await converse({ db, now, keyCache }, { channel: 'plain', externalId: learner.id, localeHint: learner.locale }, c.req.valid('json').text, { learner });
  return c.json({ text: reply.text, ...(reply.choices?.length ? { choices: reply.choices } : {}) }, 200);
});
