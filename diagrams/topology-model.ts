/**
 * Cloud state → a plain picture model: per host its bridges and their ports,
 * its namespaces and instances with their interfaces, its NICs; the VXLAN
 * tunnels between hosts. Everything comes from links (`master`, `peer`,
 * `vxlan`, `fdb`), addresses, libvirt domains, guests and API rows; nothing
 * is inferred from a device's name.
 */
import type { Cloud, Host, Link, Netns } from '../engine/core/types.js';

export type PortKind = 'tap' | 'veth' | 'vxlan' | 'nic' | 'other';

export interface PortModel {
  /** `netns#ifindex` on its host: what interfaces point at. */
  key: string;
  name: string;
  kind: PortKind;
  up: boolean;
  vni?: number;
  /** The NIC a vxlan device encapsulates over. */
  underlay?: string;
}

export interface BridgeModel {
  name: string;
  netns: string;
  up: boolean;
  /** "selfservice 172.16.1.0/24", from the API rows of the ports and VNIs behind the bridge. */
  network: string | null;
  ports: PortModel[];
  /** A pseudo bridge holding the root devices that sit in no bridge. */
  loose?: boolean;
}

export interface FloatingModel {
  ip: string;
  fixed: string | null;
}

export interface IfaceModel {
  name: string;
  addresses: string[];
  floating: FloatingModel[];
  /** Key of the bridge port (or loose device) this interface is joined to. */
  peerKey: string | null;
  /** A peer that is not drawn as a bridge port ("ns-x in qdhcp-y"). */
  peerText: string | null;
  kind: 'veth' | 'tap';
}

export interface BoxModel {
  kind: 'netns' | 'instance';
  name: string;
  /** Instance: its libvirt domain name. */
  sub: string | null;
  ifaces: IfaceModel[];
}

export interface NicModel {
  name: string;
  addresses: string[];
  vtep: boolean;
  /** Holds the host's management address. */
  management: boolean;
  up: boolean;
}

export interface HostModel {
  name: string;
  role: string;
  managementIp: string;
  vteps: string[];
  bridges: BridgeModel[];
  boxes: BoxModel[];
  nics: NicModel[];
}

export interface TunnelModel {
  a: string;
  b: string;
  vnis: number[];
  /** VNIs with FDB entries on one side only. */
  oneWay: number[];
}

export interface TopologyModel {
  hosts: HostModel[];
  /** VTEP addresses FDB entries point at that belong to no host. */
  strangers: string[];
  tunnels: TunnelModel[];
  /** UDP ports the vxlan devices use. */
  vxlanPorts: number[];
  /** Networks bridged onto the physical NIC, per NIC name. */
  physical: Array<{ nic: string; networks: string[] }>;
}

const ipOf = (cidr: string) => cidr.split('/')[0]!;

interface Lookup {
  portByMac: Map<string, { networkId: string }>;
  netByVni: Map<number, string>;
  fixedByFip: Map<string, string | null>;
}

function lookups(cloud: Cloud): Lookup {
  const portByMac = new Map<string, { networkId: string }>();
  for (const p of Object.values(cloud.db.ports)) portByMac.set(p.macAddress, p);
  const netByVni = new Map<number, string>();
  for (const net of Object.values(cloud.db.networks)) if (net.networkType === 'vxlan' && net.segmentationId !== null) netByVni.set(net.segmentationId, net.id);
  const fixedByFip = new Map<string, string | null>();
  for (const f of Object.values(cloud.db.floatingIps)) fixedByFip.set(f.floatingIpAddress, f.fixedIpAddress);
  return { portByMac, netByVni, fixedByFip };
}

function networkLabel(cloud: Cloud, networkId: string | undefined): string | null {
  const net = networkId ? cloud.db.networks[networkId] : undefined;
  if (!net) return null;
  const cidrs = Object.values(cloud.db.subnets).filter((s) => s.networkId === net.id).map((s) => s.cidr);
  return [net.name || net.id, ...cidrs].join(' ') + (net.external ? ' (external)' : '');
}

function peerLink(host: Host, link: Link): { ns: Netns; link: Link } | undefined {
  if (!link.peer) return undefined;
  const ns = link.peer.netns === '' ? host.root : host.namespaces[link.peer.netns];
  const peer = ns?.links.find((l) => l.ifindex === link.peer!.ifindex);
  return ns && peer ? { ns, link: peer } : undefined;
}

/** The MAC a bridge port leads to: the guest NIC behind a TAP, the far end of a veth. */
function macBehind(host: Host, link: Link): string | undefined {
  if (link.kind === 'tun') for (const d of host.domains) for (const i of d.interfaces) if (i.tap === link.name) return i.mac;
  if (link.kind === 'veth') return peerLink(host, link)?.link.mac;
  return undefined;
}

function portKind(link: Link): PortKind {
  switch (link.kind) {
    case 'tun': return 'tap';
    case 'veth': return 'veth';
    case 'vxlan': return 'vxlan';
    case 'ether': return 'nic';
    default: return 'other';
  }
}

function toPort(ns: Netns, link: Link): PortModel {
  return {
    key: `${ns.name}#${link.ifindex}`, name: link.name, kind: portKind(link), up: link.up,
    ...(link.vxlan ? { vni: link.vxlan.vni, underlay: link.vxlan.dev } : {}),
  };
}

function bridgesOf(cloud: Cloud, host: Host, ns: Netns, look: Lookup): BridgeModel[] {
  const out: BridgeModel[] = [];
  for (const br of ns.links.filter((l) => l.kind === 'bridge')) {
    const members = ns.links.filter((l) => l.master === br.name);
    let networkId: string | undefined;
    for (const m of members) {
      const mac = macBehind(host, m);
      networkId ??= (mac && look.portByMac.get(mac)?.networkId) || (m.vxlan ? look.netByVni.get(m.vxlan.vni) : undefined);
    }
    out.push({ name: br.name, netns: ns.name, up: br.up, network: networkLabel(cloud, networkId), ports: members.map((m) => toPort(ns, m)) });
  }
  return out;
}

function addressesOf(ns: Netns, dev: string): string[] {
  return ns.addresses.filter((a) => a.dev === dev).map((a) => a.cidr);
}

function ifaceOf(host: Host, ns: Netns, link: Link, look: Lookup, drawn: Set<string>): IfaceModel {
  const floating: FloatingModel[] = [];
  const addresses: string[] = [];
  for (const cidr of addressesOf(ns, link.name)) {
    if (look.fixedByFip.has(ipOf(cidr)) && cidr.endsWith('/32')) floating.push({ ip: cidr, fixed: look.fixedByFip.get(ipOf(cidr)) ?? null });
    else addresses.push(cidr);
  }
  const peer = peerLink(host, link);
  const key = peer ? `${peer.ns.name}#${peer.link.ifindex}` : null;
  const inPicture = key !== null && drawn.has(key);
  return {
    name: link.name, addresses, floating, kind: 'veth',
    peerKey: inPicture ? key : null,
    peerText: peer && !inPicture ? `${peer.link.name}${peer.ns.name ? ` @ ${peer.ns.name}` : ''}` : null,
  };
}

function hostModel(cloud: Cloud, host: Host, look: Lookup): HostModel {
  const all = [host.root, ...Object.values(host.namespaces)];
  const bridges = all.flatMap((ns) => bridgesOf(cloud, host, ns, look));
  // Root devices a namespace or guest leads to but that no bridge holds still get drawn.
  const enslaved = new Set(bridges.flatMap((b) => b.ports.map((p) => p.key)));
  const loose = host.root.links.filter((l) => (l.kind === 'veth' || l.kind === 'tun' || l.kind === 'vxlan') && !enslaved.has(`#${l.ifindex}`));
  if (loose.length) bridges.push({ name: '', netns: '', up: true, network: null, ports: loose.map((l) => toPort(host.root, l)), loose: true });
  // Bridges on the physical network first: their uplink runs up to the provider bus.
  bridges.sort((a, b) => Number(b.ports.some((p) => p.kind === 'nic')) - Number(a.ports.some((p) => p.kind === 'nic')));
  const drawn = new Set(bridges.flatMap((b) => b.ports.map((p) => p.key)));

  const boxes: BoxModel[] = [];
  for (const ns of Object.values(host.namespaces)) {
    const ifaces = ns.links.filter((l) => l.kind !== 'loopback' && l.kind !== 'bridge' && !l.master).map((l) => ifaceOf(host, ns, l, look, drawn));
    boxes.push({ kind: 'netns', name: ns.name, sub: null, ifaces });
  }
  for (const d of host.domains) {
    const guest = cloud.guests[d.uuid];
    const ifaces: IfaceModel[] = d.interfaces.map((i) => {
      const nic = guest?.links.find((l) => l.mac === i.mac);
      const tap = host.root.links.find((l) => l.name === i.tap);
      const key = tap ? `#${tap.ifindex}` : null;
      return {
        name: nic?.name ?? i.mac, kind: 'tap', floating: [],
        addresses: nic ? (guest?.addresses ?? []).filter((a) => a.dev === nic.name).map((a) => a.cidr) : [],
        peerKey: key && drawn.has(key) ? key : null, peerText: null,
      };
    });
    boxes.push({ kind: 'instance', name: guest?.name ?? d.name, sub: d.name, ifaces });
  }

  const vxlans = all.flatMap((ns) => ns.links.filter((l) => l.vxlan));
  const vteps = [...new Set(vxlans.map((l) => l.vxlan!.local))];
  const underlays = new Set(vxlans.map((l) => l.vxlan!.dev));
  const nics: NicModel[] = host.root.links
    .filter((l) => l.kind === 'ether' && !l.master)
    .map((l) => {
      const addresses = addressesOf(host.root, l.name);
      return {
        name: l.name, addresses, up: l.up, management: addresses.some((c) => ipOf(c) === host.managementIp),
        vtep: underlays.has(l.name) || addresses.some((c) => vteps.includes(ipOf(c))),
      };
    })
    .sort((a, b) => Number(b.vtep) - Number(a.vtep));
  return { name: host.name, role: host.role, managementIp: host.managementIp, vteps, bridges, boxes, nics };
}

function tunnels(cloud: Cloud, hosts: HostModel[]): { tunnels: TunnelModel[]; strangers: string[] } {
  const byIp = new Map<string, string>();
  for (const h of hosts) for (const ip of h.vteps) byIp.set(ip, h.name);
  for (const h of hosts) if (!byIp.has(h.managementIp)) byIp.set(h.managementIp, h.name);
  const order = new Map(hosts.map((h, i) => [h.name, i]));
  const strangers: string[] = [];
  const pairs = new Map<string, { a: string; b: string; dirs: Map<number, Set<string>> }>();
  for (const host of Object.values(cloud.hosts)) {
    for (const ns of [host.root, ...Object.values(host.namespaces)]) {
      for (const l of ns.links) {
        if (!l.vxlan) continue;
        for (const e of l.fdb ?? []) {
          if (!e.dst) continue;
          const other = byIp.get(e.dst) ?? e.dst;
          if (!byIp.has(e.dst) && !strangers.includes(e.dst)) strangers.push(e.dst);
          if (other === host.name) continue;
          const rank = (x: string) => order.get(x) ?? hosts.length + strangers.indexOf(x);
          const [a, b] = rank(host.name) < rank(other) ? [host.name, other] : [other, host.name];
          const key = `${a}\n${b}`;
          const pair = pairs.get(key) ?? { a, b, dirs: new Map() };
          pairs.set(key, pair);
          const sides = pair.dirs.get(l.vxlan.vni) ?? new Set<string>();
          sides.add(host.name);
          pair.dirs.set(l.vxlan.vni, sides);
        }
      }
    }
  }
  const list = [...pairs.values()].map((p) => {
    const vnis = [...p.dirs.keys()].sort((x, y) => x - y);
    return { a: p.a, b: p.b, vnis, oneWay: vnis.filter((v) => p.dirs.get(v)!.size < 2 && order.has(p.b)) };
  });
  return { tunnels: list, strangers };
}

/** Reads the picture model off the cloud's state; changes nothing. */
export function topologyModel(cloud: Cloud): TopologyModel {
  const look = lookups(cloud);
  const hosts = Object.values(cloud.hosts).map((h) => hostModel(cloud, h, look));
  const t = tunnels(cloud, hosts);
  const vxlanPorts = new Set<number>();
  const physical = new Map<string, Set<string>>();
  for (const host of Object.values(cloud.hosts)) {
    for (const ns of [host.root, ...Object.values(host.namespaces)]) for (const l of ns.links) if (l.vxlan) vxlanPorts.add(l.vxlan.dstport);
  }
  for (const h of hosts) {
    for (const b of h.bridges) {
      for (const p of b.ports) {
        if (p.kind !== 'nic') continue;
        const set = physical.get(p.name) ?? new Set<string>();
        if (b.network) set.add(b.network);
        physical.set(p.name, set);
      }
    }
  }
  return {
    hosts, tunnels: t.tunnels, strangers: t.strangers, vxlanPorts: [...vxlanPorts].sort((a, b) => a - b),
    physical: [...physical].map(([nic, nets]) => ({ nic, networks: [...nets].sort() })),
  };
}
