/**
 * neutron-server: ports. IPAM and MAC generation happen here, at creation;
 * binding (`binding:host_id`) makes ML2's linuxbridge mechanism driver answer
 * `vif_type=bridge`; provisioning blocks keep the port DOWN until the L2 agent
 * (and, for compute ports, the DHCP agent) report it wired.
 */
import type { Ctx } from '../core/context.js';
import { ipInCidr } from '../core/ip.js';
import type { Port } from '../core/types.js';
import { faults } from './faults.js';
import { type AddressRequest, allocateFixedIps } from './ipam.js';
import { generateMac, isValidMac, macInUse } from './mac.js';
import { notifyPortCreated, notifyPortDeleted, notifyPortUpdated } from './notify.js';
import { disassociateFloatingIp, floatingIpsOnPort } from './floatingip.js';
import { networkVifDeleted } from '../nova/events.js';
import { insertPort, removePort, OWNER_DHCP, OWNER_FLOATINGIP, OWNER_ROUTER_GATEWAY, OWNER_ROUTER_INTERFACE, getNetwork, getPort, isComputePort, subnetsInCreationOrder } from './queries.js';

export interface FixedIpRequest {
  subnetId?: string;
  ipAddress?: string;
}

export interface CreatePortRequest {
  id?: string;
  name?: string;
  networkId: string;
  macAddress?: string;
  /** undefined: one address from the first IPv4 subnet with room; []: no address. */
  fixedIps?: FixedIpRequest[];
  deviceOwner?: string;
  deviceId?: string;
  /** How IPAM picks an address when none is given (DHCP ports take the lowest). */
  prefer?: 'lowest' | 'any';
  description?: string;
  /** Who sends the request, for the trace. */
  caller?: string;
  flows?: number[];
}

function addressRequests(ctx: Ctx, req: CreatePortRequest): AddressRequest[] {
  const db = ctx.cloud.db;
  const prefer = req.prefer ?? 'any';
  if (req.fixedIps === undefined) {
    return subnetsInCreationOrder(db, req.networkId).length > 0 ? [{ kind: prefer }] : [];
  }
  return req.fixedIps.map((f): AddressRequest => {
    if (f.subnetId !== undefined && !db.subnets[f.subnetId]) throw faults.subnetNotFound(f.subnetId);
    if (f.ipAddress !== undefined) {
      const subnetId = f.subnetId ?? subnetsInCreationOrder(db, req.networkId).find((s) => ipInCidr(f.ipAddress!, s.cidr))?.id;
      if (!subnetId) throw faults.invalidIpForNetwork(f.ipAddress);
      return { kind: 'specific', subnetId, ipAddress: f.ipAddress };
    }
    if (f.subnetId !== undefined && db.subnets[f.subnetId]!.networkId !== req.networkId) {
      throw faults.invalidInput(`Failed to create port on network ${req.networkId}, because fixed_ips included invalid subnet ${f.subnetId}`);
    }
    return f.subnetId !== undefined ? { kind: prefer, subnetId: f.subnetId } : { kind: prefer };
  });
}

export function createPort(ctx: Ctx, req: CreatePortRequest): Port {
  ctx.api('POST /v2.0/ports');
  const db = ctx.cloud.db;
  const network = getNetwork(db, req.networkId);
  if (req.id && db.ports[req.id]) throw faults.invalidInput(`Port ${req.id} already exists`);
  let mac: string;
  if (req.macAddress !== undefined) {
    if (!isValidMac(req.macAddress)) throw faults.invalidInput(`'${req.macAddress}' is not a valid MAC address`);
    mac = req.macAddress.toLowerCase();
    if (macInUse(db, network.id, mac)) throw faults.macInUse(network.id, mac);
  } else {
    mac = generateMac(ctx, network.id);
  }
  const fixedIps = allocateFixedIps(ctx, network.id, addressRequests(ctx, req));
  const id = req.id ?? ctx.random.uuid('port');
  const port: Port = {
    id,
    name: req.name ?? '',
    networkId: network.id,
    projectId: ctx.cloud.currentProject,
    macAddress: mac,
    fixedIps,
    deviceOwner: req.deviceOwner ?? '',
    deviceId: req.deviceId ?? '',
    bindingHostId: '',
    vifType: 'unbound',
    status: 'DOWN',
    provisioningBlocks: [],
    securityGroupIds: [],
    createdAt: ctx.now,
    updatedAt: ctx.now,
    revision: 1,
    description: req.description ?? '',
  };
  if (!port.deviceOwner.startsWith('network:')) {
    const sg = Object.values(db.securityGroups).find((g) => g.projectId === port.projectId && g.name === 'default');
    if (sg) port.securityGroupIds = [sg.id];
  }
  if (port.deviceOwner === OWNER_FLOATINGIP) port.status = 'N/A';
  insertPort(db, port);
  ctx.emit({
    from: req.caller ?? 'client', to: 'neutron-server', channel: 'REST', name: 'POST /v2.0/ports',
    detail: `port ${id} on ${network.name || network.id}: MAC ${mac} (base_mac fa:16:3e + random), ${
      fixedIps.length ? fixedIps.map((f) => f.ipAddress).join(', ') : 'no fixed IP'
    }${req.deviceOwner ? `, device_owner ${req.deviceOwner}` : ''}; IPAM ${
      req.fixedIps?.some((f) => f.ipAddress) ? 'took the requested address' : req.prefer === 'lowest' ? 'took the lowest free address' : 'picked a random free address (not the first free one)'
    }`,
    flows: req.flows ?? [3], subjects: [network.id, id],
  });
  notifyPortCreated(ctx, port);
  return port;
}

export interface BindPortRequest {
  host: string;
  deviceOwner: string;
  deviceId: string;
  caller: string;
  flows: number[];
}

/** PUT /v2.0/ports/{id} with binding:host_id: ML2 binds the port (vif_type=bridge) and adds provisioning blocks. */
export function bindPort(ctx: Ctx, portId: string, req: BindPortRequest): Port {
  const port = getPort(ctx.cloud.db, portId);
  port.bindingHostId = req.host;
  port.deviceOwner = req.deviceOwner;
  port.deviceId = req.deviceId;
  port.vifType = 'bridge';
  port.status = 'DOWN';
  const hasDhcp = isComputePort(port) && port.fixedIps.some((f) => ctx.cloud.db.subnets[f.subnetId]?.enableDhcp);
  port.provisioningBlocks = hasDhcp ? ['L2', 'DHCP'] : ['L2'];
  port.revision += 1;
  port.updatedAt = ctx.now;
  ctx.emit({
    from: req.caller, to: 'neutron-server', channel: 'REST', name: `PUT /v2.0/ports/${port.id}`,
    detail: `binding:host_id=${req.host}, device_owner=${req.deviceOwner}: ML2 linuxbridge mechanism driver binds it (binding:vif_type=bridge, vif_details {"port_filter": true, "connectivity": "l2"}); status stays DOWN behind the ${port.provisioningBlocks.join(' and ')} provisioning block${port.provisioningBlocks.length > 1 ? 's' : ''}`,
    flows: req.flows, subjects: [port.networkId, port.id],
  });
  notifyPortUpdated(ctx, port);
  return port;
}

const SERVICE_OWNERS = [OWNER_ROUTER_INTERFACE, OWNER_ROUTER_GATEWAY, OWNER_FLOATINGIP];

/** Checks a user's `port delete` before anything changes. */
export function assertPortDeletable(ctx: Ctx, id: string): Port {
  const port = getPort(ctx.cloud.db, id);
  if (SERVICE_OWNERS.includes(port.deviceOwner)) throw faults.servicePortInUse(id, port.deviceOwner);
  return port;
}

export function deletePort(ctx: Ctx, id: string, options: { internal?: boolean; caller?: string; flows?: number[] } = {}): Port {
  ctx.api(`DELETE /v2.0/ports/${id}`);
  const port = options.internal ? getPort(ctx.cloud.db, id) : assertPortDeletable(ctx, id);
  // The L3 plugin disassociates the port's floating IPs before the port goes (disassociate_floatingips).
  for (const fip of floatingIpsOnPort(ctx, id)) disassociateFloatingIp(ctx, fip.id);
  removePort(ctx.cloud.db, port);
  ctx.emit({
    from: options.caller ?? (options.internal ? 'neutron-server' : 'client'), to: 'neutron-server', channel: 'REST',
    name: `DELETE /v2.0/ports/${id}`,
    detail: `port ${id} (${port.deviceOwner || 'no owner'}, ${port.macAddress}${port.fixedIps.length ? `, ${port.fixedIps.map((f) => f.ipAddress).join(', ')}` : ''}) deleted; its addresses return to the pool`,
    flows: options.flows ?? [3], subjects: [port.networkId, id],
  });
  notifyPortDeleted(ctx, port);
  // A user deleting an instance's port: nova hears network-vif-deleted and detaches the interface.
  if (!options.internal && isComputePort(port)) networkVifDeleted(ctx, port);
  return port;
}

export { OWNER_DHCP };
