/**
 * Layer 2 delivery over the hosts' real state: Linux bridges forward between
 * their ports, veth pairs cross into namespaces, TAPs lead to guests, and a
 * vxlan device encapsulates to the VTEPs its FDB names (the unicast entry for
 * the destination MAC, else every 00:00:00:00:00:00 flooding entry).
 */
import type { Cloud, Host, Link } from '../core/types.js';
import { bridgePorts, findLink, linkByIndex, netnsOf } from '../host/kernel.js';

export const BROADCAST = 'ff:ff:ff:ff:ff:ff';

export interface Frame {
  src: string;
  dst: string;
}

/** One device a frame passed, with what happened there. */
export interface Hop {
  host: string;
  netns: string;
  dev: string;
  note: string;
}

export type Endpoint =
  | { kind: 'guest'; host: string; serverId: string; mac: string }
  | { kind: 'netns'; host: string; netns: string; dev: string; mac: string }
  | { kind: 'external'; host: string; dev: string };

export interface Delivery {
  endpoint: Endpoint;
  hops: Hop[];
}

export interface L2Result {
  deliveries: Delivery[];
  /** Where and why copies of the frame were dropped. */
  drops: Hop[];
}

interface Walk {
  cloud: Cloud;
  frame: Frame;
  result: L2Result;
  /** Bridges already entered (host/bridge), against loops. */
  seen: Set<string>;
}

function guestMacOfTap(host: Host, tap: string): { serverId: string; mac: string } | undefined {
  for (const d of host.domains) {
    const iface = d.interfaces.find((i) => i.tap === tap);
    if (iface) return { serverId: d.uuid, mac: iface.mac };
  }
  return undefined;
}

function vethPeer(host: Host, link: Link): { netns: string; link: Link } | undefined {
  if (!link.peer) return undefined;
  const ns = host.namespaces[link.peer.netns] ?? (link.peer.netns === '' ? host.root : undefined);
  const peer = ns && linkByIndex(ns, link.peer.ifindex);
  return ns && peer ? { netns: link.peer.netns, link: peer } : undefined;
}

/** The MAC found behind a bridge port, as the bridge would have learned it. */
function leadsTo(host: Host, port: Link, mac: string): boolean {
  if (port.kind === 'tun') return guestMacOfTap(host, port.name)?.mac === mac;
  if (port.kind === 'veth') return vethPeer(host, port)?.link.mac === mac;
  if (port.kind === 'vxlan') return (port.fdb ?? []).some((e) => e.mac === mac);
  return false;
}

function hostByVtep(cloud: Cloud, ip: string): Host | undefined {
  return Object.values(cloud.hosts).find((h) => h.managementIp === ip);
}

function exitPort(w: Walk, host: Host, port: Link, hops: Hop[]): void {
  const { frame } = w;
  const here = (note: string): Hop => ({ host: host.name, netns: '', dev: port.name, note });
  if (!port.up) {
    w.result.drops.push(here('link is down'));
    return;
  }
  if (port.kind === 'tun') {
    const guest = guestMacOfTap(host, port.name);
    if (guest && (frame.dst === BROADCAST || frame.dst === guest.mac)) {
      w.result.deliveries.push({ endpoint: { kind: 'guest', host: host.name, ...guest }, hops: [...hops, here('TAP: into the guest')] });
    }
    return;
  }
  if (port.kind === 'veth') {
    const peer = vethPeer(host, port);
    if (!peer) return;
    if (frame.dst === BROADCAST || frame.dst === peer.link.mac) {
      w.result.deliveries.push({
        endpoint: { kind: 'netns', host: host.name, netns: peer.netns, dev: peer.link.name, mac: peer.link.mac },
        hops: [...hops, here('veth'), { host: host.name, netns: peer.netns, dev: peer.link.name, note: 'veth peer' }],
      });
    }
    return;
  }
  if (port.kind === 'ether') {
    const onWire = [...hops, here('provider NIC: onto the physical network')];
    w.result.deliveries.push({ endpoint: { kind: 'external', host: host.name, dev: port.name }, hops: onWire });
    // The provider NICs of all nodes share one physical segment: the switch carries the frame to each.
    for (const other of Object.values(w.cloud.hosts)) {
      const nic = other === host ? undefined : findLink(other.root, port.name);
      if (nic?.master) enterBridge(w, other, nic, [...onWire, { host: other.name, netns: '', dev: nic.name, note: 'in from the physical network' }]);
    }
    return;
  }
  if (port.kind === 'vxlan' && port.vxlan) {
    const fdb = port.fdb ?? [];
    const unicast = frame.dst !== BROADCAST ? fdb.filter((e) => e.mac === frame.dst) : [];
    const targets = unicast.length ? unicast : fdb.filter((e) => e.mac === '00:00:00:00:00:00');
    if (targets.length === 0) {
      w.result.drops.push(here(`no FDB entry for ${frame.dst} and no 00:00:00:00:00:00 flooding entry: nothing to encapsulate to`));
      return;
    }
    for (const entry of targets) {
      const remote = entry.dst ? hostByVtep(w.cloud, entry.dst) : undefined;
      const encap = here(`VXLAN encap VNI ${port.vxlan.vni}: outer ${port.vxlan.local} -> ${entry.dst} UDP dport ${port.vxlan.dstport}${unicast.length ? '' : ' (head-end replication)'}`);
      if (!remote) {
        w.result.drops.push(encap);
        continue;
      }
      const remoteDev = remote.root.links.find((l) => l.kind === 'vxlan' && l.vxlan?.vni === port.vxlan!.vni);
      if (!remoteDev) {
        w.result.drops.push({ host: remote.name, netns: '', dev: `vxlan-${port.vxlan.vni}`, note: 'no vxlan device for this VNI on the receiving host' });
        continue;
      }
      enterBridge(w, remote, remoteDev, [...hops, encap, { host: remote.name, netns: '', dev: remoteDev.name, note: 'VXLAN decap' }]);
    }
  }
}

/** A frame arrives on `ingress` (a bridge port) and the bridge forwards it. */
export function enterBridge(w: Walk, host: Host, ingress: Link, hops: Hop[]): void {
  if (!ingress.master) {
    w.result.drops.push({ host: host.name, netns: '', dev: ingress.name, note: 'not enslaved to any bridge: the frame goes nowhere' });
    return;
  }
  const key = `${host.name}/${ingress.master}/${ingress.name}`;
  if (w.seen.has(key)) return;
  w.seen.add(key);
  const bridge = findLink(host.root, ingress.master)!;
  const arrived: Hop = { host: host.name, netns: '', dev: bridge.name, note: `bridge (in on ${ingress.name})` };
  const others = bridgePorts(host.root, bridge.name).filter((p) => p !== ingress)
    // Split horizon: what came from the overlay is not sent back into it.
    .filter((p) => !(ingress.kind === 'vxlan' && p.kind === 'vxlan'));
  const known = w.frame.dst === BROADCAST ? undefined : others.find((p) => leadsTo(host, p, w.frame.dst));
  for (const port of known ? [known] : others) exitPort(w, host, port, [...hops, arrived]);
}

function newWalk(cloud: Cloud, frame: Frame): Walk {
  return { cloud, frame, result: { deliveries: [], drops: [] }, seen: new Set() };
}

/** A guest sends a frame out of the NIC whose host side is `tap`. */
export function sendFromGuest(cloud: Cloud, hostName: string, tap: string, frame: Frame): L2Result {
  const w = newWalk(cloud, frame);
  const host = cloud.hosts[hostName]!;
  const link = findLink(host.root, tap);
  if (!link) {
    w.result.drops.push({ host: hostName, netns: '', dev: tap, note: 'the TAP does not exist' });
    return w.result;
  }
  enterBridge(w, host, link, [{ host: hostName, netns: '', dev: tap, note: 'TAP (host side of the guest NIC)' }]);
  return w.result;
}

/** A namespace device (ns-, qr-, qg-) sends a frame: it crosses its veth into the root namespace. */
export function sendFromNetns(cloud: Cloud, hostName: string, netns: string, dev: string, frame: Frame): L2Result {
  const w = newWalk(cloud, frame);
  const host = cloud.hosts[hostName]!;
  const ns = netnsOf(host, netns);
  const link = findLink(ns, dev);
  const peer = link && link.peer ? linkByIndex(netnsOf(host, link.peer.netns), link.peer.ifindex) : undefined;
  if (!link || !peer) {
    w.result.drops.push({ host: hostName, netns, dev, note: 'device or its veth peer is missing' });
    return w.result;
  }
  enterBridge(w, host, peer, [{ host: hostName, netns, dev, note: 'out' }, { host: hostName, netns: '', dev: peer.name, note: 'veth peer in the root namespace' }]);
  return w.result;
}

/** A frame from the physical provider network enters a host's provider NIC. */
export function sendFromExternal(cloud: Cloud, hostName: string, nic: string, frame: Frame): L2Result {
  const w = newWalk(cloud, frame);
  const host = cloud.hosts[hostName]!;
  const link = findLink(host.root, nic);
  if (!link) return w.result;
  enterBridge(w, host, link, [{ host: hostName, netns: '', dev: nic, note: 'in from the physical network' }]);
  return w.result;
}
