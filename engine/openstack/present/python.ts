/**
 * How Python turns values into text, for the few places where the client
 * prints a raw Python value: `str(value)` in tables and `-f value`, and
 * `json.dump(..., indent=2)` in `-f json`.
 *
 * JavaScript cannot tell the int 1 from the float 1.0, so a float that must
 * print as Python prints it (`rxtx_factor` shows `1.0`) is wrapped in PyFloat.
 */

/** A Python float; `new PyFloat(1)` prints `1.0` like Python's repr. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** A value as it comes out of the API JSON (plus PyFloat). */
export type PyValue =
  | null
  | boolean
  | number
  | string
  | PyFloat
  | readonly PyValue[]
  | { readonly [key: string]: PyValue };

function isDict(value: PyValue): value is { readonly [key: string]: PyValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof PyFloat);
}

/** Python's float repr: shortest round-trip digits, always with a dot or exponent. */
export function floatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return `${n}.0`;
  const s = String(n);
  // JS writes 1e+21, Python writes 1e+21 as well; JS writes 1e-7, Python 1e-07.
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Python's repr() of a str: single quotes unless the text holds ' and no ". */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** Python's repr() of a JSON-like value, as it appears inside a list or dict. */
export function pyRepr(value: PyValue): string {
  if (typeof value === 'string') return strRepr(value);
  return pyStr(value);
}

/** Python's str(): what a table cell or `-f value` shows for a raw value. */
export function pyStr(value: PyValue): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : floatRepr(value);
  if (typeof value === 'string') return value;
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (isDict(value)) {
    const parts = Object.entries(value).map(([k, v]) => `${strRepr(k)}: ${pyRepr(v)}`);
    return `{${parts.join(', ')}}`;
  }
  return String(value);
}

/** json.dumps string escaping with ensure_ascii=True (Python's default). */
function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i] as string;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/**
 * Python's json.dumps(value, indent=indent). With indent null it uses the
 * default separators (', ', ': '), as cliff does for `--noindent`.
 */
export function pyJsonDumps(value: PyValue, indent: number | null, level = 0): string {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : floatRepr(value);
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (typeof value === 'string') return jsonString(value);
  const entries: string[] = Array.isArray(value)
    ? value.map((v: PyValue) => pyJsonDumps(v, indent, level + 1))
    : Object.entries(value).map(([k, v]) => `${jsonString(k)}: ${pyJsonDumps(v, indent, level + 1)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return open + close;
  if (indent === null) return open + entries.join(', ') + close;
  const pad = ' '.repeat(indent * (level + 1));
  const endPad = ' '.repeat(indent * level);
  return `${open}\n${pad}${entries.join(`,\n${pad}`)}\n${endPad}${close}`;
}

/** Python's sorted() on strings: by code point, which for UTF-16 means no surrogate surprises in practice. */
export function pySortStrings(values: readonly string[]): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
