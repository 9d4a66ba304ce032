/**
 * Cells and the column formatters the client uses.
 *
 * A cell is either a raw API value (printed with Python's str() in tables and
 * `-f value`, dumped as-is in `-f json`) or a Formatted value, which mirrors
 * cliff's FormattableColumn: one text for tables (human_readable) and one
 * value for `-f json` / `-f value` (machine_readable).
 *
 * Sources: cliff/columns.py, osc_lib/cli/format_columns.py and
 * osc_lib/utils/__init__.py (format_dict, format_list, format_list_of_dicts,
 * format_dict_of_list), osc-lib 3.0.1 / cliff 4.6.0.
 */
import { pyStr, pySortStrings, type PyValue } from './python';

export class Formatted {
  /** human is null when the formatter returns None (the table then shows "None"). */
  constructor(readonly human: string | null, readonly machine: PyValue) {}
}

export type Cell = PyValue | Formatted;

type Dict = { readonly [key: string]: PyValue };

function asDict(value: PyValue): Dict | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return value as Dict;
}

/** osc_lib format_dict: sorted `key='value'` pairs, nested dicts flattened as `a.b='v'`, None as `key=`. */
export function formatDict(data: PyValue, prefix?: string): string | null {
  const dict = asDict(data);
  if (dict === null) return null;
  let output = '';
  for (const key of pySortStrings(Object.keys(dict))) {
    const keyStr = prefix ? `${prefix}.${key}` : key;
    const value = dict[key] as PyValue;
    if (asDict(value) !== null) output += `${formatDict(value, keyStr) ?? ''}, `;
    else if (value !== null) output += `${keyStr}='${pyStr(value)}', `;
    else output += `${keyStr}=, `;
  }
  return output.slice(0, -2);
}

/** osc_lib format_list: the items sorted and joined with ", ". */
export function formatList(data: PyValue, separator = ', '): string | null {
  if (!Array.isArray(data)) return null;
  return pySortStrings((data as PyValue[]).map(pyStr)).join(separator);
}

/** osc_lib format_list_of_dicts: one format_dict line per item. */
export function formatListOfDicts(data: PyValue): string | null {
  if (!Array.isArray(data)) return null;
  return (data as PyValue[]).map((item) => formatDict(item) ?? 'None').join('\n');
}

/** osc_lib format_dict_of_list: `key=a, b; key2=c` with keys sorted. */
export function formatDictOfList(data: PyValue, separator = '; '): string | null {
  const dict = asDict(data);
  if (dict === null) return null;
  const groups: string[] = [];
  for (const key of pySortStrings(Object.keys(dict))) {
    const value = dict[key] as PyValue;
    if (value === null) continue;
    groups.push(`${key}=${formatList(value) ?? 'None'}`);
  }
  return groups.join(separator);
}

/** ListColumn: sorted ", " list for humans; the list (or []) for machines. */
export function listColumn(value: PyValue): Formatted {
  return new Formatted(formatList(value), Array.isArray(value) ? value : []);
}

/** DictColumn: format_dict for humans; the dict (or {}) for machines. */
export function dictColumn(value: PyValue): Formatted {
  return new Formatted(formatDict(value), asDict(value) ?? {});
}

/** ListDictColumn: one `k='v'` line per dict; the list (or []) for machines. */
export function listDictColumn(value: PyValue): Formatted {
  return new Formatted(formatListOfDicts(value), Array.isArray(value) ? value : []);
}

/** DictListColumn: `key=a, b; key2=c`; the dict (or {}) for machines. */
export function dictListColumn(value: PyValue): Formatted {
  return new Formatted(formatDictOfList(value), asDict(value) ?? {});
}

/** AdminStateColumn (network/port/router): UP or DOWN; the raw bool for machines. */
export function adminStateColumn(value: PyValue): Formatted {
  return new Formatted(value ? 'UP' : 'DOWN', value);
}

/** RouterExternalColumn (network): External or Internal; the raw bool for machines. */
export function routerExternalColumn(value: PyValue): Formatted {
  return new Formatted(value ? 'External' : 'Internal', value);
}

/** A machine-readable value shown through a custom human text. */
export function humanized(human: string | null, machine: PyValue): Formatted {
  return new Formatted(human, machine);
}
