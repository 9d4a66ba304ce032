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

/** A captured usage block, flattened: the optional and positional parts argparse wraps. */
export interface UsageData {
  readonly required: readonly string[];
  /** Optionals; a leading "@show" stands for the formatting options every show command has. */
  readonly options: string;
  readonly positionals: string;
}

const SHOW_OPTIONS = '[-h] [-f {json,shell,table,value,yaml}] [-c COLUMN] [--noindent] [--prefix PREFIX] [--max-width <integer>] [--fit-width] [--print-empty]';
/** argparse's width when stderr is not a terminal: COLUMNS 80 minus 2. */
const TEXT_WIDTH = 78;
const PART = /\(.*?\)+(?=\s|$)|\[.*?\]+(?=\s|$)|\S+/g;

/** HelpFormatter._format_usage's get_lines: fill lines up to the width, continuation lines indented. */
function fill(parts: string[], indent: string, first?: string): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  let length = (first ?? indent).length - 1;
  for (const part of parts) {
    if (length + 1 + part.length > TEXT_WIDTH && line.length) {
      lines.push(indent + line.join(' '));
      line = [];
      length = indent.length - 1;
    }
    line.push(part);
    length += part.length + 1;
  }
  if (line.length) lines.push(indent + line.join(' '));
  if (first !== undefined && lines[0]) lines[0] = lines[0].slice(indent.length);
  return lines;
}

/** The usage block argparse prints for `prog` (short progs only, as every openstack command is). */
export function wrapUsage(prog: string, options: string, positionals: string): string {
  const prefix = 'usage: ';
  const oneLine = [prog, options, positionals].filter(Boolean).join(' ');
  if (prefix.length + oneLine.length <= TEXT_WIDTH) return prefix + oneLine;
  const optParts = options.match(PART) ?? [];
  const posParts = positionals.match(PART) ?? [];
  const indent = ' '.repeat(prefix.length + prog.length + 1);
  const lines = optParts.length
    ? [...fill([prog, ...optParts], indent, prefix), ...fill(posParts, indent)]
    : fill([prog, ...posParts], indent, prefix);
  return prefix + lines.join('\n');
}

/** The usage entry of a command such as "network create", if captured. */
export function usageOf(command: string): UsageEntry | undefined {
  const data = USAGE_NETWORK[command] ?? USAGE_COMPUTE[command];
  if (!data) return undefined;
  const options = data.options.startsWith('@show') ? SHOW_OPTIONS + data.options.slice(5) : data.options;
  return { required: data.required, usage: wrapUsage(`openstack ${command}`, options, data.positionals) };
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
 * `openstack` with no command (or only `--help`): the real client starts its
 * interactive shell or prints every installed command. A lab runs one line at
 * a time, so it says so and lists the commands it knows.
 */
export function noCommand(help: boolean, commands: readonly string[]): CliOutput {
  const list = commands.map((c) => `  ${c}\n`).join('');
  const usage = `usage: openstack [--os-cloud <name>] <command> [<args>]\n\nCommands:\n${list}`;
  if (help) return { stdout: usage, stderr: '', exitCode: 0 };
  return { stdout: '', stderr: `openstack: no command given (the interactive shell is not available here: one command per line)\n${usage}`, exitCode: 2 };
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
