import { env } from 'cloudflare:workers';

const TABLES = ['learners', 'api_keys', 'questions', 'attempts', 'cards', 'review_logs', 'idempotency_keys', 'channel_links', 'chat_sessions', 'processed_messages', 'link_codes'] as const;
export type Table = (typeof TABLES)[number];

/** Row counts of every table: compare before and after a request that must write nothing. */
export async function rowCounts(): Promise<Record<Table, number>> {
  const row = await env.DB.prepare(`select ${TABLES.map((t) => `(select count(*) from ${t}) as ${t}`).join(', ')}`).first<Record<Table, number>>();
  return Object.fromEntries(TABLES.map((t) => [t, Number(row![t])])) as Record<Table, number>;
}

export async function rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
  return (await env.DB.prepare(sql).bind(...params).all<T>()).results;
}
