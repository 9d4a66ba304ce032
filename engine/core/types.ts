/**
 * The cloud's state, as plain data (JSON- and structuredClone-friendly).
 *
 * Two halves mirror a real deployment: `db` is what the API services keep
 * (neutron, nova, cinder rows), `hosts` is what each node's kernel and agents
 * hold (links, namespaces, addresses, routes, iptables, files, processes).
 * Records keyed by UUID keep insertion order, which is creation order.
 */
import type { RngStreams } from './random.js';

export type * from './database.js';
export type * from './host-state.js';
import type { Database } from './database.js';
import type { Guest, Host } from './host-state.js';

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
