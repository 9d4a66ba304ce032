/** The pure parts of the chat engine: commands, typed answers, splitting long text, the reply deadline. */
import { describe, expect, it } from 'vitest';
import type { AnswerFormat } from '../../content/types';
import { parseAnswerText } from '../../worker/chat/answer-text';
import { parseCommand } from '../../worker/chat/commands';
import { within } from '../../worker/chat/deadline';
import { splitText, utf8Bytes } from '../../worker/chat/split-text';

const QID = '0689916d-860a-49c8-8d6a-2865dcf229bc';
const label = { en: 'x', zh: 'x' };

describe('parseCommand', () => {
  it.each([
    ['/quiz', { kind: 'quiz' }],
    ['/quiz 3', { kind: 'quiz', flow: 3 }],
    ['/quiz@StackTutorBot 3', { kind: 'quiz', flow: 3 }],
    ['/quiz f2-mtu', { kind: 'quiz', family: 'f2-mtu' }],
    ['quiz 3', { kind: 'quiz', flow: 3 }],
    ['出题3', { kind: 'quiz', flow: 3 }],
    ['下一题', { kind: 'quiz' }],
    ['讲解 5', { kind: 'explain', flow: 5 }],
    ['/explain', { kind: 'explain', flow: null }],
    ['/lang zh', { kind: 'lang', locale: 'zh' }],
    ['中文', { kind: 'lang', locale: 'zh' }],
    ['English', { kind: 'lang', locale: 'en' }],
    ['提示', { kind: 'hint' }],
    ['更多', { kind: 'more' }],
    ['？', { kind: 'help' }],
    ['/start st_abc', { kind: 'start', key: 'st_abc' }],
    [`/pick ${QID} b`, { kind: 'pick', questionId: QID, choice: 'b' }],
    [`/submit ${QID}`, { kind: 'submit', questionId: QID }],
    ['/frobnicate', { kind: 'unknown', name: 'frobnicate' }],
  ])('%s', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  it.each(['b', 'a c', '3 1 2 4', 'due to the DHCP agent', 'quiz me on this', 'zh', 'bridge=brq123'])('"%s" is an answer', (text) => {
    expect(parseCommand(text)).toEqual({ kind: 'answer', text });
  });
});

describe('parseAnswerText', () => {
  const single: AnswerFormat = { type: 'choice', multiple: false, choices: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }, { id: 'c', text: 'C' }] };
  const multi: AnswerFormat = { ...single, multiple: true };
  const ordering: AnswerFormat = { type: 'ordering', items: [{ id: 's3', text: 'x' }, { id: 's1', text: 'y' }, { id: 's2', text: 'z' }] };
  const fields: AnswerFormat = { type: 'fields', fields: [{ id: 'bridge', label }, { id: 'vxlan', label }, { id: 'namespace', label }] };

  it('reads choices by letter or number', () => {
    expect(parseAnswerText(single, ' B) ')).toEqual({ ok: true, answer: 'b' });
    expect(parseAnswerText(single, '2')).toEqual({ ok: true, answer: 'b' });
    expect(parseAnswerText(single, 'a c').ok).toBe(false);
    expect(parseAnswerText(multi, 'a, c，a')).toEqual({ ok: true, answer: ['a', 'c'] });
    expect(parseAnswerText(multi, 'a z').ok).toBe(false);
  });

  it('reads an ordering as the listed numbers or the item ids, and wants every step', () => {
    expect(parseAnswerText(ordering, '2 3 1')).toEqual({ ok: true, answer: ['s1', 's2', 's3'] });
    expect(parseAnswerText(ordering, 's1 s2 s3')).toEqual({ ok: true, answer: ['s1', 's2', 's3'] });
    expect(parseAnswerText(ordering, '2 3')).toMatchObject({ ok: false, why: { en: expect.stringContaining('all 3') } });
    expect(parseAnswerText(ordering, '2 2 1').ok).toBe(false);
  });

  it('reads fields as field=value (any order, one line or several) or as values in order', () => {
    const right = { bridge: 'brq1', vxlan: 'vxlan-5', namespace: 'qdhcp-1' };
    expect(parseAnswerText(fields, 'namespace=qdhcp-1\nbridge = brq1\nvxlan: vxlan-5')).toEqual({ ok: true, answer: right });
    expect(parseAnswerText(fields, 'bridge=brq1 vxlan=vxlan-5 namespace=qdhcp-1')).toEqual({ ok: true, answer: right });
    expect(parseAnswerText(fields, 'brq1\nvxlan-5\nqdhcp-1')).toEqual({ ok: true, answer: right });
    expect(parseAnswerText(fields, 'brq1 vxlan-5 qdhcp-1')).toEqual({ ok: true, answer: right });
    expect(parseAnswerText(fields, 'brq1\nvxlan-5')).toMatchObject({ ok: false, why: { zh: expect.stringContaining('3 行') } });
    expect(parseAnswerText({ type: 'fields', fields: [{ id: 'mtu', label }] }, 'mtu = 1450')).toEqual({ ok: true, answer: { mtu: '1450' } });
  });

  it('takes text answers as they are, but not empty ones', () => {
    expect(parseAnswerText({ type: 'lines', label }, '  -A x\n-A y  ')).toEqual({ ok: true, answer: '-A x\n-A y' });
    expect(parseAnswerText({ type: 'free', label }, '   ').ok).toBe(false);
  });
});

describe('splitText', () => {
  it('cuts at line ends, and inside a line only when it must', () => {
    expect(splitText('aaa\nbbb\nccc', 7)).toEqual(['aaa\nbbb', 'ccc']);
    expect(splitText('abcdefgh', 3)).toEqual(['abc', 'def', 'gh']);
    const zh = '流程'.repeat(500);
    const parts = splitText(zh, 2000, utf8Bytes);
    expect(parts.join('')).toBe(zh);
    expect(parts.every((p) => utf8Bytes(p) <= 2000)).toBe(true);
  });
});

describe('within', () => {
  it('gives the result in time, or the running work when late', async () => {
    expect(await within(Promise.resolve(1), 50)).toEqual({ done: true, value: 1 });
    const slow = new Promise<number>((resolve) => setTimeout(() => resolve(2), 50));
    const raced = await within(slow, 5);
    expect(raced.done).toBe(false);
    if (!raced.done) expect(await raced.work).toBe(2);
  });
});
