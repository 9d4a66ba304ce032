/**
 * Linking a chat with a one-time code instead of the API key: the code is made
 * by the API, redeemed once by `/start CODE` on a bot, expires after 10
 * minutes, is retired by a newer code, and of two chats racing with one code
 * exactly one is linked. A refused code writes no link.
 */
import { describe, expect, it } from 'vitest';
import { rowCounts, rows } from './db';
import { api, expectProblem, send, signUp } from './http';

const SECRET = 'test-telegram-secret';
const T0 = Date.parse('2026-03-02T10:00:00.000Z');
let updateId = 50_000;

const at = (ms: number) => new Date(T0 + ms).toISOString();

async function telegram(userId: number, text: string, now = at(0)): Promise<string> {
  const id = ++updateId;
  const response = await send('/chat/telegram', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test-now': now, 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify({ update_id: id, message: { message_id: id, date: 0, chat: { id: userId, type: 'private' }, from: { id: userId, is_bot: false, first_name: 'Ana', language_code: 'en' }, text } }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { text: string }).text;
}

async function newCode(key: string, now = at(0)): Promise<{ code: string; expiresAt: string; howTo: string }> {
  const response = await api('/v1/me/link-codes', { key, method: 'POST', now });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { code: string; expiresAt: string; howTo: string };
}

const linkOf = async (userId: number) => (await rows<{ learner_id: string }>('select learner_id from channel_links where channel = ? and external_id = ?', 'telegram', String(userId)))[0]?.learner_id;

describe('link codes', () => {
  it('are 8 Crockford base32 characters, live 10 minutes, and are stored only as a hash', async () => {
    const { key } = await signUp({ name: 'Ana' }, at(0));
    const made = await newCode(key);
    expect(made.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(made.expiresAt).toBe(at(10 * 60_000));
    expect(made.howTo).toContain(`/start ${made.code}`);
    const stored = await rows<{ code_hash: string }>('select code_hash from link_codes');
    expect(stored.map((r) => r.code_hash).join()).not.toContain(made.code.replace('-', ''));
  });

  it('need the API key', async () => {
    const before = await rowCounts();
    await expectProblem(await api('/v1/me/link-codes', { method: 'POST' }), 401);
    expect(await rowCounts()).toEqual(before);
  });

  it('link a chat to the learner once; a second chat with the same code is refused and not linked', async () => {
    const { key, learner } = await signUp({ name: 'Bea' }, at(0));
    const { code } = await newCode(key);
    expect(await telegram(8101, `/start ${code}`)).toMatch(/^Linked: this chat now practises as Bea/);
    expect(await linkOf(8101)).toBe(learner['id']);
    expect(await telegram(8101, '/due')).not.toMatch(/not linked/);
    expect(await telegram(8102, `/start ${code}`)).toMatch(/^That link code is not valid/);
    expect(await linkOf(8102)).toBeUndefined();
  });

  it('are read without regard to case, dash, or I/L/O typed for 1/1/0', async () => {
    const { key, learner } = await signUp({ name: 'Cai' }, at(0));
    const { code } = await newCode(key);
    const typed = code.replace('-', '').toLowerCase().replace(/1/g, 'l').replace(/0/g, 'o');
    expect(await telegram(8201, `/start ${typed}`)).toMatch(/^Linked/);
    expect(await linkOf(8201)).toBe(learner['id']);
  });

  it('expire after 10 minutes', async () => {
    const { key, learner } = await signUp({}, at(0));
    const { code } = await newCode(key);
    const before = await rows('select * from channel_links');
    expect(await telegram(8301, `/start ${code}`, at(10 * 60_000))).toMatch(/^That link code is not valid/);
    expect(await rows('select * from channel_links')).toEqual(before);
    expect(await rows('select used_at from link_codes where learner_id = ?', learner['id'])).toEqual([{ used_at: null }]);
    // A minute earlier it would still have worked.
    const fresh = await newCode(key, at(60_000));
    expect(await telegram(8301, `/start ${fresh.code}`, at(60_000 + 10 * 60_000 - 1))).toMatch(/^Linked/);
  });

  it('are retired by a newer code', async () => {
    const { key, learner } = await signUp({}, at(0));
    const first = await newCode(key);
    const second = await newCode(key, at(1000));
    expect(await telegram(8401, `/start ${first.code}`, at(2000))).toMatch(/^That link code is not valid/);
    expect(await telegram(8401, `/start ${second.code}`, at(2000))).toMatch(/^Linked/);
    expect(await linkOf(8401)).toBe(learner['id']);
  });

  it('move an already linked chat to the code\'s learner, with a fresh conversation', async () => {
    expect(await telegram(8501, '/start')).toMatch(/^Welcome/);
    const own = await linkOf(8501);
    await telegram(8501, '/quiz');
    expect(await rows('select * from chat_sessions where external_id = ?', '8501')).toHaveLength(1);
    const { key, learner } = await signUp({ name: 'Dev' }, at(0));
    const { code } = await newCode(key);
    expect(await telegram(8501, `/start ${code}`)).toMatch(/^Linked: this chat now practises as Dev/);
    expect(await linkOf(8501)).toBe(learner['id']);
    expect(await linkOf(8501)).not.toBe(own);
    expect(await rows('select * from chat_sessions where external_id = ?', '8501')).toEqual([]);
  });

  it('link exactly one of two chats that race with the same code', async () => {
    const { key, learner } = await signUp({}, at(0));
    const { code } = await newCode(key);
    const replies = await Promise.all([telegram(8601, `/start ${code}`), telegram(8602, `/start ${code}`)]);
    expect(replies.filter((r) => r.startsWith('Linked'))).toHaveLength(1);
    const linked = [await linkOf(8601), await linkOf(8602)].filter(Boolean);
    expect(linked).toEqual([learner['id']]);
  });

  it('an unknown code links nothing', async () => {
    const before = await rows('select * from channel_links');
    expect(await telegram(8701, '/start ABCD-EFGH')).toMatch(/^That link code is not valid/);
    expect(await rows('select * from channel_links')).toEqual(before);
  });
});
