/**
 * The topology picture: host boxes in rows, the physical network as a bus
 * their bridged NICs hang from, and below them the VXLAN tunnels between the
 * hosts' VTEPs as labelled brackets (one per host pair, with its VNIs).
 */
import { label, type Lang } from './labels.js';
import { type HostLayout, layoutHost } from './topology-host.js';
import type { TopologyModel } from './topology-model.js';
import { circle, group, line, MONO, polyline, rect, SANS, svgDocument, text, textWidth } from './svg.js';

const MARGIN = 16;
const HGAP = 24;
const VGAP = 20;
const BUS = 46;

const CSS = [
  '.sd .sd-host{fill:#f6f8fa;stroke:#57606a}.sd .sd-br{fill:#e7f0fa;stroke:#0b5cad}.sd .sd-loose{fill:#fafafa;stroke:#6e7781;stroke-dasharray:2 3}',
  '.sd .sd-port{fill:#fff;stroke:#0b5cad}.sd .sd-ns{fill:#fff6e5;stroke:#8a4b00;stroke-dasharray:6 3}.sd .sd-vm{fill:#e9f6ec;stroke:#1a7f37}',
  '.sd .sd-if,.sd .sd-nic{fill:#fff;stroke:#8c959f}.sd .sd-fip{fill:#ffe08a;stroke:#7a5a00}.sd .sd-vt{fill:#f3effa;stroke:#6639ba}',
  '.sd .sd-cv{stroke:#0b5cad}.sd .sd-ct{stroke:#1a7f37;stroke-dasharray:5 3}.sd .sd-ul{stroke:#6639ba;stroke-dasharray:2 2}',
  '.sd .sd-up,.sd .sd-bus{stroke:#1b1f24;stroke-width:2.4}.sd .sd-tn{stroke:#6639ba;stroke-width:2}.sd .sd-dot{fill:#1b1f24}.sd .sd-vd{stroke:#6639ba;stroke-dasharray:1 3}',
].join('');

interface Node {
  name: string;
  ip: string;
  x: number;
  w: number;
  /** Where the host's VTEP NIC sits, when the hosts form one row. */
  from?: { x: number; y: number };
}

export function renderTopology(model: TopologyModel, lang: Lang, hl: Set<string>): string {
  const layouts = model.hosts.map((h) => layoutHost(h, lang, hl));
  const n = layouts.length;
  // Rows fill up to the width of the first four hosts side by side (or the widest host).
  const limit = Math.max(...layouts.map((l) => l.w), layouts.slice(0, 4).reduce((s, l) => s + l.w + HGAP, 0), 0);
  const rowsOf: number[][] = [];
  let used = Infinity;
  layouts.forEach((l, i) => {
    if (used + l.w > limit) {
      rowsOf.push([]);
      used = 0;
    }
    rowsOf[rowsOf.length - 1]!.push(i);
    used += l.w + HGAP;
  });
  const rows = rowsOf.length;
  const hasBus = layouts.some((l) => l.uplinks.length);
  const spine = hasBus ? 14 : 0;
  const pos: Array<{ x: number; y: number }> = [];
  let y = MARGIN;
  for (const [r, members] of rowsOf.entries()) {
    y += hasBus && (r === 0 || members.some((i) => layouts[i]!.uplinks.length)) ? BUS : 0;
    let x = MARGIN + spine;
    for (const i of members) {
      pos[i] = { x, y };
      x += layouts[i]!.w + HGAP;
    }
    y += Math.max(...members.map((i) => layouts[i]!.h)) + VGAP;
  }
  const at = (i: number) => pos[i]!;
  const parts: string[] = [];
  let width = Math.max(MARGIN * 2 + 200, ...layouts.map((l, i) => at(i).x + l.w + MARGIN));
  if (!n) parts.push(text(MARGIN, MARGIN + 14, label(lang, 'noHosts'), 'sd-mu'));
  if (hasBus) parts.push(physicalBus(model, layouts, at, lang));
  layouts.forEach((l, i) => parts.push(l.render(at(i).x, at(i).y)));

  const tunnels = tunnelPanel(model, layouts, at, rows === 1, y + 4, lang);
  parts.push(tunnels.svg);
  width = Math.max(width, tunnels.right + MARGIN);
  const legend = legendRow(MARGIN, tunnels.bottom + 8, width - 2 * MARGIN, lang);
  parts.push(legend.svg);

  const count = (f: (h: TopologyModel['hosts'][number]) => number) => model.hosts.reduce((s, h) => s + f(h), 0);
  const fips = count((h) => h.boxes.reduce((s, b) => s + b.ifaces.reduce((t, i) => t + i.floating.length, 0), 0));
  return svgDocument({
    width, height: legend.bottom + MARGIN, lang, css: CSS, body: parts.join(''),
    title: label(lang, 'topoTitle', { hosts: (n > 5 ? [model.hosts[0]!.name, '…', model.hosts[n - 1]!.name] : model.hosts.map((h) => h.name)).join(', ') || '-' }),
    desc: label(lang, 'topoDesc', {
      hosts: n, bridges: count((h) => h.bridges.filter((b) => !b.loose).length), ns: count((h) => h.boxes.filter((b) => b.kind === 'netns').length),
      vms: count((h) => h.boxes.filter((b) => b.kind === 'instance').length), tunnels: model.tunnels.length, fips,
    }),
  });
}

type At = (i: number) => { x: number; y: number };

function physicalBus(model: TopologyModel, layouts: HostLayout[], at: At, lang: Lang): string {
  const spineX = MARGIN + 4;
  const parts: string[] = [];
  const busYs: number[] = [];
  const byRow = new Map<number, number[]>();
  layouts.forEach((l, i) => {
    for (const u of l.uplinks) {
      const p = at(i);
      const xs = byRow.get(p.y) ?? [];
      xs.push(p.x + u);
      byRow.set(p.y, xs);
      parts.push(line(p.x + u, p.y, p.x + u, p.y - 16, 'sd-up'), circle(p.x + u, p.y - 16, 3, 'sd-dot'));
    }
  });
  for (const [rowTop, xs] of byRow) {
    const busY = rowTop - 16;
    const rowEnd = Math.max(...xs, ...layouts.map((l, i) => (at(i).y === rowTop ? at(i).x + l.w : 0)));
    busYs.push(busY);
    parts.push(line(spineX, busY, rowEnd, busY, 'sd-bus'));
  }
  busYs.sort((a, b) => a - b);
  if (busYs.length > 1) parts.push(line(spineX, busYs[0]!, spineX, busYs.at(-1)!, 'sd-bus'));
  const caption = model.physical.map((p) => `${p.nic}${p.networks.length ? `: ${p.networks.join('; ')}` : ''}`).join(' | ');
  parts.push(text(spineX, busYs[0]! - 8, `${label(lang, 'physical')} ${caption}`, 'sd-b'));
  return group(parts.join(''));
}

function tunnelPanel(model: TopologyModel, layouts: HostLayout[], at: At, oneRow: boolean, top: number, lang: Lang): { svg: string; bottom: number; right: number } {
  if (!model.tunnels.length) return { svg: '', bottom: top, right: 0 };
  const inTunnel = new Set(model.tunnels.flatMap((t) => [t.a, t.b]));
  const nodes: Node[] = model.hosts.flatMap((h, i) => (inTunnel.has(h.name) || h.vteps.length ? [i] : [])).map((i) => {
    const h = model.hosts[i]!;
    const ip = h.vteps[0] ?? h.managementIp;
    const w = Math.max(textWidth(h.name, SANS) + 8, textWidth(ip, MONO)) + 16;
    const v = layouts[i]!.vtep;
    const from = oneRow && v ? { x: at(i).x + v.x, y: at(i).y + v.y } : undefined;
    return { name: h.name, ip, w, x: 0, ...(from ? { from } : {}) };
  });
  for (const s of model.strangers) nodes.push({ name: '?', ip: s, w: textWidth(s, MONO) + 16, x: 0 });
  let cursor = MARGIN;
  for (const node of nodes) {
    const want = node.from ? node.from.x - node.w / 2 : cursor;
    node.x = Math.max(want, cursor);
    cursor = node.x + node.w + 12;
  }
  const parts: string[] = [];
  const ports = model.vxlanPorts.join(', ') || '-';
  parts.push(text(MARGIN, top + 14, label(lang, 'tunnels', { port: ports }), 'sd-b'));
  const nodeY = top + 26;
  const nodeBottom = nodeY + 34;
  for (const node of nodes) {
    if (node.from) parts.push(line(node.from.x, node.from.y, node.x + node.w / 2, nodeY, 'sd-vd'));
    parts.push(rect(node.x, nodeY, node.w, 34, 'sd-vt', 4));
    parts.push(text(node.x + node.w / 2, nodeY + 14, node.name, 'sd-b', 'middle'), text(node.x + node.w / 2, nodeY + 28, node.ip, 'sd-m', 'middle'));
  }
  const index = new Map(nodes.map((nd, i) => [nd.name === '?' ? nd.ip : nd.name, i]));
  // Each tunnel leaves its node at its own point, ordered by where the other end is.
  const ends = new Map<string, number>();
  nodes.forEach((nd, i) => {
    const incident = model.tunnels.flatMap((t, k) => (index.get(t.a) === i ? [{ k, o: index.get(t.b)! }] : index.get(t.b) === i ? [{ k, o: index.get(t.a)! }] : []));
    incident.sort((p, q) => p.o - q.o || p.k - q.k);
    incident.forEach((e, j) => ends.set(`${e.k}:${i}`, nd.x + ((j + 1) * nd.w) / (incident.length + 1)));
  });
  const spans = model.tunnels.map((t, k) => {
    const [ia, ib] = [index.get(t.a)!, index.get(t.b)!];
    const xa = ends.get(`${k}:${ia}`)!;
    const xb = ends.get(`${k}:${ib}`)!;
    const tag = `VNI ${t.vnis.join(', ')}${t.oneWay.length ? ` (${label(lang, 'oneWay')}: ${t.oneWay.join(', ')})` : ''}`;
    const lo = Math.min(xa, xb);
    const hi = Math.max(xa, xb);
    const tw = textWidth(tag, 10.5);
    return { xa, xb, tag, lo: Math.min(lo, (lo + hi) / 2 - tw / 2), hi: Math.max(hi, (lo + hi) / 2 + tw / 2), level: 0 };
  });
  const levels: Array<Array<[number, number]>> = [];
  for (const s of [...spans].sort((p, q) => p.hi - p.lo - (q.hi - q.lo) || p.lo - q.lo)) {
    let lv = levels.findIndex((occupied) => occupied.every(([a, b]) => s.hi + 6 < a || s.lo - 6 > b));
    if (lv < 0) lv = levels.push([]) - 1;
    levels[lv]!.push([s.lo, s.hi]);
    s.level = lv;
  }
  let right = cursor;
  for (const s of spans) {
    const ly = nodeBottom + 24 + s.level * 24;
    parts.push(polyline([[s.xa, nodeBottom], [s.xa, ly], [s.xb, ly], [s.xb, nodeBottom]], 'sd-tn'));
    parts.push(text((s.xa + s.xb) / 2, ly - 4, s.tag, 'sd-s sd-b sd-hb', 'middle'));
    right = Math.max(right, s.hi);
  }
  return { svg: group(parts.join('')), bottom: nodeBottom + 24 + levels.length * 24, right };
}

function legendRow(x0: number, y0: number, maxW: number, lang: Lang): { svg: string; bottom: number } {
  const items: Array<[string, string]> = [['sd-cv', 'legendVeth'], ['sd-ct', 'legendTap'], ['sd-ul', 'legendVxlan'], ['sd-up', 'legendUplink'], ['sd-tn', 'legendTunnel'], ['sd-ns', 'legendNs'], ['sd-fip', 'floating']];
  const parts: string[] = [];
  let x = x0;
  let y = y0 + 10;
  for (const [cls, key] of items) {
    const words = key === 'floating' ? `${label(lang, 'fip')} = ${label(lang, 'floating')} IP` : label(lang, key as 'legendVeth');
    const w = 34 + textWidth(words, 10.5) + 18;
    if (x + w > x0 + Math.max(maxW, 300) && x > x0) {
      x = x0;
      y += 18;
    }
    if (cls === 'sd-ns' || cls === 'sd-fip') parts.push(rect(x, y - 6, 26, 12, cls, 3));
    else parts.push(line(x, y, x + 26, y, cls));
    parts.push(text(x + 32, y + 4, words, 'sd-s'));
    x += w;
  }
  return { svg: group(parts.join('')), bottom: y + 10 };
}
