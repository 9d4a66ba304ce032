import { app } from './app';
import { sendDailyReminders } from './chat/reminders';
import type { Env } from './env';

// Only the default export: workerd treats every named export of the entry
// module as an entrypoint, so the Hono app itself lives in app.ts.
export default {
  fetch: app.fetch,
  // The hourly Cron Trigger (wrangler.toml): daily "reviews due" messages to linked chats.
  scheduled(controller, env, ctx) {
    ctx.waitUntil(sendDailyReminders(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
