/**
 * Explain in your own words, in English or Chinese: graded by a key-point
 * rubric. Each point lists the words and phrases (and synonyms, in both
 * languages) that show the learner has it; essential points decide
 * correctness, minor ones add credit.
 */
import type { Family } from '../family.js';
import { foldWidth } from '../grading/normalize.js';
import type { ItemResult, Text, World } from '../types.js';
import type { Story } from './common.js';

export interface KeyPoint {
  id: string;
  label: Text;
  severity?: 'essential' | 'minor';
  /** Any one of these matching (case-insensitive) shows the point. Mix English and Chinese freely. */
  patterns: RegExp[];
}

export interface ExplainStory<F> extends Story<F> {
  points(world: World<F>): KeyPoint[];
  /** A model answer that covers every point. */
  model(world: World<F>): Text;
}

export function normalizeProse(text: string): string {
  return foldWidth(text).toLowerCase().replace(/\s+/g, ' ');
}

export function explainFamily<F>(story: ExplainStory<F>): Family<F> {
  return {
    id: story.id, flow: story.flow, kind: 'explain', difficulty: story.difficulty, title: story.title, ...(story.traces ? { traces: true } : {}),
    setup: story.setup, facts: story.facts,
    ask(world) {
      return { prompt: story.prompt(world), context: story.context(world), answerFormat: { type: 'free', label: { en: 'Your explanation (English or Chinese)', zh: '你的解释（中英文均可）' } }, hints: story.hints(world) };
    },
    solution: (world) => story.model(world).en,
    grade(world, _asked, answer) {
      const text = normalizeProse(typeof answer === 'string' ? answer : JSON.stringify(answer));
      return story.points(world).map((p): ItemResult => {
        const ok = p.patterns.some((re) => re.test(text));
        return {
          item: p.label.en, expected: p.label.en, given: ok ? 'covered' : '', verdict: ok ? 'correct' : 'missing', severity: p.severity ?? 'essential',
          ...(ok ? {} : { message: { en: `Not covered: ${p.label.en}`, zh: `没有提到：${p.label.zh}` } }),
        };
      });
    },
    explain: (world) => story.explain(world),
  };
}
