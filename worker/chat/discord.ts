/**
 * Discord interactions endpoint (POST /chat/discord). Every request is signed
 * with the application's Ed25519 key over timestamp + body; PING gets PONG.
 * Slash commands (/quiz, /answer, /hint …, see cli/discord-commands.ts) and
 * button presses become chat messages; replies are ephemeral, so a quiz in a
 * shared channel stays the learner's own. Discord waits 3 s: slower work is
 * deferred and the reply edited in afterwards.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { Problem } from '../http/problem';
import { converse } from './conversation';
import { within } from './deadline';
import { postJson } from './outbound';
import { splitText } from './split-text';
import type { Reply, ReplyChoice } from './types';
import { verifyEd25519 } from './verify';

interface DiscordOption { name: string; value?: string | number }
interface Interaction {
  type: number;
  application_id: string;
  token: string;
  locale?: string;
  data?: { name?: string; options?: DiscordOption[]; custom_id?: string };
  member?: { user?: { id: string } };
  user?: { id: string };
}

const PING = 1;
const COMMAND = 2;
const COMPONENT = 3;
const EPHEMERAL = 64;
const DEADLINE_MS = 2500;
// Discord's message limits: content, one embed's description, all embeds together.
const MAX_CONTENT = 2000;
const MAX_EMBED = 4096;
const MAX_EMBEDS_TOTAL = 6000;
const MAX_REPLY_BYTES = 7500;

/** The chat text a slash command stands for: /answer's text as typed, any other as "/name arguments". */
export function commandText(data: NonNullable<Interaction['data']>): string {
  const values = (data.options ?? []).map((o) => String(o.value ?? ''));
  return data.name === 'answer' ? values.join(' ') : `/${data.name} ${values.join(' ')}`.trim();
}

const buttonStyle = (c: ReplyChoice) => (c.id.startsWith('/pick') || c.id === '/hint' ? 2 : 1);

/** A reply as a Discord message: text over content and embeds, buttons five to a row. */
export function discordMessage(reply: Reply) {
  const [content = '', ...rest] = splitText(reply.text, MAX_CONTENT);
  let budget = MAX_EMBEDS_TOTAL;
  const embeds = splitText(rest.join('\n'), MAX_EMBED).filter(Boolean).flatMap((description) => {
    const fits = description.slice(0, budget);
    budget -= fits.length;
    return fits ? [{ description: fits }] : [];
  });
  const buttons = (reply.choices ?? []).slice(0, 25).map((c) => ({ type: 2, style: buttonStyle(c), label: c.label.slice(0, 80), custom_id: c.id.slice(0, 100) }));
  const components = [];
  for (let i = 0; i < buttons.length; i += 5) components.push({ type: 1, components: buttons.slice(i, i + 5) });
  return { content, flags: EPHEMERAL, ...(embeds.length ? { embeds } : {}), ...(components.length ? { components } : {}) };
}

export const discordRoutes = new Hono<AppEnv>();

discordRoutes.post('/', async (c) => {
  const publicKey = c.env.DISCORD_PUBLIC_KEY;
  if (!publicKey) throw new Problem('not-found', 'the Discord channel is not configured');
  const body = await c.req.text();
  const signature = c.req.header('x-signature-ed25519') ?? '';
  const timestamp = c.req.header('x-signature-timestamp') ?? '';
  if (!signature || !timestamp || !(await verifyEd25519(publicKey, signature, timestamp + body))) {
    throw new Problem('unauthorized', 'missing or invalid X-Signature-Ed25519');
  }
  const interaction = JSON.parse(body) as Interaction;
  if (interaction.type === PING) return c.json({ type: 1 });
  const userId = interaction.member?.user?.id ?? interaction.user?.id;
  const text = interaction.type === COMMAND && interaction.data ? commandText(interaction.data)
    : interaction.type === COMPONENT ? interaction.data?.custom_id : undefined;
  if (!userId || text === undefined) throw new Problem('invalid-request', 'not an interaction this app handles');

  const { db, now, keyCache } = c.var;
  const user = { channel: 'discord' as const, externalId: userId, localeHint: interaction.locale?.startsWith('zh') ? 'zh' as const : 'en' as const };
  const raced = await within(converse({ db, now, keyCache }, user, text, { maxBytes: MAX_REPLY_BYTES }), DEADLINE_MS);
  if (raced.done) return c.json({ type: 4, data: discordMessage(raced.value) });
  // Too slow for Discord's 3 s: acknowledge now ("thinking…"), then put the reply in place.
  const original = `https://discord.com/api/v10/webhooks/${interaction.application_id}/${interaction.token}/messages/@original`;
  c.executionCtx.waitUntil(raced.work.then((reply) => postJson(original, discordMessage(reply), 'PATCH')).catch((e) => console.error('deferred Discord reply failed', e)));
  return c.json({ type: 5, data: { flags: EPHEMERAL } });
});
