/**
 * Applying one scenario line to a cloud: `openstack …` commands (through the
 * client emulation), `. admin-openrc` / `source demo-openrc` to switch
 * credentials, comments and blank lines. A failed line leaves the cloud
 * exactly as it was: handlers validate before they change anything, and the
 * clock, random streams and bus are rolled back here.
 */
import { Ctx } from '../core/context.js';
import { BudgetError } from '../core/errors.js';
import type { Cloud } from '../core/types.js';
import { runOpenstack } from '../openstack/run.js';
import { tokenize } from '../shell/tokenize.js';

export interface LineResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** HTTP status of a refused API request, when that is why the line failed. */
  status?: number;
  /** Bus steps the line took. */
  steps?: number;
  /** The line ran out of its step budget. */
  overBudget?: boolean;
}

const OPENRC = /^(?:.*\/)?([a-z0-9_-]+)-openrc(?:\.sh)?$/;

function switchCredentials(cloud: Cloud, file: string): LineResult {
  const m = OPENRC.exec(file);
  const project = m && Object.values(cloud.db.projects).find((p) => p.name === m[1]);
  if (!project) return { stdout: '', stderr: `bash: ${file}: No such file or directory\n`, exitCode: 1 };
  cloud.currentProject = project.id;
  return { stdout: '', stderr: '', exitCode: 0 };
}

type StateCopy = Pick<Cloud, 'db' | 'hosts' | 'guests' | 'guestsByName' | 'currentProject'>;

function copyState(cloud: Cloud): StateCopy {
  return structuredClone({ db: cloud.db, hosts: cloud.hosts, guests: cloud.guests, guestsByName: cloud.guestsByName, currentProject: cloud.currentProject });
}

function restoreState(cloud: Cloud, copy: StateCopy): void {
  Object.assign(cloud, copy);
}

export interface ApplyOptions {
  /** Step budget for this line. */
  budget?: number;
  /** Skip formatting the line's output. */
  quiet?: boolean;
  /** Put the state back when the budget stops a line half-way (default true; a caller that throws the cloud away skips the copy). */
  restoreOnBudget?: boolean;
}

export function applyLine(cloud: Cloud, line: string, opts: ApplyOptions | number = {}): LineResult {
  const options: ApplyOptions = typeof opts === 'number' ? { budget: opts } : opts;
  let words: string[];
  try {
    words = tokenize(line);
  } catch (e) {
    return { stdout: '', stderr: `bash: ${(e as Error).message}\n`, exitCode: 2 };
  }
  if (words.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
  const [cmd, ...rest] = words;
  if (cmd === '.' || cmd === 'source') return switchCredentials(cloud, rest[0] ?? '');
  if (cmd !== 'openstack') {
    return { stdout: '', stderr: `a scenario line is an openstack command, "." / "source" of an openrc file, or a # comment; got: ${cmd}\n`, exitCode: 127 };
  }
  const saved = { clock: cloud.clock, events: cloud.events.length };
  // Handlers validate before they change anything, but a step budget can stop a line half-way:
  // with a budget, keep a copy of the state to put back.
  const snapshot = Number.isFinite(options.budget ?? Number.POSITIVE_INFINITY) && options.restoreOnBudget !== false ? copyState(cloud) : undefined;
  const ctx = new Ctx(cloud, options.budget, options.quiet);
  cloud.clock += ctx.random.between('clock', 1, 4);
  let result: LineResult;
  try {
    result = runOpenstack(ctx, rest);
  } catch (e) {
    if (!(e instanceof BudgetError)) throw e;
    if (snapshot) restoreState(cloud, snapshot);
    result = { stdout: '', stderr: `${e.message}\n`, exitCode: 1, overBudget: true };
  }
  result.steps = ctx.stepsTaken;
  if (result.exitCode !== 0) {
    ctx.random.rollback();
    cloud.clock = saved.clock;
    cloud.events.length = saved.events;
  } else {
    cloud.commandCount++;
  }
  return result;
}
