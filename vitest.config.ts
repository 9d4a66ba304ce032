import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// Tests run offline: without these, Miniflare downloads the `cf` request
// metadata and wrangler phones home. `??=` lets a caller override them.
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= 'false';
process.env.WRANGLER_SEND_METRICS ??= 'false';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'engine',
          environment: 'node',
          include: ['test/engine/**/*.test.ts', 'engine/**/*.test.ts', 'test/tutor/**/*.test.ts', 'test/diagrams/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'content',
          environment: 'node',
          include: ['test/content/**/*.test.ts'],
          // Every family is checked on many seeds; give the slow ones room.
          testTimeout: 60_000,
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              // Read in Node at config time; applied inside workerd by the setup file.
              bindings: { TEST_MIGRATIONS: await readD1Migrations('./migrations'), TEST_CLOCK: '1', CORS_ORIGINS: 'https://tutor.example', FUZZ_RUNS: process.env.FUZZ_RUNS ?? '', FUZZ_SEED: process.env.FUZZ_SEED ?? '', TELEGRAM_BOT_TOKEN: 'test-bot-token', TELEGRAM_WEBHOOK_SECRET: 'test-telegram-secret', DISCORD_PUBLIC_KEY: '00'.repeat(32), SLACK_SIGNING_SECRET: 'test-slack-signing-secret', WECHAT_TOKEN: 'test-wechat-token' },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          setupFiles: ['./test/worker/setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          // The real worker under wrangler dev and Debian's Chromium: one of each per file, slow to start.
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
