/**
 * Messages the bot sends on its own (Telegram's Bot API, Slack's response_url,
 * Discord's interaction webhook). They go through the global `fetch`, looked
 * up at call time, so tests can stub it; a failure is logged, not thrown,
 * because the learner's answer is already saved by then.
 */

export async function postJson(url: string, body: unknown, method = 'POST'): Promise<boolean> {
  try {
    const response = await globalThis.fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) console.warn('outbound message refused', new URL(url).host, response.status, (await response.text()).slice(0, 200));
    return response.ok;
  } catch (e) {
    console.warn('outbound message failed', new URL(url).host, e);
    return false;
  }
}

/** Calls a Telegram Bot API method; without a bot token there is nobody to send as. */
export function telegramApi(token: string | undefined, method: string, body: Record<string, unknown>): Promise<boolean> {
  if (!token) {
    console.warn(`TELEGRAM_BOT_TOKEN is not set; ${method} skipped`);
    return Promise.resolve(false);
  }
  return postJson(`https://api.telegram.org/bot${token}/${method}`, body);
}
