/**
 * `openstack network agent list` (openstackclient/network/v2/network_agent.py),
 * `openstack compute service list` (compute/v2/service.py) and `openstack
 * hypervisor list` (compute/v2/hypervisor.py), OSC 6.6.1. Alive prints as ":-)" or "XXX" and State as "UP" or "DOWN" in
 * tables (cliff FormattableColumn), the raw booleans in `-f json`.
 */
import { Formatted } from './columns';
import { presentList, type CliOutput, type OutputOptions } from './output';
import type { PyValue } from './python';

export interface NetworkAgentDict {
  id: string;
  agent_type: string;
  host: string;
  availability_zone: string | null;
  alive: boolean;
  admin_state_up: boolean;
  binary: string;
  /** Only with --router --long. */
  ha_state?: string | null;
}

export function presentNetworkAgentList(agents: readonly NetworkAgentDict[], opts: OutputOptions & { haState?: boolean } = {}): CliOutput {
  const headers = ['ID', 'Agent Type', 'Host', 'Availability Zone', 'Alive', 'State', 'Binary', ...(opts.haState ? ['HA State'] : [])];
  return presentList({
    headers,
    rows: agents.map((a) => [
      a.id, a.agent_type, a.host, a.availability_zone, new Formatted(a.alive ? ':-)' : 'XXX', a.alive), new Formatted(a.admin_state_up ? 'UP' : 'DOWN', a.admin_state_up), a.binary,
      ...(opts.haState ? [a.ha_state ?? null] : []),
    ]),
  }, opts);
}

export interface ComputeServiceDict {
  id: string;
  binary: string;
  host: string;
  zone: string;
  status: string;
  state: string;
  updated_at: string;
  disabled_reason: string | null;
  forced_down: boolean;
}

export function presentComputeServiceList(services: readonly ComputeServiceDict[], opts: OutputOptions = {}): CliOutput {
  const keys: (keyof ComputeServiceDict)[] = ['id', 'binary', 'host', 'zone', 'status', 'state', 'updated_at', ...(opts.long ? ['disabled_reason', 'forced_down'] as const : [])];
  const headers = ['ID', 'Binary', 'Host', 'Zone', 'Status', 'State', 'Updated At', ...(opts.long ? ['Disabled Reason', 'Forced Down'] : [])];
  return presentList({ headers, rows: services.map((s) => keys.map((k) => s[k] as PyValue)) }, opts);
}

export interface HypervisorDict {
  id: string;
  hypervisor_hostname: string;
  hypervisor_type: string;
  host_ip: string;
  state: string;
}

export function presentHypervisorList(hypervisors: readonly HypervisorDict[], opts: OutputOptions = {}): CliOutput {
  return presentList({
    headers: ['ID', 'Hypervisor Hostname', 'Hypervisor Type', 'Host IP', 'State'],
    rows: hypervisors.map((h) => [h.id, h.hypervisor_hostname, h.hypervisor_type, h.host_ip, h.state]),
  }, opts);
}
