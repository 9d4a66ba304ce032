/**
 * neutron-server: subnets. Validation follows db_base_plugin_v2 and
 * ipam_backend_mixin; a DHCP-enabled subnet schedules its network to the DHCP
 * agent, which builds the qdhcp namespace and starts dnsmasq.
 */
import type { Ctx } from '../core/context.js';
import { broadcastOf, cidrParts, cidrString, formatIp, networkOf, parseCidr, parseIp } from '../core/ip.js';
import type { AllocationPool, HostRoute, Subnet } from '../core/types.js';
import { faults } from './faults.js';
import { defaultPools, poolString } from './ipam.js';
import { notifySubnetCreated, notifySubnetDeleted, notifySubnetUpdated } from './notify.js';
import { OWNER_DHCP, getNetwork, getSubnet, insertSubnet, removeSubnet } from './queries.js';

export interface CreateSubnetRequest {
  id?: string;
  name: string;
  networkId: string;
  cidr: string;
  /** undefined = the first host address ("auto"), null = no gateway ("none"). */
  gatewayIp?: string | null;
  allocationPools?: AllocationPool[];
  dnsNameservers?: string[];
  hostRoutes?: HostRoute[];
  enableDhcp?: boolean;
  description?: string;
}

function validateDnsAndRoutes(req: { dnsNameservers?: string[] | undefined; hostRoutes?: HostRoute[] | undefined }): void {
  for (const dns of req.dnsNameservers ?? []) {
    if (parseIp(dns) === null) throw faults.invalidInput(`Error parsing dns address ${dns}`);
  }
  for (const route of req.hostRoutes ?? []) {
    if (!parseCidr(route.destination) || parseIp(route.nexthop) === null) {
      throw faults.invalidInput(`Invalid route: {'destination': '${route.destination}', 'nexthop': '${route.nexthop}'}`);
    }
  }
}

function validateCidr(ctx: Ctx, req: CreateSubnetRequest): { network: number; prefix: number; cidr: string } {
  const parsed = parseCidr(req.cidr);
  if (!parsed || !req.cidr.includes('/')) throw faults.invalidCidr(req.cidr);
  if (parsed.prefix === 0) throw faults.invalidInput('0 is not allowed as CIDR prefix length');
  const { network, prefix } = cidrParts(req.cidr);
  const cidr = cidrString(network, prefix);
  for (const other of Object.values(ctx.cloud.db.subnets)) {
    if (other.networkId !== req.networkId) continue;
    const o = cidrParts(other.cidr);
    const p = Math.min(o.prefix, prefix);
    if (networkOf(o.network, p) === networkOf(network, p)) {
      throw faults.invalidInput(`Requested subnet with cidr: ${cidr} for network: ${req.networkId} overlaps with another subnet`);
    }
  }
  if ((req.enableDhcp ?? true) && prefix > 30) {
    throw faults.invalidInput('Subnet has a prefix length that is incompatible with DHCP service enabled');
  }
  return { network, prefix, cidr };
}

function validatePools(pools: AllocationPool[], network: number, prefix: number, cidr: string, gateway: string | null): void {
  const first = prefix <= 30 ? network + 1 : network;
  const last = prefix <= 30 ? broadcastOf(network, prefix) - 1 : broadcastOf(network, prefix);
  const ranges = pools.map((p) => {
    const s = parseIp(p.start);
    const e = parseIp(p.end);
    if (s === null || e === null || s > e) throw faults.invalidPool(poolString(p));
    if (s < first || e > last) throw faults.outOfBoundsPool(poolString(p), cidr);
    return { pool: p, s, e };
  });
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const a = ranges[i]!, b = ranges[j]!;
      if (a.s <= b.e && b.s <= a.e) throw faults.overlappingPools(poolString(a.pool), poolString(b.pool), cidr);
    }
  }
  const gw = gateway === null ? null : parseIp(gateway);
  if (gw !== null) {
    const hit = ranges.find((r) => gw >= r.s && gw <= r.e);
    if (hit) throw faults.gatewayConflictsWithPool(gateway!, poolString(hit.pool));
  }
}

export function createSubnet(ctx: Ctx, req: CreateSubnetRequest): Subnet {
  ctx.api('POST /v2.0/subnets');
  const db = ctx.cloud.db;
  const network = getNetwork(db, req.networkId);
  if (req.id && db.subnets[req.id]) throw faults.invalidInput(`Subnet ${req.id} already exists`);
  const { network: net, prefix, cidr } = validateCidr(ctx, req);
  let gatewayIp: string | null;
  if (req.gatewayIp === undefined) gatewayIp = formatIp(net + 1);
  else if (req.gatewayIp === null) gatewayIp = null;
  else {
    const gw = parseIp(req.gatewayIp);
    if (gw === null) throw faults.invalidInput(`'${req.gatewayIp}' is not a valid IP address`);
    if (networkOf(gw, prefix) !== net || gw === net || gw === broadcastOf(net, prefix)) {
      throw faults.invalidInput('Gateway is not valid on subnet');
    }
    gatewayIp = req.gatewayIp;
  }
  const pools = req.allocationPools ?? defaultPools(cidr, gatewayIp);
  validatePools(pools, net, prefix, cidr, gatewayIp);
  validateDnsAndRoutes(req);
  const id = req.id ?? ctx.random.uuid('subnet');
  const subnet: Subnet = {
    id,
    name: req.name,
    networkId: network.id,
    projectId: ctx.cloud.currentProject,
    cidr,
    gatewayIp,
    allocationPools: pools,
    dnsNameservers: req.dnsNameservers ?? [],
    hostRoutes: (req.hostRoutes ?? []).map((r) => ({ destination: cidrString(cidrParts(r.destination).network, cidrParts(r.destination).prefix), nexthop: r.nexthop })),
    enableDhcp: req.enableDhcp ?? true,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    revision: 0,
    description: req.description ?? '',
  };
  insertSubnet(db, subnet);
  network.revision += 1;
  network.updatedAt = ctx.now;
  ctx.emit({
    from: 'neutron-server', to: 'neutron DB', channel: 'SQL', name: 'INSERT subnets, ipallocationpools',
    detail: `subnet ${subnet.name || id} ${cidr} on ${network.name || network.id}: gateway ${gatewayIp ?? 'none'}, pools ${pools.map(poolString).join(', ')}, DHCP ${subnet.enableDhcp ? 'enabled' : 'disabled'}`,
    flows: [2], subjects: [network.id, id],
  });
  notifySubnetCreated(ctx, subnet);
  return subnet;
}

export interface SubnetUpdate {
  name?: string;
  description?: string;
  enableDhcp?: boolean;
  dnsNameservers?: string[];
  hostRoutes?: HostRoute[];
}

/** PUT /v2.0/subnets/{id}: the DHCP agent then reloads its files, or restarts dnsmasq when DHCP was switched. */
export function updateSubnet(ctx: Ctx, id: string, update: SubnetUpdate): Subnet {
  ctx.api(`PUT /v2.0/subnets/${id}`);
  const subnet = getSubnet(ctx.cloud.db, id);
  validateDnsAndRoutes(update);
  const dhcpSwitched = update.enableDhcp !== undefined && update.enableDhcp !== subnet.enableDhcp;
  if (update.name !== undefined) subnet.name = update.name;
  if (update.description !== undefined) subnet.description = update.description;
  if (update.enableDhcp !== undefined) subnet.enableDhcp = update.enableDhcp;
  if (update.dnsNameservers) subnet.dnsNameservers = [...update.dnsNameservers];
  if (update.hostRoutes) subnet.hostRoutes = update.hostRoutes.map((r) => ({ destination: cidrString(cidrParts(r.destination).network, cidrParts(r.destination).prefix), nexthop: r.nexthop }));
  subnet.revision += 1;
  subnet.updatedAt = ctx.now;
  ctx.emit({
    from: 'neutron-server', to: 'neutron DB', channel: 'SQL', name: 'UPDATE subnets',
    detail: `subnet ${subnet.name || id}: ${Object.keys(update).join(', ') || 'nothing'} changed`,
    flows: [4], subjects: [subnet.networkId, id],
  });
  notifySubnetUpdated(ctx, subnet, dhcpSwitched);
  return subnet;
}

/** Refuses while any port other than the DHCP port holds an address from the subnet. */
export function deleteSubnet(ctx: Ctx, id: string): void {
  ctx.api(`DELETE /v2.0/subnets/${id}`);
  const db = ctx.cloud.db;
  const subnet = getSubnet(db, id);
  const users = Object.values(db.ports).filter((p) => p.fixedIps.some((f) => f.subnetId === id));
  if (users.some((p) => p.deviceOwner !== OWNER_DHCP)) throw faults.subnetInUse(id);
  for (const p of users) p.fixedIps = p.fixedIps.filter((f) => f.subnetId !== id);
  removeSubnet(db, subnet);
  ctx.emit({
    from: 'neutron-server', to: 'neutron DB', channel: 'SQL', name: 'DELETE subnets',
    detail: `subnet ${subnet.name || id} ${subnet.cidr} deleted`,
    flows: [2], subjects: [subnet.networkId, id],
  });
  notifySubnetDeleted(ctx, subnet);
}
