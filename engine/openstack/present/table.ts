/**
 * cliff's table formatter (cliff/formatters/table.py, cliff 4.6.0) drawing
 * with prettytable 3.9.0, for output that is not a terminal: no column is
 * shrunk, rows have no rules between them, every cell has one space of
 * padding on each side.
 *
 * - list: a column is right-aligned when the first row holds an int or a
 *   float in it, else left-aligned; its header follows the same alignment.
 * - show: two columns `Field | Value`, both left-aligned.
 * - a cell with newlines becomes several lines; the other cells of the row
 *   are padded with blank lines below their text.
 * - an empty list prints nothing but the newline cliff always writes.
 */
import { Formatted, type Cell } from './columns';
import { PyFloat, pyStr } from './python';

type Align = 'l' | 'r';

/** The text a cell shows in a table (cliff _format_row, then prettytable's str()). */
export function tableText(cell: Cell): string {
  if (cell instanceof Formatted) return cell.human === null ? 'None' : cell.human;
  if (typeof cell === 'string') return cell.replace(/\r\n/g, '\n').replace(/\r/g, ' ');
  return pyStr(cell);
}

/** cliff's ALIGNMENTS: int and float right, everything else (str, bool, None, columns) left. */
function alignmentOf(cell: Cell): Align {
  if (cell instanceof PyFloat) return 'r';
  return typeof cell === 'number' ? 'r' : 'l';
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

function isZeroWidth(code: number): boolean {
  return (
    (code >= 0x0300 && code <= 0x036f) ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0xfe00 && code <= 0xfe0f)
  );
}

/**
 * Terminal columns a line takes, like wcwidth.wcswidth: CJK and other wide
 * characters count 2, combining marks 0. (Control characters, for which
 * wcswidth gives -1, are counted as 1 here.)
 */
export function displayWidth(line: string): number {
  let width = 0;
  for (const ch of line) {
    const code = ch.codePointAt(0) ?? 0;
    width += isZeroWidth(code) ? 0 : isWide(code) ? 2 : 1;
  }
  return width;
}

function justify(text: string, width: number, align: Align): string {
  const excess = Math.max(0, width - displayWidth(text));
  return align === 'r' ? ' '.repeat(excess) + text : text + ' '.repeat(excess);
}

function drawTable(headers: readonly string[], rows: readonly (readonly string[])[], aligns: readonly Align[]): string {
  const widths = headers.map((h) => displayWidth(h));
  for (const row of rows) {
    row.forEach((text, i) => {
      for (const line of text.split('\n')) widths[i] = Math.max(widths[i] ?? 0, displayWidth(line));
    });
  }
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const drawLine = (cells: readonly string[]): string =>
    `|${cells.map((c, i) => ` ${justify(c, widths[i] ?? 0, aligns[i] ?? 'l')} `).join('|')}|`;
  const lines = [rule, drawLine(headers), rule];
  for (const row of rows) {
    const split = row.map((text) => text.split('\n'));
    const height = Math.max(1, ...split.map((l) => l.length));
    for (let y = 0; y < height; y++) lines.push(drawLine(split.map((l) => l[y] ?? '')));
  }
  lines.push(rule);
  return lines.join('\n');
}

/** `openstack ... list` as a table; the result ends with a newline. */
export function renderTableList(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const first = rows[0];
  if (first === undefined) return '\n';
  const aligns = headers.map((_, i) => alignmentOf(first[i] ?? null));
  return `${drawTable(headers, rows.map((r) => r.map(tableText)), aligns)}\n`;
}

/** `openstack ... show` (and create) as a `Field | Value` table; ends with a newline. */
export function renderTableShow(names: readonly string[], values: readonly Cell[]): string {
  if (names.length === 0) return '\n';
  const rows = names.map((name, i) => [name, tableText(values[i] ?? null)]);
  return `${drawTable(['Field', 'Value'], rows, ['l', 'l'])}\n`;
}
