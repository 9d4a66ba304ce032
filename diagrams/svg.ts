/**
 * SVG primitives shared by the diagrams: escaping, text measurement, shapes
 * and the document wrapper. Output is plain strings; every number is rounded
 * so the same input always prints the same bytes.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text and attribute values; also drops characters XML 1.0 forbids. */
export function esc(value: string | number): string {
  return String(value)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Rounds to one decimal so output is stable and short. */
export function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export const MONO = 11;
export const SANS = 12;

/** Estimated width of `s` at `size` px: 0.6em per Latin character, 1em per CJK one. */
export function textWidth(s: string, size = SANS): number {
  let units = 0;
  for (const ch of s) units += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6;
  return units * size;
}

/** Cuts `s` to `max` characters with an ellipsis. */
export function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** Breaks `s` into lines of at most `max` characters, at spaces where possible. */
export function wrap(s: string, max: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of s.split(/\s+/).filter(Boolean)) {
    let w = word;
    while ([...w].length > max) {
      if (line) out.push(line);
      line = '';
      out.push([...w].slice(0, max).join(''));
      w = [...w].slice(max).join('');
    }
    if (!line) line = w;
    else if ([...line].length + 1 + [...w].length <= max) line += ` ${w}`;
    else {
      out.push(line);
      line = w;
    }
  }
  if (line) out.push(line);
  return out.length ? out : [''];
}

function attrs(a: Record<string, string | number | undefined>): string {
  let out = '';
  for (const [k, v] of Object.entries(a)) if (v !== undefined && v !== '') out += ` ${k}="${typeof v === 'number' ? n(v) : esc(v)}"`;
  return out;
}

export function text(x: number, y: number, content: string, cls = '', anchor?: 'middle' | 'end'): string {
  return `<text${attrs({ x, y, class: cls, 'text-anchor': anchor })}>${esc(content)}</text>`;
}

/** A text made of runs, each with its own class (e.g. a bold step number, then the message). */
export function richText(x: number, y: number, runs: Array<[string, string]>, cls = '', anchor?: 'middle' | 'end'): string {
  const body = runs.map(([c, s]) => (c ? `<tspan class="${esc(c)}">${esc(s)}</tspan>` : esc(s))).join('');
  return `<text${attrs({ x, y, class: cls, 'text-anchor': anchor })}>${body}</text>`;
}

export function rect(x: number, y: number, w: number, h: number, cls: string, rx = 4): string {
  return `<rect${attrs({ x, y, width: w, height: h, rx: rx || undefined, class: cls })}/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, cls: string): string {
  return `<line${attrs({ x1, y1, x2, y2, class: cls })}/>`;
}

export function polyline(points: Array<[number, number]>, cls: string): string {
  return `<polyline${attrs({ points: points.map(([x, y]) => `${n(x)},${n(y)}`).join(' '), class: cls })}/>`;
}

export function path(d: string, cls: string): string {
  return `<path${attrs({ d, class: cls })}/>`;
}

export function circle(cx: number, cy: number, r: number, cls: string): string {
  return `<circle${attrs({ cx, cy, r, class: cls })}/>`;
}

/** A group; `tip` becomes its `<title>`, which browsers show on hover; `data` become `data-*` attributes. */
export function group(body: string, cls = '', tip?: string, data: Record<string, string | number> = {}): string {
  const d = Object.fromEntries(Object.entries(data).map(([k, v]) => [`data-${k}`, String(v)]));
  return `<g${attrs({ class: cls, ...d })}>${tip ? `<title>${esc(tip)}</title>` : ''}${body}</g>`;
}

/** A filled arrowhead at (x, y) pointing in direction `dir` (+1 right, -1 left, 2 down, -2 up). */
export function arrowHead(x: number, y: number, dir: 1 | -1 | 2 | -2, cls: string, size = 7): string {
  const s = size;
  const pts: Array<[number, number]> =
    dir === 1 ? [[x, y], [x - s, y - s / 2], [x - s, y + s / 2]]
    : dir === -1 ? [[x, y], [x + s, y - s / 2], [x + s, y + s / 2]]
    : dir === 2 ? [[x, y], [x - s / 2, y - s], [x + s / 2, y - s]]
    : [[x, y], [x - s / 2, y + s], [x + s / 2, y + s]];
  return `<polygon${attrs({ points: pts.map(([a, b]) => `${n(a)},${n(b)}`).join(' '), class: cls })}/>`;
}

/** Shared look. Class names carry the `sd-` prefix: inline SVG styles apply to the whole page. */
const CSS = [
  '.sd text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:12px;fill:#1b1f24}',
  '.sd .sd-m{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:11px}',
  '.sd .sd-b{font-weight:700}.sd .sd-s{font-size:10.5px}.sd .sd-mu{fill:#4a5560}.sd .sd-h{font-size:15px;font-weight:700}',
  '.sd .sd-hb{paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}',
  '.sd rect,.sd circle,.sd polygon{stroke-width:1.2}.sd line,.sd path,.sd polyline{fill:none;stroke-width:1.4}',
  '.sd .sd-bg{fill:#fff}',
  '.sd .sd-hl{stroke:#b3261e!important;stroke-width:3!important}.sd .sd-hlt{fill:#8c1d18;font-weight:700}',
].join('');

export interface SvgDocument {
  width: number;
  height: number;
  title: string;
  desc: string;
  lang: 'en' | 'zh';
  /** Extra CSS rules for this kind of diagram (already prefixed with `.sd`). */
  css: string;
  body: string;
}

/** FNV-1a over the body: ids unique per picture yet identical for identical input. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/** The whole `<svg>`: accessible name and description, a white background, then the body. */
export function svgDocument(d: SvgDocument): string {
  const w = Math.ceil(d.width);
  const h = Math.ceil(d.height);
  const id = `sd${hash(d.title + d.desc + d.body)}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="sd" role="img" lang="${d.lang === 'zh' ? 'zh-CN' : 'en'}"` +
    ` width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" aria-labelledby="${id}t ${id}d">` +
    `<title id="${id}t">${esc(d.title)}</title><desc id="${id}d">${esc(d.desc)}</desc>` +
    `<style>${CSS}${d.css}</style>` +
    `<rect width="${w}" height="${h}" class="sd-bg"/>${d.body}</svg>`
  );
}
