/**
 * Routed packet walks: a guest sends an IP packet; ARP and frames travel the
 * real bridges and VXLAN (l2.ts); a router namespace marks, NATs, routes and
 * filters it with its own iptables rules (netfilter.ts); replies come back
 * through conntrack. Every stage records the addresses as they are there.
 */
import { cidrParts, ipInCidr, parseIp } from '../core/ip.js';
import { tapName } from '../core/names.js';
import type { Cloud, FloatingIp, Netns, Route, Server } from '../core/types.js';
import { findLink } from '../host/kernel.js';
import { type Delivery, type Endpoint, type Hop, BROADCAST, sendFromExternal, sendFromGuest, sendFromNetns } from './l2.js';
import { type Packet, traverse } from './netfilter.js';

export interface Stage extends Hop {
  src: string;
  dst: string;
}

export interface RoutedPacket {
  label: string;
  stages: Stage[];
}

export interface RoutedWalk {
  kind: 'routed';
  from: string;
  to: string;
  packets: RoutedPacket[];
  delivered: boolean;
  failure: string | null;
  /** iptables rules that matched, per router, as `-A chain spec`. */
  rules: string[];
  /** The conntrack entry the router holds for the connection. */
  conntrack: string[];
}

interface Ct {
  ns: Netns;
  orig: { src: string; dst: string };
  reply: { src: string; dst: string };
}

interface Walker {
  cloud: Cloud;
  walk: RoutedWalk;
  conntrack: Ct[];
}

type Sender = { kind: 'guest'; host: string; tap: string } | { kind: 'netns'; host: string; netns: string; dev: string } | { kind: 'external'; host: string; dev: string };

function send(cloud: Cloud, from: Sender, frame: { src: string; dst: string }) {
  if (from.kind === 'guest') return sendFromGuest(cloud, from.host, from.tap, frame);
  if (from.kind === 'netns') return sendFromNetns(cloud, from.host, from.netns, from.dev, frame);
  return sendFromExternal(cloud, from.host, from.dev, frame);
}

function ownsIp(cloud: Cloud, e: Endpoint, ip: string): boolean {
  if (e.kind === 'guest') return (cloud.guests[e.serverId]?.addresses ?? []).some((a) => a.cidr.split('/')[0] === ip);
  if (e.kind === 'netns') return (cloud.hosts[e.host]?.namespaces[e.netns]?.addresses ?? []).some((a) => a.dev === e.dev && a.cidr.split('/')[0] === ip);
  return false;
}

function macOf(e: Endpoint): string {
  return e.kind === 'external' ? 'upstream' : e.mac;
}

/** ARP who-has `ip` from `from`; an external endpoint answers for addresses outside the cloud (the upstream router). */
function arp(w: Walker, from: Sender, ip: string, upstream: boolean): Delivery | undefined {
  const srcMac = from.kind === 'guest' ? macOfGuestTap(w.cloud, from) : 'router';
  const res = send(w.cloud, from, { src: srcMac, dst: BROADCAST });
  return res.deliveries.find((d) => ownsIp(w.cloud, d.endpoint, ip)) ?? (upstream ? res.deliveries.find((d) => d.endpoint.kind === 'external') : undefined);
}

function macOfGuestTap(cloud: Cloud, from: { host: string; tap: string }): string {
  for (const d of cloud.hosts[from.host]?.domains ?? []) for (const i of d.interfaces) if (i.tap === from.tap) return i.mac;
  return '';
}

export function lookupRoute(routes: readonly Route[], dst: string): Route | undefined {
  let best: Route | undefined;
  let bestLen = -1;
  for (const r of routes) {
    const len = r.dst === 'default' ? 0 : r.dst.includes('/') ? cidrParts(r.dst).prefix : 32;
    const cidr = r.dst === 'default' ? '0.0.0.0/0' : r.dst.includes('/') ? r.dst : `${r.dst}/32`;
    if (len > bestLen && ipInCidr(dst, cidr)) {
      best = r;
      bestLen = len;
    }
  }
  return best;
}

function stagesOf(hops: Hop[], src: string, dst: string): Stage[] {
  return hops.map((h) => ({ ...h, src, dst }));
}

/** The router namespace's part: mangle and nat PREROUTING, routing, filter FORWARD, nat POSTROUTING, conntrack. */
function forward(w: Walker, host: string, ns: Netns, inDev: string, p: Packet, stages: Stage[]): { outDev: string; nextHop: string } | { local: string } | { drop: string } {
  const here = (note: string): Stage => ({ host, netns: ns.name, dev: inDev, note, src: p.src, dst: p.dst });
  const reply = w.conntrack.find((c) => c.ns === ns && c.reply.src === p.src && c.reply.dst === p.dst);
  if (reply) {
    p.src = reply.orig.dst;
    p.dst = reply.orig.src;
    stages.push(here('conntrack: reply of a known connection, NAT reversed'));
  } else {
    p.inDev = inDev;
    traverse(ns, 'mangle', 'PREROUTING', p);
    const pre = traverse(ns, 'nat', 'PREROUTING', p);
    w.walk.rules.push(...pre.matched);
    const orig = { src: p.src, dst: p.dst };
    if (pre.action === 'DNAT') {
      p.dst = pre.to!;
      p.dnat = true;
      stages.push(here(`nat PREROUTING: DNAT ${orig.dst} -> ${p.dst}`));
    } else if (pre.action === 'REDIRECT') {
      stages.push(here(`nat PREROUTING: REDIRECT to local port ${pre.to}`));
      return { local: `port ${pre.to} in ${ns.name}` };
    }
    if (ns.addresses.some((a) => a.cidr.split('/')[0] === p.dst)) return { local: `${p.dst} in ${ns.name}` };
    const route = lookupRoute(ns.routes, p.dst);
    if (!route) return { drop: `${ns.name} has no route to ${p.dst}` };
    p.outDev = route.dev;
    const fwd = traverse(ns, 'filter', 'FORWARD', p);
    if (fwd.action === 'DROP') {
      w.walk.rules.push(...fwd.matched);
      return { drop: `filter FORWARD dropped it: ${fwd.matched.at(-1)}` };
    }
    const post = traverse(ns, 'nat', 'POSTROUTING', p);
    w.walk.rules.push(...post.matched);
    if (post.action === 'SNAT') {
      const before = p.src;
      p.src = post.to!;
      stages.push({ host, netns: ns.name, dev: route.dev, note: `nat POSTROUTING: SNAT ${before} -> ${p.src}`, src: p.src, dst: p.dst });
    } else {
      stages.push({ host, netns: ns.name, dev: route.dev, note: 'routed, no source NAT', src: p.src, dst: p.dst });
    }
    w.conntrack.push({ ns, orig, reply: { src: p.dst, dst: p.src } });
    w.walk.conntrack.push(`${ns.name}: ${p.proto} src=${orig.src} dst=${orig.dst} src=${p.dst} dst=${p.src}`);
    return { outDev: route.dev, nextHop: route.via ?? p.dst };
  }
  const route = lookupRoute(ns.routes, p.dst);
  if (!route) return { drop: `${ns.name} has no route to ${p.dst}` };
  return { outDev: route.dev, nextHop: route.via ?? p.dst };
}

/** Carries an IP packet from a sender until a guest owning `dst` or the outside world receives it. */
function carry(w: Walker, label: string, start: Sender, p: Packet, startStages: Stage[] = [], firstHop = p.dst): boolean {
  const packet: RoutedPacket = { label, stages: [...startStages] };
  w.walk.packets.push(packet);
  let from = start;
  let nextHop = firstHop;
  for (let routers = 0; routers < 4; routers++) {
    const outside = !Object.values(w.cloud.db.subnets).some((s) => ipInCidr(p.dst, s.cidr));
    const target = arp(w, from, nextHop, outside || from.kind === 'netns');
    if (!target) return fail(w, `ARP for ${nextHop} got no answer from ${from.kind === 'guest' ? from.tap : from.kind === 'netns' ? from.dev : from.dev}`);
    const res = send(w.cloud, from, { src: 'self', dst: macOf(target.endpoint) === 'upstream' ? BROADCAST : macOf(target.endpoint) });
    const got = res.deliveries.find((d) => JSON.stringify(d.endpoint) === JSON.stringify(target.endpoint)) ?? target;
    packet.stages.push(...stagesOf(got.hops, p.src, p.dst));
    const e = got.endpoint;
    if (e.kind === 'external') {
      packet.stages.push({ host: e.host, netns: '', dev: e.dev, note: `on the physical provider network, towards ${nextHop}`, src: p.src, dst: p.dst });
      return true;
    }
    if (e.kind === 'guest') {
      if (ownsIp(w.cloud, e, p.dst)) return true;
      return fail(w, `${nextHop} is a guest that does not route`);
    }
    const host = w.cloud.hosts[e.host]!;
    const ns = host.namespaces[e.netns]!;
    const next = forward(w, e.host, ns, e.dev, p, packet.stages);
    if ('drop' in next) return fail(w, next.drop);
    if ('local' in next) {
      packet.stages.push({ host: e.host, netns: ns.name, dev: e.dev, note: `delivered locally: ${next.local}`, src: p.src, dst: p.dst });
      return true;
    }
    from = { kind: 'netns', host: e.host, netns: ns.name, dev: next.outDev };
    nextHop = next.nextHop;
  }
  return fail(w, 'too many routers on the way');
}

function fail(w: Walker, why: string): false {
  w.walk.failure ??= why;
  return false;
}

function newWalk(cloud: Cloud, from: string, to: string): Walker {
  return { cloud, conntrack: [], walk: { kind: 'routed', from, to, packets: [], delivered: false, failure: null, rules: [], conntrack: [] } };
}

/** An instance sends ICMP to `dst`: SNAT to the outside, east-west through a router, or VXLAN on one network. */
export function walkInstanceToAddress(cloud: Cloud, server: Server, dst: string): RoutedWalk {
  const w = newWalk(cloud, server.name, dst);
  const guest = cloud.guests[server.id];
  const addr = guest?.addresses.find((a) => a.dev === 'eth0');
  const portId = server.portIds[0];
  if (!guest || !addr || !portId || !server.host) {
    fail(w, `${server.name} has no IPv4 address on eth0 (its DHCP exchange failed or it never booted)`);
    return w.walk;
  }
  if (parseIp(dst) === null) {
    fail(w, `${dst} is not an IPv4 address`);
    return w.walk;
  }
  const src = addr.cidr.split('/')[0]!;
  const route = lookupRoute(guest.routes, dst);
  if (!route) {
    fail(w, `the guest has no route to ${dst} (ip route in ${server.name})`);
    return w.walk;
  }
  const p: Packet = { src, dst, proto: 'icmp', mark: 0, dnat: false };
  const tap = tapName(portId);
  const start: Stage = { host: server.name, netns: '', dev: 'eth0', note: `guest routes via ${route.via ?? 'on-link'}`, src, dst };
  const sender: Sender = { kind: 'guest', host: server.host, tap };
  w.walk.delivered = carryFirst(w, 'echo request', sender, p, route.via ?? dst, [start]);
  return w.walk;
}

function carryFirst(w: Walker, label: string, from: Sender, p: Packet, firstHop: string, stages: Stage[]): boolean {
  const target = arp(w, from, firstHop, false);
  if (!target) {
    w.walk.packets.push({ label, stages });
    return fail(w, `ARP for ${firstHop} got no answer: nothing on the segment owns it`);
  }
  if (target.endpoint.kind === 'guest' && ownsIp(w.cloud, target.endpoint, p.dst)) {
    const res = send(w.cloud, from, { src: 'self', dst: macOf(target.endpoint) });
    const got = res.deliveries.find((d) => d.endpoint.kind === 'guest') ?? target;
    w.walk.packets.push({ label, stages: [...stages, ...stagesOf(got.hops, p.src, p.dst)] });
    return true;
  }
  return carry(w, label, from, p, stages, firstHop);
}

/** Someone on the external network reaches a floating IP: DNAT at the router, then the reply un-NATed. */
export function walkExternalToFloatingIp(cloud: Cloud, fipAddress: string, source?: string): RoutedWalk {
  const fip: FloatingIp | undefined = Object.values(cloud.db.floatingIps).find((f) => f.floatingIpAddress === fipAddress || f.id === fipAddress);
  const extSubnet = fip && Object.values(cloud.db.subnets).find((s) => s.networkId === fip.floatingNetworkId);
  const src = source ?? extSubnet?.gatewayIp ?? '203.0.113.1';
  const w = newWalk(cloud, src, fipAddress);
  if (!fip) {
    fail(w, `${fipAddress} is not a floating IP of this cloud`);
    return w.walk;
  }
  const entry = Object.values(cloud.hosts).find((h) => findLink(h.root, cloud.config.providerInterface)?.master);
  if (!entry) {
    fail(w, 'no host has its provider NIC in a bridge: the external network reaches nothing');
    return w.walk;
  }
  const p: Packet = { src, dst: fip.floatingIpAddress, proto: 'icmp', mark: 0, dnat: false };
  const start: Stage = { host: 'external', netns: '', dev: '-', note: `${src} sends to ${fip.floatingIpAddress}`, src, dst: p.dst };
  const ok = carry(w, 'echo request', { kind: 'external', host: entry.name, dev: cloud.config.providerInterface }, p, [start]);
  // Reaching the router itself (it owns the /32) is not reaching the instance behind it.
  const last = w.walk.packets.at(-1)?.stages.at(-1);
  w.walk.delivered = ok && !!last && last.netns === '' && last.note.startsWith('TAP');
  if (ok && !w.walk.delivered) fail(w, `${fip.floatingIpAddress} ended in ${last?.netns || last?.host}: no DNAT rule sent it on to an instance`);
  return w.walk;
}
