/**
 * A question family: data plus small functions over a live cloud.
 * `setup` writes a seeded scenario; the engine builds it; `facts` picks the
 * target from the built state (and may inject a fault); `ask`, `solution`,
 * `grade` and `explain` read that same state. Rebuilding from `(family,
 * seed)` always gives the same world, so grading never trusts a stored answer.
 */
import { buildCloud, execOnHost, type Cloud } from '../engine/index.js';
import { Pick } from './pick.js';
import type { Answer, AnswerFormat, Difficulty, Flow, GradeResult, ItemResult, Kind, Question, Shown, Text, World } from './types.js';

export interface Asked {
  prompt: Text;
  context: Shown[];
  answerFormat: AnswerFormat;
  hints: Text[];
  fault?: Text;
}

export interface Family<F = unknown> {
  id: string;
  flow: Flow;
  kind: Kind;
  difficulty: Difficulty;
  title: Text;
  /** Reads the message bus: the cloud is built with tracing on (off otherwise, which is faster). */
  traces?: boolean;
  setup(pick: Pick): { scenario: string[]; computes?: number };
  facts(world: World<undefined>, pick: Pick): F;
  ask(world: World<F>, pick: Pick): Asked;
  solution(world: World<F>, asked: Asked): Answer;
  /** Per-item results; the score follows from them. */
  grade(world: World<F>, asked: Asked, answer: Answer): ItemResult[];
  /** Why the right answer is right, with this cloud's names, and what is true beyond the interview answer. */
  explain(world: World<F>, asked: Asked): Text;
}

export class ScenarioBuildError extends Error {}

function runner(cloud: Cloud) {
  return (host: string, command: string): string => {
    const r = execOnHost(cloud, host, command);
    if (r.exitCode !== 0) throw new Error(`${host}$ ${command}: ${r.stderr.trim()}`);
    return r.stdout;
  };
}

export interface Built<F> {
  world: World<F>;
  asked: Asked;
  scenario: string[];
  computes: number;
}

/**
 * Recently built worlds, so showing, solving and grading one question builds
 * its cloud once. Families never change a world after `facts` (drills grade
 * on a copy), so sharing is safe; the cache only saves time.
 */
const recent = new Map<string, Built<unknown>>();
const RECENT_LIMIT = 32;

export function clearBuildCache(): void {
  recent.clear();
}

/** (family, seed) -> the same world every time. */
export function build<F>(family: Family<F>, seed: string): Built<F> {
  const key = `${family.id}\u0000${seed}`;
  const hit = recent.get(key);
  if (hit) {
    recent.delete(key);
    recent.set(key, hit);
    return hit as Built<F>;
  }
  const built = buildFresh(family, seed);
  recent.set(key, built as Built<unknown>);
  if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value!);
  return built;
}

/** The engine seed a question's cloud is built with: replaying its scenario with it gives the same IDs and MACs. */
export function labSeedOf(q: { family: string; seed: string }): string {
  return `${q.family}:${q.seed}`;
}

function buildFresh<F>(family: Family<F>, seed: string): Built<F> {
  const pick = new Pick(`${family.id}\u0000${seed}`);
  const { scenario, computes = 2 } = family.setup(pick);
  const built = buildCloud(scenario, { computes, seed: labSeedOf({ family: family.id, seed }), tracing: family.traces ?? false });
  if (!built.ok) throw new ScenarioBuildError(`${family.id}/${seed}: line ${built.error.line} failed: ${built.error.message}`);
  const base: World<undefined> = { seed, cloud: built.cloud, facts: undefined, run: runner(built.cloud) };
  const world: World<F> = { ...base, facts: family.facts(base, pick) };
  return { world, asked: family.ask(world, pick), scenario, computes };
}

export function question<F>(family: Family<F>, seed: string): Question {
  const { asked, scenario, computes } = build(family, seed);
  return {
    family: family.id, seed, flow: family.flow, kind: family.kind, difficulty: family.difficulty, title: family.title,
    prompt: asked.prompt, scenario, computes, ...(asked.fault ? { fault: asked.fault } : {}),
    context: asked.context, answerFormat: asked.answerFormat, hints: asked.hints.slice(0, 3),
  };
}

export function solution<F>(family: Family<F>, seed: string): Answer {
  const { world, asked } = build(family, seed);
  return family.solution(world, asked);
}

const WEIGHT = { essential: 1, minor: 0.25 } as const;

export function score(items: ItemResult[]): { score: number; correct: boolean } {
  let total = 0;
  let earned = 0;
  for (const it of items) {
    const w = WEIGHT[it.severity];
    total += w;
    earned += it.verdict === 'correct' ? w : it.verdict === 'partial' ? w / 2 : 0;
  }
  const value = total === 0 ? 0 : Math.round((earned / total) * 1000) / 1000;
  return { score: value, correct: items.length > 0 && items.every((i) => i.verdict === 'correct' || (i.severity === 'minor' && i.verdict === 'partial')) && value >= 0.9 };
}

function feedback(items: ItemResult[], result: { score: number; correct: boolean }): Text {
  const good = items.filter((i) => i.verdict === 'correct').length;
  const wrong = items.filter((i) => i.verdict !== 'correct');
  const head = {
    en: result.correct ? `Correct: ${good} of ${items.length} items right.` : `${good} of ${items.length} items right (score ${Math.round(result.score * 100)}%).`,
    zh: result.correct ? `回答正确：${items.length} 项中 ${good} 项正确。` : `${items.length} 项中 ${good} 项正确（得分 ${Math.round(result.score * 100)}%）。`,
  };
  const lines = wrong.map((i) => i.message ?? {
    en: `${i.item}: expected ${i.expected}, you wrote ${i.given || '(nothing)'}.`,
    zh: `${i.item}：应为 ${i.expected}，你的答案是 ${i.given || '（空）'}。`,
  });
  return { en: [head.en, ...lines.map((l) => l.en)].join('\n'), zh: [head.zh, ...lines.map((l) => l.zh)].join('\n') };
}

export function grade<F>(family: Family<F>, seed: string, answer: Answer): GradeResult {
  const { world, asked } = build(family, seed);
  const items = family.grade(world, asked, answer);
  const s = score(items);
  return { family: family.id, seed, ...s, items, feedback: feedback(items, s), explanation: family.explain(world, asked) };
}
