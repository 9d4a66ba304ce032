/**
 * One `openstack …` command line: find the subcommand (longest match, as
 * cliff does), parse its arguments, run it against the cloud, and print what
 * the client prints, including its error texts and exit status.
 */
import type { Ctx } from '../core/context.js';
import { BudgetError, ClientError, ServiceError } from '../core/errors.js';
import { parseArgs } from './args.js';
import { agentCommands } from './commands/agent.js';
import type { CommandDef } from './commands/command.js';
import { floatingIpCommands } from './commands/floatingip.js';
import { networkCommands } from './commands/network.js';
import { portCommands } from './commands/port.js';
import { routerCommands } from './commands/router.js';
import { securityGroupCommands } from './commands/security-group.js';
import { catalogCommands, serverCommands } from './commands/server.js';
import { subnetCommands } from './commands/subnet.js';
import { renderFailure } from './errors.js';
import { type CliOutput, noCommand, unknownCommand } from './present/index.js';

const COMMANDS: CommandDef[] = [...networkCommands, ...subnetCommands, ...portCommands, ...routerCommands, ...floatingIpCommands, ...serverCommands, ...catalogCommands, ...agentCommands, ...securityGroupCommands];

/** Global options the client accepts before the subcommand; they change nothing here. */
const GLOBAL_WITH_VALUE = new Set(['--os-cloud', '--os-region-name', '--os-project-name', '--os-username', '--os-password', '--os-auth-url', '--os-interface']);

export function findCommand(words: readonly string[]): { def: CommandDef; rest: string[] } | undefined {
  let best: CommandDef | undefined;
  for (const def of COMMANDS) {
    if (def.path.every((w, i) => words[i] === w) && (!best || def.path.length > best.path.length)) best = def;
  }
  return best ? { def: best, rest: words.slice(best.path.length) } : undefined;
}

/** The words after `openstack`. Throws only BudgetError; every other failure is printed output. */
export function runOpenstack(ctx: Ctx, words: readonly string[]): CliOutput & { status?: number } {
  const args: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (GLOBAL_WITH_VALUE.has(w)) i++;
    else if (!(w.startsWith('--os-') && GLOBAL_WITH_VALUE.has(w.split('=')[0]!))) args.push(w);
  }
  if (args.every((w) => w.startsWith('-'))) return noCommand(args.includes('--help') || args.includes('-h'), COMMANDS.map((c) => c.path.join(' ')).sort());
  const found = findCommand(args);
  // cliff names the unknown command with everything its global parser left over, options included.
  if (!found) return unknownCommand(args);
  const command = found.def.path.join(' ');
  try {
    return found.def.run(ctx, parseArgs(found.def.spec, found.rest));
  } catch (e) {
    if (e instanceof BudgetError) throw e;
    if (e instanceof ClientError || e instanceof ServiceError) return renderFailure(ctx, command, e);
    throw e;
  }
}
