/** What each node's kernel and agents hold: links, namespaces, addresses, routes, iptables, files, processes, guests. */
import type { HostRole } from './types.js';
export type LinkKind = 'loopback' | 'ether' | 'bridge' | 'vxlan' | 'veth' | 'tun';

export interface VxlanInfo {
  vni: number;
  local: string;
  dev: string;
  dstport: number;
}

/** One forwarding entry of `bridge fdb`: l2pop programs these on vxlan devices. */
export interface FdbEntry {
  mac: string;
  /** Remote VTEP for `self` entries on a vxlan device; absent for local (master) entries. */
  dst?: string;
}

export interface Link {
  ifindex: number;
  name: string;
  kind: LinkKind;
  mac: string;
  mtu: number;
  up: boolean;
  /** Bridge this link is enslaved to (same namespace). */
  master: string | null;
  /** veth peer: namespace name ('' = root) and ifindex there. */
  peer?: { netns: string; ifindex: number };
  vxlan?: VxlanInfo;
  /** Remote (self) FDB entries of a vxlan device. */
  fdb?: FdbEntry[];
  /** A bridge keeps its MAC only if set explicitly; otherwise it follows its lowest port MAC. */
  fixedMac?: boolean;
  ipv6: boolean;
}

export interface Address {
  dev: string;
  /** "192.0.2.2/24" */
  cidr: string;
  broadcast: string | null;
  scope: 'global' | 'host' | 'link';
}

export interface Route {
  /** "default" or a CIDR. */
  dst: string;
  via?: string;
  dev: string;
  proto?: 'kernel' | 'static';
  scope?: 'link' | 'host';
  src?: string;
}

export type IptablesTableName = 'filter' | 'nat' | 'mangle' | 'raw';

export interface IptablesRule {
  chain: string;
  /** Rule text as `iptables -S` prints it after `-A <chain> `. */
  spec: string;
  /** neutron's IptablesManager tag, e.g. "floating_ip", for bulk removal. */
  tag?: string;
  /** Rules added with top=True sort before the others of their chain. */
  top?: boolean;
}

export interface IptablesTable {
  /** User-defined chains, full names. */
  chains: string[];
  rules: IptablesRule[];
}

export type IptablesState = Partial<Record<IptablesTableName, IptablesTable>>;

export interface ConntrackEntry {
  proto: 'icmp' | 'udp' | 'tcp';
  original: { src: string; dst: string; sport?: number; dport?: number };
  reply: { src: string; dst: string; sport?: number; dport?: number };
}

export interface Netns {
  /** '' is the root namespace. */
  name: string;
  /** nsid the root namespace assigned to it (shown by `ip netns`). */
  nsid: number | null;
  links: Link[];
  addresses: Address[];
  routes: Route[];
  iptables: IptablesState;
  sysctl: Record<string, string>;
  conntrack: ConntrackEntry[];
  nextIfindex: number;
}

export interface Process {
  pid: number;
  user: string;
  args: string;
  /** Namespace it runs in ('' = root). */
  netns: string;
}

/** The part of a libvirt domain the tutor shows (`virsh list`, `virsh dumpxml`). */
export interface Domain {
  id: number;
  name: string;
  uuid: string;
  state: 'running' | 'paused' | 'shut off';
  memoryKiB: number;
  vcpus: number;
  interfaces: Array<{ mac: string; bridge: string; tap: string; mtu: number }>;
  disks: Array<{ target: string; source: string; kind: 'file' | 'block' }>;
}

/** What the guest OS itself holds (`ip addr`/`ip route` inside the instance). */
export interface Guest {
  serverId: string;
  name: string;
  host: string;
  links: Link[];
  addresses: Address[];
  routes: Route[];
}

export interface Host {
  name: string;
  role: HostRole;
  managementIp: string;
  root: Netns;
  /** Named namespaces in creation order. */
  namespaces: Record<string, Netns>;
  nextNsid: number;
  files: Record<string, string>;
  processes: Process[];
  nextPid: number;
  domains: Domain[];
  nextDomainId: number;
  /** Glance images already in /var/lib/nova/instances/_base (compute only). */
  imageCache: string[];
  /** The Linux bridge agent's iptables firewall driver, once it has applied its first port filter. */
  firewall?: FirewallMemory;
}

/** A port as the firewall driver keeps it: the device dict security_group_info_for_devices returned. */
export interface FirewallPort {
  /** `tap<port[:11]>`: the driver's key and the physdev its rules match. */
  device: string;
  portId: string;
  networkId: string;
  macAddress: string;
  fixedIps: string[];
  securityGroupIds: string[];
}

/** What IptablesFirewallDriver and its IpConntrackManager hold in memory (lost on an agent restart). */
export interface FirewallMemory {
  /** filtered_ports: ports with port security and their own chains. */
  filtered: FirewallPort[];
  /** trusted_ports (network:* owners), in the order they were processed. */
  trusted: string[];
  /** Conntrack zone per network_id[:11]; never freed while the agent runs. */
  zones: Record<string, number>;
}
