/**
 * `openstack server create|show|list` (openstackclient/compute/v2/server.py,
 * OSC 6.6.1, `_prep_server_detail` and ListServer).
 *
 * Two clients print servers in 2024.1:
 * - `server show` and `server list` use openstacksdk 3.0.0, which negotiates
 *   microversion 2.91 with a 2024.1 nova (max 2.96, SDK Server max 2.91):
 *   every SDK Server attribute becomes a row; the flavor is the embedded
 *   2.47+ flavor shown through a DictColumn of the SDK Flavor (hence the odd
 *   `, ,` that an empty extra_specs leaves); the list's Flavor column is its
 *   original_name.
 * - `server create` uses novaclient at 2.1: the rows are the raw keys of the
 *   create response merged with a GET at 2.1, the flavor is "name (id)".
 */
import { dictColumn, humanized, listColumn, listDictColumn, formatDictOfList, Formatted, type Cell } from './columns';
import { presentList, presentShow, sortedShow, type CliOutput, type OutputOptions } from './output';
import type { PyValue } from './python';
import { flavorEmbeddedDict } from './flavor';
import { SERVER_MODEL, SERVER_V21_KEYS } from './server-model';
import { sdkGet, sdkToDict } from './sdk';
import type { FlavorDict, ImageDict, ServerDict } from './types';

/** server.py IMAGE_STRING_FOR_BFV */
export const IMAGE_STRING_FOR_BFV = 'N/A (booted from volume)';

const POWER_STATES = ['NOSTATE', 'Running', '', 'Paused', 'Shutdown', '', 'Crashed', 'Suspended'];

/** PowerStateColumn: the nova power_state number as a word; the number for machines. */
function powerState(value: PyValue): Cell {
  const text = typeof value === 'number' ? POWER_STATES[value] : undefined;
  return humanized(text ?? 'N/A', value);
}

type Dict = { [key: string]: PyValue };

/** AddressesColumn: `net=ip, ip; net2=ip` (addresses sorted as strings); {net: [ip]} for machines. */
function addressesColumn(value: PyValue): Cell {
  const nets = (value ?? {}) as { [net: string]: Dict[] };
  const machine: { [net: string]: PyValue } = {};
  for (const [net, addrs] of Object.entries(nets)) machine[net] = addrs.filter((a) => 'addr' in a).map((a) => a['addr'] as PyValue);
  return humanized(formatDictOfList(machine), machine);
}

/** HostColumn: None prints as an empty cell. */
function hostColumn(value: PyValue): Cell {
  return humanized(value === null ? '' : String(value), value);
}

/** Names the client looks up in glance and nova to print "cirros (id)" / "m1.nano (0)". */
export interface ServerLookups {
  images?: readonly ImageDict[];
  flavors?: readonly FlavorDict[];
}

function imageText(image: PyValue, lookups: ServerLookups): string {
  const info = image as Dict | null;
  const id = info && typeof info === 'object' ? info['id'] : null;
  if (typeof id !== 'string' || id === '') return IMAGE_STRING_FOR_BFV;
  const found = lookups.images?.find((i) => i.id === id);
  return found ? `${found.name} (${id})` : id;
}

/** The shared tail of _prep_server_detail, on a dict already keyed by the printed names. */
function finishDetail(info: Map<string, PyValue>, lookups: ServerLookups, flavorCell: Cell): [string, Cell][] {
  const out = new Map<string, Cell>(info);
  out.set('image', imageText(info.get('image') ?? null, lookups));
  out.set('flavor', flavorCell);
  if (info.has('volumes_attached')) {
    const vols = (info.get('volumes_attached') ?? []) as Dict[];
    const cleaned = vols.map((v) => Object.fromEntries(Object.entries(v).filter(([k, x]) => x !== null && k !== 'location')));
    out.set('volumes_attached', listDictColumn(cleaned));
  }
  if (info.has('security_groups')) out.set('security_groups', listDictColumn(info.get('security_groups') ?? null));
  if (info.has('tags')) out.set('tags', listColumn(info.get('tags') ?? null));
  out.set('addresses', addressesColumn(info.get('addresses') ?? {}));
  out.delete('metadata');
  out.set('properties', dictColumn(info.get('metadata') ?? null));
  if (info.has('tenant_id')) {
    out.delete('tenant_id');
    out.set('project_id', info.get('tenant_id') ?? null);
  }
  if (info.has('OS-EXT-STS:power_state')) out.set('OS-EXT-STS:power_state', powerState(info.get('OS-EXT-STS:power_state') ?? null));
  return [...out.entries()];
}

/** `openstack server show SERVER` (SDK, microversion 2.91). */
export function presentServerShow(server: ServerDict, lookups: ServerLookups = {}, opts: OutputOptions = {}): CliOutput {
  // At 2.47+ nova embeds the flavor without its id.
  const { id: _flavorId, ...embedded } = server.flavor;
  void _flavorId;
  const body = { ...server, flavor: embedded } as unknown as Dict;
  const info = new Map<string, PyValue>();
  for (const [attr, value] of sdkToDict(SERVER_MODEL, body)) {
    const spec = SERVER_MODEL.shown.get(attr);
    if (spec === 'ignored') continue;
    if (spec?.optional && value === null) continue;
    info.set(spec?.name ?? attr, value);
  }
  const flavor = flavorEmbeddedDict(embedded as Dict);
  const entries = finishDetail(info, lookups, new Formatted(dictColumn(flavor).human, flavor));
  return presentShow(sortedShow(entries), opts);
}

/** What nova's create response adds to the server create output. */
export interface ServerCreateResponse {
  /** The generated root password nova returns once. */
  adminPass?: string;
  /** [{name}] of the requested security groups (nova echoes them; default when none asked). */
  security_groups?: { name: string }[];
}

/** The server as nova 2.1 shows it: later fields dropped, flavor {id, links}, volumes [{id}]. */
function serverAt21(server: ServerDict): Dict {
  const out: Dict = {};
  for (const [key, value] of Object.entries(server)) {
    if (!SERVER_V21_KEYS.has(key) || value === undefined) continue;
    out[key] = value as PyValue;
  }
  out['flavor'] = { id: server.flavor.id ?? '', links: [] };
  out['os-extended-volumes:volumes_attached'] = server['os-extended-volumes:volumes_attached'].map((v) => ({ id: v.id }));
  return out;
}

/** `openstack server create ...` (novaclient, 2.1): the create response merged with the server right after. */
export function presentServerCreate(
  server: ServerDict,
  created: ServerCreateResponse = {},
  lookups: ServerLookups = {},
  opts: OutputOptions = {},
): CliOutput {
  const merged: Dict = { id: server.id, links: [], 'OS-DCF:diskConfig': server['OS-DCF:diskConfig'] };
  if (created.security_groups) merged['security_groups'] = created.security_groups;
  if (created.adminPass !== undefined) merged['adminPass'] = created.adminPass;
  Object.assign(merged, serverAt21(server));
  const info = new Map<string, PyValue>(Object.entries(merged).filter(([k]) => k !== 'links'));
  const flavorId = server.flavor.id ?? '';
  const flavor = lookups.flavors?.find((f) => f.id === flavorId);
  return presentShow(sortedShow(finishDetail(info, lookups, flavor ? `${flavor.name} (${flavorId})` : flavorId)), opts);
}

/** The columns server list can add when named with -c (ListServer "support for additional columns"). */
const EXTRA_COLUMNS: readonly (readonly [readonly string[], string, string])[] = [
  [['Project ID', 'project_id'], 'Project ID', 'project_id'],
  [['User ID', 'user_id'], 'User ID', 'user_id'],
  [['Created At', 'created_at'], 'Created At', 'created_at'],
  [['Security Groups', 'security_groups'], 'Security Groups', 'security_groups_name'],
  [['Task State', 'task_state'], 'Task State', 'task_state'],
  [['Power State', 'power_state'], 'Power State', 'power_state'],
  [['Image ID', 'image_id'], 'Image ID', 'Image ID'],
  [['Flavor ID', 'flavor_id'], 'Flavor ID', 'flavor_id'],
  [['Availability Zone', 'availability_zone'], 'Availability Zone', 'availability_zone'],
  [['Host', 'host'], 'Host', 'hypervisor_hostname'],
  [['Properties', 'properties'], 'Properties', 'Metadata'],
];

function listCell(server: ServerDict, column: string, lookups: ServerLookups): Cell {
  const body = server as unknown as Dict;
  const imageId = typeof server.image === 'object' && 'id' in server.image ? server.image.id : '';
  switch (column) {
    case 'addresses':
      return addressesColumn(server.addresses);
    case 'power_state':
      return powerState(sdkGet(SERVER_MODEL, body, 'power_state'));
    case 'metadata':
      return dictColumn(server.metadata);
    case 'Metadata':
      return server.metadata;
    case 'hypervisor_hostname':
      return hostColumn(server['OS-EXT-SRV-ATTR:hypervisor_hostname'] ?? null);
    case 'security_groups_name':
      return listColumn((server.security_groups ?? []).map((g) => g.name));
    case 'image_name':
      if (!imageId) return IMAGE_STRING_FOR_BFV;
      return lookups.images?.find((i) => i.id === imageId)?.name ?? '';
    case 'Image ID':
    case 'image_id':
      return imageId || IMAGE_STRING_FOR_BFV;
    case 'flavor_name':
      return server.flavor.original_name ?? null;
    case 'Host Status':
      return server.host_status ?? null;
    default:
      return sdkGet(SERVER_MODEL, body, column);
  }
}

/** `openstack server list [--long] [-c ...]`; lookups.images gives the Image column its names. */
export function presentServerList(servers: readonly ServerDict[], lookups: ServerLookups = {}, opts: OutputOptions = {}): CliOutput {
  const cols: [string, string][] = [['ID', 'id'], ['Name', 'name'], ['Status', 'status']];
  if (opts.long) cols.push(['Task State', 'task_state'], ['Power State', 'power_state']);
  cols.push(['Networks', 'addresses']);
  if (opts.long) cols.push(['Image Name', 'image_name'], ['Image ID', 'image_id']);
  else cols.push(['Image', 'image_name']);
  cols.push(['Flavor', 'flavor_name']);
  if (opts.long) cols.push(['Availability Zone', 'availability_zone'], ['Host', 'hypervisor_hostname'], ['Properties', 'metadata']);
  for (const wanted of opts.columns ?? []) {
    for (const [names, header, attr] of EXTRA_COLUMNS) {
      if (names.includes(wanted) && !cols.some(([h]) => h === header)) cols.push([header, attr]);
    }
  }
  if (opts.long && servers.some((s) => (s.host_status ?? null) !== null)) cols.push(['Host Status', 'Host Status']);
  return presentList(
    { headers: cols.map(([h]) => h), rows: servers.map((s) => cols.map(([, c]) => listCell(s, c, lookups))) },
    opts,
  );
}
