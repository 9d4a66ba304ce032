/**
 * One host box of the topology: bridges with their ports on the left,
 * namespaces and instances on the right, joined port to interface; the NICs
 * along the bottom, with each vxlan device tied to the NIC it rides on and
 * each bridged NIC led up to the physical network.
 */
import { label, type Lang } from './labels.js';
import type { BoxModel, BridgeModel, HostModel, IfaceModel, NicModel, PortModel } from './topology-model.js';
import { circle, clip, group, MONO, path, polyline, rect, SANS, text, textWidth } from './svg.js';

const PAD = 10;
const HEADER = 46;
const ROW = 18;
const LANE = 7;
const GAP = 64;
const SMALL = 10.5;

export interface HostLayout {
  w: number;
  h: number;
  /** x offsets (from the box's left) where physical uplinks leave the top edge. */
  uplinks: number[];
  /** Bottom centre of the VTEP NIC, relative to the box. */
  vtep: { x: number; y: number } | null;
  render(ox: number, oy: number): string;
}

const mono = (s: string) => textWidth(s, MONO);
const small = (s: string) => textWidth(s, SMALL);
const hlc = (hl: Set<string>, ...names: string[]) => (names.some((x) => hl.has(x)) ? ' sd-hl' : '');
const hlt = (hl: Set<string>, name: string) => (hl.has(name) ? ' sd-hlt' : '');

function portTag(p: PortModel, lang: Lang): string {
  const base = p.kind === 'tap' ? 'TAP' : p.kind === 'veth' ? 'veth' : p.kind === 'vxlan' ? `VNI ${p.vni}${p.underlay ? ` · ${p.underlay}` : ''}` : p.kind === 'nic' ? 'NIC · uplink' : '';
  return p.up ? base : `${base} ${label(lang, 'down')}`.trim();
}

function ifaceLines(i: IfaceModel, lang: Lang): Array<{ text: string; fip?: boolean; muted?: boolean }> {
  const out: Array<{ text: string; fip?: boolean; muted?: boolean }> = [];
  const addrs = i.addresses.length ? i.addresses : i.floating.length ? [] : [label(lang, 'noAddress')];
  addrs.forEach((a, k) => out.push({ text: a, muted: !i.addresses.length && k === 0 }));
  for (const f of i.floating) out.push({ text: `${f.ip}${f.fixed ? ` ⇄ ${label(lang, 'fixed')} ${f.fixed}` : ''}`, fip: true });
  if (i.peerText) out.push({ text: `↔ ${i.peerText}`, muted: true });
  return out;
}

interface Placed<T> {
  item: T;
  y: number;
  h: number;
}

function bridgeHeight(b: BridgeModel): number {
  return (b.network || b.loose ? 40 : 26) + b.ports.length * ROW + 4;
}

function boxRows(b: BoxModel, lang: Lang): number {
  return b.ifaces.reduce((s, i) => s + Math.max(1, ifaceLines(i, lang).length), 0);
}

function boxHeight(b: BoxModel, lang: Lang): number {
  return (b.sub ? 40 : 26) + boxRows(b, lang) * ROW + 4;
}

export function layoutHost(h: HostModel, lang: Lang, hl: Set<string>): HostLayout {
  // Column A: bridges.
  const bridgeW = Math.max(
    0,
    ...h.bridges.map((b) => Math.max(
      mono(b.name) + small(label(lang, 'bridge')) + 30,
      small(b.loose ? label(lang, 'loose') : b.network ?? '') + 20,
      ...b.ports.map((p) => mono(p.name) + small(portTag(p, lang)) + 40),
    )),
  );
  const bridges: Placed<BridgeModel>[] = [];
  let y = HEADER;
  for (const b of h.bridges) {
    bridges.push({ item: b, y, h: bridgeHeight(b) });
    y += bridgeHeight(b) + 10;
  }
  const colAEnd = y;
  const portY = new Map<string, number>();
  const portName = new Map(h.bridges.flatMap((b) => b.ports.map((p) => [p.key, p.name] as const)));
  for (const pb of bridges) {
    const top = pb.y + (pb.item.network || pb.item.loose ? 40 : 26);
    pb.item.ports.forEach((p, k) => portY.set(p.key, top + k * ROW + 7.5));
  }

  // Column B: namespaces and instances, each placed near the ports it joins.
  const weight = (b: BoxModel) => Math.min(...b.ifaces.map((i) => (i.peerKey ? portY.get(i.peerKey) ?? 1e9 : 1e9)));
  const order = h.boxes.map((b, k) => ({ b, k, w: weight(b) })).sort((p, q) => p.w - q.w || p.k - q.k);
  const boxW = Math.max(
    0,
    ...h.boxes.map((b) => {
      const nameW = Math.max(...b.ifaces.map((i) => mono(i.name)), 0);
      const lineW = Math.max(...b.ifaces.flatMap((i) => ifaceLines(i, lang).map((l) => mono(l.text) + (l.fip ? 34 : 0))), 0);
      const head = (b.kind === 'netns' ? mono(b.name) : textWidth(b.name, SANS) + 6) + small(label(lang, b.kind === 'netns' ? 'netns' : 'vm')) + 30;
      return Math.max(head, nameW + lineW + 34, b.sub ? mono(b.sub) + 20 : 0);
    }),
  );
  const boxes: Placed<BoxModel>[] = [];
  y = HEADER;
  for (const { b } of order) {
    boxes.push({ item: b, y, h: boxHeight(b, lang) });
    y += boxHeight(b, lang) + 10;
  }
  const colBEnd = y;

  // NICs along the bottom, then the gutter lanes for uplinks (up) and underlay ties (down).
  const bodyEnd = Math.max(colAEnd, colBEnd, HEADER + (h.bridges.length || h.boxes.length ? 0 : 22));
  const nicY = bodyEnd + 2;
  const nicW = h.nics.map((nic) => mono(`${nic.name} ${nic.addresses.join(' ')}`) + small(nicTag(nic, lang)) + 24);
  const spans: Array<{ key: string; from: number; to: number; up: boolean; nic?: string }> = [];
  for (const b of h.bridges) {
    for (const p of b.ports) {
      const py = portY.get(p.key)!;
      if (p.kind === 'nic') spans.push({ key: p.key, from: 0, to: py, up: true });
      else if (p.kind === 'vxlan' && p.underlay && h.nics.some((x) => x.name === p.underlay)) spans.push({ key: p.key, from: py, to: nicY + 11, up: false, nic: p.underlay });
    }
  }
  const laneEnds: number[] = [];
  const laneOf = new Map<string, number>();
  for (const s of spans) {
    let lane = laneEnds.findIndex((end) => end < s.from - 3);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = s.to;
    laneOf.set(s.key, lane);
  }
  const gutter = laneEnds.length ? laneEnds.length * LANE + 6 : 0;
  const colA = PAD + gutter;
  const colB = colA + (bridgeW ? bridgeW + GAP : 0);
  const laneX = (lane: number) => colA - 4 - lane * LANE;
  const headW = colA + Math.max(textWidth(h.name, 16.5) + textWidth(label(lang, h.role === 'controller' ? 'controller' : 'compute'), SANS) + 20, small(headerLine(h, lang)) + PAD);
  const nicsW = nicW.reduce((s, w) => s + w + 8, 0);
  const w = Math.max(colB + (boxW || (bridgeW ? -GAP : 0)) + PAD, colA + nicsW + PAD, headW, 180);
  const hgt = nicY + (h.nics.length ? 30 : 4);
  const vtepIndex = h.nics.findIndex((x) => x.vtep);
  let nx = colA;
  const nicX = nicW.map((wd) => {
    const x = nx;
    nx += wd + 8;
    return x;
  });

  const render = (ox: number, oy: number): string => {
    const parts: string[] = [];
    parts.push(rect(ox, oy, w, hgt, `sd-host${hlc(hl, h.name)}`, 8));
    const hx = ox + (spans.some((s) => s.up) ? colA : PAD);
    parts.push(text(hx, oy + 20, h.name, `sd-h${hlt(hl, h.name)}`));
    parts.push(text(hx + textWidth(h.name, 16.5) + 10, oy + 20, label(lang, h.role === 'controller' ? 'controller' : 'compute'), 'sd-mu'));
    parts.push(text(hx, oy + 36, headerLine(h, lang), 'sd-s sd-mu'));
    if (!h.bridges.length && !h.boxes.length) parts.push(text(ox + PAD, oy + HEADER + 12, label(lang, 'empty'), 'sd-s sd-mu'));
    for (const pb of bridges) parts.push(renderBridge(pb, ox + colA, oy, bridgeW, lang, hl));
    for (const pb of boxes) parts.push(renderBox(pb, ox + colB, oy, boxW, lang, hl));
    // Connectors: bridge port (right edge) to interface (left edge).
    const x1 = ox + colA + bridgeW - 8;
    const x2 = ox + colB;
    for (const pb of boxes) {
      let row = pb.y + (pb.item.sub ? 40 : 26);
      for (const i of pb.item.ifaces) {
        const py = i.peerKey ? portY.get(i.peerKey) : undefined;
        if (py !== undefined) {
          const [ya, yb] = [oy + py, oy + row + 7.5];
          const curve = path(`M${x1} ${ya}C${x1 + GAP / 2} ${ya} ${x2 - GAP / 2} ${yb} ${x2} ${yb}`, i.kind === 'tap' ? 'sd-ct' : 'sd-cv');
          parts.push(group(curve + circle(x1, ya, 2.5, 'sd-dot') + circle(x2, yb, 2.5, 'sd-dot'), '', `${portName.get(i.peerKey!)} ↔ ${i.name}`));
        }
        row += Math.max(1, ifaceLines(i, lang).length) * ROW;
      }
    }
    for (const s of spans) {
      const lx = ox + laneX(laneOf.get(s.key)!);
      const px = ox + colA + 8;
      if (s.up) parts.push(polyline([[px, oy + s.to], [lx, oy + s.to], [lx, oy]], 'sd-up'));
      else {
        const k = h.nics.findIndex((x) => x.name === s.nic);
        parts.push(polyline([[px, oy + s.from], [lx, oy + s.from], [lx, oy + s.to], [ox + nicX[k]!, oy + s.to]], 'sd-ul'));
      }
    }
    h.nics.forEach((nic, k) => {
      const x = ox + nicX[k]!;
      const tag = nicTag(nic, lang);
      parts.push(rect(x, oy + nicY, nicW[k]!, 22, `sd-nic${hlc(hl, nic.name)}`, 3));
      parts.push(text(x + 6, oy + nicY + 15, `${nic.name} ${nic.addresses.join(' ')}`.trim(), `sd-m sd-b${hlt(hl, nic.name)}`));
      parts.push(text(x + nicW[k]! - 6, oy + nicY + 15, tag, 'sd-s sd-mu', 'end'));
    });
    return group(parts.join(''));
  };
  return {
    w, h: hgt, render,
    uplinks: spans.filter((s) => s.up).map((s) => laneX(laneOf.get(s.key)!)),
    vtep: vtepIndex >= 0 ? { x: nicX[vtepIndex]! + nicW[vtepIndex]! / 2, y: nicY + 22 } : null,
  };
}

function headerLine(h: HostModel, lang: Lang): string {
  const vteps = h.vteps.length ? ` · ${label(lang, 'vtep')} ${h.vteps.join(', ')}` : '';
  return `${label(lang, 'management')} ${h.managementIp}${vteps}`;
}

function nicTag(nic: NicModel, lang: Lang): string {
  const role = nic.vtep ? label(lang, 'vtep') : nic.management ? label(lang, 'management') : label(lang, 'unused');
  return [role, nic.up ? '' : label(lang, 'down')].filter(Boolean).join(' · ');
}

function renderBridge(pb: Placed<BridgeModel>, x: number, oy: number, w: number, lang: Lang, hl: Set<string>): string {
  const b = pb.item;
  const y = oy + pb.y;
  const parts = [rect(x, y, w, pb.h, b.loose ? 'sd-loose' : `sd-br${hlc(hl, b.name)}`, 5)];
  if (b.loose) parts.push(text(x + 8, y + 16, label(lang, 'loose'), 'sd-s sd-mu'));
  else {
    parts.push(text(x + 8, y + 16, b.name, `sd-m sd-b${hlt(hl, b.name)}`));
    parts.push(text(x + w - 8, y + 16, `${label(lang, 'bridge')}${b.up ? '' : ` ${label(lang, 'down')}`}${b.netns ? ` @ ${b.netns}` : ''}`, 'sd-s sd-mu', 'end'));
    if (b.network) parts.push(text(x + 8, y + 31, clip(b.network, Math.floor((w - 16) / 6.3)), 'sd-s'));
  }
  const top = y + (b.network || b.loose ? 40 : 26);
  b.ports.forEach((p, k) => {
    const py = top + k * ROW;
    parts.push(rect(x + 8, py, w - 16, 15, `sd-port${hlc(hl, p.name)}`, 2));
    parts.push(text(x + 14, py + 11, p.name, `sd-m${hlt(hl, p.name)}`));
    parts.push(text(x + w - 14, py + 11, portTag(p, lang), 'sd-s sd-mu', 'end'));
  });
  return group(parts.join(''));
}

function renderBox(pb: Placed<BoxModel>, x: number, oy: number, w: number, lang: Lang, hl: Set<string>): string {
  const b = pb.item;
  const y = oy + pb.y;
  const parts = [rect(x, y, w, pb.h, `${b.kind === 'netns' ? 'sd-ns' : 'sd-vm'}${hlc(hl, b.name)}`, 5)];
  parts.push(text(x + 8, y + 16, b.name, `${b.kind === 'netns' ? 'sd-m sd-b' : 'sd-b'}${hlt(hl, b.name)}`));
  parts.push(text(x + w - 8, y + 16, label(lang, b.kind === 'netns' ? 'netns' : 'vm'), 'sd-s sd-mu', 'end'));
  if (b.sub) parts.push(text(x + 8, y + 31, b.sub, 'sd-m sd-mu'));
  const nameW = Math.max(...b.ifaces.map((i) => mono(i.name)), 0) + 14;
  let row = y + (b.sub ? 40 : 26);
  for (const i of b.ifaces) {
    const lines = ifaceLines(i, lang);
    parts.push(rect(x + 4, row, w - 8, Math.max(1, lines.length) * ROW - 3, `sd-if${hlc(hl, i.name)}`, 2));
    parts.push(text(x + 10, row + 11, i.name, `sd-m sd-b${hlt(hl, i.name)}`));
    lines.forEach((l, k) => {
      const ly = row + 11 + k * ROW;
      if (l.fip) {
        parts.push(rect(x + 10 + nameW, ly - 10, 28, 13, 'sd-fip', 6), text(x + 24 + nameW, ly, label(lang, 'fip'), 'sd-s sd-b', 'middle'));
        parts.push(text(x + 44 + nameW, ly, l.text, `sd-m sd-b${hlt(hl, l.text.split('/')[0]!)}`));
      } else parts.push(text(x + 10 + nameW, ly, l.text, l.muted ? 'sd-s sd-mu' : 'sd-m'));
    });
    row += Math.max(1, lines.length) * ROW;
  }
  return group(parts.join(''));
}
