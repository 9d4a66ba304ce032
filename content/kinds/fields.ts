/**
 * Fill-in and packet questions: named blanks (a device, a namespace, an IP,
 * a MAC, a VNI, an MTU, a port number), each graded on its own against the
 * value the engine holds, with the command that shows it.
 */
import type { Family } from '../family.js';
import { type ValueType, sameValue } from '../grading/normalize.js';
import type { ItemResult, Text, World } from '../types.js';
import { type Story, whereToLook } from './common.js';

export interface Blank {
  id: string;
  label: Text;
  type: ValueType;
  expected: string;
  /** Other spellings the engine would accept (e.g. a default route written as 0.0.0.0/0). */
  alternatives?: string[];
  severity?: 'essential' | 'minor';
  placeholder?: string;
  /** Where the value can be seen on the cloud. */
  source?: { host: string; command: string };
}

export interface FieldsStory<F> extends Story<F> {
  kind?: 'fill-in' | 'packet';
  blanks(world: World<F>): Blank[];
}

function given(answer: unknown, id: string, single: boolean): string {
  if (typeof answer === 'string') return single ? answer : '';
  if (answer && typeof answer === 'object' && !Array.isArray(answer)) return String((answer as Record<string, unknown>)[id] ?? '');
  return '';
}

export function fieldsFamily<F>(story: FieldsStory<F>): Family<F> {
  return {
    id: story.id, flow: story.flow, kind: story.kind ?? 'fill-in', difficulty: story.difficulty, title: story.title, ...(story.traces ? { traces: true } : {}),
    setup: story.setup, facts: story.facts,
    ask(world) {
      const fields = story.blanks(world).map((b) => ({ id: b.id, label: b.label, ...(b.placeholder ? { placeholder: b.placeholder } : {}) }));
      return { prompt: story.prompt(world), context: story.context(world), answerFormat: { type: 'fields', fields }, hints: story.hints(world) };
    },
    solution: (world) => Object.fromEntries(story.blanks(world).map((b) => [b.id, b.expected])),
    grade(world, _asked, answer) {
      const blanks = story.blanks(world);
      return blanks.map((b): ItemResult => {
        const g = given(answer, b.id, blanks.length === 1).trim();
        const ok = [b.expected, ...(b.alternatives ?? [])].some((e) => sameValue(b.type, g, e));
        return {
          item: b.label.en, expected: b.expected, given: g, verdict: ok ? 'correct' : g ? 'wrong' : 'missing', severity: b.severity ?? 'essential',
          ...(ok ? {} : { message: whereToLook(b.label, b.expected, g, b.source) }),
        };
      });
    },
    explain: (world) => story.explain(world),
  };
}
