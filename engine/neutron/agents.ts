/**
 * What neutron's and nova's service registries answer (GET /v2.0/agents,
 * GET /os-services), derived from the nodes: each agent or service installed
 * on a node registered itself when it first started, and reports state while
 * its process runs. Alive/up is therefore whether the process runs now.
 */
import { installedServices, isRunning } from '../core/cloud.js';
import { uuid5 } from '../core/uuid5.js';
import type { Cloud, Host } from '../core/types.js';

/** Agent types as neutron's agents register them, and the two that report an availability zone. */
const NEUTRON_AGENTS: Record<string, { type: string; zoned: boolean }> = {
  'neutron-linuxbridge-agent': { type: 'Linux bridge agent', zoned: false },
  'neutron-dhcp-agent': { type: 'DHCP agent', zoned: true },
  'neutron-l3-agent': { type: 'L3 agent', zoned: true },
  'neutron-metadata-agent': { type: 'Metadata agent', zoned: false },
};

/** Namespace for the registry rows' IDs: stable per cloud seed, host and program. */
const REGISTRY_NAMESPACE = '3c1fcd4e-4d0a-5a5e-9b6e-6f70656e7374';

/** The services draw random (version 4) IDs; ours are derived, then marked version 4 to look the same. */
function registryId(cloud: Cloud, host: Host, program: string): string {
  const id = uuid5(REGISTRY_NAMESPACE, `${cloud.config.seed}/${host.name}/${program}`);
  return `${id.slice(0, 14)}4${id.slice(15)}`;
}

export interface AgentRow {
  id: string;
  agentType: string;
  binary: string;
  host: string;
  availabilityZone: string | null;
  alive: boolean;
  adminStateUp: boolean;
}

/** GET /v2.0/agents: in primary-key order, as the database returns them. */
export function networkAgents(cloud: Cloud): AgentRow[] {
  const rows: AgentRow[] = [];
  for (const host of Object.values(cloud.hosts)) {
    for (const program of installedServices(host.role)) {
      const agent = NEUTRON_AGENTS[program];
      if (!agent) continue;
      rows.push({
        id: registryId(cloud, host, program), agentType: agent.type, binary: program, host: host.name,
        availabilityZone: agent.zoned ? cloud.config.availabilityZone : null, alive: isRunning(host, program), adminStateUp: true,
      });
    }
  }
  return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface ComputeServiceRow {
  id: string;
  binary: string;
  host: string;
  zone: string;
  status: 'enabled' | 'disabled';
  up: boolean;
}

/**
 * Services that keep a row in nova's services table (the API and libvirt do
 * not), in the order they first start: the install guide restarts the
 * scheduler before the conductor, and compute nodes come later.
 */
const NOVA_SERVICES = ['nova-scheduler', 'nova-conductor', 'nova-compute'];

/** GET /os-services in registration order; the conductor and scheduler are in zone "internal". */
export function computeServices(cloud: Cloud): ComputeServiceRow[] {
  const hosts = Object.values(cloud.hosts).sort((a, b) => (a.role === b.role ? 0 : a.role === 'controller' ? -1 : 1));
  return hosts.flatMap((host) => {
    const installed = installedServices(host.role);
    return NOVA_SERVICES.filter((p) => installed.includes(p)).map((program) => ({
      id: registryId(cloud, host, program), binary: program, host: host.name,
      zone: program === 'nova-compute' ? cloud.config.availabilityZone : 'internal', status: 'enabled' as const, up: isRunning(host, program),
    }));
  });
}

export interface HypervisorRow {
  id: string;
  hostname: string;
  type: string;
  hostIp: string;
  up: boolean;
}

/** GET /os-hypervisors: one compute node per nova-compute, QEMU under libvirt, reachable at its management address; up while nova-compute runs. */
export function hypervisors(cloud: Cloud): HypervisorRow[] {
  return Object.values(cloud.hosts).filter((h) => installedServices(h.role).includes('nova-compute')).map((host) => ({
    id: registryId(cloud, host, 'compute-node'), hostname: host.name, type: 'QEMU', hostIp: host.managementIp, up: isRunning(host, 'nova-compute'),
  }));
}
