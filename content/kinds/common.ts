/** Pieces every kind of family shares: the definition header and "where to look" messages. */
import type { Pick } from '../pick.js';
import type { Difficulty, Flow, Shown, Text, World } from '../types.js';

export interface FamilyHeader {
  id: string;
  flow: Flow;
  difficulty: Difficulty;
  title: Text;
  /** Reads the message bus (flow traces, cloud.events): its cloud must be built with tracing on. */
  traces?: boolean;
}

export interface Story<F> extends FamilyHeader {
  setup(pick: Pick): { scenario: string[]; computes?: number };
  facts(world: World<undefined>, pick: Pick): F;
  prompt(world: World<F>): Text;
  context(world: World<F>): Shown[];
  hints(world: World<F>): Text[];
  explain(world: World<F>): Text;
}

/** Shows what the engine prints for `command` on `host`, as an interviewer would paste it. */
export function shown(world: World<unknown>, host: string, command: string): Shown {
  return { host, command, output: world.run(host, command) };
}

/** "you wrote X; the engine has Y, see `host$ command`". */
export function whereToLook(item: string | Text, expected: string, given: string, source?: { host: string; command: string }): Text {
  const see = source ? ` (\`${source.host}$ ${source.command}\`)` : '';
  const label = typeof item === 'string' ? { en: item, zh: item } : item;
  return {
    en: `${label.en}: the cloud has ${expected}${see}; you wrote ${given || '(nothing)'}.`,
    zh: `${label.zh}：这个环境里实际是 ${expected}${see}；你写的是 ${given || '（空）'}。`,
  };
}
