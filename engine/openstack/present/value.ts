/**
 * cliff's `-f value` formatter (cliff/formatters/value.py): the
 * machine-readable value of every cell through Python's str(); a list row is
 * its cells joined by one space, a show prints one value per line.
 */
import { Formatted, type Cell } from './columns';
import { pyStr } from './python';

function valueText(cell: Cell): string {
  return pyStr(cell instanceof Formatted ? cell.machine : cell);
}

export function renderValueList(rows: readonly (readonly Cell[])[]): string {
  return rows.map((row) => `${row.map(valueText).join(' ')}\n`).join('');
}

export function renderValueShow(values: readonly Cell[]): string {
  return values.map((v) => `${valueText(v)}\n`).join('');
}
