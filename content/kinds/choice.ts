/**
 * Single and multiple choice. Options are real objects of this cloud: the
 * right ones and plausible wrong ones (the other tap, the compute node's
 * bridge, the DHCP port's IP), shuffled per seed and labelled a, b, c…
 */
import type { Family } from '../family.js';
import type { Choice, ItemResult, Text, World } from '../types.js';
import type { Story } from './common.js';

export interface ChoiceStory<F> extends Story<F> {
  multiple?: boolean;
  /** Option texts: every right one, and wrong ones drawn from the same cloud. */
  options(world: World<F>): { right: string[]; wrong: string[] };
  /** Why a wrong option is wrong, when there is something specific to say. */
  whyWrong?(world: World<F>, option: string): Text | undefined;
}

const LETTERS = 'abcdefghijklmnop';

function choicesOf<F>(story: ChoiceStory<F>, world: World<F>): { choices: Choice[]; right: Set<string> } {
  const { right, wrong } = story.options(world);
  const texts = [...new Set([...right, ...wrong])];
  // A stable per-seed order: sort by a hash of (seed, text), so the right one is not always first.
  const key = (t: string) => {
    let h = 2166136261;
    for (const c of `${world.seed}|${t}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
    return h >>> 0;
  };
  const ordered = [...texts].sort((a, b) => key(a) - key(b));
  const choices = ordered.map((text, i) => ({ id: LETTERS[i]!, text }));
  return { choices, right: new Set(choices.filter((c) => right.includes(c.text)).map((c) => c.id)) };
}

function selected(answer: unknown): string[] {
  if (typeof answer === 'string') return answer.split(/[,\s]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);
  if (Array.isArray(answer)) return answer.map((s) => String(s).trim().toLowerCase());
  return [];
}

export function choiceFamily<F>(story: ChoiceStory<F>): Family<F> {
  const multiple = story.multiple ?? false;
  return {
    id: story.id, flow: story.flow, kind: multiple ? 'multiple-choice' : 'single-choice', difficulty: story.difficulty, title: story.title, ...(story.traces ? { traces: true } : {}),
    setup: story.setup, facts: story.facts,
    ask(world) {
      const { choices } = choicesOf(story, world);
      return { prompt: story.prompt(world), context: story.context(world), answerFormat: { type: 'choice', multiple, choices }, hints: story.hints(world) };
    },
    solution(world) {
      const { right } = choicesOf(story, world);
      return multiple ? [...right] : [...right][0]!;
    },
    grade(world, _asked, answer) {
      const { choices, right } = choicesOf(story, world);
      const picked = new Set(selected(answer));
      const items: ItemResult[] = [];
      for (const c of choices) {
        const should = right.has(c.id);
        const did = picked.has(c.id);
        if (!multiple && !should && !did) continue;
        const verdict = should === did ? 'correct' : should ? 'missing' : 'extra';
        const why = !should && did ? story.whyWrong?.(world, c.text) : undefined;
        items.push({
          item: `${c.id}) ${c.text}`, expected: should ? 'chosen' : 'not chosen', given: did ? 'chosen' : 'not chosen', verdict, severity: 'essential',
          ...(verdict === 'correct' ? {} : {
            message: why ?? (should
              ? { en: `${c.id}) ${c.text} is right and was not chosen.`, zh: `${c.id}) ${c.text} 是正确选项，但你没有选。` }
              : { en: `${c.id}) ${c.text} is not right.`, zh: `${c.id}) ${c.text} 不对。` }),
          }),
        });
      }
      return items;
    },
    explain: (world) => story.explain(world),
  };
}
