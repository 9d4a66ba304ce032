/**
 * Troubleshooting drills: the cloud is built, one fault is injected, the
 * learner sees the symptom and the outputs an operator would look at. In
 * "name" mode they pick the fault; in "fix" mode they type the commands that
 * mend it, which are applied to a copy of the broken cloud and pass only if
 * the symptom is gone (the DHCP exchange or packet walk now works).
 */
import type { Family } from '../family.js';
import { type Fault, type FaultContext, FAULTS } from '../faults.js';
import { answerLines } from '../grading/normalize.js';
import { applyRepair } from '../repair.js';
import type { ItemResult, World } from '../types.js';
import { choiceFamily } from './choice.js';
import type { Story } from './common.js';

export interface TroubleFacts {
  fault: Fault;
  target: FaultContext;
}

export interface TroubleStory<F extends TroubleFacts> extends Story<F> {
  mode: 'name' | 'fix';
}

/** Other faults, those that could have hit this very instance first, four in all. */
function distractors(facts: TroubleFacts): string[] {
  const others = FAULTS.filter((f) => f.id !== facts.fault.id);
  const relevant = others.filter((f) => {
    try {
      return f.applies(facts.target);
    } catch {
      return false;
    }
  });
  return [...relevant, ...others.filter((f) => !relevant.includes(f))].slice(0, 4).map((f) => f.name.en);
}

export function troubleshootFamily<F extends TroubleFacts>(story: TroubleStory<F>): Family<F> {
  if (story.mode === 'name') {
    const base = choiceFamily<F>({
      ...story,
      options: (world) => ({
        right: [world.facts.fault.name.en],
        wrong: distractors(world.facts),
      }),
    });
    return { ...base, kind: 'troubleshooting', ask: (world, pick) => ({ ...base.ask(world, pick), fault: world.facts.fault.symptom }) };
  }
  return {
    id: story.id, flow: story.flow, kind: 'troubleshooting', difficulty: story.difficulty, title: story.title, ...(story.traces ? { traces: true } : {}),
    setup: story.setup, facts: story.facts,
    ask(world) {
      return {
        prompt: story.prompt(world), context: story.context(world), fault: world.facts.fault.symptom, hints: story.hints(world),
        answerFormat: {
          type: 'lines',
          label: { en: 'Commands to run, one per line, each as `HOST$ COMMAND` or just COMMAND on the node named in the question', zh: '要执行的命令，每行一条，写成 `主机$ 命令`，或直接写命令（在题目指定的节点上执行）' },
          placeholder: 'controller$ ip netns exec qrouter-… iptables -t nat -A …',
        },
      };
    },
    solution(world) {
      const fix = world.facts.fault.fix(world.facts.target);
      return `${fix.host}$ ${fix.command}`;
    },
    grade(world: World<F>, _asked, answer): ItemResult[] {
      const lines = answerLines(typeof answer === 'string' ? answer : Array.isArray(answer) ? answer.join('\n') : '');
      const cloud = structuredClone(world.cloud);
      const target: FaultContext = { ...world.facts.target, cloud, server: cloud.db.servers[world.facts.target.server.id]!, port: cloud.db.ports[world.facts.target.port.id]! };
      const defaultHost = world.facts.fault.fix(world.facts.target).host;
      const items: ItemResult[] = lines.map((line) => {
        const m = /^([\w-]+)\$\s*(.*)$/.exec(line);
        const host = m ? m[1]! : defaultHost;
        const command = m ? m[2]! : line;
        const r = applyRepair(cloud, host, command);
        return {
          item: line, expected: 'a command the node accepts', given: line, verdict: r.ok ? 'correct' : 'wrong', severity: 'minor',
          ...(r.ok ? {} : { message: { en: `Not applied on ${host}: ${r.note}.`, zh: `没能在 ${host} 上执行：${r.note}。` } }),
        };
      });
      const fixed = world.facts.fault.healthy(target);
      const fix = world.facts.fault.fix(world.facts.target);
      items.unshift({
        item: 'the symptom is gone', expected: 'healthy', given: fixed ? 'healthy' : 'still broken', verdict: fixed ? 'correct' : 'wrong', severity: 'essential',
        ...(fixed ? {} : { message: { en: `After your commands the fault remains (${world.facts.fault.name.en}). One fix: \`${fix.host}$ ${fix.command}\`.`, zh: `执行你的命令后故障依旧（${world.facts.fault.name.zh}）。一种修法：\`${fix.host}$ ${fix.command}\`。` } }),
      });
      return items;
    },
    explain: (world) => story.explain(world),
  };
}
