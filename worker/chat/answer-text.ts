/**
 * A typed chat message as an answer of the shape the question asks for:
 *   choice     "b", or "a c" / "a,c" for several (a choice's number works too)
 *   ordering   the numbers of the listed steps in order, "3 1 2 4" (or the item ids)
 *   fields     "field=value" lines, or just the values in the listed order, one per line
 *              (or one word per field on a single line)
 *   lines/free the text as it is
 * A message that does not fit says why, in both languages, and nothing is graded.
 */
import type { Answer, AnswerFormat, Choice } from '../../content/types';

export type ParsedAnswer = { ok: true; answer: Answer } | { ok: false; why: { en: string; zh: string } };

const fail = (en: string, zh: string): ParsedAnswer => ({ ok: false, why: { en, zh } });
const tokens = (text: string) => text.split(/[\s,，、;；]+/).filter(Boolean);

/** A choice by id ("b", "B", "b)") or by its number in the list ("2"). */
function choiceOf(choices: readonly Choice[], token: string): string | undefined {
  const t = token.replace(/[).．.]$/, '').toLowerCase();
  const byId = choices.find((c) => c.id.toLowerCase() === t);
  if (byId) return byId.id;
  const n = /^\d+$/.test(t) ? Number(t) : NaN;
  return n >= 1 && n <= choices.length ? choices[n - 1]!.id : undefined;
}

export function parseAnswerText(format: AnswerFormat, text: string): ParsedAnswer {
  const trimmed = text.trim();
  if (!trimmed) return fail('The answer is empty.', '答案是空的。');
  switch (format.type) {
    case 'choice': {
      const picked = tokens(trimmed).map((t) => choiceOf(format.choices, t));
      const ids = format.choices.map((c) => c.id).join(', ');
      if (picked.some((p) => p === undefined)) return fail(`Answer with the letters of the choices (${ids}).`, `请用选项字母作答（${ids}）。`);
      const unique = [...new Set(picked as string[])];
      if (!format.multiple) {
        return unique.length === 1 ? { ok: true, answer: unique[0]! } : fail('Pick exactly one choice.', '这道题只选一个。');
      }
      return { ok: true, answer: unique };
    }
    case 'ordering': {
      const order = tokens(trimmed).map((t) => choiceOf(format.items, t));
      const n = format.items.length;
      if (order.some((o) => o === undefined) || new Set(order).size !== order.length || order.length !== n) {
        return fail(`Send all ${n} step numbers once each, first to last, e.g. "${[...Array(n).keys()].map((i) => i + 1).reverse().join(' ')}".`, `请把 ${n} 个步骤的编号各写一次，按先后排列，例如“${[...Array(n).keys()].map((i) => i + 1).reverse().join(' ')}”。`);
      }
      return { ok: true, answer: order as string[] };
    }
    case 'fields':
      return fieldsAnswer(format.fields.map((f) => f.id), trimmed);
    case 'lines':
    case 'free':
      return { ok: true, answer: trimmed };
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function fieldsAnswer(ids: readonly string[], text: string): ParsedAnswer {
  if (ids.length === 1) {
    const value = new RegExp(`^${escape(ids[0]!)}\\s*[=:＝：]\\s*([\\s\\S]*)$`, 'i').exec(text)?.[1] ?? text;
    return { ok: true, answer: { [ids[0]!]: value.trim() } };
  }
  // "id=value" anywhere: at a line start or after a space, so one line may hold several.
  const keyed = new RegExp(`(?:^|[\\s;；])(${ids.map(escape).join('|')})\\s*[=:＝：]\\s*`, 'gi');
  const marks = [...text.matchAll(keyed)];
  if (marks.length > 0) {
    const answer: Record<string, string> = {};
    marks.forEach((m, i) => {
      const id = ids.find((x) => x.toLowerCase() === m[1]!.toLowerCase())!;
      const end = i + 1 < marks.length ? marks[i + 1]!.index! : text.length;
      answer[id] = text.slice(m.index! + m[0].length, end).trim().replace(/[;；]$/, '');
    });
    return { ok: true, answer };
  }
  let lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  // One line with exactly one word per field (Slack's command box has no newlines).
  if (lines.length === 1 && lines[0]!.split(/\s+/).length === ids.length) lines = lines[0]!.split(/\s+/);
  if (lines.length !== ids.length) {
    return fail(`Send ${ids.length} lines, one value per field in the order listed, or "field=value" lines (${ids.join(', ')}).`, `请发 ${ids.length} 行，按列出的顺序每行一个值，或写成“字段=值”（${ids.join('、')}）。`);
  }
  return { ok: true, answer: Object.fromEntries(ids.map((id, i) => [id, lines[i]!])) };
}
