import { app } from './app';
import type { Env } from './env';

// Only the default export: workerd treats every named export of the entry
// module as an entrypoint, so the Hono app itself lives in app.ts.
export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
