import type { Db } from './db/client';
import type { LearnerRow } from './db/rows';
import type { KeyCache } from './auth/key-cache';

/** Bindings the worker receives from wrangler.toml (and, in tests, vitest.config.ts). */
export interface Env {
  /** StackTutor's D1 database; schema in worker/db/schema.ts, SQL in migrations/. */
  DB: D1Database;
  /** Requests per API key (wrangler.toml [[ratelimits]]). */
  KEY_RATE_LIMITER?: RateLimit;
  /** Sign-ups per client IP. */
  IP_RATE_LIMITER?: RateLimit;
  /** Origins allowed to call the API from a browser, comma-separated (wrangler.toml [vars]). */
  CORS_ORIGINS?: string;
  /** Set to "1" only by the test configuration: lets `x-test-now` move the clock. */
  TEST_CLOCK?: string;
  /** Chat channels (Worker secrets; .dev.vars locally). A channel whose secret is unset answers 404. */
  TELEGRAM_BOT_TOKEN?: string;
  TELEGRAM_WEBHOOK_SECRET?: string;
  /** The Discord application's Ed25519 public key, hex. */
  DISCORD_PUBLIC_KEY?: string;
  SLACK_SIGNING_SECRET?: string;
  /** The token set in the WeChat Official Account's server configuration (plaintext mode). */
  WECHAT_TOKEN?: string;
}

export interface Variables {
  db: Db;
  /** This request's instant (ms); every write and schedule uses it. */
  now: number;
  /** The authenticated learner (every /v1 route but sign-up). */
  learner: LearnerRow;
  apiKeyId: string;
  /** Keys this isolate verified lately (see worker/auth/key-cache.ts). */
  keyCache: KeyCache;
}

/** Hono's type parameter for every app and router in this worker. */
export interface AppEnv {
  Bindings: Env;
  Variables: Variables;
}
