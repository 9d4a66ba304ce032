/**
 * The WeChat Official Account server: the echostr handshake, a follow that
 * creates the learner, a quiz in Chinese answered by text, a long question
 * in parts ("更多"), a repeated MsgId, and bad or stale signatures.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { xmlField } from '../../worker/chat/wechat';
import { FAMILY, openQuestion, rightAnswerText, T0, wrongAnswerText } from './chat';
import { rowCounts, rows } from './db';
import { send } from './http';

const TOKEN = 'test-wechat-token';
const NOW_S = Math.floor(Date.parse(T0) / 1000);
let msgId = 5_000_000;

async function sha1Hex(text: string): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text)))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function query({ timestamp = NOW_S, token = TOKEN, extra = {} }: { timestamp?: number; token?: string; extra?: Record<string, string> } = {}): Promise<string> {
  const nonce = String(Math.floor(Math.random() * 1e9));
  const signature = await sha1Hex([token, String(timestamp), nonce].sort().join(''));
  return new URLSearchParams({ signature, timestamp: String(timestamp), nonce, ...extra }).toString();
}

const textMessage = (openId: string, content: string, id = ++msgId) =>
  `<xml><ToUserName><![CDATA[gh_stacktutor]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName><CreateTime>${NOW_S}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${id}</MsgId></xml>`;
const follow = (openId: string) =>
  `<xml><ToUserName><![CDATA[gh_stacktutor]]></ToUserName><FromUserName><![CDATA[${openId}]]></FromUserName><CreateTime>${NOW_S}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>`;

async function post(xml: string, q?: string): Promise<Response> {
  return send(`/chat/wechat?${q ?? (await query())}`, { method: 'POST', headers: { 'content-type': 'text/xml', 'x-test-now': T0 }, body: xml });
}

/** The Content of the passive reply, after checking it is addressed back to the sender. */
async function reply(xml: string, openId: string): Promise<string> {
  const response = await post(xml);
  const body = await response.text();
  expect(response.status, body).toBe(200);
  expect(xmlField(body, 'ToUserName')).toBe(openId);
  expect(xmlField(body, 'FromUserName')).toBe('gh_stacktutor');
  const content = xmlField(body, 'Content')!;
  expect(new TextEncoder().encode(content).length).toBeLessThanOrEqual(2048);
  return content;
}

describe('the WeChat Official Account server', () => {
  it('completes the echostr handshake only with a good signature', async () => {
    const ok = await send(`/chat/wechat?${await query({ extra: { echostr: 'e123' } })}`, { headers: { 'x-test-now': T0 } });
    expect(await ok.text()).toBe('e123');
    const bad = await send(`/chat/wechat?${await query({ token: 'wrong', extra: { echostr: 'e123' } })}`, { headers: { 'x-test-now': T0 } });
    expect(bad.status).toBe(401);
  });

  it('runs a quiz in Chinese: follow, 出题, an answer, feedback, the next question', async () => {
    const openId = 'oWx-100';
    expect(await reply(follow(openId), openId)).toContain('欢迎使用 StackTutor');
    const question = await reply(textMessage(openId, `出题 ${FAMILY.single}`), openId);
    expect(question).toContain('流程 2');
    const q1 = await openQuestion('wechat', openId);
    const graded = await reply(textMessage(openId, rightAnswerText(q1)), openId);
    expect(graded).toMatch(/^✅ 答对了/);
    expect(graded).toContain('下一题');

    // The next question, answered wrong, field by field on separate lines; English commands work too.
    await reply(textMessage(openId, `quiz ${FAMILY.fields}`), openId);
    const q2 = await openQuestion('wechat', openId);
    expect(await reply(textMessage(openId, wrongAnswerText(q2)), openId)).toMatch(/^❌/);
    expect(await reply(textMessage(openId, '复习'), openId)).toContain('现在到期');
    expect(await reply(textMessage(openId, 'English'), openId)).toContain('English');
    expect(await reply(textMessage(openId, 'stats'), openId)).toContain('Streak');

    const logs = await rows<{ channel: string; correct: number }>("select r.channel, r.correct from review_logs r join channel_links l on l.learner_id = r.learner_id where l.channel = 'wechat' and l.external_id = ? order by r.review", openId);
    expect(logs).toEqual([{ channel: 'wechat', correct: 1 }, { channel: 'wechat', correct: 0 }]);
  });

  it('sends a reply longer than 2048 bytes in parts, on 更多', async () => {
    const openId = 'oWx-200';
    await reply(follow(openId), openId);
    const first = await reply(textMessage(openId, '讲解 3'), openId);
    expect(first).toMatch(/^流程 3/);
    expect(first).toContain('回复“更多”');
    let parts = [first];
    for (let i = 0; i < 10 && parts.at(-1)!.includes('回复“更多”'); i++) parts = [...parts, await reply(textMessage(openId, '更多'), openId)];
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.at(-1)).not.toContain('回复“更多”');
    expect(await reply(textMessage(openId, '更多'), openId)).toBe('没有更多内容了。');
  });

  it('ignores a repeated MsgId and refuses bad or stale signatures, writing nothing', async () => {
    const openId = 'oWx-300';
    await reply(follow(openId), openId);
    const message = textMessage(openId, '出题');
    await reply(message, openId);
    const before = await rowCounts();
    const again = await post(message);
    expect(await again.text()).toBe('success');
    expect((await post(textMessage(openId, '出题'), await query({ token: 'guess' }))).status).toBe(401);
    expect((await post(textMessage(openId, '出题'), (await query()).replace(/signature=[0-9a-f]+/, 'signature='))).status).toBe(401);
    expect((await post(textMessage(openId, '出题'), await query({ timestamp: NOW_S - 600 }))).status).toBe(401);
    expect(await rowCounts()).toEqual(before);
  });

  it('answers 404 while the channel has no token', async () => {
    const saved = env.WECHAT_TOKEN;
    env.WECHAT_TOKEN = undefined;
    try {
      expect((await post(follow('oWx-400'))).status).toBe(404);
    } finally {
      env.WECHAT_TOKEN = saved;
    }
  });
});
