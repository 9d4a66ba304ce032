/**
 * Put the steps in order. The steps come from the cloud's own message bus
 * (what really happened, in the order it happened); partial credit goes to
 * the steps that sit in the longest run the learner got in order.
 */
import type { Family } from '../family.js';
import type { ItemResult, Text, World } from '../types.js';
import type { Story } from './common.js';

export interface OrderingStory<F> extends Story<F> {
  /** The steps in their true order. Texts must be distinct. */
  steps(world: World<F>): string[];
}

/** Indexes (into `seq`) of one longest increasing subsequence. */
function longestIncreasing(seq: number[]): Set<number> {
  const prev: number[] = new Array(seq.length).fill(-1);
  const tails: number[] = [];
  for (let i = 0; i < seq.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seq[tails[mid]!]! < seq[i]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) keep.add(i);
  return keep;
}

function ids(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `s${i + 1}`);
}

function shuffledItems<F>(story: OrderingStory<F>, world: World<F>): Array<{ id: string; text: string; position: number }> {
  const steps = story.steps(world);
  const key = (t: string) => {
    let h = 2166136261;
    for (const c of `${world.seed}|${t}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
    return h >>> 0;
  };
  const order = steps.map((text, position) => ({ text, position })).sort((a, b) => key(a.text) - key(b.text));
  // Never show the steps already in order.
  if (order.every((o, i) => o.position === i) && order.length > 1) order.push(order.shift()!);
  const labels = ids(order.length);
  return order.map((o, i) => ({ id: labels[i]!, ...o }));
}

export function orderingFamily<F>(story: OrderingStory<F>): Family<F> {
  return {
    id: story.id, flow: story.flow, kind: 'ordering', difficulty: story.difficulty, title: story.title, ...(story.traces ? { traces: true } : {}),
    setup: story.setup, facts: story.facts,
    ask(world) {
      const items = shuffledItems(story, world).map(({ id, text }) => ({ id, text }));
      return { prompt: story.prompt(world), context: story.context(world), answerFormat: { type: 'ordering', items }, hints: story.hints(world) };
    },
    solution: (world) => shuffledItems(story, world).sort((a, b) => a.position - b.position).map((i) => i.id),
    grade(world, _asked, answer) {
      const items = shuffledItems(story, world);
      const byId = new Map(items.map((i) => [i.id, i]));
      const given = (Array.isArray(answer) ? answer : typeof answer === 'string' ? answer.split(/[,\s]+/) : []).map((s) => String(s).trim()).filter((s) => byId.has(s));
      const unique = [...new Set(given)];
      const positions = unique.map((id) => byId.get(id)!.position);
      const inOrder = longestIncreasing(positions);
      const placed = new Set(unique.filter((_, i) => inOrder.has(i)));
      return [...items].sort((a, b) => a.position - b.position).map((it): ItemResult => {
        const at = unique.indexOf(it.id);
        const ok = placed.has(it.id);
        const text: Text = at < 0
          ? { en: `Step ${it.position + 1} (${it.text}) is missing.`, zh: `第 ${it.position + 1} 步（${it.text}）没有排进去。` }
          : { en: `"${it.text}" is step ${it.position + 1}; you put it at ${at + 1}.`, zh: `“${it.text}”应是第 ${it.position + 1} 步，你排在第 ${at + 1} 位。` };
        return { item: it.text, expected: `#${it.position + 1}`, given: at < 0 ? '' : `#${at + 1}`, verdict: ok ? 'correct' : at < 0 ? 'missing' : 'wrong', severity: 'essential', ...(ok ? {} : { message: text }) };
      });
    },
    explain: (world) => story.explain(world),
  };
}
