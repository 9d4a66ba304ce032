/**
 * The cloud's state, as plain data (JSON- and structuredClone-friendly).
 *
 * Two halves mirror a real deployment: `db` is what the API services keep
 * (neutron, nova, cinder rows), `hosts` is what each node's kernel and agents
 * hold (links, namespaces, addresses, routes, iptables, files, processes).
 * Records keyed by UUID keep insertion order, which is creation order.
 */
import type { RngStreams } from './random.js';

// ---------------------------------------------------------------- topology

export type HostRole = 'controller' | 'compute';

export interface HostSpec {
  name: string;
  role: HostRole;
  /** Management address; also the VXLAN VTEP (local_ip). */
  managementIp: string;
}

/** Deployment settings: the install guide's choices plus neutron/nova defaults. */
export interface CloudConfig {
  seed: string;
  hosts: HostSpec[];
  managementCidr: string;
  managementGateway: string;
  managementInterface: string;
  /** physical_interface_mappings = provider:eth1 */
  physicalNetwork: string;
  providerInterface: string;
  vniRange: [number, number];
  vxlanUdpPort: number;
  globalPhysnetMtu: number;
  dnsDomain: string;
  dhcpLeaseDuration: number;
  useRandomFully: boolean;
  baseMac: string;
  /** Seconds since the epoch at which the scenario starts; advanced per command. */
  startTime: number;
  /** Region / AZ names used in API answers. */
  availabilityZone: string;
}

// ---------------------------------------------------------------- API database

export interface Project { id: string; name: string; domainId: string }
export interface Image { id: string; name: string; size: number; diskFormat: string; checksum: string }
export interface Flavor { id: string; name: string; vcpus: number; ram: number; disk: number }

export type NetworkType = 'vxlan' | 'flat' | 'vlan';

export interface Network {
  id: string;
  name: string;
  projectId: string;
  shared: boolean;
  external: boolean;
  networkType: NetworkType;
  physicalNetwork: string | null;
  segmentationId: number | null;
  mtu: number;
  createdAt: number;
  updatedAt: number;
  revision: number;
  description: string;
}

export interface AllocationPool { start: string; end: string }
export interface HostRoute { destination: string; nexthop: string }

export interface Subnet {
  id: string;
  name: string;
  networkId: string;
  projectId: string;
  cidr: string;
  gatewayIp: string | null;
  allocationPools: AllocationPool[];
  dnsNameservers: string[];
  hostRoutes: HostRoute[];
  enableDhcp: boolean;
  createdAt: number;
  updatedAt: number;
  revision: number;
  description: string;
}

export interface FixedIp { subnetId: string; ipAddress: string }

export type PortStatus = 'DOWN' | 'ACTIVE' | 'BUILD' | 'N/A';

export interface Port {
  id: string;
  name: string;
  networkId: string;
  projectId: string;
  macAddress: string;
  fixedIps: FixedIp[];
  deviceOwner: string;
  deviceId: string;
  bindingHostId: string;
  vifType: 'unbound' | 'bridge' | 'binding_failed';
  status: PortStatus;
  /** Provisioning blocks still holding the port DOWN (neutron's provisioning_blocks). */
  provisioningBlocks: Array<'L2' | 'DHCP'>;
  securityGroupIds: string[];
  createdAt: number;
  updatedAt: number;
  revision: number;
  description: string;
}

export interface RouterGateway {
  networkId: string;
  enableSnat: boolean;
  portId: string;
}

export interface Router {
  id: string;
  name: string;
  projectId: string;
  gateway: RouterGateway | null;
  /** Host whose L3 agent hosts the legacy router. */
  l3AgentHost: string;
  createdAt: number;
  updatedAt: number;
  revision: number;
  description: string;
}

export interface FloatingIp {
  id: string;
  floatingIpAddress: string;
  floatingNetworkId: string;
  portId: string | null;
  fixedIpAddress: string | null;
  routerId: string | null;
  status: 'DOWN' | 'ACTIVE';
  /** The network:floatingip port holding the address on the external network. */
  fipPortId: string;
  projectId: string;
  createdAt: number;
  updatedAt: number;
  revision: number;
  description: string;
}

export interface SecurityGroup { id: string; name: string; projectId: string }

export type ServerStatus = 'BUILD' | 'ACTIVE' | 'ERROR' | 'SHUTOFF';

export interface ServerFault { code: number; message: string }

export interface Server {
  id: string;
  name: string;
  projectId: string;
  /** nova's integer instance id: the libvirt domain is instance-%08x of it. */
  instanceNumber: number;
  flavorId: string;
  imageId: string;
  host: string | null;
  status: ServerStatus;
  powerState: 'RUNNING' | 'NOSTATE' | 'SHUTDOWN';
  portIds: string[];
  /** Ports nova created for `--nic net-id=` (deleted with the server; `port-id=` ports are only unbound). */
  ownedPortIds: string[];
  /** network-vif-plugged events the paused guest still waits for. */
  pendingVifEvents: string[];
  volumeIds: string[];
  availabilityZone: string;
  fault: ServerFault | null;
  createdAt: number;
  updatedAt: number;
}

export interface VolumeAttachment { serverId: string; attachmentId: string; device: string; host: string }

export interface Volume {
  id: string;
  name: string;
  projectId: string;
  size: number;
  status: 'available' | 'in-use';
  attachments: VolumeAttachment[];
  createdAt: number;
  updatedAt: number;
  description: string;
}

export interface Database {
  projects: Record<string, Project>;
  images: Record<string, Image>;
  flavors: Record<string, Flavor>;
  networks: Record<string, Network>;
  subnets: Record<string, Subnet>;
  /** Subnet IDs per network in creation order: an index kept by createSubnet/deleteSubnet. */
  subnetsByNetwork: Record<string, string[]>;
  ports: Record<string, Port>;
  /** Port IDs per network in creation order: an index kept by createPort/deletePort. */
  portsByNetwork: Record<string, string[]>;
  routers: Record<string, Router>;
  floatingIps: Record<string, FloatingIp>;
  securityGroups: Record<string, SecurityGroup>;
  servers: Record<string, Server>;
  volumes: Record<string, Volume>;
  /** Next nova instance number (instances.id autoincrement). */
  nextInstanceNumber: number;
}

// ---------------------------------------------------------------- hosts (kernel + agents)

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

// ---------------------------------------------------------------- the cloud

export interface Cloud {
  config: CloudConfig;
  rng: RngStreams;
  /** Logical clock: seconds since the epoch. */
  clock: number;
  /** The project whose credentials the next command uses (`. demo-openrc`). */
  currentProject: string;
  db: Database;
  hosts: Record<string, Host>;
  guests: Record<string, Guest>;
  /** Server IDs by guest name, for commands run "on" an instance by its name. */
  guestsByName: Record<string, string[]>;
  /** Every message on the bus so far, in order; flow traces and explanations read it. */
  events: BusEvent[];
  /** Whether steps are recorded on the bus (off: faster builds, no traces). */
  tracing: boolean;
  /** Number of commands applied; each event carries the command it came from. */
  commandCount: number;
}

// ---------------------------------------------------------------- the message bus

export type Channel = 'REST' | 'RPC cast' | 'RPC call' | 'SQL' | 'netlink' | 'libvirt' | 'DHCP' | 'local' | 'exec' | 'ARP';

export interface BusEvent {
  /** 0-based position in cloud.events. */
  seq: number;
  /** Index of the scenario command that caused it (0-based). */
  command: number;
  from: string;
  to: string;
  channel: Channel;
  /** Message name, e.g. "POST /v2.0/ports", "schedule_and_build_instances", "ip link add". */
  name: string;
  /** Human-readable detail with this scenario's real values. */
  detail: string;
  /** Flows (1-8) this step belongs to. */
  flows: number[];
  /** IDs of the objects this step is about (network, port, router, server...). */
  subjects: string[];
  /** Host state this step changed, as short lines ("controller: ip link add vxlan-101 ..."). */
  changes: string[];
  /** The seed document's step number this corresponds to (Flow 1), if any. */
  seedStep?: number;
  /** Where the seed's version of this step simplifies or differs from reality. */
  note?: string;
}
