/**
 * argparse errors as the `openstack` CLI prints them (exit status 2): the
 * command's usage block, then `openstack <command>: error: <message>`.
 * Usage blocks exist for the commands in usage-network.ts and
 * usage-compute.ts; for other commands only the error line is printed.
 */
import type { CliOutput } from './output';
import { USAGE_COMPUTE } from './usage-compute';
import { USAGE_NETWORK } from './usage-network';

export interface UsageEntry {
  /** Required arguments as argparse names them, in the order it reports them. */
  readonly required: readonly string[];
  /** The `usage: openstack ...` block, without a trailing newline. */
  readonly usage: string;
}

/** The usage entry of a command such as "network create", if captured. */
export function usageOf(command: string): UsageEntry | undefined {
  return USAGE_NETWORK[command] ?? USAGE_COMPUTE[command];
}

/** Any argparse error: `openstack network list: error: argument -f/--format: invalid choice: ...`. */
export function argparseError(command: string, message: string): CliOutput {
  const usage = usageOf(command)?.usage;
  const line = `openstack ${command}: error: ${message}\n`;
  return { stdout: '', stderr: usage ? `${usage}\n${line}` : line, exitCode: 2 };
}

/**
 * Missing required arguments. `missing` may name them in any order and
 * spelling ("name", "<name>", "--network"); they are printed in argparse's
 * order. Without a list, every required argument of the command is missing.
 */
export function missingArgumentsError(command: string, missing?: readonly string[]): CliOutput {
  const required = usageOf(command)?.required ?? [];
  const normalize = (s: string): string => s.replace(/^<|>$/g, '').replace(/^--/, '');
  const wanted = missing === undefined ? required : required.filter((r) => missing.some((m) => normalize(m) === normalize(r)));
  const extra = (missing ?? []).filter((m) => !required.some((r) => normalize(r) === normalize(m)));
  const names = [...wanted, ...extra];
  return argparseError(command, `the following arguments are required: ${names.join(', ')}`);
}

/** `openstack <cmd> --bogus`: argparse's unrecognized-arguments error. */
export function unrecognizedArgumentsError(command: string, args: readonly string[]): CliOutput {
  return argparseError(command, `unrecognized arguments: ${args.join(' ')}`);
}

/** `-f` with a formatter the command does not have (list commands have no `shell`, show commands no `csv`). */
export function invalidFormatError(command: string, format: string, kind: 'list' | 'show'): CliOutput {
  const choices = kind === 'list' ? ['csv', 'json', 'table', 'value', 'yaml'] : ['json', 'shell', 'table', 'value', 'yaml'];
  return argparseError(
    command,
    `argument -f/--format: invalid choice: '${format}' (choose from ${choices.map((c) => `'${c}'`).join(', ')})`,
  );
}

/**
 * `openstack frobnicate`: cliff writes this to stdout and exits 2. The real
 * client then lists fuzzy matches ("Did you mean one of these?"), which
 * depend on every installed command and are not reproduced here.
 */
export function unknownCommand(words: readonly string[]): CliOutput {
  return {
    stdout: `openstack: '${words.join(' ')}' is not an openstack command. See 'openstack --help'.\n`,
    stderr: '',
    exitCode: 2,
  };
}
