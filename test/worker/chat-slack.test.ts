/**
 * The Slack slash command and interactivity endpoint with real v0 signatures:
 * a quiz through "/tutor …" and button presses (answered on response_url),
 * and requests unsigned, signed wrong, or older than five minutes.
 */
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureOutbound, FAMILY, hmacSha256Hex, openQuestion, rightAnswerText, T0, wrongAnswerText } from './chat';
import { rowCounts, rows } from './db';
import { send } from './http';

const SECRET = 'test-slack-signing-secret';
const NOW_S = Math.floor(Date.parse(T0) / 1000);
const RESPONSE_URL = 'https://hooks.slack.com/commands/T1/1/abc';

async function post(body: string, { timestamp = NOW_S, secret = SECRET, signature }: { timestamp?: number; secret?: string; signature?: string | null } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', 'x-test-now': T0, 'x-slack-request-timestamp': String(timestamp) };
  const sig = signature === undefined ? `v0=${await hmacSha256Hex(secret, `v0:${timestamp}:${body}`)}` : signature;
  if (sig !== null) headers['x-slack-signature'] = sig;
  return send('/chat/slack', { method: 'POST', headers, body });
}

const slash = (user: string, text: string) => new URLSearchParams({ command: '/tutor', text, team_id: 'T1', user_id: user, response_url: RESPONSE_URL, trigger_id: 'x' }).toString();
const action = (user: string, value: string) => new URLSearchParams({
  payload: JSON.stringify({ type: 'block_actions', user: { id: user, team_id: 'T1' }, team: { id: 'T1' }, response_url: RESPONSE_URL, actions: [{ action_id: 'choice-0', value }] }),
}).toString();

interface SlackMessage {
  response_type: string;
  text: string;
  blocks: { type: string; text?: { text: string }; elements?: { value: string; text: { text: string } }[] }[];
}

async function tutor(user: string, text: string): Promise<SlackMessage> {
  const response = await post(slash(user, text));
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as SlackMessage;
}

const buttons = (m: SlackMessage) => m.blocks.flatMap((b) => b.elements ?? []);
const textOf = (m: SlackMessage) => m.blocks.filter((b) => b.type === 'section').map((b) => b.text!.text).join('\n');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the Slack endpoint', () => {
  it('runs a quiz: a question, a button press answered on response_url, a typed answer, the next question', async () => {
    const sent = captureOutbound();
    const user = 'U100';
    expect(textOf(await tutor(user, 'start'))).toContain('Welcome');
    const quiz = await tutor(user, `quiz ${FAMILY.single}`);
    expect(quiz.response_type).toBe('ephemeral');
    const q1 = await openQuestion('slack', `T1:${user}`);
    const right = buttons(quiz).find((b) => b.value === `/pick ${q1.id} ${rightAnswerText(q1)}`)!;
    expect(right).toBeDefined();

    const pressed = await post(action(user, right.value));
    expect(pressed.status).toBe(200);
    expect(await pressed.text()).toBe('');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe(RESPONSE_URL);
    const feedback = sent[0]!.body as unknown as SlackMessage;
    expect(feedback.text).toMatch(/^✅ Right/);
    const next = buttons(feedback).find((b) => b.value === '/quiz')!;

    await post(action(user, next.value));
    expect(textOf(sent[1]!.body as unknown as SlackMessage)).toMatch(/^Flow \d/);

    // Typed in the command box: one line, so fields go as field=value pairs separated by spaces.
    await tutor(user, `quiz ${FAMILY.fields}`);
    const q2 = await openQuestion('slack', `T1:${user}`);
    expect((await tutor(user, rightAnswerText(q2).replaceAll('\n', ' '))).text).toMatch(/^✅/);
    await tutor(user, `quiz ${FAMILY.ordering}`);
    const q3 = await openQuestion('slack', `T1:${user}`);
    expect((await tutor(user, wrongAnswerText(q3))).text).toMatch(/^❌/);
    expect((await tutor(user, 'due')).text).toContain('Due now');

    const logs = await rows<{ channel: string }>("select r.channel from review_logs r join channel_links l on l.learner_id = r.learner_id where l.channel = 'slack' and l.external_id = ?", `T1:${user}`);
    expect(logs.map((l) => l.channel)).toEqual(['slack', 'slack', 'slack']);
  });

  it('refuses unsigned, wrongly signed and replayed requests, writing nothing', async () => {
    const body = slash('U200', 'start');
    const before = await rowCounts();
    expect((await post(body, { signature: null })).status).toBe(401);
    expect((await post(body, { secret: 'not-the-secret' })).status).toBe(401);
    expect((await post(body, { signature: 'v0=' + '0'.repeat(64) })).status).toBe(401);
    // Correctly signed, but 5 minutes and 1 second old: a replay.
    expect((await post(body, { timestamp: NOW_S - 301 })).status).toBe(401);
    expect((await post(slash('U200', 'quiz'), { timestamp: NOW_S + 3600 })).status).toBe(401);
    expect(await rowCounts()).toEqual(before);
    // Inside the window it is accepted.
    expect((await post(body, { timestamp: NOW_S - 290 })).status).toBe(200);
  });

  it('answers 404 while the channel has no signing secret', async () => {
    const saved = env.SLACK_SIGNING_SECRET;
    env.SLACK_SIGNING_SECRET = undefined;
    try {
      expect((await post(slash('U300', 'start'))).status).toBe(404);
    } finally {
      env.SLACK_SIGNING_SECRET = saved;
    }
  });
});
