/** `ip addr` / `ip -br addr` / `ip -4 addr`, in iproute2 6.1's format. */
import { linkLocalFromMac } from '../core/ip.js';
import type { Link } from '../core/types.js';
import { type LinkView, linkEtherLine, linkHeader, linkLabel, linksOf, operState } from './ip-link.js';

export interface AddrQuery {
  brief?: boolean;
  family?: 4 | 6;
  dev?: string;
}

const LIFETIME = '       valid_lft forever preferred_lft forever';

function inet6Lines(link: Link): string[] {
  if (link.kind === 'loopback') return ['    inet6 ::1/128 scope host', LIFETIME];
  if (!link.ipv6 || !link.up) return [];
  return [`    inet6 ${linkLocalFromMac(link.mac)}/64 scope link`, LIFETIME];
}

function inet4Lines(v: LinkView, link: Link): string[] {
  const out: string[] = [];
  for (const a of v.ns.addresses.filter((x) => x.dev === link.name)) {
    const brd = a.broadcast ? ` brd ${a.broadcast}` : '';
    out.push(`    inet ${a.cidr}${brd} scope ${a.scope} ${link.name}`, LIFETIME);
  }
  return out;
}

export function renderIpAddr(v: LinkView, q: AddrQuery): { stdout: string; stderr: string; exitCode: number } {
  const links = linksOf(v, q.dev);
  if (!links) return { stdout: '', stderr: `Device "${q.dev}" does not exist.\n`, exitCode: 1 };
  const lines: string[] = [];
  for (const link of links) {
    const v4 = q.family === 6 ? [] : inet4Lines(v, link);
    const v6 = q.family === 4 ? [] : inet6Lines(link);
    if (q.brief) {
      const addrs = [
        ...v.ns.addresses.filter((a) => a.dev === link.name).map((a) => a.cidr),
        ...(v6.length ? [link.kind === 'loopback' ? '::1/128' : `${linkLocalFromMac(link.mac)}/64`] : []),
      ];
      lines.push(`${linkLabel(link).padEnd(16)} ${operState(v, link).padEnd(14)} ${addrs.map((a) => `${a} `).join('')}`);
      continue;
    }
    // With -4/-6, iproute2 leaves out links that have no address of that family.
    if (q.family && v4.length + v6.length === 0) continue;
    lines.push(linkHeader(v, link, false));
    if (!q.family) lines.push(linkEtherLine(link));
    lines.push(...v4, ...v6);
  }
  return { stdout: lines.map((l) => `${l}\n`).join(''), stderr: '', exitCode: 0 };
}
