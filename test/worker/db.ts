import { env } from 'cloudflare:workers';

const TABLES = ['learners', 'api_keys', 'questions', 'attempts', 'cards', 'review_logs', 'idempotency_keys', 'channel_links', 'chat_sessions', 'processed_messages'] as const;
export type Table = (typeof TABLES)[number];

/** Row counts of every table: compare before and after a request that must write nothing. */
export async function rowCounts(): Promise<Record<Table, number>> {
  const out = {} as Record<Table, number>;
  for (const t of TABLES) out[t] = Number(await env.DB.prepare(`select count(*) as n from ${t}`).first('n'));
  return out;
}

export async function rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
  return (await env.DB.prepare(sql).bind(...params).all<T>()).results;
}
