/**
 * The Discord interactions endpoint with real Ed25519 signatures: a key pair
 * made here, its public half put in the binding. PING, a quiz answered with
 * a button and with /answer, and requests that are unsigned or signed wrong.
 */
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex, FAMILY, openQuestion, rightAnswerText, T0, wrongAnswerText } from './chat';
import { rowCounts, rows } from './db';
import { send } from './http';

let keys: CryptoKeyPair;
let saved: string | undefined;

beforeAll(async () => {
  keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  saved = env.DISCORD_PUBLIC_KEY;
  env.DISCORD_PUBLIC_KEY = bytesToHex((await crypto.subtle.exportKey('raw', keys.publicKey)) as ArrayBuffer);
});
afterAll(() => {
  env.DISCORD_PUBLIC_KEY = saved;
});

async function signed(body: string, privateKey = keys.privateKey): Promise<Record<string, string>> {
  const timestamp = String(Math.floor(Date.parse(T0) / 1000));
  const signature = await crypto.subtle.sign({ name: 'Ed25519' }, privateKey, new TextEncoder().encode(timestamp + body));
  return { 'x-signature-ed25519': bytesToHex(signature), 'x-signature-timestamp': timestamp };
}

function post(body: string, headers: Record<string, string>): Promise<Response> {
  return send('/chat/discord', { method: 'POST', headers: { 'content-type': 'application/json', 'x-test-now': T0, ...headers }, body });
}

interface DiscordReply {
  type: number;
  data?: { content: string; flags: number; embeds?: { description: string }[]; components?: { components: { label: string; custom_id: string }[] }[] };
}

const base = (userId: string) => ({ id: crypto.randomUUID(), application_id: 'app1', token: 'tok', locale: 'en-US', member: { user: { id: userId } } });
const command = (userId: string, name: string, options: Record<string, string | number> = {}) =>
  ({ ...base(userId), type: 2, data: { name, options: Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value })) } });
const button = (userId: string, customId: string) => ({ ...base(userId), type: 3, data: { custom_id: customId, component_type: 2 } });

async function interact(payload: unknown): Promise<DiscordReply> {
  const body = JSON.stringify(payload);
  const response = await post(body, await signed(body));
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as DiscordReply;
}

const textOf = (r: DiscordReply) => [r.data?.content ?? '', ...(r.data?.embeds ?? []).map((e) => e.description)].join('\n');
const buttonsOf = (r: DiscordReply) => (r.data?.components ?? []).flatMap((row) => row.components);

describe('the Discord interactions endpoint', () => {
  it('answers PING with PONG', async () => {
    expect(await interact({ type: 1, id: 'p', application_id: 'app1', token: 't' })).toEqual({ type: 1 });
  });

  it('runs a quiz: /quiz with buttons, /answer with text, feedback and the next question', async () => {
    const user = 'd-100';
    const welcome = await interact(command(user, 'start'));
    expect(welcome.type).toBe(4);
    expect(welcome.data!.flags).toBe(64);
    expect(welcome.data!.content).toContain('Welcome');

    const quiz = await interact(command(user, 'quiz', { flow: FAMILY.single }));
    expect(textOf(quiz)).toContain('Flow 2');
    const q1 = await openQuestion('discord', user);
    const right = buttonsOf(quiz).find((b) => b.custom_id === `/pick ${q1.id} ${rightAnswerText(q1)}`)!;
    expect(right.label).toBe(rightAnswerText(q1));
    const graded = await interact(button(user, right.custom_id));
    expect(textOf(graded)).toMatch(/^✅ Right/);
    const next = buttonsOf(graded).find((b) => b.custom_id === '/quiz')!;

    // "Next question", then a fields question answered with /answer, one field=value per line.
    await interact(button(user, next.custom_id));
    await interact(command(user, 'quiz', { flow: FAMILY.fields }));
    const q2 = await openQuestion('discord', user);
    expect(textOf(await interact(command(user, 'answer', { text: rightAnswerText(q2) })))).toMatch(/^✅/);
    await interact(command(user, 'quiz', { flow: FAMILY.ordering }));
    const q3 = await openQuestion('discord', user);
    const wrong = await interact(command(user, 'answer', { text: wrongAnswerText(q3) }));
    expect(textOf(wrong)).toMatch(/^❌/);
    expect(wrong.data!.content.length).toBeLessThanOrEqual(2000);

    const logs = await rows<{ channel: string }>("select r.channel from review_logs r join channel_links l on l.learner_id = r.learner_id where l.channel = 'discord' and l.external_id = ?", user);
    expect(logs.map((l) => l.channel)).toEqual(['discord', 'discord', 'discord']);
  });

  it('refuses unsigned, wrongly signed and tampered requests, writing nothing', async () => {
    const before = await rowCounts();
    const body = JSON.stringify(command('d-200', 'start'));
    expect((await post(body, {})).status).toBe(401);
    const stranger = (await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    expect((await post(body, await signed(body, stranger.privateKey))).status).toBe(401);
    const headers = await signed(body);
    expect((await post(body.replace('start', 'quiz'), headers)).status).toBe(401);
    expect((await post(body, { ...headers, 'x-signature-ed25519': 'zz' })).status).toBe(401);
    expect(await rowCounts()).toEqual(before);
  });

  it('answers 404 while the channel has no public key', async () => {
    const key = env.DISCORD_PUBLIC_KEY;
    env.DISCORD_PUBLIC_KEY = undefined;
    try {
      expect((await post('{}', {})).status).toBe(404);
    } finally {
      env.DISCORD_PUBLIC_KEY = key;
    }
  });
});
