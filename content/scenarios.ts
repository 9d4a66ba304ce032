/**
 * Seeded scenarios for questions: the install guide's shape (a flat provider
 * network, tenant VXLAN networks, a router, instances, floating IPs) with
 * names, address ranges, sizes and node counts that change with the seed, so
 * no answer can be memorised from another question.
 */
import type { Pick } from './pick.js';

export interface TenantNet {
  network: string;
  subnet: string;
  cidr: string;
  gateway: string;
  dns: string[];
  dhcp: boolean;
}

export interface Topology {
  lines: string[];
  computes: number;
  provider: { network: string; subnet: string; cidr: string; gateway: string };
  tenants: TenantNet[];
  router: string | null;
  instances: Array<{ name: string; network: string }>;
  fips: Array<{ address: string; instance: string }>;
}

export interface TopologyOptions {
  tenants?: number;
  router?: boolean;
  gateway?: boolean;
  disableSnat?: boolean;
  instances?: number;
  fips?: number;
  /** Give the first tenant network a second subnet. */
  secondSubnet?: boolean;
  /** DHCP on the tenant subnets (default on). */
  dhcp?: boolean;
  computes?: [number, number];
}

const NETWORK_NAMES = ['selfservice', 'private', 'app-net', 'web-net', 'backend', 'blue', 'tenant-a', 'lab-net', 'dev-net', 'db-net', 'green', 'int-net'];
const ROUTER_NAMES = ['router', 'router1', 'edge', 'gw-router', 'r1', 'demo-router'];
const INSTANCE_NAMES = ['vm1', 'web-01', 'app1', 'selfservice-instance', 'test-vm', 'db-1', 'cirros-a', 'node-a', 'api-1', 'worker1'];
const PROVIDER_NAMES = ['provider', 'public', 'ext-net', 'external'];
const EXTERNAL_RANGES = ['203.0.113', '198.51.100', '192.0.2'];
const DNS_SERVERS = ['8.8.4.4', '8.8.8.8', '1.1.1.1', '9.9.9.9', '114.114.114.114', '223.5.5.5'];

function ipOf(base: number): string {
  return `${(base >>> 24) & 255}.${(base >>> 16) & 255}.${(base >>> 8) & 255}.${base & 255}`;
}

/** A private range that differs per seed: 10.x.y.0, 172.16-31.x.0 or 192.168.x.0 with /24 to /27. */
function tenantCidr(pick: Pick, used: Set<string>): { cidr: string; network: number; prefix: number } {
  for (;;) {
    const family = pick.int(3);
    const prefix = pick.one([24, 24, 25, 26, 27]);
    let network: number;
    if (family === 0) network = ((10 << 24) | (pick.int(256) << 16) | (pick.int(256) << 8)) >>> 0;
    else if (family === 1) network = ((172 << 24) | ((16 + pick.int(16)) << 16) | (pick.int(256) << 8)) >>> 0;
    else network = ((192 << 24) | (168 << 16) | (pick.int(256) << 8)) >>> 0;
    const key = ipOf(network).split('.').slice(0, 3).join('.');
    if (used.has(key)) continue;
    used.add(key);
    return { cidr: `${ipOf(network)}/${prefix}`, network, prefix };
  }
}

export function tenantCloud(pick: Pick, options: TopologyOptions = {}): Topology {
  const [minComputes, maxComputes] = options.computes ?? [2, 3];
  const computes = pick.between(minComputes, maxComputes);
  const ext = pick.one(EXTERNAL_RANGES);
  const provider = { network: pick.one(PROVIDER_NAMES), subnet: '', cidr: `${ext}.0/24`, gateway: `${ext}.1` };
  provider.subnet = `${provider.network}-subnet`;
  const poolStart = pick.between(10, 100);
  const lines = [
    '. admin-openrc',
    `openstack network create --share --external --provider-physical-network provider --provider-network-type flat ${provider.network}`,
    `openstack subnet create --network ${provider.network} --allocation-pool start=${ext}.${poolStart},end=${ext}.${poolStart + 140} --dns-nameserver ${pick.one(DNS_SERVERS)} --gateway ${provider.gateway} --subnet-range ${provider.cidr} ${provider.subnet}`,
    '. demo-openrc',
  ];
  const usedRanges = new Set<string>();
  const names = pick.shuffle(NETWORK_NAMES);
  const tenants: TenantNet[] = [];
  for (let i = 0; i < (options.tenants ?? 1); i++) {
    const { cidr, network } = tenantCidr(pick, usedRanges);
    const gateway = ipOf(network + 1);
    const dns = pick.bool() ? [pick.one(DNS_SERVERS)] : [];
    const t: TenantNet = { network: names[i]!, subnet: `${names[i]}-v4`, cidr, gateway, dns, dhcp: options.dhcp ?? true };
    tenants.push(t);
    lines.push(`openstack network create ${t.network}`);
    lines.push(`openstack subnet create --network ${t.network}${dns.map((d) => ` --dns-nameserver ${d}`).join('')} --gateway ${gateway} --subnet-range ${cidr}${t.dhcp ? '' : ' --no-dhcp'} ${t.subnet}`);
  }
  if (options.secondSubnet && tenants[0]) {
    const { cidr, network } = tenantCidr(pick, usedRanges);
    lines.push(`openstack subnet create --network ${tenants[0].network} --subnet-range ${cidr} --gateway ${ipOf(network + 1)} ${tenants[0].network}-v4b`);
  }
  const router = options.router || options.gateway || options.fips ? pick.one(ROUTER_NAMES) : null;
  if (router) {
    lines.push(`openstack router create ${router}`);
    for (const t of tenants) lines.push(`openstack router add subnet ${router} ${t.subnet}`);
  }
  const instanceNames = pick.shuffle(INSTANCE_NAMES);
  const instances = Array.from({ length: options.instances ?? 0 }, (_, i) => ({ name: instanceNames[i]!, network: tenants[i % tenants.length]!.network }));
  // Floating addresses are pinned before the gateway takes its random one, so they never collide.
  const fips: Topology['fips'] = [];
  const fipCount = Math.min(options.fips ?? 0, instances.length);
  // Offset 0 is the pool start, which the provider network's DHCP port takes.
  const offsets = pick.some(Array.from({ length: 139 }, (_, i) => i + 1), fipCount);
  for (let i = 0; i < fipCount; i++) {
    const address = `${ext}.${poolStart + offsets[i]!}`;
    fips.push({ address, instance: instances[i]!.name });
    lines.push(`openstack floating ip create --floating-ip-address ${address} ${provider.network}`);
  }
  if (router && (options.gateway || fipCount > 0)) {
    lines.push(`openstack router set ${router} --external-gateway ${provider.network}${options.disableSnat ? ' --disable-snat' : ''}`);
  }
  for (const inst of instances) lines.push(`openstack server create --flavor m1.nano --image cirros --nic net-id=${inst.network} ${inst.name}`);
  for (const f of fips) lines.push(`openstack server add floating ip ${f.instance} ${f.address}`);
  return { lines, computes, provider, tenants, router, instances, fips };
}
