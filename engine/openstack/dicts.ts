/**
 * The API layer's rows as the REST APIs return them (neutron v2.0, nova v2.1
 * at the client's microversion, cinder v3): the presenters print these dicts
 * the way python-openstackclient prints what the services answer.
 */
import type { Cloud, FloatingIp, Network, Port, Router, Server, Subnet, Volume } from '../core/types.js';
import { domainName } from '../core/names.js';
import type { FlavorDict, FloatingIpDict, ImageDict, NetworkDict, PortDict, RouterDict, ServerAddress, ServerDict, SubnetDict, VolumeDict } from './present/types.js';
import type { Flavor, Image } from '../core/types.js';

/** neutron's timestamp format: second precision, "Z". */
export function isoTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** nova's: second precision, "Z" too (created/updated). */
const novaTime = isoTime;

export function networkDict(cloud: Cloud, n: Network): NetworkDict {
  const subnets = Object.values(cloud.db.subnets).filter((s) => s.networkId === n.id).map((s) => s.id);
  return {
    id: n.id, name: n.name, tenant_id: n.projectId, project_id: n.projectId, admin_state_up: true, mtu: n.mtu, status: 'ACTIVE',
    subnets, shared: n.shared, availability_zone_hints: [], availability_zones: subnets.length ? ['nova'] : [],
    ipv4_address_scope: null, ipv6_address_scope: null, 'router:external': n.external, description: n.description,
    port_security_enabled: true, is_default: n.external ? false : null, tags: [], created_at: isoTime(n.createdAt), updated_at: isoTime(n.updatedAt),
    revision_number: n.revision, 'provider:network_type': n.networkType, 'provider:physical_network': n.physicalNetwork,
    'provider:segmentation_id': n.segmentationId,
  };
}

export function subnetDict(s: Subnet): SubnetDict {
  return {
    id: s.id, name: s.name, tenant_id: s.projectId, project_id: s.projectId, network_id: s.networkId, ip_version: 4,
    subnetpool_id: null, enable_dhcp: s.enableDhcp, ipv6_ra_mode: null, ipv6_address_mode: null, gateway_ip: s.gatewayIp, cidr: s.cidr,
    allocation_pools: s.allocationPools.map((p) => ({ start: p.start, end: p.end })), host_routes: s.hostRoutes.map((r) => ({ destination: r.destination, nexthop: r.nexthop })),
    dns_nameservers: [...s.dnsNameservers], description: s.description, service_types: [], tags: [],
    created_at: isoTime(s.createdAt), updated_at: isoTime(s.updatedAt), revision_number: s.revision, segment_id: null,
  };
}

export function portDict(p: Port): PortDict {
  return {
    id: p.id, name: p.name, network_id: p.networkId, tenant_id: p.projectId, project_id: p.projectId, mac_address: p.macAddress,
    admin_state_up: true, status: p.status, device_id: p.deviceId, device_owner: p.deviceOwner,
    fixed_ips: p.fixedIps.map((f) => ({ subnet_id: f.subnetId, ip_address: f.ipAddress })),
    allowed_address_pairs: [], extra_dhcp_opts: [], security_groups: [...p.securityGroupIds], description: p.description,
    'binding:vnic_type': 'normal', 'binding:profile': {}, 'binding:host_id': p.bindingHostId, 'binding:vif_type': p.vifType,
    'binding:vif_details': p.vifType === 'bridge' ? { connectivity: 'l2', port_filter: true } : {},
    port_security_enabled: !p.deviceOwner.startsWith('network:'), ip_allocation: 'immediate', tags: [],
    created_at: isoTime(p.createdAt), updated_at: isoTime(p.updatedAt), revision_number: p.revision,
  };
}

export function routerDict(cloud: Cloud, r: Router): RouterDict {
  const gwPort = r.gateway ? cloud.db.ports[r.gateway.portId] : undefined;
  return {
    id: r.id, name: r.name, tenant_id: r.projectId, project_id: r.projectId, admin_state_up: true, status: 'ACTIVE',
    external_gateway_info: r.gateway
      ? { network_id: r.gateway.networkId, external_fixed_ips: (gwPort?.fixedIps ?? []).map((f) => ({ subnet_id: f.subnetId, ip_address: f.ipAddress })), enable_snat: r.gateway.enableSnat }
      : null,
    description: r.description, availability_zones: ['nova'], availability_zone_hints: [], routes: r.routes.map((x) => ({ destination: x.destination, nexthop: x.nexthop })), flavor_id: null,
    tags: [], created_at: isoTime(r.createdAt), updated_at: isoTime(r.updatedAt), revision_number: r.revision,
    ...(cloud.db.projects[cloud.currentProject]?.name === 'admin' ? { distributed: false, ha: false } : {}),
  };
}

export function floatingIpDict(cloud: Cloud, f: FloatingIp): FloatingIpDict {
  const port = f.portId ? cloud.db.ports[f.portId] : undefined;
  return {
    id: f.id, tenant_id: f.projectId, project_id: f.projectId, floating_ip_address: f.floatingIpAddress, floating_network_id: f.floatingNetworkId,
    router_id: f.routerId, port_id: f.portId, fixed_ip_address: f.fixedIpAddress, status: f.status, description: f.description,
    port_details: port
      ? { name: port.name, network_id: port.networkId, mac_address: port.macAddress, admin_state_up: true, status: port.status, device_id: port.deviceId, device_owner: port.deviceOwner }
      : null,
    qos_policy_id: null, tags: [], created_at: isoTime(f.createdAt), updated_at: isoTime(f.updatedAt), revision_number: f.revision,
  };
}

const POWER_STATE = { NOSTATE: 0, RUNNING: 1, SHUTDOWN: 4 } as const;

export function serverDict(cloud: Cloud, s: Server): ServerDict {
  const db = cloud.db;
  const flavor = db.flavors[s.flavorId]!;
  const addresses: Record<string, ServerAddress[]> = {};
  for (const portId of s.portIds) {
    const port = db.ports[portId];
    if (!port) continue;
    const net = db.networks[port.networkId]!;
    const list = (addresses[net.name] ??= []);
    for (const f of port.fixedIps) list.push({ version: 4, addr: f.ipAddress, 'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': port.macAddress });
    for (const fip of Object.values(db.floatingIps).filter((x) => x.portId === port.id)) {
      list.push({ version: 4, addr: fip.floatingIpAddress, 'OS-EXT-IPS:type': 'floating', 'OS-EXT-IPS-MAC:mac_addr': port.macAddress });
    }
  }
  const admin = db.projects[cloud.currentProject]?.name === 'admin';
  const vmState = s.status === 'BUILD' ? 'building' : s.status === 'ERROR' ? 'error' : s.status === 'SHUTOFF' ? 'stopped' : 'active';
  return {
    id: s.id, name: s.name, status: s.status, tenant_id: s.projectId, user_id: userIdOf(cloud, s.projectId),
    image: { id: s.imageId }, flavor: { id: flavor.id, original_name: flavor.name, vcpus: flavor.vcpus, ram: flavor.ram, disk: flavor.disk, ephemeral: 0, swap: 0, extra_specs: {} },
    addresses, metadata: {}, key_name: null, created: novaTime(s.createdAt), updated: novaTime(s.updatedAt),
    hostId: s.host ? hostIdOf(s.projectId, s.host) : '', accessIPv4: '', accessIPv6: '', progress: 0, config_drive: '',
    'OS-DCF:diskConfig': 'MANUAL', 'OS-EXT-AZ:availability_zone': s.availabilityZone, 'OS-EXT-STS:vm_state': vmState,
    'OS-EXT-STS:task_state': s.status === 'BUILD' ? (s.host ? 'spawning' : 'scheduling') : null, 'OS-EXT-STS:power_state': POWER_STATE[s.powerState],
    'OS-SRV-USG:launched_at': s.status === 'ACTIVE' ? `${novaTime(s.updatedAt).slice(0, -1)}.000000` : null, 'OS-SRV-USG:terminated_at': null,
    'os-extended-volumes:volumes_attached': s.volumeIds.map((id) => ({ id, delete_on_termination: false })),
    ...(s.portIds.length ? { security_groups: [{ name: 'default' }] } : {}),
    locked: false, locked_reason: null, description: null, tags: [], trusted_image_certificates: null, server_groups: [],
    ...(s.fault ? { fault: { code: s.fault.code, created: novaTime(s.updatedAt), message: s.fault.message } } : {}),
    ...(admin
      ? { 'OS-EXT-SRV-ATTR:host': s.host, 'OS-EXT-SRV-ATTR:hypervisor_hostname': s.host, 'OS-EXT-SRV-ATTR:instance_name': domainName(s.instanceNumber), host_status: s.host ? 'UP' : '' }
      : {}),
  };
}

export function volumeDict(cloud: Cloud, v: Volume): VolumeDict {
  return {
    id: v.id, name: v.name, status: v.status, size: v.size, bootable: 'false', volume_type: '__DEFAULT__', metadata: {},
    attachments: v.attachments.map((a) => ({ server_id: a.serverId, attachment_id: a.attachmentId, volume_id: v.id, id: v.id, device: a.device, host_name: a.host, attached_at: isoTime(v.updatedAt).replace('Z', '.000000') })),
    availability_zone: 'nova', created_at: `${isoTime(v.createdAt).slice(0, -1)}.000000`, updated_at: `${isoTime(v.updatedAt).slice(0, -1)}.000000`,
    description: v.description || null, encrypted: false, multiattach: false, snapshot_id: null, source_volid: null, user_id: userIdOf(cloud, v.projectId),
  };
}

/** The user of a project's openrc (admin or demo): a stable ID derived from the project. */
export function userIdOf(cloud: Cloud, projectId: string): string {
  return (cloud.db.projects[projectId]?.id ?? projectId).replace(/-/g, '').split('').reverse().join('');
}

/** nova's hostId: sha224(project_id + host) hex. A stable stand-in with the same length. */
function hostIdOf(projectId: string, host: string): string {
  let h = 0x811c9dc5;
  const text = projectId + host;
  let out = '';
  for (let round = 0; out.length < 56; round++) {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i) ^ round, 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 56);
}

/** What the client sees right after POST /servers returned: BUILD, scheduling, no addresses yet. */
export function serverDictAtCreate(cloud: Cloud, s: Server): ServerDict {
  const d = serverDict(cloud, s);
  return {
    ...d, status: 'BUILD', addresses: {}, hostId: '', updated: d.created, 'OS-EXT-STS:vm_state': 'building', 'OS-EXT-STS:task_state': 'scheduling',
    'OS-EXT-STS:power_state': 0, 'OS-SRV-USG:launched_at': null,
    ...('OS-EXT-SRV-ATTR:host' in d ? { 'OS-EXT-SRV-ATTR:host': null, 'OS-EXT-SRV-ATTR:hypervisor_hostname': null, host_status: '' } : {}),
  };
}

export function imageDict(cloud: Cloud, i: Image): ImageDict {
  const admin = Object.values(cloud.db.projects).find((p) => p.name === 'admin')!;
  return {
    id: i.id, name: i.name, status: 'active', container_format: 'bare', disk_format: i.diskFormat, size: i.size, virtual_size: null,
    visibility: 'public', protected: false, min_disk: 0, min_ram: 0, checksum: i.checksum, owner: admin.id, tags: [],
    created_at: isoTime(cloud.config.startTime - 86400), updated_at: isoTime(cloud.config.startTime - 86400),
  };
}

export function flavorDict(f: Flavor): FlavorDict {
  return {
    id: f.id, name: f.name, ram: f.ram, disk: f.disk, vcpus: f.vcpus, swap: 0, 'OS-FLV-EXT-DATA:ephemeral': 0, 'OS-FLV-DISABLED:disabled': false,
    'os-flavor-access:is_public': true, description: null, extra_specs: {},
  };
}
