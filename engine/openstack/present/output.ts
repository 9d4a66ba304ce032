/**
 * What cliff does between a command's take_action() and the formatter:
 * `-c/--column` selection (cliff/display.py), `--sort-column` for lists
 * (cliff/lister.py), and picking the formatter named by `-f`.
 */
import { Formatted, type Cell } from './columns';
import { renderJsonList, renderJsonShow } from './json';
import { pyRepr, pyStr, type PyValue } from './python';
import { renderTableList, renderTableShow } from './table';
import { invalidFormatError } from './usage';
import { renderValueList, renderValueShow } from './value';

/** The output options a scenario line may carry (all optional). */
export interface OutputOptions {
  /** `-f`: table (default), json, value, shell (show only). */
  format?: 'table' | 'json' | 'value' | 'shell';
  /** `-c COLUMN`, repeatable, in the order typed. */
  columns?: readonly string[];
  /** `--long` on list commands that have it. */
  long?: boolean;
  /** `--noindent` for `-f json`. */
  noindent?: boolean;
  /** `--prefix` for `-f shell`. */
  prefix?: string;
  /** `--sort-column`, repeatable (list commands). */
  sortColumns?: readonly string[];
  /** `--sort-descending`. */
  sortDescending?: boolean;
  /** The command words ("network list"), for argparse errors about these options. */
  command?: string;
}

/** What one `openstack` invocation prints and returns. */
export interface CliOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function ok(stdout: string): CliOutput {
  return { stdout, stderr: '', exitCode: 0 };
}

/** How Python prints the command's column names in the "No recognized column" error. */
export type NamesRepr = 'tuple' | 'list';

function namesRepr(names: readonly string[], kind: NamesRepr): string {
  const items = names.map(pyRepr);
  if (kind === 'list') return `[${items.join(', ')}]`;
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

type Selection = { ok: true; keep: number[] } | { ok: false; error: CliOutput };

/** cliff _generate_columns_and_selector: keep the command's own order, error if nothing matches. */
function selectColumns(names: readonly string[], wanted: readonly string[] | undefined, kind: NamesRepr): Selection {
  if (!wanted || wanted.length === 0) return { ok: true, keep: names.map((_, i) => i) };
  const keep = names.flatMap((n, i) => (wanted.includes(n) ? [i] : []));
  if (keep.length > 0) return { ok: true, keep };
  const message =
    `No recognized column names in ${namesRepr(wanted, 'list')}. ` +
    `Recognized columns are ${namesRepr(names, kind)}.`;
  return { ok: false, error: { stdout: '', stderr: `${message}\n`, exitCode: 1 } };
}

function sortKey(cell: Cell): PyValue {
  return cell instanceof Formatted ? cell.machine : cell;
}

function compare(a: PyValue, b: PyValue): number | null {
  // Python sorts on (value is None, value): None goes last, other types must agree.
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const bothNumbers = typeof a === 'number' || typeof a === 'boolean' ? typeof b === 'number' || typeof b === 'boolean' : false;
  if (bothNumbers) return Number(a) - Number(b);
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

/** cliff Lister sorting: later sort columns first, each a stable sort; unsortable columns are skipped. */
function sortRows(headers: readonly string[], rows: readonly (readonly Cell[])[], opts: OutputOptions): (readonly Cell[])[] {
  let sorted = [...rows];
  const indexes = (opts.sortColumns ?? []).flatMap((c) => (headers.includes(c) ? [headers.indexOf(c)] : []));
  for (const index of [...indexes].reverse()) {
    let comparable = true;
    const next = [...sorted].sort((ra, rb) => {
      const result = compare(sortKey(ra[index] ?? null), sortKey(rb[index] ?? null));
      if (result === null) comparable = false;
      return (result ?? 0) * (opts.sortDescending ? -1 : 1);
    });
    if (comparable) sorted = next;
  }
  return sorted;
}

export interface ListSpec {
  headers: readonly string[];
  rows: readonly (readonly Cell[])[];
  /** tuple for most commands; list where the client builds its headers as a list (volume list). */
  namesRepr?: NamesRepr;
}

/** Print a list command's result the way cliff's Lister does. */
export function presentList(spec: ListSpec, opts: OutputOptions = {}): CliOutput {
  const rows = sortRows(spec.headers, spec.rows, opts);
  const selection = selectColumns(spec.headers, opts.columns, spec.namesRepr ?? 'tuple');
  if (!selection.ok) return selection.error;
  const headers = selection.keep.map((i) => spec.headers[i] as string);
  const picked = rows.map((row) => selection.keep.map((i) => row[i] ?? null));
  switch (opts.format ?? 'table') {
    case 'json':
      return ok(renderJsonList(headers, picked, opts.noindent));
    case 'value':
      return ok(renderValueList(picked));
    case 'shell':
      return invalidFormatError(opts.command ?? 'list', 'shell', 'list');
    default:
      return ok(renderTableList(headers, picked));
  }
}

export interface ShowSpec {
  names: readonly string[];
  values: readonly Cell[];
}

function renderShell(names: readonly string[], values: readonly Cell[], prefix: string): string {
  return names
    .map((name, i) => {
      const cell = values[i] ?? null;
      const raw = cell instanceof Formatted ? pyStr(cell.machine) : cell;
      const text = typeof raw === 'string' ? raw.replace(/"/g, '\\"') : pyStr(raw);
      const variable = name.toLowerCase().replace(/ /g, '_').replace(/:/g, '_').replace(/-/g, '_');
      return `${prefix}${variable}="${text}"\n`;
    })
    .join('');
}

/** Print a show/create command's result the way cliff's ShowOne does. */
export function presentShow(spec: ShowSpec, opts: OutputOptions = {}): CliOutput {
  const selection = selectColumns(spec.names, opts.columns, 'tuple');
  if (!selection.ok) return selection.error;
  const names = selection.keep.map((i) => spec.names[i] as string);
  const values = selection.keep.map((i) => spec.values[i] ?? null);
  switch (opts.format ?? 'table') {
    case 'json':
      return ok(renderJsonShow(names, values, opts.noindent));
    case 'value':
      return ok(renderValueShow(values));
    case 'shell':
      return ok(renderShell(names, values, opts.prefix ?? ''));
    default:
      return ok(renderTableShow(names, values));
  }
}

/** Pairs of (name, cell) sorted by name, as `zip(*sorted(data.items()))` does for show commands. */
export function sortedShow(entries: readonly (readonly [string, Cell])[]): ShowSpec {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { names: sorted.map(([n]) => n), values: sorted.map(([, v]) => v) };
}
