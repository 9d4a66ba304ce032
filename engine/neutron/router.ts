/**
 * neutron-server: routers (l3_db). Interfaces are ports that take the
 * subnet's gateway IP; the gateway is a port on the external network with a
 * random address from its pool; every change is a routers_updated cast.
 */
import type { Ctx } from '../core/context.js';
import { ServiceError } from '../core/errors.js';
import { cidrParts, ipInCidr, networkOf } from '../core/ip.js';
import type { Port, Router } from '../core/types.js';
import { L3_HOST } from '../agents/l3.js';
import { routesThrough } from './extraroute.js';
import { faults } from './faults.js';
import { notifyRouterCreated, notifyRouterDeleted, notifyRouterUpdated } from './notify.js';
import { createPort, deletePort } from './port.js';
import { allocateFixedIps } from './ipam.js';
import { OWNER_ROUTER_GATEWAY, OWNER_ROUTER_INTERFACE, floatingIpsOfRouter, getNetwork, getPort, getRouter, getSubnet, routerInterfacePorts } from './queries.js';

export interface GatewayRequest {
  networkId: string;
  enableSnat?: boolean;
  fixedIps?: Array<{ subnetId?: string; ipAddress?: string }>;
}

export function createRouter(ctx: Ctx, req: { id?: string; name: string; description?: string; gateway?: GatewayRequest }): Router {
  ctx.api('POST /v2.0/routers');
  const db = ctx.cloud.db;
  if (req.id && db.routers[req.id]) throw faults.badRequest('router', `Router ${req.id} already exists`);
  if (req.gateway) validateGateway(ctx, req.gateway);
  const id = req.id ?? ctx.random.uuid('router');
  const router: Router = {
    id, name: req.name, projectId: ctx.cloud.currentProject, gateway: null, l3AgentHost: L3_HOST, routes: [],
    createdAt: ctx.now, updatedAt: ctx.now, revision: 1, description: req.description ?? '',
  };
  db.routers[id] = router;
  ctx.emit({
    from: 'client', to: 'neutron-server', channel: 'REST', name: 'POST /v2.0/routers',
    detail: `router ${req.name || id} created and scheduled to the L3 agent on ${L3_HOST}`, flows: [6], subjects: [id],
  });
  if (req.gateway) attachGatewayPort(ctx, router, req.gateway);
  notifyRouterCreated(ctx, router);
  return router;
}

/** Router ports are bound to the L3 agent's host when the agent syncs the router. */
function bindToL3Host(port: Port): void {
  port.bindingHostId = L3_HOST;
  port.vifType = 'bridge';
  port.provisioningBlocks = ['L2'];
}

function assertNoOverlap(ctx: Ctx, router: Router, subnetId: string): void {
  const subnet = getSubnet(ctx.cloud.db, subnetId);
  const { network, prefix } = cidrParts(subnet.cidr);
  // _check_for_dup_router_subnets looks at every router port, the gateway port included.
  const gateway = router.gateway ? ctx.cloud.db.ports[router.gateway.portId] : undefined;
  for (const port of [...routerInterfacePorts(ctx.cloud.db, router.id), ...(gateway ? [gateway] : [])]) {
    for (const f of port.fixedIps) {
      if (f.subnetId === subnetId) throw faults.badRequest('router', `Router already has a port on subnet ${subnetId}`);
      const other = ctx.cloud.db.subnets[f.subnetId]!;
      const o = cidrParts(other.cidr);
      const p = Math.min(prefix, o.prefix);
      if (networkOf(network, p) === networkOf(o.network, p)) {
        throw faults.badRequest('router', `Cidr ${subnet.cidr} of subnet ${subnet.id} overlaps with cidr ${other.cidr} of subnet ${other.id}`);
      }
    }
  }
}

export function addInterface(ctx: Ctx, routerId: string, target: { subnetId: string } | { portId: string }): Port {
  ctx.api(`PUT /v2.0/routers/${routerId}/add_router_interface`);
  const db = ctx.cloud.db;
  const router = getRouter(db, routerId);
  let port: Port;
  if ('subnetId' in target) {
    const subnet = getSubnet(db, target.subnetId);
    if (!subnet.gatewayIp) throw faults.badRequest('router', 'Subnet for router interface must have a gateway IP');
    assertNoOverlap(ctx, router, subnet.id);
    emitAddInterface(ctx, router.id, `subnet ${subnet.name || subnet.id}: neutron creates a port holding the gateway IP ${subnet.gatewayIp}`, [subnet.networkId]);
    port = createPort(ctx, {
      networkId: subnet.networkId, fixedIps: [{ subnetId: subnet.id, ipAddress: subnet.gatewayIp }],
      deviceOwner: OWNER_ROUTER_INTERFACE, deviceId: router.id, caller: 'neutron-server', flows: [6],
    });
  } else {
    port = getPort(db, target.portId);
    if (port.deviceId) throw faults.portInUse(port.id, port.networkId, port.deviceId);
    if (port.fixedIps.length === 0) throw faults.badRequest('router', 'Router port must have at least one fixed IP');
    for (const f of port.fixedIps) assertNoOverlap(ctx, router, f.subnetId);
    emitAddInterface(ctx, router.id, `port ${port.id} with ${port.fixedIps.map((f) => f.ipAddress).join(', ')} becomes the interface`, [port.id, port.networkId]);
    port.deviceOwner = OWNER_ROUTER_INTERFACE;
    port.deviceId = router.id;
  }
  bindToL3Host(port);
  router.revision += 1;
  notifyRouterUpdated(ctx, router, `interface ${port.id} added`, [6]);
  return port;
}

function emitAddInterface(ctx: Ctx, routerId: string, detail: string, subjects: string[]): void {
  ctx.emit({
    from: 'client', to: 'neutron-server', channel: 'REST', name: `PUT /v2.0/routers/${routerId}/add_router_interface`,
    detail: `${detail} (device_owner network:router_interface, bound to the L3 agent's host)`, flows: [6], subjects: [routerId, ...subjects],
  });
}

export function removeInterface(ctx: Ctx, routerId: string, target: { subnetId: string } | { portId: string }): void {
  ctx.api(`PUT /v2.0/routers/${routerId}/remove_router_interface`);
  const db = ctx.cloud.db;
  const router = getRouter(db, routerId);
  const ports = routerInterfacePorts(db, router.id);
  let port: Port | undefined;
  if ('subnetId' in target) {
    getSubnet(db, target.subnetId);
    port = ports.find((p) => p.fixedIps.some((f) => f.subnetId === target.subnetId));
    if (!port) throw faults.routerInterfaceNotFoundForSubnet(router.id, target.subnetId);
  } else {
    port = ports.find((p) => p.id === target.portId);
    if (!port) throw faults.routerInterfaceNotFound(router.id, target.portId);
  }
  for (const f of port.fixedIps) {
    const subnet = db.subnets[f.subnetId]!;
    // extraroute_db answers the BEFORE_DELETE callback first, then l3_db checks floating IPs.
    if (routesThrough(router, subnet.cidr).length) throw faults.routerInterfaceInUseByRoute(subnet.id, router.id);
    const used = floatingIpsOfRouter(db, router.id).some((fip) => fip.fixedIpAddress && ipInCidr(fip.fixedIpAddress, subnet.cidr));
    if (used) throw faults.routerInterfaceInUseByFip(subnet.id, router.id);
  }
  deletePort(ctx, port.id, { internal: true, caller: 'neutron-server', flows: [6] });
  router.revision += 1;
  notifyRouterUpdated(ctx, router, `interface ${port.id} removed`, [6]);
}

function validateGateway(ctx: Ctx, req: GatewayRequest): void {
  const network = getNetwork(ctx.cloud.db, req.networkId);
  if (!network.external) throw faults.badRequest('router', `Network ${network.id} is not an external network`);
  for (const f of req.fixedIps ?? []) {
    const subnet = f.subnetId ? getSubnet(ctx.cloud.db, f.subnetId) : undefined;
    if (f.ipAddress && subnet && f.ipAddress === subnet.gatewayIp) {
      throw faults.badRequest('router', `External IP ${f.ipAddress} is the same as the gateway IP`);
    }
  }
}

function attachGatewayPort(ctx: Ctx, router: Router, req: GatewayRequest): void {
  let port: Port;
  try {
    port = createPort(ctx, {
      networkId: req.networkId, deviceOwner: OWNER_ROUTER_GATEWAY, deviceId: router.id, caller: 'neutron-server', flows: [7],
      ...(req.fixedIps?.length ? { fixedIps: req.fixedIps } : {}),
    });
  } catch (e) {
    if (e instanceof ServiceError && e.type === 'IpAddressGenerationFailure') throw faults.externalIpExhausted(req.networkId);
    throw e;
  }
  bindToL3Host(port);
  router.gateway = { networkId: req.networkId, enableSnat: req.enableSnat ?? true, portId: port.id };
}

export function setGateway(ctx: Ctx, routerId: string, req: GatewayRequest): void {
  ctx.api(`PUT /v2.0/routers/${routerId}`);
  const db = ctx.cloud.db;
  const router = getRouter(db, routerId);
  validateGateway(ctx, req);
  const current = router.gateway;
  const sameNetwork = current?.networkId === req.networkId;
  const newIps = req.fixedIps?.length && current && !sameIps(getPort(db, current.portId), req.fixedIps);
  if (current && (!sameNetwork || newIps)) {
    if (!sameNetwork && floatingIpsOfRouter(db, router.id).length) throw faults.gatewayInUseByFip(router.id, current.networkId);
    // The new addresses must be valid and free before the old gateway port goes.
    const wanted = (req.fixedIps ?? []).filter((f) => f.ipAddress);
    if (wanted.length) {
      const oldIps = new Set(getPort(db, current.portId).fixedIps.map((f) => f.ipAddress));
      const requests = wanted.filter((f) => !oldIps.has(f.ipAddress!)).map((f) => ({ kind: 'specific' as const, subnetId: f.subnetId ?? subnetFor(ctx, req.networkId, f.ipAddress!), ipAddress: f.ipAddress! }));
      allocateFixedIps(ctx, req.networkId, requests);
    }
    deletePort(ctx, current.portId, { internal: true, caller: 'neutron-server', flows: [7] });
    router.gateway = null;
  }
  if (router.gateway) router.gateway.enableSnat = req.enableSnat ?? router.gateway.enableSnat;
  else attachGatewayPort(ctx, router, req);
  router.revision += 1;
  ctx.emit({
    from: 'client', to: 'neutron-server', channel: 'REST', name: `PUT /v2.0/routers/${router.id}`,
    detail: `external_gateway_info {network_id: ${req.networkId}, enable_snat: ${router.gateway!.enableSnat}}: gateway port ${router.gateway!.portId} with ${getPort(db, router.gateway!.portId).fixedIps.map((f) => f.ipAddress).join(', ')}`,
    flows: [7], subjects: [router.id, router.gateway!.portId],
  });
  notifyRouterUpdated(ctx, router, 'external gateway set', [7]);
}

function subnetFor(ctx: Ctx, networkId: string, ip: string): string {
  const subnet = Object.values(ctx.cloud.db.subnets).find((s) => s.networkId === networkId && ipInCidr(ip, s.cidr));
  if (!subnet) throw faults.invalidIpForNetwork(ip);
  return subnet.id;
}

function sameIps(port: Port, wanted: Array<{ subnetId?: string; ipAddress?: string }>): boolean {
  return wanted.every((w) => port.fixedIps.some((f) => (!w.ipAddress || f.ipAddress === w.ipAddress) && (!w.subnetId || f.subnetId === w.subnetId)));
}

export function unsetGateway(ctx: Ctx, routerId: string): void {
  ctx.api(`PUT /v2.0/routers/${routerId}`);
  const db = ctx.cloud.db;
  const router = getRouter(db, routerId);
  if (!router.gateway) return;
  if (floatingIpsOfRouter(db, router.id).length) throw faults.gatewayInUseByFip(router.id, router.gateway.networkId);
  const portId = router.gateway.portId;
  router.gateway = null;
  deletePort(ctx, portId, { internal: true, caller: 'neutron-server', flows: [7] });
  router.revision += 1;
  notifyRouterUpdated(ctx, router, 'external gateway removed', [7]);
}

export function deleteRouter(ctx: Ctx, routerId: string): void {
  ctx.api(`DELETE /v2.0/routers/${routerId}`);
  const db = ctx.cloud.db;
  const router = getRouter(db, routerId);
  const attached = routerInterfacePorts(db, router.id);
  if (attached.length) throw faults.routerInUse(router.id, `has ports still attached: ${attached.map((p) => p.id).join(', ')}`);
  if (router.gateway) {
    const portId = router.gateway.portId;
    router.gateway = null;
    deletePort(ctx, portId, { internal: true, caller: 'neutron-server', flows: [7] });
  }
  delete db.routers[router.id];
  ctx.emit({
    from: 'client', to: 'neutron-server', channel: 'REST', name: `DELETE /v2.0/routers/${router.id}`,
    detail: `router ${router.name || router.id} deleted`, flows: [6], subjects: [router.id],
  });
  notifyRouterDeleted(ctx, router);
}

export { OWNER_ROUTER_INTERFACE };
