/**
 * Helpers for the flow 2 families (not a family; not listed in index.ts): a tenant
 * network whose subnets vary per seed in the ways that change what the DHCP agent
 * builds (gateway first, last or none; a custom allocation pool; a second subnet;
 * a router interface), and lookups of the network's DHCP objects.
 */
import type { Cloud, Network, Port } from '../../../engine/core/types.js';
import { names } from '../../lookup.js';
import type { Pick } from '../../pick.js';
import { tenantCloud } from '../../scenarios.js';

export type GatewayStyle = 'first' | 'last' | 'none' | 'pool';

export interface VariantSubnet {
  name: string;
  cidr: string;
  style: GatewayStyle;
}

export interface VariantNetwork {
  lines: string[];
  computes: number;
  network: string;
  subnets: VariantSubnet[];
  router: string | null;
}

const NET_NAMES = ['selfservice', 'private', 'app-net', 'blue', 'lab-net', 'db-net', 'int-net', 'tenant-a'];
const ROUTERS = ['router', 'r1', 'edge', 'demo-router'];

const ip = (n: number) => `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;

/** A private, aligned CIDR of /24 to /27 whose third octet differs from `avoid`. */
function cidrOf(pick: Pick, avoid: Set<string>): { base: number; prefix: number } {
  for (;;) {
    const prefix = pick.one([24, 24, 25, 26, 27]);
    const size = 2 ** (32 - prefix);
    const family = pick.int(3);
    const hi = family === 0 ? (10 << 24) | (pick.int(256) << 16) : family === 1 ? (172 << 24) | ((16 + pick.int(16)) << 16) : (192 << 24) | (168 << 16);
    const third = pick.int(256);
    const fourth = pick.int(256 / size) * size;
    const base = (hi | (third << 8) | fourth) >>> 0;
    const key = ip(base).split('.').slice(0, 3).join('.');
    if (avoid.has(key)) continue;
    avoid.add(key);
    return { base, prefix };
  }
}

/** `openstack subnet create` for one subnet in the given gateway style. */
function subnetLine(pick: Pick, network: string, name: string, base: number, prefix: number, style: GatewayStyle): string {
  const size = 2 ** (32 - prefix);
  const cidr = `${ip(base)}/${prefix}`;
  switch (style) {
    case 'first': return `openstack subnet create --network ${network} --gateway ${ip(base + 1)} --subnet-range ${cidr} ${name}`;
    case 'last': return `openstack subnet create --network ${network} --gateway ${ip(base + size - 2)} --subnet-range ${cidr} ${name}`;
    case 'none': return `openstack subnet create --network ${network} --gateway none --subnet-range ${cidr} ${name}`;
    case 'pool': {
      const start = pick.between(5, Math.floor(size / 2));
      const end = pick.between(start + 2, size - 2);
      return `openstack subnet create --network ${network} --allocation-pool start=${ip(base + start)},end=${ip(base + end)} --gateway ${ip(base + 1)} --subnet-range ${cidr} ${name}`;
    }
  }
}

export interface VariantOptions {
  /** Allow a second subnet on the network. */
  second?: boolean;
  /** Allow a router interface on the first subnet (when it has a gateway). */
  router?: boolean;
  computes?: [number, number];
}

export function variantNetwork(pick: Pick, options: VariantOptions = {}): VariantNetwork {
  const base = tenantCloud(pick, { tenants: 0, computes: options.computes ?? [1, 3] });
  const network = pick.one(NET_NAMES);
  const used = new Set<string>();
  const lines = [...base.lines, `openstack network create ${network}`];
  const subnets: VariantSubnet[] = [];
  const first = cidrOf(pick, used);
  const style = pick.one<GatewayStyle>(['first', 'last', 'none', 'pool']);
  lines.push(subnetLine(pick, network, `${network}-v4`, first.base, first.prefix, style));
  subnets.push({ name: `${network}-v4`, cidr: `${ip(first.base)}/${first.prefix}`, style });
  if (options.second && pick.bool()) {
    const second = cidrOf(pick, used);
    const style2 = pick.one<GatewayStyle>(['first', 'last']);
    lines.push(subnetLine(pick, network, `${network}-v4b`, second.base, second.prefix, style2));
    subnets.push({ name: `${network}-v4b`, cidr: `${ip(second.base)}/${second.prefix}`, style: style2 });
  }
  let router: string | null = null;
  if (options.router && style !== 'none' && pick.bool()) {
    router = pick.one(ROUTERS);
    lines.push(`openstack router create ${router}`, `openstack router add subnet ${router} ${network}-v4`);
  }
  return { lines, computes: base.computes, network, subnets, router };
}

export function dhcpPort(cloud: Cloud, network: Network): Port {
  const port = Object.values(cloud.db.ports).find((p) => p.networkId === network.id && p.deviceOwner === 'network:dhcp');
  if (!port) throw new Error(`network ${network.name} has no DHCP port`);
  return port;
}

/** The command that shows the DHCP namespace's routes, and the namespace itself. */
export function qdhcp(network: Network): string {
  return names.dhcpNamespace(network.id);
}
