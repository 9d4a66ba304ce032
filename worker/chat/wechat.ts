/**
 * WeChat Official Account (公众号) server at /chat/wechat, plaintext mode.
 * GET is the echostr handshake; POST carries one XML message and gets a
 * passive XML reply. Both are signed: signature = SHA1 of the sorted token,
 * timestamp and nonce. That signature does not cover the body, so a
 * timestamp more than 5 minutes away is refused as well. WeChat retries a
 * message it got no reply to; a MsgId seen before is ignored. It waits 5 s:
 * slower work is finished in the background and its reply kept for "more".
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../env';
import { Problem } from '../http/problem';
import { converse } from './conversation';
import { within } from './deadline';
import { STILL_WORKING } from './messages';
import { claimDelivery, releaseDelivery } from './store';
import { say, type ChatUser, type Reply } from './types';
import { sameSecret, sha1Hex } from './verify';

const REPLAY_WINDOW_S = 300;
const DEADLINE_MS = 4000;
/** A passive text reply holds at most 2048 bytes; leave room for the XML around it. */
const MAX_REPLY_BYTES = 2000;

/** A field of WeChat's flat XML, CDATA or not (the format has no nesting, attributes or entities to speak of). */
export function xmlField(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))\\s*</${name}>`).exec(xml);
  return m ? (m[1] ?? m[2] ?? '') : undefined;
}

const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

export function wechatTextReply(to: string, from: string, now: number, content: string): string {
  return `<xml><ToUserName>${cdata(to)}</ToUserName><FromUserName>${cdata(from)}</FromUserName><CreateTime>${Math.floor(now / 1000)}</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata(content)}</Content></xml>`;
}

/** The choices as text: WeChat's passive replies have no buttons. */
function withChoicesAsText(reply: Reply): string {
  const shown = (reply.choices ?? []).filter((c) => c.id.startsWith('/quiz'));
  return shown.length ? `${reply.text}\n\n${shown.map((c) => `${c.label.replace(/\s*▶$/, '')}：${c.id.replace(/^\//, '')}`).join('\n')}` : reply.text;
}

async function verified(c: Context<AppEnv>): Promise<void> {
  const token = c.env.WECHAT_TOKEN;
  if (!token) throw new Problem('not-found', 'the WeChat channel is not configured');
  const { signature = '', timestamp = '', nonce = '' } = c.req.query();
  if (!/^\d+$/.test(timestamp) || Math.abs(c.var.now / 1000 - Number(timestamp)) > REPLAY_WINDOW_S) {
    throw new Problem('unauthorized', 'timestamp is missing or more than 5 minutes away');
  }
  if (!signature || !(await sameSecret(signature, await sha1Hex([token, timestamp, nonce].sort().join(''))))) {
    throw new Problem('unauthorized', 'missing or wrong signature');
  }
}

export const wechatRoutes = new Hono<AppEnv>();

wechatRoutes.get('/', async (c) => {
  await verified(c);
  return c.text(c.req.query('echostr') ?? '');
});

wechatRoutes.post('/', async (c) => {
  await verified(c);
  const xml = await c.req.text();
  const openId = xmlField(xml, 'FromUserName');
  const account = xmlField(xml, 'ToUserName');
  const type = xmlField(xml, 'MsgType');
  if (!openId || !account || !type) throw new Problem('invalid-request', 'not a WeChat message');
  // A follow is a /start; a voice message with WeChat's speech recognition on is its text.
  const text = type === 'text' ? xmlField(xml, 'Content')
    : type === 'voice' ? xmlField(xml, 'Recognition')
      : type === 'event' && xmlField(xml, 'Event') === 'subscribe' ? '/start' : undefined;
  // "success" tells WeChat there is nothing to reply.
  if (!text) return c.text('success');

  const { db, now, keyCache } = c.var;
  const delivery = xmlField(xml, 'MsgId') ?? `${openId}:${xmlField(xml, 'CreateTime')}`;
  if (!(await claimDelivery(db, 'wechat', delivery, now))) return c.text('success');
  const user: ChatUser = { channel: 'wechat', externalId: openId, localeHint: 'zh' };
  let late = false;
  const work = converse({ db, now, keyCache }, user, text, { maxBytes: MAX_REPLY_BYTES, isLate: () => late });
  let raced;
  try {
    raced = await within(work, DEADLINE_MS);
  } catch (e) {
    await releaseDelivery(db, 'wechat', delivery);
    throw e;
  }
  let content: string;
  if (raced.done) {
    content = withChoicesAsText(raced.value);
  } else {
    late = true;
    c.executionCtx.waitUntil(raced.work.catch((e) => console.error('late WeChat reply failed', e)));
    content = `${say(STILL_WORKING, 'zh')}\n${say(STILL_WORKING, 'en')}`;
  }
  return c.body(wechatTextReply(openId, account, now, content), 200, { 'content-type': 'application/xml; charset=utf-8' });
});
