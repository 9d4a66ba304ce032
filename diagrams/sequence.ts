/**
 * A flow trace as a sequence diagram: one lane per actor (in order of first
 * appearance), one arrow per step from sender to receiver, numbered as the
 * trace numbers it and styled by channel (stroke, dash and arrowhead, and the
 * channel's name in the label, so colour is never the only cue).
 */
import type { TraceStep } from '../engine/flows/trace.js';
import { label, type Lang } from './labels.js';
import { arrowHead, clip, group, line, path, polyline, rect, richText, SANS, svgDocument, text, textWidth } from './svg.js';

const MARGIN = 16;
const HEAD = 44;
const ROW = 30;
const LANE_GAP = 14;
const MAX_MESSAGE = 60;

interface ChannelStyle {
  cls: string;
  css: string;
  /** Asynchronous messages get an open arrowhead. */
  open?: boolean;
}

const STYLES: Record<string, ChannelStyle> = {
  REST: { cls: 'sd-c-rest', css: 'stroke:#0b5cad' },
  'RPC call': { cls: 'sd-c-call', css: 'stroke:#6639ba' },
  'RPC cast': { cls: 'sd-c-cast', css: 'stroke:#6639ba;stroke-dasharray:7 4', open: true },
  SQL: { cls: 'sd-c-sql', css: 'stroke:#8a4b00;stroke-dasharray:2 3' },
  netlink: { cls: 'sd-c-nl', css: 'stroke:#1a7f37' },
  exec: { cls: 'sd-c-exec', css: 'stroke:#1a7f37;stroke-dasharray:9 3 2 3' },
  libvirt: { cls: 'sd-c-virt', css: 'stroke:#9a2f6b;stroke-dasharray:4 2' },
  DHCP: { cls: 'sd-c-dhcp', css: 'stroke:#b3261e;stroke-width:2', open: true },
  ARP: { cls: 'sd-c-arp', css: 'stroke:#b3261e;stroke-dasharray:1 3', open: true },
  local: { cls: 'sd-c-local', css: 'stroke:#57606a;stroke-dasharray:3 3' },
};
const OTHER: ChannelStyle = { cls: 'sd-c-other', css: 'stroke:#1b1f24' };

const styleOf = (channel: string) => STYLES[channel] ?? OTHER;

/** Lane titles break before "@host" and " (fanout)" so lanes stay narrow. */
function laneLines(actor: string): string[] {
  const at = actor.search(/@| \(/);
  return at > 0 ? [actor.slice(0, at), actor.slice(at).trim()] : [actor];
}

function css(used: ChannelStyle[]): string {
  const fill = (s: ChannelStyle) => s.css.split(';')[0]!.replace('stroke', 'fill');
  return (
    '.sd .sd-lane{fill:#f3f6f9;stroke:#57606a}.sd .sd-life{stroke:#8c959f;stroke-dasharray:3 4;stroke-width:1}.sd .sd-zebra{fill:#f6f8fa}' +
    used.map((s) => `.sd .${s.cls}{${s.css}}.sd polygon.${s.cls}{${fill(s)};stroke:none}.sd polyline.${s.cls}{stroke-dasharray:none}`).join('')
  );
}

export function renderSequence(trace: TraceStep[], lang: Lang, hl: Set<string>): string {
  const actors: string[] = [];
  for (const s of trace) for (const a of [s.actor, s.target]) if (!actors.includes(a)) actors.push(a);
  const laneW = actors.map((a) => Math.max(84, ...laneLines(a).map((l) => textWidth(l, SANS) + 20)));
  const centre: number[] = [];
  let x = MARGIN + 26;
  for (const w of laneW) {
    centre.push(x + w / 2);
    x += w + LANE_GAP;
  }
  const channels = [...new Set(trace.map((s) => s.channel as string))];
  const used = [...new Set(channels.map(styleOf))];
  const top = MARGIN + HEAD;
  const bottom = top + 10 + trace.length * ROW;
  const parts: string[] = [];
  let right = x - LANE_GAP + MARGIN;

  trace.forEach((_, i) => {
    if (i % 2 === 1) parts.push(rect(MARGIN, top + 10 + i * ROW, x - MARGIN, ROW, 'sd-zebra', 0));
  });
  actors.forEach((a, i) => {
    const lines = laneLines(a);
    const x0 = centre[i]! - laneW[i]! / 2;
    const lane = [rect(x0, MARGIN, laneW[i]!, HEAD - 6, `sd-lane${hl.has(a) ? ' sd-hl' : ''}`, 5)];
    lines.forEach((l, k) => lane.push(text(centre[i]!, MARGIN + (lines.length === 1 ? 23 : 16 + k * 15), l, k ? 'sd-s sd-mu' : `sd-b${hl.has(a) ? ' sd-hlt' : ''}`, 'middle')));
    lane.push(line(centre[i]!, top - 6, centre[i]!, bottom, 'sd-life'));
    if (trace.length > 12) lane.push(text(centre[i]!, bottom + 12, clip(lines[0]!, Math.floor(laneW[i]! / 6.5)), 'sd-s sd-mu', 'middle'));
    parts.push(group(lane.join(''), '', undefined, { actor: a }));
  });

  trace.forEach((s, i) => {
    const st = styleOf(s.channel);
    const y = top + 10 + i * ROW + 21;
    const xa = centre[actors.indexOf(s.actor)]!;
    const xb = centre[actors.indexOf(s.target)]!;
    const msg = clip(s.message, MAX_MESSAGE);
    const runs: Array<[string, string]> = [['sd-b', `${s.step}`], ['', ` ${msg} `], ['sd-s sd-mu', `[${s.channel}]`]];
    const labelW = textWidth(`${s.step} ${msg} [${s.channel}]`, SANS);
    const shapes: string[] = [];
    let lx: number;
    if (xa === xb) {
      shapes.push(path(`M${xa} ${y - 8}h26v10h-26`, st.cls));
      shapes.push(head(xa, y + 2, -1, st));
      lx = xa + 32;
    } else {
      const dir = xb > xa ? 1 : -1;
      shapes.push(line(xa, y, xb - dir * 2, y, st.cls));
      shapes.push(head(xb, y, dir, st));
      lx = Math.min(xa, xb) + 8;
    }
    shapes.push(richText(lx, y - 5, runs, 'sd-hb'));
    right = Math.max(right, lx + labelW + MARGIN);
    const tip = [`${s.step}. ${s.actor} → ${s.target} [${s.channel}] ${s.message}`, s.detail, ...(s.note ? [s.note] : [])].filter(Boolean).join('\n');
    parts.push(group(shapes.join(''), '', tip, { step: s.step, from: s.actor, to: s.target, channel: s.channel }));
  });
  if (!trace.length) parts.push(text(MARGIN, MARGIN + 16, label(lang, 'seqEmpty'), 'sd-mu'));

  // Legend: one sample per channel used.
  let ly = (trace.length ? bottom : MARGIN + 24) + 34;
  let lx = MARGIN;
  parts.push(text(lx, ly + 4, label(lang, 'legend'), 'sd-b'));
  lx += textWidth(label(lang, 'legend'), SANS) + 16;
  for (const c of channels) {
    const st = styleOf(c);
    const w = 46 + textWidth(c, SANS) + 16;
    if (lx + w > Math.max(right, 420) - MARGIN && lx > MARGIN + 80) {
      lx = MARGIN + textWidth(label(lang, 'legend'), SANS) + 16;
      ly += 20;
    }
    parts.push(line(lx, ly, lx + 34, ly, st.cls), head(lx + 40, ly, 1, st), text(lx + 46, ly + 4, c));
    lx += w;
  }
  right = Math.max(right, 420);
  return svgDocument({
    width: right, height: ly + 14 + MARGIN, lang, css: css(used), body: parts.join(''),
    title: label(lang, 'seqTitle', { steps: trace.length, actors: actors.length }),
    desc: `${label(lang, 'seqDesc', { channels: channels.join(', ') || '-' })} ${actors.join(', ')}`.trim(),
  });
}

function head(x: number, y: number, dir: 1 | -1, st: ChannelStyle): string {
  if (!st.open) return arrowHead(x, y, dir, st.cls, 8);
  return polyline([[x - dir * 8, y - 4.5], [x, y], [x - dir * 8, y + 4.5]], st.cls);
}
