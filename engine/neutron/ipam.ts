/**
 * neutron's reference IPAM driver: allocation pools and how a fixed IP is
 * chosen (ipam/requests.py AddressRequestFactory + neutrondb_ipam _generate_ips).
 *  - an explicit address: that address, if it is inside the subnet and free;
 *  - DHCP ports: the lowest free address (PreferNextAddressRequest);
 *  - everything else: a random pick among the first MAX_WIN free addresses
 *    of the first pool that has any (AnyAddressRequest).
 */
import type { Ctx } from '../core/context.js';
import { broadcastOf, cidrParts, formatIp, networkOf, parseIp } from '../core/ip.js';
import type { AllocationPool, Database, FixedIp, Subnet } from '../core/types.js';
import { faults } from './faults.js';
import { subnetsInCreationOrder, usedAddresses } from './queries.js';

/** neutrondb_ipam driver's random window. */
export const MAX_WIN = 1000;

export type AddressRequest =
  | { kind: 'specific'; subnetId: string; ipAddress: string }
  | { kind: 'lowest'; subnetId?: string }
  | { kind: 'any'; subnetId?: string };

/** Default pools: the whole subnet minus network, broadcast and gateway addresses. */
export function defaultPools(cidr: string, gatewayIp: string | null): AllocationPool[] {
  const { network, prefix } = cidrParts(cidr);
  let first = network;
  let last = broadcastOf(network, prefix);
  if (prefix <= 30) {
    first += 1;
    last -= 1;
  }
  const gw = gatewayIp === null ? null : parseIp(gatewayIp);
  const ranges: Array<[number, number]> = [];
  if (gw !== null && gw >= first && gw <= last) {
    if (gw > first) ranges.push([first, gw - 1]);
    if (gw < last) ranges.push([gw + 1, last]);
  } else {
    ranges.push([first, last]);
  }
  return ranges.map(([s, e]) => ({ start: formatIp(s), end: formatIp(e) }));
}

export function poolString(pool: AllocationPool): string {
  return `${pool.start}-${pool.end}`;
}

export function inPools(subnet: Subnet, ip: number): boolean {
  return subnet.allocationPools.some((p) => ip >= parseIp(p.start)! && ip <= parseIp(p.end)!);
}

/** Numeric forms of the addresses in use, so pools are scanned without formatting every address. */
function usedNumbers(ctx: Ctx, subnet: Subnet, reserved: Set<string>): Set<number> {
  const used = new Set<number>();
  for (const ip of usedAddresses(ctx.cloud.db, subnet.id)) used.add(parseIp(ip)!);
  for (const ip of reserved) used.add(parseIp(ip)!);
  return used;
}

/** The `index`-th free address of a pool (lowest first), or the count of free ones seen up to `limit`. */
function scanPool(pool: AllocationPool, used: Set<number>, limit: number, index = -1): { count: number; pick: number | null } {
  let count = 0;
  const end = parseIp(pool.end)!;
  for (let ip = parseIp(pool.start)!; ip <= end && count < limit; ip++) {
    if (used.has(ip)) continue;
    if (count === index) return { count, pick: ip };
    count++;
  }
  return { count, pick: null };
}

export function freeAddressCount(db: Database, subnet: Subnet): number {
  const used = new Set([...usedAddresses(db, subnet.id)].map((ip) => parseIp(ip)!));
  return subnet.allocationPools.reduce((n, pool) => n + scanPool(pool, used, Number.MAX_SAFE_INTEGER).count, 0);
}

/** Picks an address from one subnet, or returns null when the subnet is exhausted. */
function allocateFromSubnet(ctx: Ctx, subnet: Subnet, lowest: boolean, reserved: Set<string>): string | null {
  const used = usedNumbers(ctx, subnet, reserved);
  for (const pool of subnet.allocationPools) {
    const { count } = scanPool(pool, used, lowest ? 1 : MAX_WIN);
    if (count === 0) continue;
    const index = lowest ? 0 : ctx.random.int('ipam', count);
    return formatIp(scanPool(pool, used, count, index).pick!);
  }
  return null;
}

/** True when `ip` is a host address of the subnet's CIDR (not network/broadcast for /30 and larger). */
export function validForSubnet(subnet: Subnet, ipText: string): boolean {
  const ip = parseIp(ipText);
  if (ip === null) return false;
  const { network, prefix } = cidrParts(subnet.cidr);
  if (networkOf(ip, prefix) !== network) return false;
  if (prefix <= 30 && (ip === network || ip === broadcastOf(network, prefix))) return false;
  return true;
}

/**
 * Resolves a port's address requests into fixed IPs, validating everything
 * before the caller commits anything. `reserved` holds addresses already
 * promised in the same request.
 */
export function allocateFixedIps(ctx: Ctx, networkId: string, requests: AddressRequest[]): FixedIp[] {
  const db = ctx.cloud.db;
  const reserved = new Set<string>();
  const result: FixedIp[] = [];
  for (const req of requests) {
    if (req.kind === 'specific') {
      const subnet = db.subnets[req.subnetId];
      if (!subnet || subnet.networkId !== networkId) throw faults.invalidIpForNetwork(req.ipAddress);
      if (!validForSubnet(subnet, req.ipAddress)) throw faults.invalidIpForSubnet(req.ipAddress);
      if (usedAddresses(db, subnet.id).has(req.ipAddress) || reserved.has(req.ipAddress)) {
        throw faults.ipInUse(networkId, req.ipAddress);
      }
      reserved.add(req.ipAddress);
      result.push({ subnetId: subnet.id, ipAddress: req.ipAddress });
      continue;
    }
    const lowest = req.kind === 'lowest';
    const candidates = req.subnetId ? [db.subnets[req.subnetId]!] : subnetsInCreationOrder(db, networkId);
    let done = false;
    for (const subnet of candidates) {
      const ip = allocateFromSubnet(ctx, subnet, lowest, reserved);
      if (ip) {
        reserved.add(ip);
        result.push({ subnetId: subnet.id, ipAddress: ip });
        done = true;
        break;
      }
    }
    if (!done) {
      throw req.subnetId ? faults.subnetIpExhausted(req.subnetId) : faults.ipExhausted(networkId);
    }
  }
  return result;
}
