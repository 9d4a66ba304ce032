/**
 * Every family, over many seeds: the solution earns full marks, the question
 * never shows its answer, mutated answers (a device name off by one
 * character, a dropped line, a swapped step, a wrong number) lose marks with a
 * message, and the same (family, seed) always gives the same question.
 */
import { describe, expect, it } from 'vitest';
import { families, findFamily, grade, question, solution } from '../../content/index.js';
import { clearBuildCache, labSeedOf, question as buildQuestion, solution as buildSolution } from '../../content/family.js';
import { buildCloud } from '../../engine/index.js';
import { LAB_EXEC_LIMITS } from '../../worker/lab-exec-request.js';
import type { Answer, Question } from '../../content/types.js';

const SEEDS = Number(process.env['CONTENT_SEEDS'] ?? 50);
const seeds = Array.from({ length: SEEDS }, (_, i) => `s${i}`);

/** Change one character of a value the way a typo would. */
function offByOne(value: string): string {
  const i = value.search(/[0-9a-f](?=[^0-9a-f]*$)/i);
  if (i < 0) return `${value}x`;
  const c = value[i]!;
  const next = /[0-9]/.test(c) ? String((Number(c) + 1) % 10) : c === 'f' ? 'e' : String.fromCharCode(c.charCodeAt(0) + 1);
  return value.slice(0, i) + next + value.slice(i + 1);
}

/** Answers that must not score full marks. */
function mutations(q: Question, answer: Answer): Array<{ what: string; answer: Answer }> {
  const f = q.answerFormat;
  const out: Array<{ what: string; answer: Answer }> = [];
  if (f.type === 'choice') {
    const right = new Set(Array.isArray(answer) ? answer : [answer as string]);
    const wrong = f.choices.find((c) => !right.has(c.id));
    if (wrong) out.push({ what: 'a wrong choice', answer: f.multiple ? [...right, wrong.id] : wrong.id });
    if (f.multiple && right.size > 0) out.push({ what: 'a right choice dropped', answer: [...right].slice(1) });
  } else if (f.type === 'ordering') {
    const order = answer as string[];
    out.push({ what: 'two steps swapped', answer: [order[1]!, order[0]!, ...order.slice(2)] });
  } else if (f.type === 'fields') {
    const values = answer as Record<string, string>;
    for (const [k, v] of Object.entries(values)) {
      out.push({ what: `field ${k} off by one character`, answer: { ...values, [k]: offByOne(v) } });
      out.push({ what: `field ${k} empty`, answer: { ...values, [k]: '' } });
    }
  } else if (f.type === 'lines') {
    const lines = String(answer).split('\n');
    if (lines.length > 1) out.push({ what: 'a line dropped', answer: lines.slice(1).join('\n') });
    const withDigit = lines.findIndex((l) => /\d/.test(l));
    // The first number of the first line that has one: an address, a VNI, a MAC octet, a port.
    if (withDigit >= 0) out.push({ what: 'a number changed', answer: lines.map((l, i) => (i === withDigit ? l.replace(/\d+/, (d) => String(Number(d) + 1)) : l)).join('\n') });
    out.push({ what: 'empty', answer: '' });
  } else {
    out.push({ what: 'an empty explanation', answer: '' });
    out.push({ what: 'an unrelated explanation', answer: 'It uses the network to send packets between computers.' });
  }
  return out;
}

/** Values long and specific enough that showing them would give the answer away. */
function distinctive(answer: Answer): string[] {
  const values = typeof answer === 'string' ? [answer] : Array.isArray(answer) ? [] : Object.values(answer);
  return values.filter((v) => v.length >= 8 && /[\d-]/.test(v));
}

describe.each(families().map((f) => [f.id]))('%s', (id) => {
  it('has a bilingual title and belongs to a flow', () => {
    const f = findFamily(id);
    expect(f.title.en.length).toBeGreaterThan(5);
    expect(f.title.zh.length).toBeGreaterThan(2);
    expect(f.flow).toBeGreaterThanOrEqual(1);
    expect(f.flow).toBeLessThanOrEqual(8);
  });

  it(`on ${SEEDS} seeds: the solution scores 1, the question hides it, mutations score below 1`, () => {
    for (const seed of seeds) {
      const q = question(id, seed);
      expect(q.prompt.en.length, seed).toBeGreaterThan(10);
      expect(q.prompt.zh.length, seed).toBeGreaterThan(5);
      expect(q.hints.length, seed).toBeLessThanOrEqual(3);
      const answer = solution(id, seed);
      const result = grade(id, seed, answer);
      expect(result.score, `${id}/${seed} solution: ${JSON.stringify(result.items.filter((i) => i.verdict !== 'correct'))}`).toBe(1);
      expect(result.correct, seed).toBe(true);
      expect(result.explanation.en.length, seed).toBeGreaterThan(40);
      expect(result.explanation.zh.length, seed).toBeGreaterThan(20);
      const visible = JSON.stringify({ prompt: q.prompt, hints: q.hints, format: q.answerFormat.type === 'choice' ? null : q.answerFormat });
      for (const value of distinctive(answer)) expect(visible.includes(value), `${id}/${seed} shows ${value}`).toBe(false);
      if (q.answerFormat.type === 'lines') {
        const context = q.context.map((c) => c.output).join('\n');
        expect(context.includes(String(answer).trim()), `${id}/${seed} context holds the answer`).toBe(false);
      }
      for (const m of mutations(q, answer)) {
        const r = grade(id, seed, m.answer);
        expect(r.score, `${id}/${seed} ${m.what}`).toBeLessThan(1);
        expect(r.items.some((i) => i.verdict !== 'correct' && (i.message || i.expected)), `${id}/${seed} ${m.what} has a message`).toBe(true);
      }
    }
  });

  it("replays in the lab within the lab's work budget", () => {
    for (const seed of seeds.slice(0, 10)) {
      const q = question(id, seed);
      const replay = buildCloud(q.scenario, { computes: q.computes, seed: labSeedOf(q), tracing: false, workBudget: LAB_EXEC_LIMITS.workSteps });
      expect(replay.ok, `${id}/${seed} needs ${replay.steps} steps`).toBe(true);
    }
  });

  it('is deterministic: two fresh builds give the same bytes', () => {
    const first = [JSON.stringify(question(id, 'same')), JSON.stringify(grade(id, 'same', solution(id, 'same')))];
    clearBuildCache();
    const second = [JSON.stringify(question(id, 'same')), JSON.stringify(grade(id, 'same', solution(id, 'same')))];
    expect(second).toEqual(first);
  });

  // A family that reads the message bus but forgets `traces: true` would see an
  // empty bus and quietly ask a weaker question; with tracing forced on it must not change.
  it.skipIf(findFamily(id).traces)('does not read the message bus (same question with tracing on)', () => {
    const family = findFamily(id);
    const traced = { ...family, traces: true };
    for (const seed of seeds.slice(0, 5)) {
      clearBuildCache();
      const plain = JSON.stringify([buildQuestion(family, seed), buildSolution(family, seed)]);
      clearBuildCache();
      const withBus = JSON.stringify([buildQuestion(traced, seed), buildSolution(traced, seed)]);
      clearBuildCache();
      expect(withBus, `${id}/${seed}`).toBe(plain);
    }
  });
});
