/**
 * Server and volume output until the presentation layer covers them:
 * `server show` prints the API keys sorted, `server list` the client's
 * ID/Name/Status/Networks/Image/Flavor columns.
 */
import type { Cloud } from '../core/types.js';
import { type OutputOptions, presentList, presentShow, sortedShow } from './present/output.js';
import type { ServerDict, VolumeDict } from './present/types.js';
import type { CliOutput } from './present/index.js';

function networksText(s: ServerDict): string {
  return Object.entries(s.addresses).map(([net, addrs]) => `${net}=${addrs.map((a) => a.addr).join(', ')}`).join('; ');
}

export function presentServerShow(cloud: Cloud, s: ServerDict, opts: OutputOptions = {}): CliOutput {
  const image = cloud.db.images[(s.image as { id?: string }).id ?? ''];
  const flavor = s.flavor;
  const entries: Array<[string, string | number | null]> = [
    ['OS-DCF:diskConfig', s['OS-DCF:diskConfig']], ['OS-EXT-AZ:availability_zone', s['OS-EXT-AZ:availability_zone']],
    ['OS-EXT-STS:power_state', ['NOSTATE', 'Running', '', 'Paused', 'Shutdown'][s['OS-EXT-STS:power_state']] ?? ''],
    ['OS-EXT-STS:task_state', s['OS-EXT-STS:task_state']], ['OS-EXT-STS:vm_state', s['OS-EXT-STS:vm_state']],
    ['OS-SRV-USG:launched_at', s['OS-SRV-USG:launched_at']], ['OS-SRV-USG:terminated_at', s['OS-SRV-USG:terminated_at']],
    ['accessIPv4', s.accessIPv4], ['accessIPv6', s.accessIPv6], ['addresses', networksText(s)], ['config_drive', s.config_drive],
    ['created', s.created], ['flavor', `${flavor.original_name} (${flavor.id})`], ['hostId', s.hostId], ['id', s.id],
    ['image', image ? `${image.name} (${image.id})` : ''], ['key_name', s.key_name], ['name', s.name], ['progress', s.progress],
    ['project_id', s.tenant_id], ['properties', ''], ['security_groups', (s.security_groups ?? []).map((g) => `name='${g.name}'`).join('\n')],
    ['status', s.status], ['updated', s.updated], ['user_id', s.user_id],
    ['volumes_attached', s['os-extended-volumes:volumes_attached'].map((v) => `id='${v.id}'`).join('\n')],
  ];
  if (s['OS-EXT-SRV-ATTR:host'] !== undefined) {
    entries.push(['OS-EXT-SRV-ATTR:host', s['OS-EXT-SRV-ATTR:host'] ?? null], ['OS-EXT-SRV-ATTR:hypervisor_hostname', s['OS-EXT-SRV-ATTR:hypervisor_hostname'] ?? null], ['OS-EXT-SRV-ATTR:instance_name', s['OS-EXT-SRV-ATTR:instance_name'] ?? null]);
  }
  if (s.fault) entries.push(['fault', JSON.stringify(s.fault)]);
  return presentShow(sortedShow(entries), opts);
}

export function presentServerList(cloud: Cloud, servers: readonly ServerDict[], opts: OutputOptions = {}): CliOutput {
  const rows = servers.map((s) => [s.id, s.name, s.status, networksText(s), cloud.db.images[(s.image as { id?: string }).id ?? '']?.name ?? '', s.flavor.original_name ?? '']);
  return presentList({ headers: ['ID', 'Name', 'Status', 'Networks', 'Image', 'Flavor'], rows }, opts);
}

export function presentVolumeShow(v: VolumeDict, opts: OutputOptions = {}): CliOutput {
  const entries: Array<[string, string | number | boolean | null]> = [
    ['attachments', v.attachments.map((a) => JSON.stringify(a)).join('\n')], ['availability_zone', v.availability_zone ?? null], ['bootable', v.bootable],
    ['created_at', v.created_at ?? null], ['description', v.description ?? null], ['encrypted', v.encrypted ?? false], ['id', v.id], ['multiattach', v.multiattach ?? false],
    ['name', v.name], ['properties', ''], ['size', v.size], ['snapshot_id', v.snapshot_id ?? null], ['source_volid', v.source_volid ?? null], ['status', v.status],
    ['type', v.volume_type], ['updated_at', v.updated_at ?? null], ['user_id', v.user_id ?? null],
  ];
  return presentShow(sortedShow(entries), opts);
}

export function presentVolumeList(cloud: Cloud, volumes: readonly VolumeDict[], opts: OutputOptions = {}): CliOutput {
  const rows = volumes.map((v) => [v.id, v.name, v.status, v.size, v.attachments.map((a) => `Attached to ${cloud.db.servers[a.server_id]?.name ?? a.server_id} on ${a.device} `).join('')]);
  return presentList({ headers: ['ID', 'Name', 'Status', 'Size', 'Attached to'], rows, namesRepr: 'list' }, opts);
}
