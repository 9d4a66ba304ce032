/**
 * A host's kernel networking state and the netlink-level operations agents
 * perform on it (`ip link add`, `ip addr add`, `brctl addif`, `ip netns add`).
 * These are mechanisms only; which agent calls them, and when, lives in agents/.
 */
import { own } from '../core/own.js';
import { broadcastOf, cidrString, formatIp, networkOf, parseCidr } from '../core/ip.js';
import type { Address, Host, Link, LinkKind, Netns, Route } from '../core/types.js';

export const ROOT = '';

export function newNetns(name: string, nsid: number | null): Netns {
  return {
    name,
    nsid,
    links: [],
    addresses: [],
    routes: [],
    iptables: {},
    sysctl: {},
    conntrack: [],
    nextIfindex: 1,
  };
}

export function netnsOf(host: Host, name: string): Netns {
  if (name === ROOT) return host.root;
  const ns = own(host.namespaces, name);
  if (!ns) throw new Error(`${host.name}: no namespace ${name}`);
  return ns;
}

export function findNetns(host: Host, name: string): Netns | undefined {
  return name === ROOT ? host.root : own(host.namespaces, name);
}

/**
 * Links by name, kept beside the state (which stays plain data): keyed by the
 * links array, rebuilt when its length changes. Links are only added by
 * push and removed by replacing the array, and a link's name never changes.
 */
const linkIndex = new WeakMap<Link[], { size: number; byName: Map<string, Link> }>();

export function findLink(ns: Netns, name: string): Link | undefined {
  // Small namespaces are faster to scan than to index.
  if (ns.links.length < 16) return ns.links.find((l) => l.name === name);
  let index = linkIndex.get(ns.links);
  if (!index || index.size !== ns.links.length) {
    index = { size: ns.links.length, byName: new Map(ns.links.map((l) => [l.name, l])) };
    linkIndex.set(ns.links, index);
  }
  return index.byName.get(name);
}

export function linkByIndex(ns: Netns, ifindex: number): Link | undefined {
  return ns.links.find((l) => l.ifindex === ifindex);
}

export interface NewLink {
  name: string;
  kind: LinkKind;
  mac: string;
  mtu: number;
  up?: boolean;
  ipv6?: boolean;
}

export function addLink(ns: Netns, spec: NewLink): Link {
  if (findLink(ns, spec.name)) throw new Error(`RTNETLINK answers: File exists (${spec.name})`);
  const link: Link = {
    ifindex: ns.nextIfindex++,
    name: spec.name,
    kind: spec.kind,
    mac: spec.mac,
    mtu: spec.mtu,
    up: spec.up ?? false,
    master: null,
    ipv6: spec.ipv6 ?? true,
  };
  ns.links.push(link);
  const index = linkIndex.get(ns.links);
  if (index && index.size === ns.links.length - 1) {
    index.byName.set(link.name, link);
    index.size++;
  }
  return link;
}

/** `ip netns add` plus what neutron's ensure_namespace does: lo up. */
export function addNamespace(host: Host, name: string): Netns {
  const existing = host.namespaces[name];
  if (existing) return existing;
  const ns = newNetns(name, host.nextNsid++);
  addLink(ns, { name: 'lo', kind: 'loopback', mac: '00:00:00:00:00:00', mtu: 65536, up: true });
  ns.addresses.push({ dev: 'lo', cidr: '127.0.0.1/8', broadcast: null, scope: 'host' });
  host.namespaces[name] = ns;
  return ns;
}

export function deleteNamespace(host: Host, name: string): void {
  const ns = host.namespaces[name];
  if (!ns) return;
  // Deleting a namespace destroys its veth ends, which takes their root-side peers with them.
  for (const link of [...ns.links]) {
    if (link.peer) deleteLink(host, link.peer.netns, linkByIndex(netnsOf(host, link.peer.netns), link.peer.ifindex)?.name ?? '');
  }
  delete host.namespaces[name];
}

/** `ip link add A type veth peer name B netns NS`: A stays in `aNs`, B is created in `bNs`. */
export function addVethPair(
  host: Host,
  a: { netns: string; name: string; mac: string },
  b: { netns: string; name: string; mac: string },
  mtu: number,
): [Link, Link] {
  const nsA = netnsOf(host, a.netns);
  const nsB = netnsOf(host, b.netns);
  const la = addLink(nsA, { name: a.name, kind: 'veth', mac: a.mac, mtu });
  const lb = addLink(nsB, { name: b.name, kind: 'veth', mac: b.mac, mtu });
  la.peer = { netns: b.netns, ifindex: lb.ifindex };
  lb.peer = { netns: a.netns, ifindex: la.ifindex };
  return [la, lb];
}

/** Removes a link with its addresses and routes; a veth takes its peer along, as the kernel does. */
export function deleteLink(host: Host, nsName: string, name: string): void {
  const ns = findNetns(host, nsName);
  const link = ns && findLink(ns, name);
  if (!ns || !link) return;
  removeLinkOnly(ns, link);
  if (link.peer) {
    const peerNs = findNetns(host, link.peer.netns);
    const peer = peerNs && linkByIndex(peerNs, link.peer.ifindex);
    if (peerNs && peer) removeLinkOnly(peerNs, peer);
  }
}

function removeLinkOnly(ns: Netns, link: Link): void {
  ns.links = ns.links.filter((l) => l !== link);
  ns.addresses = ns.addresses.filter((a) => a.dev !== link.name);
  ns.routes = ns.routes.filter((r) => r.dev !== link.name);
  for (const l of ns.links) if (l.master === link.name) l.master = null;
  if (link.master) refreshBridgeMac(ns, link.master);
}

export function setUp(ns: Netns, name: string): void {
  const link = findLink(ns, name);
  if (link) link.up = true;
}

/** `brctl addif BRIDGE DEV` */
export function enslave(ns: Netns, dev: string, bridge: string): void {
  const link = findLink(ns, dev);
  if (!link || !findLink(ns, bridge)) throw new Error(`cannot enslave ${dev} to ${bridge}`);
  link.master = bridge;
  refreshBridgeMac(ns, bridge);
}

export function release(ns: Netns, dev: string): void {
  const link = findLink(ns, dev);
  if (!link || !link.master) return;
  const bridge = link.master;
  link.master = null;
  refreshBridgeMac(ns, bridge);
}

export function bridgePorts(ns: Netns, bridge: string): Link[] {
  return ns.links.filter((l) => l.master === bridge);
}

/** A Linux bridge without an explicitly set address takes the lowest MAC among its ports. */
export function refreshBridgeMac(ns: Netns, bridge: string, ports = bridgePorts(ns, bridge)): void {
  const br = findLink(ns, bridge);
  if (!br || br.fixedMac) return;
  const macs = ports.map((l) => l.mac).sort();
  if (macs[0]) br.mac = macs[0];
}

/** `ip addr add CIDR dev DEV`: also installs the connected route the kernel derives from it. */
export function addAddress(ns: Netns, dev: string, cidr: string, scope: Address['scope'] = 'global'): void {
  const parsed = parseCidr(cidr);
  if (!parsed) throw new Error(`bad address ${cidr}`);
  if (ns.addresses.some((a) => a.dev === dev && a.cidr === cidr)) return;
  const broadcast = formatIp(broadcastOf(parsed.address, parsed.prefix));
  ns.addresses.push({ dev, cidr, broadcast, scope });
  if (parsed.prefix < 32) {
    const dst = cidrString(networkOf(parsed.address, parsed.prefix), parsed.prefix);
    if (!ns.routes.some((r) => r.dst === dst && r.dev === dev)) {
      ns.routes.push({ dst, dev, proto: 'kernel', scope: 'link', src: formatIp(parsed.address) });
    }
  }
}

export function deleteAddress(ns: Netns, dev: string, cidr: string): void {
  const parsed = parseCidr(cidr);
  ns.addresses = ns.addresses.filter((a) => !(a.dev === dev && a.cidr === cidr));
  if (parsed && parsed.prefix < 32) {
    const src = formatIp(parsed.address);
    ns.routes = ns.routes.filter((r) => !(r.dev === dev && r.proto === 'kernel' && r.src === src));
  }
}

export function addRoute(ns: Netns, route: Route): void {
  if (ns.routes.some((r) => r.dst === route.dst && r.dev === route.dev && r.via === route.via)) return;
  ns.routes.push(route);
}

export function deleteRoute(ns: Netns, match: (r: Route) => boolean): void {
  ns.routes = ns.routes.filter((r) => !match(r));
}
