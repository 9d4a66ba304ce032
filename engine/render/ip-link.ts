/**
 * `ip link`, `ip -br link`, `ip -d link show DEV` and the link header lines
 * `ip addr` shares, in iproute2 6.1's format.
 */
import type { Host, Link, Netns } from '../core/types.js';
import { bridgePorts, findLink } from '../host/kernel.js';

export interface LinkView {
  host: Host;
  ns: Netns;
}

function hasCarrier(v: LinkView, link: Link): boolean {
  if (!link.up) return false;
  if (link.kind === 'bridge') return bridgePorts(v.ns, link.name).some((p) => p.up);
  return true;
}

export function linkFlags(v: LinkView, link: Link): string {
  if (link.kind === 'loopback') return link.up ? '<LOOPBACK,UP,LOWER_UP>' : '<LOOPBACK>';
  if (!link.up) return '<BROADCAST,MULTICAST>';
  return hasCarrier(v, link) ? '<BROADCAST,MULTICAST,UP,LOWER_UP>' : '<NO-CARRIER,BROADCAST,MULTICAST,UP>';
}

/** Operational state: devices without carrier detection (lo, vxlan, tun) report UNKNOWN. */
export function operState(v: LinkView, link: Link): string {
  if (!link.up) return 'DOWN';
  if (link.kind === 'loopback' || link.kind === 'vxlan' || link.kind === 'tun') return 'UNKNOWN';
  return hasCarrier(v, link) ? 'UP' : 'DOWN';
}

function qdisc(link: Link): string {
  return link.kind === 'ether' || link.kind === 'tun' ? 'fq_codel' : 'noqueue';
}

/** "tap0bd32a42-4f@if2": a veth shows its peer's ifindex when the peer lives in another namespace. */
export function linkLabel(link: Link): string {
  return link.peer ? `${link.name}@if${link.peer.ifindex}` : link.name;
}

/** `link-netns NAME` from the root namespace, `link-netnsid 0` from inside a named one. */
function peerNamespaceSuffix(link: Link): string {
  if (!link.peer) return '';
  return link.peer.netns === '' ? ' link-netnsid 0' : ` link-netns ${link.peer.netns}`;
}

export function linkHeader(v: LinkView, link: Link, withMode: boolean): string {
  const master = link.master ? ` master ${link.master}` : '';
  const mode = withMode ? ' mode DEFAULT' : '';
  return `${link.ifindex}: ${linkLabel(link)}: ${linkFlags(v, link)} mtu ${link.mtu} qdisc ${qdisc(link)}${master} state ${operState(v, link)}${mode} group default qlen 1000`;
}

export function linkEtherLine(link: Link): string {
  if (link.kind === 'loopback') return '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00';
  return `    link/ether ${link.mac} brd ff:ff:ff:ff:ff:ff${peerNamespaceSuffix(link)}`;
}

function detailLines(v: LinkView, link: Link): string[] {
  const out: string[] = [];
  const promisc = link.master ? 1 : 0;
  const tail = link.kind === 'loopback' ? 'minmtu 0 maxmtu 0' : link.kind === 'bridge' ? 'minmtu 68 maxmtu 65535' : 'minmtu 68 maxmtu 65535';
  out.push(`${linkEtherLine(link)} promiscuity ${promisc}  allmulti ${promisc} ${tail}`);
  if (link.kind === 'vxlan' && link.vxlan) {
    const x = link.vxlan;
    out.push(`    vxlan id ${x.vni} local ${x.local} dev ${x.dev} srcport 0 0 dstport ${x.dstport} ttl auto ageing 300 udpcsum noudp6zerocsumtx noudp6zerocsumrx`);
  } else if (link.kind === 'veth') {
    out.push('    veth');
  } else if (link.kind === 'tun') {
    out.push('    tun type tap pi off vnet_hdr on persist off');
  } else if (link.kind === 'bridge') {
    out.push(`    bridge forward_delay 0 hello_time 200 max_age 2000 ageing_time 30000 stp_state 0 priority 32768 vlan_filtering 0 vlan_protocol 802.1Q bridge_id 8000.${link.mac} designated_root 8000.${link.mac} root_port 0 root_path_cost 0`);
  }
  if (link.master) {
    out.push(`    bridge_slave state forwarding priority 32 cost ${portCost(link)} hairpin off guard off root_block off fastleave off learning on flood on`);
  }
  return out;
}

/** The bridge port cost the kernel derives from the link speed (veth and vxlan report 10 Gb/s, TAPs 10 Mb/s). */
export function portCost(link: Link): number {
  return link.kind === 'veth' || link.kind === 'vxlan' ? 2 : 100;
}

export interface LinkQuery {
  brief?: boolean;
  details?: boolean;
  dev?: string;
}

/** Every link of the namespace, or only `dev` (undefined when it does not exist). */
export function linksOf(v: LinkView, dev: string | undefined): Link[] | undefined {
  if (dev === undefined) return v.ns.links;
  const one = findLink(v.ns, dev);
  return one && [one];
}

export function renderIpLink(v: LinkView, q: LinkQuery): { stdout: string; stderr: string; exitCode: number } {
  const links = linksOf(v, q.dev);
  if (!links) return { stdout: '', stderr: `Device "${q.dev}" does not exist.\n`, exitCode: 1 };
  const lines: string[] = [];
  for (const link of links) {
    if (q.brief) {
      lines.push(`${linkLabel(link).padEnd(16)} ${operState(v, link).padEnd(14)} ${link.mac} ${linkFlags(v, link)} `);
      continue;
    }
    lines.push(linkHeader(v, link, true));
    if (q.details) lines.push(...detailLines(v, link));
    else lines.push(linkEtherLine(link));
  }
  return { stdout: lines.map((l) => `${l}\n`).join(''), stderr: '', exitCode: 0 };
}
