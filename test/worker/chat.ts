/** Helpers for the chat channel tests: right and wrong answers as a learner would type them, outbound calls captured. */
import { vi } from 'vitest';
import { question, solution } from '../../content/index';
import { rows } from './db';

export const T0 = '2026-03-02T10:00:00.000Z';

/** One family per answer format, for conversations that must meet each. */
export const FAMILY = {
  single: 'f2-vni-source',
  multi: 'f2-what-appears',
  ordering: 'f2-build-order',
  fields: 'f2-device-names',
  lines: 'f2-qdhcp-routes',
} as const;

export interface OpenQuestion {
  id: string;
  family: string;
  seed: string;
  channel: string;
}

/** The question a chat account's next reply answers. */
export async function openQuestion(channel: string, externalId: string): Promise<OpenQuestion> {
  const [found] = await rows<OpenQuestion>(
    'select q.id, q.family, q.seed, q.channel from chat_sessions s join questions q on q.id = s.question_id where s.channel = ? and s.external_id = ?',
    channel, externalId,
  );
  if (!found) throw new Error(`no open question for ${channel}:${externalId}`);
  return found;
}

/** The right answer typed as chat text: letters, step numbers, field=value lines, or the text. */
export function rightAnswerText(q: { family: string; seed: string }): string {
  const format = question(q.family, q.seed).answerFormat;
  const right = solution(q.family, q.seed);
  if (format.type === 'ordering') return (right as string[]).map((id) => format.items.findIndex((i) => i.id === id) + 1).join(' ');
  if (Array.isArray(right)) return right.join(' ');
  if (typeof right === 'object') return Object.entries(right).map(([k, v]) => `${k}=${v}`).join('\n');
  return right;
}

/** A well-formed wrong answer. */
export function wrongAnswerText(q: { family: string; seed: string }): string {
  const format = question(q.family, q.seed).answerFormat;
  const right = solution(q.family, q.seed);
  if (format.type === 'choice' && !format.multiple) return format.choices.find((c) => c.id !== right)!.id;
  if (format.type === 'fields') return format.fields.map((f) => `${f.id}=nonsense`).join('\n');
  if (format.type === 'ordering') return format.items.map((_, i) => format.items.length - i).join(' ');
  return 'no idea';
}

export interface Outbound {
  url: string;
  method: string;
  body: Record<string, unknown>;
}

/** Stubs the global fetch the worker's outbound messages go through; returns what was sent. */
export function captureOutbound(): Outbound[] {
  const sent: Outbound[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    sent.push({ url, method: init?.method ?? 'GET', body: JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown> });
    return Response.json({ ok: true, result: true });
  });
  return sent;
}

export const bytesToHex = (bytes: ArrayBuffer): string => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return bytesToHex(await crypto.subtle.sign('HMAC', key, enc.encode(message)));
}
