/**
 * neutron-server: floating IPs (l3_db). The address lives on a
 * network:floatingip port that is never bound; association picks the router
 * that has both an interface on the fixed IP's subnet and a gateway on the
 * floating IP's network, and the L3 agent does the rest.
 */
import type { Ctx } from '../core/context.js';
import { ServiceError } from '../core/errors.js';
import type { FloatingIp, Port } from '../core/types.js';
import { faults } from './faults.js';
import { notifyRouterUpdated } from './notify.js';
import { createPort, deletePort } from './port.js';
import { OWNER_FLOATINGIP, getNetwork, getPort, routerInterfacePorts } from './queries.js';

export function getFloatingIp(ctx: Ctx, id: string): FloatingIp {
  const fip = ctx.cloud.db.floatingIps[id];
  if (!fip) throw faults.floatingIpNotFound(id);
  return fip;
}

export function createFloatingIp(ctx: Ctx, req: { id?: string; networkId: string; floatingIpAddress?: string; description?: string }): FloatingIp {
  ctx.api('POST /v2.0/floatingips');
  const db = ctx.cloud.db;
  const network = getNetwork(db, req.networkId);
  if (!network.external) throw faults.badRequest('floatingip', `Network ${network.id} is not a valid external network`);
  if (!Object.values(db.subnets).some((s) => s.networkId === network.id)) {
    throw faults.badRequest('floatingip', `Network ${network.id} does not contain any IPv4 subnet`);
  }
  if (req.id && db.floatingIps[req.id]) throw faults.badRequest('floatingip', `Floating IP ${req.id} already exists`);
  const id = req.id ?? ctx.random.uuid('floatingip');
  let port: Port;
  try {
    port = createPort(ctx, {
      networkId: network.id, deviceOwner: OWNER_FLOATINGIP, deviceId: id, caller: 'neutron-server', flows: [8],
      ...(req.floatingIpAddress ? { fixedIps: [{ ipAddress: req.floatingIpAddress }] } : {}),
    });
  } catch (e) {
    if (e instanceof ServiceError && e.type === 'IpAddressGenerationFailure') throw faults.externalIpExhausted(network.id);
    throw e;
  }
  const fip: FloatingIp = {
    id, floatingIpAddress: port.fixedIps[0]!.ipAddress, floatingNetworkId: network.id, portId: null, fixedIpAddress: null,
    routerId: null, status: 'DOWN', fipPortId: port.id, projectId: ctx.cloud.currentProject,
    createdAt: ctx.now, updatedAt: ctx.now, revision: 0, description: req.description ?? '',
  };
  db.floatingIps[id] = fip;
  ctx.emit({
    from: 'client', to: 'neutron-server', channel: 'REST', name: 'POST /v2.0/floatingips',
    detail: `floating IP ${fip.floatingIpAddress} on ${network.name || network.id}, held by port ${port.id} (network:floatingip, never bound, no tap, not in any DHCP host file); status DOWN`,
    flows: [8], subjects: [id, port.id],
  });
  return fip;
}

/** _get_router_for_floatingip: prefer the router whose interface holds the subnet's gateway IP. */
function routerFor(ctx: Ctx, port: Port, fixedIp: string, extNetId: string): string {
  const db = ctx.cloud.db;
  const subnetId = port.fixedIps.find((f) => f.ipAddress === fixedIp)!.subnetId;
  const subnet = db.subnets[subnetId]!;
  let first: string | null = null;
  for (const router of Object.values(db.routers)) {
    if (router.gateway?.networkId !== extNetId) continue;
    const iface = routerInterfacePorts(db, router.id).find((p) => p.networkId === port.networkId && p.fixedIps.some((f) => f.subnetId === subnetId));
    if (!iface) continue;
    if (iface.fixedIps.some((f) => f.ipAddress === subnet.gatewayIp)) return router.id;
    first ??= router.id;
  }
  if (first) return first;
  throw faults.externalNotReachable(extNetId, subnetId, port.id);
}

/**
 * Everything neutron checks before it associates: the port can take a
 * floating IP, the fixed IP is its own, a router connects the two networks,
 * and that fixed IP has no other floating IP on this network.
 */
export function checkAssociation(ctx: Ctx, fip: { id: string; floatingIpAddress: string; floatingNetworkId: string }, portId: string, fixedIpAddress?: string): { port: Port; fixedIp: string; routerId: string } {
  const db = ctx.cloud.db;
  const port = getPort(db, portId);
  if (port.deviceOwner.startsWith('network:')) throw faults.badRequest('floatingip', `Port ${port.id} is unable to be assigned a floating IP`);
  const v4 = port.fixedIps.filter((f) => f.ipAddress.includes('.'));
  if (v4.length === 0) throw faults.badRequest('floatingip', `Cannot add floating IP to port ${port.id} that has no fixed IPv4 addresses`);
  let fixedIp: string;
  if (fixedIpAddress) {
    if (!v4.some((f) => f.ipAddress === fixedIpAddress)) throw faults.badRequest('floatingip', `Port ${port.id} does not have fixed ip ${fixedIpAddress}`);
    fixedIp = fixedIpAddress;
  } else {
    if (v4.length > 1) throw faults.badRequest('floatingip', `Port ${port.id} has multiple fixed IPv4 addresses.  Must provide a specific IPv4 address when assigning a floating IP`);
    fixedIp = v4[0]!.ipAddress;
  }
  const routerId = routerFor(ctx, port, fixedIp, fip.floatingNetworkId);
  const clash = Object.values(db.floatingIps).find((o) => o.id !== fip.id && o.portId === port.id && o.fixedIpAddress === fixedIp && o.floatingNetworkId === fip.floatingNetworkId);
  if (clash) throw faults.fipPortAlreadyAssociated(fip.floatingIpAddress, fip.id, port.id, fixedIp, fip.floatingNetworkId);
  return { port, fixedIp, routerId };
}

export function associateFloatingIp(ctx: Ctx, fipId: string, portId: string, fixedIpAddress?: string): void {
  ctx.api(`PUT /v2.0/floatingips/${fipId}`);
  const db = ctx.cloud.db;
  const fip = getFloatingIp(ctx, fipId);
  const { port, fixedIp, routerId } = checkAssociation(ctx, fip, portId, fixedIpAddress);
  const previousRouter = fip.routerId;
  Object.assign(fip, { portId: port.id, fixedIpAddress: fixedIp, routerId, revision: fip.revision + 1, updatedAt: ctx.now });
  ctx.emit({
    from: 'client', to: 'neutron-server', channel: 'REST', name: `PUT /v2.0/floatingips/${fip.id}`,
    detail: `${fip.floatingIpAddress} -> ${fixedIp} (port ${port.id}) through router ${db.routers[routerId]!.name || routerId}, the router with an interface on the fixed IP's subnet and a gateway on the floating network`,
    flows: [8], subjects: [fip.id, port.id, routerId],
  });
  if (previousRouter && previousRouter !== routerId && db.routers[previousRouter]) {
    notifyRouterUpdated(ctx, db.routers[previousRouter]!, `floating IP ${fip.floatingIpAddress} moved away`, [8]);
  }
  notifyRouterUpdated(ctx, db.routers[routerId]!, `floating IP ${fip.floatingIpAddress} associated`, [8], [fip.id]);
}

export function disassociateFloatingIp(ctx: Ctx, fipId: string): void {
  ctx.api(`PUT /v2.0/floatingips/${fipId}`);
  const db = ctx.cloud.db;
  const fip = getFloatingIp(ctx, fipId);
  const routerId = fip.routerId;
  if (!fip.portId) return;
  Object.assign(fip, { portId: null, fixedIpAddress: null, routerId: null, status: 'DOWN', revision: fip.revision + 1, updatedAt: ctx.now });
  ctx.emit({
    from: 'client', to: 'neutron-server', channel: 'REST', name: `PUT /v2.0/floatingips/${fip.id}`,
    detail: `${fip.floatingIpAddress} disassociated (port_id null), status DOWN`, flows: [8], subjects: [fip.id],
  });
  if (routerId && db.routers[routerId]) notifyRouterUpdated(ctx, db.routers[routerId]!, `floating IP ${fip.floatingIpAddress} disassociated`, [8], [fip.id]);
}

export function deleteFloatingIp(ctx: Ctx, fipId: string): void {
  ctx.api(`DELETE /v2.0/floatingips/${fipId}`);
  const db = ctx.cloud.db;
  const fip = getFloatingIp(ctx, fipId);
  const routerId = fip.routerId;
  delete db.floatingIps[fip.id];
  deletePort(ctx, fip.fipPortId, { internal: true, caller: 'neutron-server', flows: [8] });
  ctx.emit({
    from: 'client', to: 'neutron-server', channel: 'REST', name: `DELETE /v2.0/floatingips/${fip.id}`,
    detail: `floating IP ${fip.floatingIpAddress} released`, flows: [8], subjects: [fip.id],
  });
  if (routerId && db.routers[routerId]) notifyRouterUpdated(ctx, db.routers[routerId]!, `floating IP ${fip.floatingIpAddress} deleted`, [8], [fip.id]);
}

/** Ports that a compute port's deletion must first release (FipAssociated is not raised for nova's own deletes). */
export function floatingIpsOnPort(ctx: Ctx, portId: string): FloatingIp[] {
  return Object.values(ctx.cloud.db.floatingIps).filter((f) => f.portId === portId);
}

