/** Read-only lookups over the API database, shared by the API handlers and the agents. */
import type { Database, Network, Port, Router, Subnet } from '../core/types.js';
import { faults } from './faults.js';

export const OWNER_DHCP = 'network:dhcp';
export const OWNER_ROUTER_INTERFACE = 'network:router_interface';
export const OWNER_ROUTER_GATEWAY = 'network:router_gateway';
export const OWNER_FLOATINGIP = 'network:floatingip';

export function getNetwork(db: Database, id: string): Network {
  const n = db.networks[id];
  if (!n) throw faults.networkNotFound(id);
  return n;
}

export function getSubnet(db: Database, id: string): Subnet {
  const s = db.subnets[id];
  if (!s) throw faults.subnetNotFound(id);
  return s;
}

export function getPort(db: Database, id: string): Port {
  const p = db.ports[id];
  if (!p) throw faults.portNotFound(id);
  return p;
}

export function getRouter(db: Database, id: string): Router {
  const r = db.routers[id];
  if (!r) throw faults.routerNotFound(id);
  return r;
}

/** Subnets of a network in the order neutron returns them to agents (by id, the primary key). */
export function subnetsOf(db: Database, networkId: string): Subnet[] {
  return subnetsInCreationOrder(db, networkId).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Subnets of a network in creation order (IPAM tries them in this order). */
export function subnetsInCreationOrder(db: Database, networkId: string): Subnet[] {
  return (db.subnetsByNetwork[networkId] ?? []).map((id) => db.subnets[id]!);
}

export function insertSubnet(db: Database, subnet: Subnet): void {
  db.subnets[subnet.id] = subnet;
  (db.subnetsByNetwork[subnet.networkId] ??= []).push(subnet.id);
}

export function removeSubnet(db: Database, subnet: Subnet): void {
  delete db.subnets[subnet.id];
  const ids = (db.subnetsByNetwork[subnet.networkId] ?? []).filter((id) => id !== subnet.id);
  if (ids.length) db.subnetsByNetwork[subnet.networkId] = ids;
  else delete db.subnetsByNetwork[subnet.networkId];
}

export function portsOf(db: Database, networkId: string): Port[] {
  return (db.portsByNetwork[networkId] ?? []).map((id) => db.ports[id]!);
}

/** The only two places ports enter and leave the database, so the per-network index stays exact. */
export function insertPort(db: Database, port: Port): void {
  db.ports[port.id] = port;
  (db.portsByNetwork[port.networkId] ??= []).push(port.id);
}

export function removePort(db: Database, port: Port): void {
  delete db.ports[port.id];
  const ids = (db.portsByNetwork[port.networkId] ?? []).filter((id) => id !== port.id);
  if (ids.length) db.portsByNetwork[port.networkId] = ids;
  else delete db.portsByNetwork[port.networkId];
}

export function portsOnHost(db: Database, host: string): Port[] {
  return Object.values(db.ports).filter((p) => p.bindingHostId === host);
}

export function dhcpPortOf(db: Database, networkId: string): Port | undefined {
  return portsOf(db, networkId).find((p) => p.deviceOwner === OWNER_DHCP);
}

export function routerInterfacePorts(db: Database, routerId: string): Port[] {
  return Object.values(db.ports).filter((p) => p.deviceId === routerId && p.deviceOwner === OWNER_ROUTER_INTERFACE);
}

export function routerGatewayPort(db: Database, router: Router): Port | undefined {
  return router.gateway ? db.ports[router.gateway.portId] : undefined;
}

export function floatingIpsOfRouter(db: Database, routerId: string) {
  return Object.values(db.floatingIps).filter((f) => f.routerId === routerId);
}

/** Every IPv4 address in use on a subnet. */
export function usedAddresses(db: Database, subnetId: string): Set<string> {
  const used = new Set<string>();
  const subnet = db.subnets[subnetId];
  for (const p of subnet ? portsOf(db, subnet.networkId) : []) {
    for (const f of p.fixedIps) if (f.subnetId === subnetId) used.add(f.ipAddress);
  }
  return used;
}

/** A port is "compute" when nova owns it; the L2 agent treats those differently (libvirt plugs them). */
export function isComputePort(port: Port): boolean {
  return port.deviceOwner.startsWith('compute:');
}
