/**
 * The per-command context every API handler and agent receives: the cloud it
 * changes, seeded randomness, and the message bus it reports each step on.
 */
import { BudgetError } from './errors.js';
import { Random } from './random.js';
import type { BusEvent, Cloud } from './types.js';

export type EventInput = Omit<BusEvent, 'seq' | 'command' | 'changes' | 'flows' | 'subjects'> & {
  flows?: number[];
  subjects?: string[];
  changes?: string[];
};

export class Ctx {
  readonly random: Random;
  private steps = 0;
  /** The client's outermost REST request of this command, named in its error text. */
  request = '';
  /** Skip formatting command output nobody will read (building a cloud from a scenario). */
  quiet = false;

  constructor(readonly cloud: Cloud, private readonly budget = Number.POSITIVE_INFINITY, quiet = false) {
    this.quiet = quiet;
    this.random = new Random(cloud.config.seed, cloud.rng, new Map());
  }

  /** Seconds since the epoch on the cloud's logical clock. */
  get now(): number {
    return this.cloud.clock;
  }

  /** Records the client's request; nested calls (neutron creating a port for a router) keep the outer one. */
  api(request: string): void {
    if (!this.request) this.request = request;
  }

  get stepsTaken(): number {
    return this.steps;
  }

  /** Counts work against the budget so no input can run unbounded. */
  step(n = 1): void {
    this.steps += n;
    if (this.steps > this.budget) throw new BudgetError(this.budget);
  }

  /**
   * Records a step on the bus; with tracing off only the step budget counts it.
   * `defaults` give the flows and subjects an input leaves out (cheaper than spreading each input).
   */
  emit(input: EventInput, defaults?: Pick<EventInput, 'flows' | 'subjects'>): void {
    this.step();
    if (!this.cloud.tracing) return;
    const event: BusEvent = {
      seq: this.cloud.events.length,
      command: this.cloud.commandCount,
      from: input.from,
      to: input.to,
      channel: input.channel,
      name: input.name,
      detail: input.detail,
      flows: input.flows ?? defaults?.flows ?? [],
      subjects: input.subjects ?? defaults?.subjects ?? [],
      changes: input.changes ?? [],
    };
    if (input.seedStep !== undefined) event.seedStep = input.seedStep;
    if (input.note !== undefined) event.note = input.note;
    this.cloud.events.push(event);
  }
}
