/**
 * neutron-server: networks. ML2 type drivers pick the segment (a random free
 * VNI from vni_ranges for tenant networks); nothing appears on any host until
 * a port of the network is wired somewhere.
 */
import type { Ctx } from '../core/context.js';
import { networkMtu } from '../core/config.js';
import type { Network, NetworkType } from '../core/types.js';
import { faults } from './faults.js';
import { requireAdmin } from './policy.js';
import { OWNER_DHCP, OWNER_ROUTER_GATEWAY, getNetwork, portsOf } from './queries.js';
import { deletePort } from './port.js';
import { deleteSubnet } from './subnet.js';
import { notifyNetworkDeleted } from './notify.js';

export interface CreateNetworkRequest {
  id?: string;
  name: string;
  networkType?: string;
  segment?: number;
  physicalNetwork?: string;
  external?: boolean;
  shared?: boolean;
  description?: string;
  /** As the client sends it: a string neutron converts (0 means "the largest the segment allows"). */
  mtu?: string;
}

/** The API layer's check of `mtu` (convert_to_int, then non-negative), before the plugin sees the request. */
function parseMtu(requested: string | undefined): number | undefined {
  if (requested === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(requested.trim())) throw faults.invalidAttribute('mtu', `'${requested}' is not an integer`);
  const mtu = Number(requested);
  if (mtu < 0) throw faults.invalidAttribute('mtu', `'${mtu}' should be non-negative`);
  return mtu;
}

/** ML2 _get_network_mtu: at most what the segment allows; 0 or nothing means exactly that. */
function networkMtuFor(requested: number | undefined, max: number): number {
  if (requested !== undefined && requested > max) throw faults.invalidInput(`Requested MTU is too big, maximum is ${max}`);
  return requested || max;
}

const MAX_VNI = 2 ** 24 - 1;

function allocatedVnis(ctx: Ctx): Set<number> {
  const used = new Set<number>();
  for (const n of Object.values(ctx.cloud.db.networks)) if (n.networkType === 'vxlan' && n.segmentationId !== null) used.add(n.segmentationId);
  return used;
}

/** get_random_unallocated_segment: a random VNI among the free ones of vni_ranges. */
function allocateTenantVni(ctx: Ctx): number {
  const [lo, hi] = ctx.cloud.config.vniRange;
  const used = allocatedVnis(ctx);
  const free: number[] = [];
  for (let v = lo; v <= hi; v++) if (!used.has(v)) free.push(v);
  if (free.length === 0) throw faults.noNetworkAvailable();
  return free[ctx.random.int('vni', free.length)]!;
}

function resolveSegment(ctx: Ctx, req: CreateNetworkRequest): { type: NetworkType; physnet: string | null; segment: number | null } {
  const config = ctx.cloud.config;
  const providerRequested = req.networkType !== undefined || req.physicalNetwork !== undefined || req.segment !== undefined;
  if (!providerRequested) return { type: 'vxlan', physnet: null, segment: allocateTenantVni(ctx) };
  requireAdmin(ctx, 'create_network:provider:network_type');
  const type = req.networkType;
  if (type === undefined) throw faults.invalidInput('network_type required');
  if (type === 'flat') {
    if (req.physicalNetwork === undefined) throw faults.invalidInput('physical_network required for flat provider network');
    if (req.physicalNetwork !== config.physicalNetwork) {
      throw faults.invalidInput(`physical_network '${req.physicalNetwork}' unknown for flat provider network`);
    }
    if (req.segment !== undefined) throw faults.invalidInput('segmentation_id prohibited for flat provider network');
    const taken = Object.values(ctx.cloud.db.networks).some((n) => n.networkType === 'flat' && n.physicalNetwork === req.physicalNetwork);
    if (taken) throw faults.flatNetworkInUse(req.physicalNetwork);
    return { type: 'flat', physnet: req.physicalNetwork, segment: null };
  }
  if (type === 'vxlan') {
    if (req.physicalNetwork !== undefined) throw faults.invalidInput('provider:physical_network specified for vxlan network');
    if (req.segment === undefined) return { type: 'vxlan', physnet: null, segment: allocateTenantVni(ctx) };
    if (req.segment < 1 || req.segment > MAX_VNI) {
      throw faults.invalidInput(`segmentation_id out of range (1 through ${MAX_VNI})`);
    }
    if (allocatedVnis(ctx).has(req.segment)) throw faults.tunnelIdInUse(req.segment);
    return { type: 'vxlan', physnet: null, segment: req.segment };
  }
  if (type === 'vlan') {
    // The install guide configures no network_vlan_ranges, so ML2 knows no VLAN physical network.
    const physnet = req.physicalNetwork ?? config.physicalNetwork;
    throw faults.invalidInput(`physical_network '${physnet}' unknown for VLAN provider network`);
  }
  throw faults.invalidInput(`network_type value '${type}' not supported`);
}

export function createNetwork(ctx: Ctx, req: CreateNetworkRequest): Network {
  ctx.api('POST /v2.0/networks');
  if (req.external || req.shared) requireAdmin(ctx, req.external ? 'create_network:router:external' : 'create_network:shared');
  if (req.id && ctx.cloud.db.networks[req.id]) throw faults.invalidInput(`Network ${req.id} already exists`);
  const asked = parseMtu(req.mtu);
  const seg = resolveSegment(ctx, req);
  const mtu = networkMtuFor(asked, networkMtu(ctx.cloud.config, seg.type));
  const id = req.id ?? ctx.random.uuid('network');
  const network: Network = {
    id,
    name: req.name,
    projectId: ctx.cloud.currentProject,
    shared: req.shared ?? false,
    external: req.external ?? false,
    networkType: seg.type,
    physicalNetwork: seg.physnet,
    segmentationId: seg.segment,
    mtu,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    revision: 1,
    description: req.description ?? '',
  };
  ctx.cloud.db.networks[id] = network;
  ctx.emit({
    from: 'neutron-server', to: 'neutron DB', channel: 'SQL', name: 'INSERT networks, ml2_network_segments',
    detail: seg.type === 'vxlan'
      ? `ML2 type driver vxlan allocates VNI ${seg.segment} (${req.segment === undefined ? `random free VNI from vni_ranges ${ctx.cloud.config.vniRange.join(':')}` : 'requested by the admin'}); MTU ${network.mtu}${req.mtu === undefined ? ' = 1500 - 50 VXLAN overhead' : ' as requested (at most 1500 - 50 VXLAN overhead)'}. No device is created on any host yet.`
      : `ML2 type driver flat binds physical network ${seg.physnet}; MTU ${network.mtu}. No device is created on any host yet.`,
    flows: [2], subjects: [id],
  });
  return network;
}

/**
 * Deleting a network removes its DHCP ports and subnets first (neutron's
 * auto-delete owners) and refuses while any other port remains.
 */
export function deleteNetwork(ctx: Ctx, id: string): void {
  ctx.api(`DELETE /v2.0/networks/${id}`);
  const db = ctx.cloud.db;
  const network = getNetwork(db, id);
  const blocking = portsOf(db, id).filter((p) => p.deviceOwner !== OWNER_DHCP);
  if (blocking.length > 0) {
    // A router gateway port also blocks: the router must drop its gateway first.
    void OWNER_ROUTER_GATEWAY;
    throw faults.networkInUse(id);
  }
  for (const port of portsOf(db, id)) deletePort(ctx, port.id, { internal: true });
  for (const subnet of Object.values(db.subnets).filter((s) => s.networkId === id)) deleteSubnet(ctx, subnet.id);
  delete db.networks[id];
  ctx.emit({
    from: 'neutron-server', to: 'neutron DB', channel: 'SQL', name: 'DELETE networks',
    detail: `network ${network.name || id} and its segment${network.segmentationId !== null ? ` (VNI ${network.segmentationId} released)` : ''} deleted`,
    flows: [2], subjects: [id],
  });
  notifyNetworkDeleted(ctx, network);
}
