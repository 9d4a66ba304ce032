/**
 * A routed packet walk drawn hop by hop: one row per stage (host, device and
 * namespace, what happened, the addresses there), grouped into host bands,
 * with every address rewrite (SNAT, DNAT, a reversed NAT) called out as
 * "before → after"; and the notice drawn for a walk that could not be made.
 */
import type { RoutedWalk, Stage } from '../engine/packets/routing.js';
import { label, type Lang } from './labels.js';
import { arrowHead, circle, clip, group, line, MONO, rect, richText, SANS, svgDocument, text, textWidth, wrap } from './svg.js';

const MARGIN = 16;
const NOTE_CHARS = 58;
export const WALK_CSS =
  '.sd .sd-band{fill:#f6f8fa;stroke:#d0d7de}.sd .sd-band2{fill:#eef3f8;stroke:#d0d7de}.sd .sd-nat{fill:#fff3c4;stroke:#7a5a00;stroke-width:2.5}' +
  '.sd .sd-tl{stroke:#57606a;stroke-width:2}.sd .sd-dot{fill:#1b1f24}.sd polygon.sd-tl{fill:#57606a;stroke:none}.sd .sd-ok{fill:#e9f6ec;stroke:#1a7f37}' +
  '.sd .sd-bad{fill:#fdecea;stroke:#b3261e;stroke-width:2}.sd .sd-natt{font-size:14px;font-weight:700}.sd .sd-rowhl{fill:#fde7e5;stroke:#b3261e;stroke-width:2}';

export interface Rewrite {
  kind: string;
  field: 'src' | 'dst';
  before: string;
  after: string;
  where: string;
}

/** Address changes between one stage and the next, named after the stage's own note when it says which NAT. */
export function rewritesOf(prev: Stage | undefined, s: Stage): Rewrite[] {
  if (!prev) return [];
  const kind = /\bSNAT\b/.test(s.note) ? 'SNAT' : /\bDNAT\b/.test(s.note) ? 'DNAT' : 'NAT';
  const where = `${s.host}${s.netns ? ` ${s.netns}` : ''} ${s.dev}`;
  const out: Rewrite[] = [];
  if (prev.src !== s.src) out.push({ kind, field: 'src', before: prev.src, after: s.src, where });
  if (prev.dst !== s.dst) out.push({ kind, field: 'dst', before: prev.dst, after: s.dst, where });
  return out;
}

export function rewriteText(r: Rewrite, lang: Lang): string {
  return `${r.kind} ${label(lang, r.field)} ${r.before} → ${r.after}`;
}

export function errorSvg(message: string, lang: Lang): string {
  const lines = wrap(message, 80);
  const w = Math.max(320, ...lines.map((l) => textWidth(l, SANS))) + 2 * MARGIN + 16;
  const body = rect(MARGIN, MARGIN, w - 2 * MARGIN, 34 + lines.length * 16, 'sd-bad', 6) +
    text(MARGIN + 10, MARGIN + 20, `✗ ${label(lang, 'errorTitle')}`, 'sd-b') +
    lines.map((l, i) => text(MARGIN + 10, MARGIN + 38 + i * 16, l)).join('');
  return svgDocument({ width: w, height: 2 * MARGIN + 34 + lines.length * 16, lang, css: WALK_CSS, body, title: label(lang, 'errorTitle'), desc: label(lang, 'errorDesc', { error: message }) });
}

interface Row {
  stage: Stage;
  notes: string[];
  rewrites: Rewrite[];
  h: number;
}

export function renderRoutedWalk(walk: RoutedWalk, lang: Lang, hl: Set<string>): string {
  const all = walk.packets.flatMap((p) => p.stages);
  const hostW = Math.max(90, ...all.map((s) => textWidth(s.host, SANS) + 24));
  const devW = Math.max(120, ...all.map((s) => Math.max(textWidth(s.dev, MONO), textWidth(s.netns, 10.5)) + 20));
  const noteW = Math.max(...all.map((s) => Math.max(...wrap(s.note, NOTE_CHARS).map((l) => textWidth(l, SANS)))), 120) + 20;
  const addrW = Math.max(...all.map((s) => textWidth(`${s.src} → ${s.dst}`, MONO)), 160) + 16;
  const xTl = MARGIN + hostW + 10;
  const xDev = xTl + 16;
  const xNote = xDev + devW;
  const xAddr = xNote + noteW;
  let width = xAddr + addrW + MARGIN;
  const parts: string[] = [];
  const rewrites: Rewrite[] = [];

  // Heading: the endpoints, the outcome, then every rewrite as a chip.
  parts.push(text(MARGIN, MARGIN + 16, `${walk.from} → ${walk.to}`, 'sd-h'));
  const outcome = walk.delivered ? `✓ ${label(lang, 'delivered')}` : `✗ ${label(lang, 'notDelivered')}${walk.failure ? `: ${walk.failure}` : ''}`;
  const outcomeLines = wrap(outcome, 110);
  outcomeLines.forEach((l, i) => parts.push(text(MARGIN, MARGIN + 36 + i * 16, l, walk.delivered ? 'sd-b' : 'sd-b sd-hlt')));
  let y = MARGIN + 36 + outcomeLines.length * 16;
  const chipsAt = y;
  const chipRows: string[] = [];

  for (const packet of walk.packets) {
    y += 10;
    parts.push(text(MARGIN, y + 14, packet.label, 'sd-b'));
    parts.push(text(xAddr, y + 14, `${label(lang, 'src')} → ${label(lang, 'dst')}`, 'sd-s sd-mu'));
    y += 22;
    const rows: Row[] = packet.stages.map((s, i) => {
      const notes = wrap(s.note, NOTE_CHARS);
      const rw = rewritesOf(packet.stages[i - 1], s);
      const lines = Math.max(notes.length, s.netns ? 2 : 1);
      return { stage: s, notes, rewrites: rw, h: lines * 15 + 10 + rw.length * 22 };
    });
    // Host bands: consecutive stages on the same host.
    let top = y;
    let acc = y;
    let band = 0;
    rows.forEach((r, i) => {
      acc += r.h;
      if (rows[i + 1]?.stage.host === r.stage.host) return;
      parts.push(rect(MARGIN, top, xAddr + addrW - MARGIN, acc - top, band++ % 2 ? 'sd-band2' : 'sd-band', 4));
      parts.push(text(MARGIN + 8, top + 17, r.stage.host, `sd-b${hl.has(r.stage.host) ? ' sd-hlt' : ''}`));
      top = acc;
    });
    const tlTop = y;
    for (const r of rows) {
      const s = r.stage;
      const mark = hl.has(s.dev) || (s.netns !== '' && hl.has(s.netns));
      if (mark) parts.push(rect(xDev - 4, y + 2, xAddr + addrW - xDev, r.h - 4, 'sd-rowhl', 3));
      parts.push(circle(xTl, y + 12, 4, 'sd-dot'));
      parts.push(text(xDev, y + 16, s.dev, `sd-m sd-b${mark ? ' sd-hlt' : ''}`));
      if (s.netns) parts.push(text(xDev, y + 31, clip(s.netns, Math.floor((devW - 12) / 6.3)), 'sd-s sd-mu'));
      r.notes.forEach((l, k) => parts.push(text(xNote, y + 16 + k * 15, l)));
      const changed = new Set(r.rewrites.map((w) => w.field));
      parts.push(richText(xAddr, y + 16, [[changed.has('src') ? 'sd-b' : '', s.src], ['', ' → '], [changed.has('dst') ? 'sd-b' : '', s.dst]], 'sd-m'));
      let ny = y + Math.max(r.notes.length, s.netns ? 2 : 1) * 15 + 6;
      for (const w of r.rewrites) {
        const t = rewriteText(w, lang);
        const tw = textWidth(t, 15.5) + 20;
        parts.push(rect(xNote, ny, tw, 20, 'sd-nat', 4), text(xNote + 10, ny + 15, t, 'sd-natt'));
        width = Math.max(width, xNote + tw + MARGIN);
        rewrites.push(w);
        ny += 22;
      }
      y += r.h;
    }
    parts.push(line(xTl, tlTop + 12, xTl, y - 6, 'sd-tl'), arrowHead(xTl, y, 2, 'sd-tl', 8));
    y += 6;
  }

  // Rewrite chips under the heading, then the NAT rules and conntrack at the bottom.
  let cx = MARGIN;
  let cy = chipsAt + 6;
  for (const w of rewrites) {
    const t = `${rewriteText(w, lang)} @ ${w.where}`;
    const tw = textWidth(t, 15.5) + 20;
    if (cx > MARGIN && cx + tw > width - MARGIN) {
      cx = MARGIN;
      cy += 26;
    }
    chipRows.push(rect(cx, cy, tw, 22, 'sd-nat', 4), text(cx + 10, cy + 16, t, 'sd-natt'));
    width = Math.max(width, cx + tw + MARGIN);
    cx += tw + 8;
  }
  const shift = rewrites.length ? cy + 26 - chipsAt : 0;
  const natRules = walk.rules.filter((r) => /-j (SNAT|DNAT|MASQUERADE|REDIRECT)\b/.test(r));
  const tail: string[] = [];
  let ty = y + shift + 8;
  for (const [head, lines] of [[label(lang, 'rules'), natRules], [label(lang, 'conntrack'), walk.conntrack]] as const) {
    if (!lines.length) continue;
    tail.push(text(MARGIN, ty + 14, head, 'sd-b'));
    ty += 20;
    for (const l of lines) {
      const shown = clip(l, 150);
      tail.push(text(MARGIN + 8, ty + 12, shown, 'sd-m'));
      width = Math.max(width, MARGIN + 8 + textWidth(shown, MONO) + MARGIN);
      ty += 16;
    }
    ty += 4;
  }
  const body = chipRows.join('') + (shift ? `<g transform="translate(0 ${shift})">${parts.slice(1 + outcomeLines.length).join('')}</g>` : parts.slice(1 + outcomeLines.length).join(''));
  const hosts = [...new Set(all.map((s) => s.host))];
  const nat = rewrites.length ? rewrites.map((w) => rewriteText(w, lang)).join('; ') : label(lang, 'noNat');
  return svgDocument({
    width, height: ty + MARGIN, lang, css: WALK_CSS,
    body: parts.slice(0, 1 + outcomeLines.length).join('') + body + tail.join(''),
    title: label(lang, 'walkTitle', { from: walk.from, to: walk.to }),
    desc: label(lang, 'walkDesc', { stages: all.length, hosts: hosts.join(', '), nat, result: outcome }),
  });
}
