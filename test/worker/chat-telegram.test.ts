/**
 * The Telegram bot over its real webhook: linking, a quiz answered with
 * buttons and with text, the other commands, the secret-token check, a
 * redelivered update, and the daily reminder from the Cron Trigger.
 */
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import worker from '../../worker/index';
import { captureOutbound, FAMILY, openQuestion, rightAnswerText, T0, wrongAnswerText } from './chat';
import { rowCounts, rows } from './db';
import { send } from './http';

const SECRET = 'test-telegram-secret';
let updateId = 1000;

interface BotReply {
  method: string;
  chat_id?: number;
  text?: string;
  callback_query_id?: string;
  reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] };
}

function post(update: Record<string, unknown>, headers: Record<string, string> = { 'x-telegram-bot-api-secret-token': SECRET }, now = T0): Promise<Response> {
  return send('/chat/telegram', { method: 'POST', headers: { 'content-type': 'application/json', 'x-test-now': now, ...headers }, body: JSON.stringify(update) });
}

const message = (userId: number, text: string, id = ++updateId) => ({
  update_id: id, message: { message_id: id, date: 0, chat: { id: userId, type: 'private' }, from: { id: userId, is_bot: false, first_name: 'Mei', language_code: 'en' }, text },
});
const press = (userId: number, data: string, id = ++updateId) => ({
  update_id: id, callback_query: { id: `cb${id}`, from: { id: userId, is_bot: false, first_name: 'Mei' }, chat_instance: 'x', data, message: { message_id: 1, date: 0, chat: { id: userId, type: 'private' } } },
});

async function say(userId: number, text: string, now = T0): Promise<BotReply> {
  const response = await post(message(userId, text), undefined, now);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as BotReply;
}

async function pressButton(userId: number, data: string): Promise<BotReply> {
  const response = await post(press(userId, data));
  expect(response.status).toBe(200);
  return (await response.json()) as BotReply;
}

const buttons = (reply: BotReply) => reply.reply_markup?.inline_keyboard.flat() ?? [];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the Telegram bot', () => {
  it('links with /start, quizzes with buttons and text, and moves on to the next question', async () => {
    const sent = captureOutbound();
    const user = 7001;
    const welcome = await say(user, '/start');
    expect(welcome).toMatchObject({ method: 'sendMessage', chat_id: user });
    expect(welcome.text).toMatch(/Welcome to StackTutor[\s\S]*st_/);
    const [link] = await rows<{ learner_id: string; chat_id: string }>("select learner_id, chat_id from channel_links where channel = 'telegram' and external_id = ?", String(user));
    expect(link).toMatchObject({ chat_id: String(user) });

    // A single choice answered with a button: the webhook response carries the feedback, the spinner is stopped.
    const single = await say(user, `/quiz ${FAMILY.single}`);
    expect(single.text).toContain('Flow 2');
    const q1 = await openQuestion('telegram', String(user));
    expect(q1.channel).toBe('telegram');
    const right = buttons(single).find((b) => b.callback_data === `/pick ${q1.id} ${rightAnswerText(q1)}`)!;
    expect(right).toBeDefined();
    const graded = await pressButton(user, right.callback_data);
    expect(graded.method).toBe('sendMessage');
    expect(graded.text).toMatch(/^✅ Right \(100%\)/);
    expect(sent.some((s) => s.url.endsWith('/answerCallbackQuery') && s.body.callback_query_id)).toBe(true);
    expect(sent.every((s) => s.url.startsWith('https://api.telegram.org/bottest-bot-token/'))).toBe(true);

    // Pressing it again: the question is closed, a toast says so.
    const stale = await pressButton(user, right.callback_data);
    expect(stale.method).toBe('answerCallbackQuery');
    expect(stale.text).toContain('closed');

    // Several choices: toggles answer with toasts, then Submit grades them together.
    await say(user, `/quiz ${FAMILY.multi}`);
    const q2 = await openQuestion('telegram', String(user));
    for (const id of rightAnswerText(q2).split(' ')) {
      const toggled = await pressButton(user, `/pick ${q2.id} ${id}`);
      expect(toggled).toMatchObject({ method: 'answerCallbackQuery' });
      expect(toggled.text).toContain(id);
    }
    const multi = await pressButton(user, `/submit ${q2.id}`);
    expect(multi.text).toMatch(/^✅/);

    // Ordering answered as step numbers; fields as field=value lines, wrong.
    await say(user, `/quiz ${FAMILY.ordering}`);
    const q3 = await openQuestion('telegram', String(user));
    expect((await say(user, rightAnswerText(q3))).text).toMatch(/^✅/);
    const fields = await say(user, `/quiz ${FAMILY.fields}`);
    expect(fields.text).toContain('bridge');
    const q4 = await openQuestion('telegram', String(user));
    const wrong = await say(user, wrongAnswerText(q4));
    expect(wrong.text).toMatch(/^❌ Not quite/);
    const next = buttons(wrong).find((b) => b.callback_data.startsWith('/quiz'))!;
    expect(next.text).toContain('Next');

    // "Next question" issues a new question on the same channel.
    const after = await pressButton(user, next.callback_data);
    expect(after.text).toMatch(/^Flow \d/);

    const logs = await rows<{ channel: string; correct: number }>('select channel, correct from review_logs where learner_id = ? order by review', link!.learner_id);
    expect(logs.map((l) => l.channel)).toEqual(['telegram', 'telegram', 'telegram', 'telegram']);
    expect(logs.map((l) => l.correct)).toEqual([1, 1, 1, 0]);
  });

  it('answers /hint, /due, /stats, /explain, /lang within Telegram\'s message size', async () => {
    const sent = captureOutbound();
    const user = 7002;
    await say(user, '/start');
    await say(user, `/quiz ${FAMILY.fields}`);
    expect((await say(user, '/hint')).text).toMatch(/^💡 Hint 1/);
    expect((await say(user, 'nonsense')).text).toContain('Send 3 lines');
    expect((await say(user, '/due')).text).toContain('Due now: 0');
    expect((await say(user, '/stats')).text).toMatch(/Streak 0 days/);
    // A walkthrough is longer than one Telegram message: the first parts go out through the Bot API, in order.
    const explained = await say(user, '/explain 3');
    const earlier = sent.filter((s) => s.url.endsWith('/sendMessage')).map((s) => String(s.body.text));
    expect(earlier.length).toBeGreaterThan(0);
    expect(earlier[0]).toMatch(/^Flow 3: /);
    expect(explained.reply_markup?.inline_keyboard.flat()[0]?.callback_data).toBe('/quiz 3');
    expect((await say(user, '/lang zh')).text).toContain('中文');
    expect((await say(user, '/due')).text).toContain('现在到期');
    expect((await say(user, '/nonsense')).text).toContain('没有 /nonsense 这个命令');
    expect((await say(user, '统计')).text).toContain('连续');
    // Every message fits Telegram's 4096 characters; longer ones went out first through the Bot API.
    for (const s of sent.filter((x) => x.url.endsWith('/sendMessage'))) expect(String(s.body.text).length).toBeLessThanOrEqual(4096);
  });

  it('asks an unlinked user to /start, and links an existing learner by API key', async () => {
    const user = 7003;
    expect((await say(user, '/quiz')).text).toContain('/start');
    // In a group, /start would show the new API key to everyone: it waits for a private chat.
    const before = await rowCounts();
    const inGroup = { ...message(user, '/start'), message: { ...message(user, '/start').message, chat: { id: -100, type: 'supergroup' } } };
    expect(((await (await post(inGroup)).json()) as BotReply).text).toContain('private chat');
    expect({ ...(await rowCounts()), processed_messages: 0 }).toEqual({ ...before, processed_messages: 0 });
    const created = await send('/v1/learners', { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.77' }, body: JSON.stringify({ name: 'Wang' }) });
    const { apiKey, learner } = (await created.json()) as { apiKey: string; learner: { id: string } };
    expect((await say(user, '/start st_not-a-real-key')).text).toContain('not valid');
    expect((await say(user, `/start ${apiKey}`)).text).toContain('Wang');
    const [link] = await rows<{ learner_id: string }>("select learner_id from channel_links where channel = 'telegram' and external_id = ?", String(user));
    expect(link!.learner_id).toBe(learner.id);
  });

  it('refuses a missing or wrong secret token and ignores a redelivered update, writing nothing', async () => {
    const user = 7004;
    await say(user, '/start');
    const before = await rowCounts();
    expect((await post(message(user, '/quiz'), {})).status).toBe(401);
    expect((await post(message(user, '/quiz'), { 'x-telegram-bot-api-secret-token': 'guess' })).status).toBe(401);
    expect(await rowCounts()).toEqual(before);

    const update = message(user, '/quiz');
    const first = await post(update);
    expect(first.status).toBe(200);
    const afterFirst = await rowCounts();
    expect(afterFirst.questions).toBe(before.questions + 1);
    const again = await post(update);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe('');
    expect(await rowCounts()).toEqual(afterFirst);
  });

  it('answers 404 while the channel has no secret', async () => {
    const saved = env.TELEGRAM_WEBHOOK_SECRET;
    env.TELEGRAM_WEBHOOK_SECRET = undefined;
    try {
      expect((await post(message(7005, '/start'))).status).toBe(404);
    } finally {
      env.TELEGRAM_WEBHOOK_SECRET = saved;
    }
  });

  it('sends a linked learner one "reviews due" message a day from the cron', async () => {
    const user = 7006;
    await say(user, '/start');
    await say(user, `/quiz ${FAMILY.fields}`);
    const q = await openQuestion('telegram', String(user));
    await say(user, wrongAnswerText(q));
    const sent = captureOutbound();
    const run = async (at: string) => {
      const ctx = createExecutionContext();
      worker.scheduled(createScheduledController({ scheduledTime: Date.parse(at), cron: '0 * * * *' }), env, ctx);
      await waitOnExecutionContext(ctx);
    };
    await run('2026-03-03T07:00:00Z'); // 7 a.m. UTC: too early
    expect(sent.filter((s) => s.body.chat_id === user)).toHaveLength(0);
    await run('2026-03-03T10:00:00Z');
    await run('2026-03-03T11:00:00Z'); // the same day: not again
    const mine = sent.filter((s) => s.body.chat_id === user);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.url).toMatch(/\/sendMessage$/);
    expect(String(mine[0]!.body.text)).toMatch(/review is due today/);
  });
});
