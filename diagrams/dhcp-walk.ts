/**
 * A DHCP exchange as its messages: the guest and dnsmasq as two lanes, one
 * arrow per DHCP message with its Ethernet and IP/UDP addresses, the devices
 * it crossed on each host, its options; then the lease or the failure.
 */
import type { DhcpExchange, DhcpPacket } from '../engine/packets/dhcp.js';
import type { Hop } from '../engine/packets/l2.js';
import { label, type Lang } from './labels.js';
import { arrowHead, group, line, MONO, rect, richText, SANS, svgDocument, text, textWidth, wrap } from './svg.js';
import { WALK_CSS } from './walk.js';

const MARGIN = 16;
const WRAP = 96;

const CSS = '.sd .sd-lane{fill:#f3f6f9;stroke:#57606a}.sd .sd-life{stroke:#8c959f;stroke-dasharray:3 4;stroke-width:1}.sd .sd-dh{stroke:#b3261e;stroke-width:2}.sd polygon.sd-dh{fill:#b3261e;stroke:none}';

/** "compute1: tap… › brq… › vxlan-705", one line per host, plus the VXLAN encapsulation notes. */
function pathLines(hops: Hop[]): string[] {
  const out: string[] = [];
  let current = '';
  let devs: string[] = [];
  const flush = () => {
    if (devs.length) out.push(`${current}: ${devs.join(' › ')}`);
    devs = [];
  };
  const notes: string[] = [];
  for (const h of hops) {
    if (h.host !== current) flush();
    current = h.host;
    devs.push(h.netns ? `${h.dev} (${h.netns})` : h.dev);
    if (/encap/i.test(h.note)) notes.push(`  ${h.host} ${h.dev}: ${h.note}`);
  }
  flush();
  return [...out, ...notes];
}

function packetLines(p: DhcpPacket): { path: string[]; options: string[] } {
  return { path: pathLines(p.hops).flatMap((l) => wrap(l, WRAP)), options: p.options.flatMap((o) => wrap(o, WRAP)) };
}

export function renderDhcp(ex: DhcpExchange, lang: Lang, hl: Set<string>): string {
  const clientMac = ex.packets[0]?.ethSrc ?? '';
  const serverHop = ex.packets[0]?.hops.at(-1);
  const serverEnd = ex.packets.find((p) => p.ethSrc !== clientMac)?.hops[0] ?? serverHop;
  const clientTitle = [label(lang, 'client'), clientMac];
  const serverTitle = [label(lang, 'server'), serverEnd ? `${serverEnd.host} ${serverEnd.dev}` : '?'];
  const laneW = Math.max(...[...clientTitle, ...serverTitle].map((t) => textWidth(t, SANS)), 180) + 24;
  const prepared = ex.packets.map((p) => ({ p, ...packetLines(p) }));
  const textW = Math.max(560, ...prepared.flatMap((x) => [...x.path, ...x.options].map((l) => textWidth(l, MONO) + 24)));
  const xc = MARGIN + laneW / 2;
  const xs = Math.max(xc + 420, MARGIN + textW - laneW / 2);
  let width = xs + laneW / 2 + MARGIN;
  const parts: string[] = [];
  for (const [x, lines] of [[xc, clientTitle], [xs, serverTitle]] as const) {
    const mark = lines.some((l) => hl.has(l) || l.split(' ').some((w) => hl.has(w)));
    parts.push(rect(x - laneW / 2, MARGIN, laneW, 40, `sd-lane${mark ? ' sd-hl' : ''}`, 5));
    parts.push(text(x, MARGIN + 16, lines[0] ?? '', 'sd-b', 'middle'), text(x, MARGIN + 32, lines[1] ?? '', 'sd-m', 'middle'));
  }
  let y = MARGIN + 44;
  prepared.forEach(({ p, path, options }, i) => {
    const right = p.ethSrc === clientMac;
    const [xa, xb] = right ? [xc, xs] : [xs, xc];
    const dir = right ? 1 : -1;
    const shapes: string[] = [];
    const ay = y + 26;
    const lost = !p.hops.length;
    shapes.push(line(xc, y, xc, ay + 22, 'sd-life'), line(xs, y, xs, ay + 22, 'sd-life'));
    if (lost) {
      const xm = (xa + xb) / 2;
      shapes.push(line(xa, ay, xm, ay, 'sd-dh'), line(xm - 6, ay - 6, xm + 6, ay + 6, 'sd-dh'), line(xm - 6, ay + 6, xm + 6, ay - 6, 'sd-dh'));
      shapes.push(text(xm + 12 * dir, ay + 4, `✗ ${label(lang, 'lost')}`, 'sd-b sd-hlt', dir > 0 ? undefined : 'end'));
    } else shapes.push(line(xa, ay, xb - dir * 2, ay, 'sd-dh'), arrowHead(xb, ay, dir, 'sd-dh', 9));
    shapes.push(richText(Math.min(xa, xb) + 10, ay - 6, [['sd-b', `${i + 1} ${p.name}`], ['sd-s sd-mu', ' [DHCP]']], 'sd-hb'));
    shapes.push(text(Math.min(xa, xb) + 10, ay + 16, `${p.ipSrc}:${p.sport} → ${p.ipDst}:${p.dport}   ${p.ethSrc} → ${p.ethDst}`, 'sd-m sd-hb'));
    let ly = ay + 40;
    shapes.push(text(MARGIN, ly, `${label(lang, 'path')}:`, 'sd-s sd-b'));
    for (const l of path) {
      const mark = [...hl].some((h) => l.includes(h));
      shapes.push(text(MARGIN + 44, ly, l, `sd-m${mark ? ' sd-hlt' : ''}`));
      ly += 15;
    }
    if (!path.length) {
      shapes.push(text(MARGIN + 44, ly, '—', 'sd-m'));
      ly += 15;
    }
    for (const o of options) {
      shapes.push(text(MARGIN + 44, ly, o, 'sd-m sd-mu'));
      ly += 14;
    }
    parts.push(group(shapes.join('')));
    y = ly + 8;
  });

  const l = ex.lease;
  const summary = l
    ? `${label(lang, 'lease')}: ${l.ip}/${l.prefix} · router ${l.router ?? '-'} · DNS ${l.dns.join(', ') || '-'} · MTU ${l.mtu} · ${l.hostname}${l.domain ? `.${l.domain}` : ''} · ${l.lease} s · server ${l.serverId}` +
      (l.routes.length ? ` · routes ${l.routes.map(([d, g]) => `${d} via ${g}`).join(', ')}` : '')
    : `✗ ${label(lang, 'failure')}: ${ex.failure ?? '?'}`;
  const drops = ex.drops.map((d) => `${d.host} ${d.dev}: ${d.note}`).filter((d) => !summary.includes(d));
  const lines = [...wrap(summary, 110), ...drops.flatMap((d) => wrap(d, 110))];
  const boxW = Math.max(...lines.map((s) => textWidth(s, SANS))) + 20;
  width = Math.max(width, MARGIN * 2 + boxW);
  parts.push(rect(MARGIN, y + 4, boxW, lines.length * 16 + 12, l ? 'sd-ok' : 'sd-bad', 5));
  lines.forEach((s, i) => parts.push(text(MARGIN + 10, y + 20 + i * 16, s)));
  const height = y + lines.length * 16 + 16 + MARGIN;
  return svgDocument({
    width, height, lang, css: WALK_CSS + CSS, body: parts.join(''),
    title: label(lang, 'dhcpTitle', { mac: clientMac || '?' }),
    desc: label(lang, 'dhcpDesc', { n: ex.packets.length, result: summary }),
  });
}
