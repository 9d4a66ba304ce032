/**
 * The MCP server driven by the MCP SDK's own client over Streamable HTTP,
 * routed into the worker: initialize, tools/list, and tools/call for every
 * tool, authenticated with the learner's API key. No tool shows an answer
 * before it has been submitted.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { solution } from '../../content/index';
import { FAMILY, rightAnswerText } from './chat';
import { rowCounts, rows } from './db';
import { send, signUp } from './http';

async function connect(key: string | null): Promise<Client> {
  const transport = new StreamableHTTPClientTransport(new URL('http://stacktutor.test/mcp'), {
    fetch: (url, init) => exports.default.fetch(String(url), init),
    requestInit: key ? { headers: { authorization: `Bearer ${key}` } } : {},
  });
  const client = new Client({ name: 'stacktutor-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

interface ToolResult {
  content: { type: string; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

const call = async (client: Client, name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as ToolResult;

describe('the MCP server', () => {
  it('initializes, lists the tools and runs a quiz through them', async () => {
    const { key, learner } = await signUp({}, '2026-03-02T10:00:00Z');
    const client = await connect(key);
    expect(client.getServerVersion()).toMatchObject({ name: 'stacktutor' });

    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['explain_flow', 'get_hint', 'lab_exec', 'next_question', 'review_status', 'submit_answer']);
    expect(tools.find((t) => t.name === 'submit_answer')!.inputSchema.required).toEqual(['question_id', 'answer']);

    const asked = await call(client, 'next_question', { family: FAMILY.fields });
    const q = asked.structuredContent as { id: string; family: string; seed: string; scenario: string[]; computes: number; lab: { seed: string } };
    expect(asked.content[0]!.text).toContain(`question_id: ${q.id}`);
    // The answer is nowhere in what the assistant sees.
    const right = solution(q.family, q.seed) as Record<string, string>;
    for (const value of Object.values(right)) expect(JSON.stringify(asked)).not.toContain(value);

    const hint = await call(client, 'get_hint', { question_id: q.id });
    expect(hint.content[0]!.text).toMatch(/^💡 Hint 1/);
    for (const value of Object.values(right)) expect(JSON.stringify(hint)).not.toContain(value);

    const lab = await call(client, 'lab_exec', { scenario: q.scenario, computes: q.computes, seed: q.lab.seed, host: 'controller', command: 'ip netns' });
    expect(lab.structuredContent).toMatchObject({ exitCode: 0 });
    expect(lab.content[0]!.text).toContain('qdhcp-');

    const graded = await call(client, 'submit_answer', { question_id: q.id, answer: rightAnswerText(q) });
    expect(graded.isError).toBeFalsy();
    expect(graded.content[0]!.text).toMatch(/^✅ Right/);
    expect(graded.structuredContent).toMatchObject({ correct: true, score: 1 });
    const again = await call(client, 'submit_answer', { question_id: q.id, answer: right });
    expect(again.isError).toBe(true);
    expect(again.content[0]!.text).toContain('already been graded');

    const explained = await call(client, 'explain_flow', { flow: 5 });
    expect(explained.content[0]!.text).toMatch(/^Flow 5/);
    expect(explained.structuredContent).toHaveProperty('scenario');
    const status = await call(client, 'review_status');
    expect(status.structuredContent).toHaveProperty('due.count');

    const logs = await rows<{ channel: string }>('select channel from review_logs where learner_id = ?', learner.id);
    expect(logs).toEqual([{ channel: 'mcp' }]);
    await client.close();
  });

  it('refuses a client without a valid API key, writing nothing', async () => {
    const before = await rowCounts();
    await expect(connect(null)).rejects.toThrow();
    await expect(connect('st_' + 'x'.repeat(43))).rejects.toThrow();
    const raw = await send('/mcp', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) });
    expect(raw.status).toBe(401);
    expect(await rowCounts()).toEqual(before);
  });

  it('answers GET with 405: there is no session stream', async () => {
    const { key } = await signUp({}, '2026-03-02T10:00:00Z');
    const response = await send('/mcp', { headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream' } });
    expect(response.status).toBe(405);
  });
});
