/**
 * The deployment the emulator starts from: the OpenStack install guide's
 * three-node layout (controller doubling as network node, compute nodes),
 * ML2/Linux bridge with VXLAN and l2population, and neutron's defaults.
 */
import type { CloudConfig, HostSpec } from './types.js';

export interface TopologyOptions {
  /** Number of compute nodes, compute1..computeN. */
  computes?: number;
  seed?: string;
  /** Record every step on the bus (default true). */
  tracing?: boolean;
}

/** compute1..compute100 fit 10.0.0.31-10.0.0.130 of the management /24. */
export const MAX_COMPUTES = 100;
const CONTROLLER_IP = '10.0.0.11';
/** compute1 is 10.0.0.31 in the install guide; the next ones follow. */
const FIRST_COMPUTE_HOST_OCTET = 31;

export function computeHosts(count: number): HostSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `compute${i + 1}`,
    role: 'compute' as const,
    managementIp: `10.0.0.${FIRST_COMPUTE_HOST_OCTET + i}`,
  }));
}

export function defaultConfig(options: TopologyOptions = {}): CloudConfig {
  const computes = options.computes ?? 2;
  if (!Number.isInteger(computes) || computes < 1 || computes > MAX_COMPUTES) {
    throw new RangeError(`computes must be an integer from 1 to ${MAX_COMPUTES}, got ${computes}`);
  }
  return {
    seed: options.seed ?? 'stacktutor',
    hosts: [{ name: 'controller', role: 'controller', managementIp: CONTROLLER_IP }, ...computeHosts(computes)],
    managementCidr: '10.0.0.0/24',
    managementGateway: '10.0.0.1',
    managementInterface: 'eth0',
    physicalNetwork: 'provider',
    providerInterface: 'eth1',
    vniRange: [1, 1000],
    vxlanUdpPort: 8472,
    globalPhysnetMtu: 1500,
    dnsDomain: 'openstacklocal',
    dhcpLeaseDuration: 86400,
    useRandomFully: true,
    baseMac: 'fa:16:3e:00:00:00',
    // 2026-01-05T09:00:00Z: a fixed start keeps timestamps and lease expiries reproducible.
    startTime: 1767603600,
    availabilityZone: 'nova',
  };
}

/** IPv4 header (20) + VXLAN_ENCAP_OVERHEAD (30: UDP 8 + VXLAN 8 + inner Ethernet 14). */
export const VXLAN_OVERHEAD = 50;

export function networkMtu(config: CloudConfig, type: 'vxlan' | 'flat' | 'vlan'): number {
  return type === 'vxlan' ? config.globalPhysnetMtu - VXLAN_OVERHEAD : config.globalPhysnetMtu;
}
