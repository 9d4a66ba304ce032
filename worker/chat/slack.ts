/**
 * Slack slash command and interactivity (POST /chat/slack, one URL for both).
 * Requests are signed: v0=HMAC-SHA256(signing secret, "v0:" + timestamp + ":" +
 * body), and one older than 5 minutes is refused, so a captured request
 * cannot be replayed. Slack waits 3 s: a slash command's reply is the response
 * when it is ready in time, otherwise it is acknowledged and the reply posted
 * to response_url. Button presses are always answered through response_url.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { Problem } from '../http/problem';
import { converse } from './conversation';
import { within } from './deadline';
import { postJson } from './outbound';
import { splitText } from './split-text';
import type { ChatUser, Reply } from './types';
import { hmacSha256Hex, sameSecret } from './verify';

export const REPLAY_WINDOW_S = 300;
const DEADLINE_MS = 2500;
// Slack Block Kit limits: a section's text, blocks per message, buttons per actions block.
const MAX_SECTION = 3000;
const MAX_BLOCKS = 50;
const MAX_BUTTONS = 25;
/** Where Slack's response_url points; anything else is not Slack's to receive. */
const RESPONSE_URL = /^https:\/\/hooks\.slack\.com\//;

interface BlockActions {
  type: string;
  user: { id: string; team_id?: string };
  team?: { id: string };
  actions?: { value?: string }[];
  response_url?: string;
}

/** A reply as a Slack message: ephemeral (only the learner sees it), text in sections, buttons below. */
export function slackMessage(reply: Reply) {
  const sections = splitText(reply.text, MAX_SECTION).map((text) => ({ type: 'section', text: { type: 'plain_text', text, emoji: true } }));
  const buttons = (reply.choices ?? []).map((c, i) => ({ type: 'button', action_id: `choice-${i}`, text: { type: 'plain_text', text: c.label.slice(0, 75), emoji: true }, value: c.id }));
  const actions = [];
  for (let i = 0; i < buttons.length; i += MAX_BUTTONS) actions.push({ type: 'actions', elements: buttons.slice(i, i + MAX_BUTTONS) });
  return { response_type: 'ephemeral', replace_original: false, text: reply.text.slice(0, MAX_SECTION), blocks: [...sections, ...actions].slice(0, MAX_BLOCKS) };
}

export const slackRoutes = new Hono<AppEnv>();

slackRoutes.post('/', async (c) => {
  const secret = c.env.SLACK_SIGNING_SECRET;
  if (!secret) throw new Problem('not-found', 'the Slack channel is not configured');
  const body = await c.req.text();
  const timestamp = c.req.header('x-slack-request-timestamp') ?? '';
  const signature = c.req.header('x-slack-signature') ?? '';
  if (!/^\d+$/.test(timestamp) || Math.abs(c.var.now / 1000 - Number(timestamp)) > REPLAY_WINDOW_S) {
    throw new Problem('unauthorized', 'X-Slack-Request-Timestamp is missing or more than 5 minutes away');
  }
  if (!(await sameSecret(signature, `v0=${await hmacSha256Hex(secret, `v0:${timestamp}:${body}`)}`))) {
    throw new Problem('unauthorized', 'missing or wrong X-Slack-Signature');
  }
  const form = new URLSearchParams(body);
  // Slack's periodic certificate check of a slash command URL: nothing to do but answer.
  if (form.get('ssl_check') === '1') return c.body(null, 200);
  const { db, now, keyCache } = c.var;
  const ctx = { db, now, keyCache };
  const payload = form.get('payload');

  if (payload !== null) {
    const action = JSON.parse(payload) as BlockActions;
    const value = action.actions?.[0]?.value;
    if (action.type !== 'block_actions' || !value || !RESPONSE_URL.test(action.response_url ?? '')) return c.body(null, 200);
    const user: ChatUser = { channel: 'slack', externalId: `${action.team?.id ?? action.user.team_id}:${action.user.id}`, localeHint: 'en' };
    const responseUrl = action.response_url!;
    const work = converse(ctx, user, value).then((reply) => postJson(responseUrl, slackMessage(reply)));
    const raced = await within(work, DEADLINE_MS);
    if (!raced.done) c.executionCtx.waitUntil(raced.work.catch((e) => console.error('deferred Slack reply failed', e)));
    return c.body(null, 200);
  }

  const teamId = form.get('team_id');
  const userId = form.get('user_id');
  if (!teamId || !userId) throw new Problem('invalid-request', 'not a slash command: team_id and user_id are missing');
  const user: ChatUser = { channel: 'slack', externalId: `${teamId}:${userId}`, localeHint: 'en' };
  const raced = await within(converse(ctx, user, form.get('text') || '/help'), DEADLINE_MS);
  if (raced.done) return c.json(slackMessage(raced.value));
  const responseUrl = form.get('response_url');
  if (responseUrl && RESPONSE_URL.test(responseUrl)) c.executionCtx.waitUntil(raced.work.then((reply) => postJson(responseUrl, slackMessage(reply))).catch((e) => console.error('deferred Slack reply failed', e)));
  return c.json({ response_type: 'ephemeral', text: '…' });
});
