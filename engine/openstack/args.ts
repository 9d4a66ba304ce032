/**
 * argparse as python-openstackclient uses it: long options with a value
 * (`--network NET` or `--network=NET`), flags, repeatable options, key=value
 * lists (`--fixed-ip subnet=S,ip-address=A`), positionals, and argparse's own
 * error texts with exit status 2.
 */
import { ArgparseError } from './errors.js';

export interface OptionSpec {
  /** Takes no value. */
  flag?: boolean;
  /** May be given more than once; values collect into an array. */
  repeat?: boolean;
  /** Result key; defaults to the option name without dashes. */
  dest?: string;
  choices?: readonly string[];
  metavar?: string;
}

export interface CommandSpec {
  /** Positional arguments in order; `repeat` takes one or more. */
  positionals: ReadonlyArray<{ name: string; optional?: boolean; repeat?: boolean }>;
  options: Readonly<Record<string, OptionSpec>>;
  /** Options that cannot be combined (argparse mutually exclusive groups). */
  exclusive?: ReadonlyArray<readonly string[]>;
}

export type ArgValue = string | string[] | boolean;

export interface ParsedArgs {
  positionals: Record<string, string | string[]>;
  options: Record<string, ArgValue>;
}

/** The formatting options every show/list/create command takes (cliff). */
export const OUTPUT_OPTIONS: Record<string, OptionSpec> = {
  '-f': { dest: 'format', choices: ['json', 'shell', 'table', 'value', 'yaml'] },
  '--format': { dest: 'format', choices: ['json', 'shell', 'table', 'value', 'yaml'] },
  '-c': { dest: 'column', repeat: true },
  '--column': { dest: 'column', repeat: true },
  '--noindent': { flag: true },
  '--prefix': {},
  '--max-width': {},
  '--fit-width': { flag: true },
  '--print-empty': { flag: true },
  '--sort-column': { dest: 'sort-column', repeat: true },
  '--sort-ascending': { flag: true, dest: 'sort-ascending' },
  '--sort-descending': { flag: true, dest: 'sort-descending' },
};

function destOf(name: string, spec: OptionSpec): string {
  return spec.dest ?? name.replace(/^-+/, '');
}

export function parseArgs(spec: CommandSpec, words: readonly string[]): ParsedArgs {
  const fail = (msg: string): never => {
    throw new ArgparseError(msg);
  };
  const options: Record<string, ArgValue> = {};
  const loose: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('-') || word === '-' || /^-\d/.test(word)) {
      loose.push(word);
      continue;
    }
    const eq = word.indexOf('=');
    const name = word.startsWith('--') && eq > 0 ? word.slice(0, eq) : word;
    const opt = spec.options[name];
    if (!opt) fail(`unrecognized arguments: ${word}`);
    const dest = destOf(name, opt!);
    seen.add(name);
    if (opt!.flag) {
      if (eq > 0) fail(`argument ${name}: ignored explicit argument '${word.slice(eq + 1)}'`);
      options[dest] = true;
      continue;
    }
    let value: string;
    if (word.startsWith('--') && eq > 0) value = word.slice(eq + 1);
    else {
      const next = words[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-' && !/^-\d/.test(next))) fail(`argument ${name}: expected one argument`);
      value = next!;
      i++;
    }
    if (opt!.choices && !opt!.choices.includes(value)) {
      fail(`argument ${name}: invalid choice: '${value}' (choose from ${opt!.choices.map((c) => `'${c}'`).join(', ')})`);
    }
    if (opt!.repeat) options[dest] = [...((options[dest] as string[] | undefined) ?? []), value];
    else options[dest] = value;
  }
  for (const group of spec.exclusive ?? []) {
    const used = group.filter((g) => seen.has(g));
    if (used.length > 1) fail(`argument ${used[1]}: not allowed with argument ${used[0]}`);
  }
  const positionals: Record<string, string | string[]> = {};
  const missing: string[] = [];
  for (const p of spec.positionals) {
    if (p.repeat) {
      if (loose.length === 0 && !p.optional) missing.push(`<${p.name}>`);
      positionals[p.name] = loose.splice(0);
    } else if (loose.length) {
      positionals[p.name] = loose.shift()!;
    } else if (!p.optional) {
      missing.push(`<${p.name}>`);
    }
  }
  if (missing.length) throw new ArgparseError(`the following arguments are required: ${missing.join(', ')}`, missing);
  if (loose.length) fail(`unrecognized arguments: ${loose.join(' ')}`);
  return { positionals, options };
}

/** OSC's MultiKeyValueAction: "subnet=S,ip-address=A" with a fixed set of keys. */
export function parseKeyValues(option: string, text: string, validKeys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) {
      throw new ArgparseError(`argument ${option}: Expected 'key=value' type, but got: ${part}`);
    }
    out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  const invalid = Object.keys(out).filter((k) => !validKeys.includes(k));
  if (invalid.length) {
    throw new ArgparseError(`argument ${option}: Invalid keys ${invalid.join(', ')} specified.\nValid keys are: ${[...validKeys].sort().join(', ')}.`);
  }
  return out;
}

export const str = (args: ParsedArgs, key: string): string | undefined => {
  const v = args.options[key];
  return typeof v === 'string' ? v : undefined;
};
export const list = (args: ParsedArgs, key: string): string[] => {
  const v = args.options[key];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
};
export const flag = (args: ParsedArgs, key: string): boolean => args.options[key] === true;
export const pos = (args: ParsedArgs, key: string): string => args.positionals[key] as string;
