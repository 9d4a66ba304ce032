/**
 * Random answers of every kind at every family: an answer of the right shape
 * is graded (score in [0, 1], one message per wrong item), one of the wrong
 * shape is named by answerIssues before grading; nothing throws.
 * FUZZ_RUNS sets the number of runs (CI runs a short form).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerIssues } from '../../content/answer-shape.js';
import { families, grade, question } from '../../content/index.js';
import type { AnswerFormat } from '../../content/types.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);
const ids = families().map((f) => f.id);
const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ maxLength: 2000 }), fc.constantFrom('', ' ', '\n\n', '-A neutron-l3-agent-snat -j SNAT', 'brq', 'qdhcp-', '1e400', '中文答案', '\u0000'));

/** An answer of the shape `format` asks for, with random content. */
function shapedAnswer(format: AnswerFormat): fc.Arbitrary<unknown> {
  switch (format.type) {
    case 'choice': {
      const choiceIds = format.choices.map((c) => c.id);
      return format.multiple ? fc.subarray(choiceIds) : fc.constantFrom(...choiceIds);
    }
    case 'ordering':
      return fc.shuffledSubarray(format.items.map((i) => i.id));
    case 'fields':
      return fc.record(Object.fromEntries(format.fields.map((f) => [f.id, text])), { requiredKeys: [] });
    default:
      return text;
  }
}

const anything = fc.oneof(fc.jsonValue(), fc.anything(), fc.array(fc.string(), { maxLength: 5 }), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 }));

describe('fuzzing the grader', () => {
  it(`grades random answers of the right shape at every family (${RUNS} runs)`, () => {
    fc.assert(fc.property(fc.constantFrom(...ids), fc.integer({ min: 0, max: 4 }), fc.integer(), (id, seedIndex, pick) => {
      const q = question(id, `fz${seedIndex}`);
      const answer = fc.sample(shapedAnswer(q.answerFormat), { numRuns: 1, seed: pick })[0];
      expect(answerIssues(q.answerFormat, answer), JSON.stringify(answer)).toEqual([]);
      const r = grade(id, `fz${seedIndex}`, answer as never);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(r.items.length).toBeGreaterThan(0);
      expect(r.feedback.en.length).toBeGreaterThan(0);
      for (const item of r.items) expect(['correct', 'partial', 'wrong', 'missing', 'extra']).toContain(item.verdict);
    }), { numRuns: RUNS });
  });

  it(`names the problem with an answer of the wrong shape (${RUNS} runs)`, () => {
    fc.assert(fc.property(fc.constantFrom(...ids), anything, (id, answer) => {
      const q = question(id, 'fz0');
      const issues = answerIssues(q.answerFormat, answer);
      for (const issue of issues) {
        expect(issue.path.startsWith('answer')).toBe(true);
        expect(issue.message.length).toBeGreaterThan(0);
      }
      // Whatever the checker lets through, the grader takes.
      if (issues.length === 0) expect(() => grade(id, 'fz0', answer as never)).not.toThrow();
    }), { numRuns: RUNS });
  });
});
