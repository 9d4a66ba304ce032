/**
 * Write the output: iptables rules, host-file lines, routes, a dnsmasq
 * option line. Each expected line is an item; a line the learner adds that
 * the cloud does not have is a minor slip. Order does not matter unless the
 * tool itself cares.
 */
import type { Family } from '../family.js';
import { compareRules, parseRule } from '../grading/iptables.js';
import { answerLines, squash } from '../grading/normalize.js';
import type { ItemResult, Text, World } from '../types.js';
import type { Story } from './common.js';

export type LineCompare = 'iptables' | 'text' | 'route';

export interface LinesStory<F> extends Story<F> {
  kind?: 'command-output' | 'packet';
  compare: LineCompare;
  expected(world: World<F>): string[];
  /** Where the learner can see the real lines afterwards. */
  source(world: World<F>): { host: string; command: string };
  label: Text;
  placeholder?: string;
}

type Match = 'same' | 'minor' | 'different';

/** Routes: destination, gateway and device decide; proto, scope, src and metric are optional. */
function routeKey(line: string): string {
  const words = squash(line).replace(/^ip route (add|replace)\s+/, '').split(' ');
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (['proto', 'scope', 'src', 'metric'].includes(w)) {
      i++;
      continue;
    }
    out.push(w === '0.0.0.0/0' ? 'default' : w.replace(/\/32$/, ''));
  }
  return out.join(' ');
}

function compareLine(mode: LineCompare, given: string, expected: string): Match {
  if (mode === 'iptables') {
    const g = parseRule(given);
    const e = parseRule(expected);
    return g && e ? compareRules(g, e) : 'different';
  }
  if (mode === 'route') return routeKey(given) === routeKey(expected) ? 'same' : 'different';
  return squash(given).toLowerCase() === squash(expected).toLowerCase() ? 'same' : 'different';
}

export function linesFamily<F>(story: LinesStory<F>): Family<F> {
  return {
    id: story.id, flow: story.flow, kind: story.kind ?? 'command-output', difficulty: story.difficulty, title: story.title, ...(story.traces ? { traces: true } : {}),
    setup: story.setup, facts: story.facts,
    ask(world) {
      return {
        prompt: story.prompt(world), context: story.context(world),
        answerFormat: { type: 'lines', label: story.label, ...(story.placeholder ? { placeholder: story.placeholder } : {}) },
        hints: story.hints(world),
      };
    },
    solution: (world) => story.expected(world).join('\n'),
    grade(world, _asked, answer) {
      const expected = story.expected(world);
      const given = answerLines(typeof answer === 'string' ? answer : Array.isArray(answer) ? answer.join('\n') : '');
      const used = new Set<number>();
      const src = story.source(world);
      const items: ItemResult[] = expected.map((line) => {
        let best: { i: number; m: Match } | null = null;
        given.forEach((g, i) => {
          if (used.has(i)) return;
          const m = compareLine(story.compare, g, line);
          if (m === 'same' && (!best || best.m !== 'same')) best = { i, m };
          else if (m === 'minor' && !best) best = { i, m };
        });
        const found = best as { i: number; m: Match } | null;
        if (found) used.add(found.i);
        const g = found ? given[found.i]! : '';
        if (found?.m === 'same') return { item: line, expected: line, given: g, verdict: 'correct', severity: 'essential' };
        if (found?.m === 'minor') {
          return {
            item: line, expected: line, given: g, verdict: 'partial', severity: 'essential',
            message: { en: `Almost: the cloud has \`${line}\` (see \`${src.host}$ ${src.command}\`); yours differs only in --random-fully.`, zh: `基本正确：环境里是 \`${line}\`（见 \`${src.host}$ ${src.command}\`），只差 --random-fully。` },
          };
        }
        return {
          item: line, expected: line, given: '', verdict: 'missing', severity: 'essential',
          message: { en: `Missing: \`${line}\` — \`${src.host}$ ${src.command}\` shows it.`, zh: `缺少：\`${line}\`——\`${src.host}$ ${src.command}\` 里能看到。` },
        };
      });
      given.forEach((g, i) => {
        if (used.has(i)) return;
        items.push({
          item: g, expected: '', given: g, verdict: 'extra', severity: 'minor',
          message: { en: `Not in the cloud: \`${g}\` (compare with \`${src.host}$ ${src.command}\`).`, zh: `环境里没有这一行：\`${g}\`（对照 \`${src.host}$ ${src.command}\`）。` } satisfies Text,
        });
      });
      return items;
    },
    explain: (world) => story.explain(world),
  };
}
