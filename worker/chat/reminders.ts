/**
 * The daily "reviews due" message to learners linked on Telegram (the one
 * channel where a bot may write first with just its token). The cron runs
 * hourly; each learner gets at most one message a learner day, at the first
 * run from 9 a.m. their time when something is due.
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { openDb } from '../db/client';
import { cards, channelLinks, learners } from '../db/schema';
import type { Env } from '../env';
import { DAY_STARTS_AT_HOUR, learnerDay } from '../srs/day';
import { BUTTON, reminder } from './messages';
import { telegramApi } from './outbound';
import { pruneDeliveries } from './store';
import { inlineKeyboard } from './telegram';
import { say } from './types';

export const REMIND_AT_HOUR = 9;
const HOUR = 3_600_000;
/** Workers allow 50 outbound requests per invocation on the free plan; the rest wait for the next hour. */
const MAX_SENDS_PER_RUN = 40;
const KEEP_DELIVERIES_MS = 3 * 24 * HOUR;

export async function sendDailyReminders(env: Env, now: number): Promise<{ sent: number }> {
  const db = openDb(env.DB);
  await pruneDeliveries(db, now - KEEP_DELIVERIES_MS);
  if (!env.TELEGRAM_BOT_TOKEN) return { sent: 0 };
  const due = sql<number>`(select count(*) from ${cards} where ${cards.learnerId} = ${channelLinks.learnerId} and ${cards.due} <= ${now})`;
  const links = await db.select({ externalId: channelLinks.externalId, chatId: channelLinks.chatId, remindedDay: channelLinks.remindedDay, learner: learners, due })
    .from(channelLinks).innerJoin(learners, eq(channelLinks.learnerId, learners.id))
    .where(and(eq(channelLinks.channel, 'telegram'), isNotNull(channelLinks.chatId)));
  let sent = 0;
  for (const link of links) {
    if (sent >= MAX_SENDS_PER_RUN) break;
    const day = learnerDay(now, link.learner.timezone);
    const morning = now - day.start >= (REMIND_AT_HOUR - DAY_STARTS_AT_HOUR) * HOUR;
    if (!morning || link.remindedDay === day.key || Number(link.due) === 0) continue;
    const locale = link.learner.locale;
    const ok = await telegramApi(env.TELEGRAM_BOT_TOKEN, 'sendMessage', {
      chat_id: Number(link.chatId), text: say(reminder(Number(link.due)), locale), reply_markup: inlineKeyboard([{ id: '/quiz', label: say(BUTTON.quiz, locale) }]),
    });
    if (!ok) continue;
    sent++;
    await db.update(channelLinks).set({ remindedDay: day.key }).where(and(eq(channelLinks.channel, 'telegram'), eq(channelLinks.externalId, link.externalId)));
  }
  return { sent };
}
