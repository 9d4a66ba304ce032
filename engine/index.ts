/**
 * StackTutor's cloud emulator: public entry points.
 *
 * The engine is pure: no I/O, no clock, no global randomness. Everything that
 * varies (seed, topology, step budget) comes in through {@link CloudOptions}.
 */
import { own } from './core/own.js';
import { createCloud } from './core/cloud.js';
import type { Cloud } from './core/types.js';
import { applyLine } from './scenario/apply.js';
import { type ExecResult, execInGuest, execOnNode } from './shell/exec.js';
import { tokenize } from './shell/tokenize.js';
import { Ctx } from './core/context.js';
import { runOpenstack } from './openstack/run.js';

export type { Cloud } from './core/types.js';
export type { ExecResult } from './shell/exec.js';

export interface CloudOptions {
  /** Number of compute nodes (compute1..computeN). Default 2. */
  computes?: number;
  /** Seed for every generated UUID, MAC and random pick. Default "stacktutor". */
  seed?: string;
  /** Upper bound on the work one scenario line may cause (bus steps); unbounded by default. */
  stepBudget?: number;
  /**
   * Upper bound on the work of the whole scenario (bus steps), for callers with a CPU limit: a
   * scenario that needs more stops at the line that crosses it, with status 413.
   */
  workBudget?: number;
  /** Keep what each scenario line printed (formatting costs time; off by default). */
  keepOutputs?: boolean;
  /** Record the message bus for flow traces (default true; off builds faster). */
  tracing?: boolean;
}

export interface ScenarioError {
  /** 1-based line number in the scenario. */
  line: number;
  /** The scenario line as written. */
  text: string;
  /** What the client printed on stderr. */
  message: string;
  /** HTTP status OpenStack answered with (400, 404, 409...), or the exit status of a client-side failure. */
  status: number;
}

/** `steps`: the work the scenario took, in bus steps (what workBudget counts). */
export type BuildResult =
  | { ok: true; cloud: Cloud; outputs: ExecResult[]; steps: number }
  | { ok: false; cloud: Cloud; outputs: ExecResult[]; steps: number; error: ScenarioError };

/** Builds a cloud by applying the scenario lines in order; stops at the first failing line. */
export function buildCloud(lines: readonly string[], options: CloudOptions = {}): BuildResult {
  const cloud = createCloud({
    ...(options.computes !== undefined ? { computes: options.computes } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.tracing !== undefined ? { tracing: options.tracing } : {}),
  });
  const outputs: ExecResult[] = [];
  let left = options.workBudget ?? Number.POSITIVE_INFINITY;
  let steps = 0;
  for (let i = 0; i < lines.length; i++) {
    const budget = Math.min(options.stepBudget ?? Number.POSITIVE_INFINITY, left);
    // Past the whole-scenario budget the cloud is thrown away, so a half-done line need not be undone.
    const lineBudget = Number.isFinite(budget) ? { budget, restoreOnBudget: options.workBudget === undefined } : {};
    const result = applyLine(cloud, lines[i]!, { ...lineBudget, quiet: !options.keepOutputs });
    left -= result.steps ?? 0;
    steps += result.steps ?? 0;
    outputs.push({ stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode });
    if (result.overBudget && options.workBudget !== undefined && left <= 0) {
      const message = `this scenario needs more work than one request may do (${options.workBudget} steps); split it or use fewer servers`;
      return { ok: false, cloud, outputs, steps, error: { line: i + 1, text: lines[i]!, message, status: 413 } };
    }
    if (result.exitCode !== 0) {
      return { ok: false, cloud, outputs, steps, error: { line: i + 1, text: lines[i]!, message: result.stderr.trimEnd(), status: result.status ?? result.exitCode } };
    }
  }
  return { ok: true, cloud, outputs, steps };
}

/** Host names: the nodes, then the instances (a command "on" an instance runs in its guest). */
export function hostNames(cloud: Cloud): string[] {
  return [...Object.keys(cloud.hosts), ...Object.values(cloud.guests).map((g) => g.name)];
}

/** Runs one shell command on a node (or inside an instance, by server name) and returns what it prints. */
export function execOnHost(cloud: Cloud, host: string, command: string): ExecResult {
  let words: string[];
  try {
    words = tokenize(command);
  } catch (e) {
    return { stdout: '', stderr: `bash: ${(e as Error).message}\n`, exitCode: 2 };
  }
  const node = own(cloud.hosts, host);
  if (node) {
    if (words[0] === 'openstack') {
      if (node.role !== 'controller') return { stdout: '', stderr: 'bash: openstack: command not found\n', exitCode: 127 };
      const { stdout, stderr, exitCode } = runOpenstack(new Ctx(cloud), words.slice(1));
      return { stdout, stderr, exitCode };
    }
    return execOnNode(cloud, node, words);
  }
  const guest = own(cloud.guests, host) ?? own(cloud.guests, own(cloud.guestsByName, host)?.[0] ?? '');
  if (guest) return execInGuest(cloud, guest, words);
  // An instance whose guest is not running (stopped, still building, failed) does not answer.
  if (Object.values(cloud.db.servers).some((s) => s.name === host || s.id === host)) {
    return { stdout: '', stderr: `ssh: connect to host ${host} port 22: No route to host\n`, exitCode: 255 };
  }
  return { stdout: '', stderr: `ssh: Could not resolve hostname ${host}: Name or service not known\n`, exitCode: 255 };
}
