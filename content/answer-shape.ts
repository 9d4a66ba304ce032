/**
 * Checks that an answer has the shape its question asks for, before grading:
 * a choice id that exists, every ordering item once, known field ids, text.
 * Grading is lenient about content; this is strict about form, so a client
 * bug is a clear error instead of a silent zero.
 */
import type { Answer, AnswerFormat } from './types.js';

export interface AnswerIssue {
  /** "answer", "answer.2", "answer.vni" */
  path: string;
  message: string;
}

/** Longest text an answer may hold (a whole iptables table fits easily). */
export const MAX_ANSWER_CHARS = 20_000;

const isStringArray = (a: unknown): a is string[] => Array.isArray(a) && a.every((x) => typeof x === 'string');

export function answerIssues(format: AnswerFormat, answer: unknown): AnswerIssue[] {
  switch (format.type) {
    case 'choice': {
      const ids = new Set(format.choices.map((c) => c.id));
      const known = `one of ${[...ids].join(', ')}`;
      if (!format.multiple) {
        if (typeof answer !== 'string') return [{ path: 'answer', message: `expected a choice id (${known})` }];
        return ids.has(answer) ? [] : [{ path: 'answer', message: `unknown choice ${JSON.stringify(answer)}; expected ${known}` }];
      }
      if (!isStringArray(answer)) return [{ path: 'answer', message: `expected an array of choice ids (${known})` }];
      return [
        ...answer.flatMap((id, i) => (ids.has(id) ? [] : [{ path: `answer.${i}`, message: `unknown choice ${JSON.stringify(id)}; expected ${known}` }])),
        ...(new Set(answer).size === answer.length ? [] : [{ path: 'answer', message: 'a choice is listed twice' }]),
      ];
    }
    case 'ordering': {
      const ids = format.items.map((i) => i.id);
      if (!isStringArray(answer)) return [{ path: 'answer', message: `expected an array of the item ids (${ids.join(', ')}) in order` }];
      const unknown = answer.flatMap((id, i) => (ids.includes(id) ? [] : [{ path: `answer.${i}`, message: `unknown item ${JSON.stringify(id)}` }]));
      if (unknown.length) return unknown;
      if (new Set(answer).size !== answer.length) return [{ path: 'answer', message: 'an item is listed twice' }];
      return [];
    }
    case 'fields': {
      if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return [{ path: 'answer', message: `expected an object with the fields ${format.fields.map((f) => f.id).join(', ')}` }];
      const ids = new Set(format.fields.map((f) => f.id));
      return Object.entries(answer).flatMap(([k, v]): AnswerIssue[] => {
        if (!ids.has(k)) return [{ path: `answer.${k}`, message: 'unknown field' }];
        if (typeof v !== 'string') return [{ path: `answer.${k}`, message: 'expected text' }];
        return v.length > MAX_ANSWER_CHARS ? [{ path: `answer.${k}`, message: `longer than ${MAX_ANSWER_CHARS} characters` }] : [];
      });
    }
    case 'lines':
    case 'free':
      if (typeof answer !== 'string') return [{ path: 'answer', message: 'expected text' }];
      return answer.length > MAX_ANSWER_CHARS ? [{ path: 'answer', message: `longer than ${MAX_ANSWER_CHARS} characters` }] : [];
  }
}

/** The answer, typed, when it has the right shape. */
export function isAnswerFor(format: AnswerFormat, answer: unknown): answer is Answer {
  return answerIssues(format, answer).length === 0;
}
