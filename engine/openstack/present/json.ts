/**
 * cliff's `-f json` formatter (cliff/formatters/json_format.py): a list
 * becomes an array of objects keyed by the column headers, a show one object
 * keyed by field name, both with the cells' machine-readable values, dumped
 * by Python's json module with indent=2 (or none with `--noindent`) and a
 * trailing newline.
 */
import { Formatted, type Cell } from './columns';
import { pyJsonDumps, type PyValue } from './python';

function machine(cell: Cell): PyValue {
  return cell instanceof Formatted ? cell.machine : cell;
}

function toObject(names: readonly string[], cells: readonly Cell[]): { [key: string]: PyValue } {
  const obj: { [key: string]: PyValue } = {};
  // Python dicts keep insertion order; a repeated name keeps its first place but the last value.
  names.forEach((name, i) => {
    obj[name] = machine(cells[i] ?? null);
  });
  return obj;
}

export function renderJsonList(headers: readonly string[], rows: readonly (readonly Cell[])[], noindent = false): string {
  return `${pyJsonDumps(rows.map((row) => toObject(headers, row)), noindent ? null : 2)}\n`;
}

export function renderJsonShow(names: readonly string[], values: readonly Cell[], noindent = false): string {
  return `${pyJsonDumps(toObject(names, values), noindent ? null : 2)}\n`;
}
