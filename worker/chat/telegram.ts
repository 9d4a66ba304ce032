/**
 * Telegram bot webhook (POST /chat/telegram). Telegram signs nothing; it sends
 * the secret given to setWebhook in X-Telegram-Bot-Api-Secret-Token. Replies
 * go back as the webhook response (one Bot API method, no extra round trip);
 * only what does not fit in it (the first parts of a long text, stopping a
 * pressed button's spinner) is sent with the Bot API. A redelivered update_id
 * is ignored.
 */
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../env';
import { Problem } from '../http/problem';
import { converse } from './conversation';
import { telegramApi } from './outbound';
import { splitText } from './split-text';
import { claimDelivery, releaseDelivery } from './store';
import type { ChatUser, Reply, ReplyChoice } from './types';
import { sameSecret } from './verify';

/** The parts of a Telegram Update this bot reads. */
interface TelegramUser { id: number; language_code?: string }
interface TelegramChat { id: number; type?: string }
interface TelegramUpdate {
  update_id: number;
  message?: { chat: TelegramChat; from?: TelegramUser; text?: string };
  callback_query?: { id: string; from: TelegramUser; data?: string; message?: { chat: TelegramChat } };
}

interface Incoming {
  updateId: number;
  user: ChatUser;
  chatId: number;
  text: string;
  /** Set for a pressed inline button. */
  callbackId?: string;
}

const MAX_TEXT = 4096;
const MAX_TOAST = 200;

function incomingOf(update: TelegramUpdate | null): Incoming | null {
  if (!update || typeof update.update_id !== 'number') return null;
  const userOf = (from: TelegramUser, chat: TelegramChat): ChatUser => ({
    channel: 'telegram', externalId: String(from.id), chatId: String(chat.id), localeHint: from.language_code?.startsWith('zh') ? 'zh' : 'en',
    sharedChat: chat.type !== undefined && chat.type !== 'private',
  });
  const { message, callback_query: callback } = update;
  if (message?.from && typeof message.text === 'string') {
    return { updateId: update.update_id, user: userOf(message.from, message.chat), chatId: message.chat.id, text: message.text };
  }
  if (callback?.data && callback.message) {
    return { updateId: update.update_id, user: userOf(callback.from, callback.message.chat), chatId: callback.message.chat.id, text: callback.data, callbackId: callback.id };
  }
  return null;
}

/** Short buttons (choice letters) five to a row; longer ones (Submit, Hint, Next) on their own rows. */
export function inlineKeyboard(choices: readonly ReplyChoice[]) {
  const rows: { text: string; callback_data: string }[][] = [];
  let row: { text: string; callback_data: string }[] = [];
  for (const c of choices) {
    const button = { text: c.label, callback_data: c.id };
    if (c.label.length > 4) {
      if (row.length) rows.push(row);
      rows.push([button]);
      row = [];
      continue;
    }
    row.push(button);
    if (row.length === 5) {
      rows.push(row);
      row = [];
    }
  }
  if (row.length) rows.push(row);
  return { inline_keyboard: rows };
}

export const telegramRoutes = new Hono<AppEnv>();

telegramRoutes.post('/', async (c) => {
  const secret = c.env.TELEGRAM_WEBHOOK_SECRET;
  if (!secret) throw new Problem('not-found', 'the Telegram channel is not configured');
  if (!(await sameSecret(c.req.header('x-telegram-bot-api-secret-token') ?? '', secret))) {
    throw new Problem('unauthorized', 'missing or wrong X-Telegram-Bot-Api-Secret-Token');
  }
  const incoming = incomingOf(await c.req.json<TelegramUpdate>().catch(() => null));
  // Updates this bot does not act on (edits, joins, stickers) are acknowledged and dropped.
  if (!incoming) return c.body(null, 200);
  const { db, now } = c.var;
  const delivery = String(incoming.updateId);
  if (!(await claimDelivery(db, 'telegram', delivery, now))) return c.body(null, 200);
  let reply: Reply;
  try {
    reply = await converse({ db, now, keyCache: c.var.keyCache }, incoming.user, incoming.text);
  } catch (e) {
    await releaseDelivery(db, 'telegram', delivery);
    throw e;
  }
  return respond(c, incoming, reply);
});

async function respond(c: Context<AppEnv>, incoming: Incoming, reply: Reply): Promise<Response> {
  const token = c.env.TELEGRAM_BOT_TOKEN;
  if (incoming.callbackId) {
    if (reply.toast) return c.json({ method: 'answerCallbackQuery', callback_query_id: incoming.callbackId, text: reply.text.slice(0, MAX_TOAST) });
    await telegramApi(token, 'answerCallbackQuery', { callback_query_id: incoming.callbackId });
  }
  const parts = splitText(reply.text, MAX_TEXT);
  // Earlier parts first, awaited, so they arrive before the last one (which carries the buttons).
  for (const part of parts.slice(0, -1)) await telegramApi(token, 'sendMessage', { chat_id: incoming.chatId, text: part });
  return c.json({
    method: 'sendMessage', chat_id: incoming.chatId, text: parts.at(-1)!,
    ...(reply.choices?.length ? { reply_markup: inlineKeyboard(reply.choices) } : {}),
  });
}
