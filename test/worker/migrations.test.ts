import { env } from 'cloudflare:workers';
import { expect, it } from 'vitest';

it('the setup file applied migrations: the meta table exists', async () => {
  const row = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'").first<{ name: string }>();
  expect(row?.name).toBe('meta');
});
