/**
 * `openstack router create|show|list` (openstackclient/network/v2/router.py,
 * OSC 6.6.1; SDK model openstack/network/v2/router.py, openstacksdk 3.0.0).
 *
 * external_gateway_info and interfaces_info print as json.dumps() of the API
 * value, so their key order is the order neutron sent. `ha` / `distributed`
 * rows and columns appear only when neutron sends them (admin callers).
 * `router show` adds interfaces_info, built from the router's ports.
 */
import { adminStateColumn, formatListOfDicts, humanized, listColumn, type Cell } from './columns';
import { presentList, presentShow, type CliOutput, type OutputOptions } from './output';
import { pyJsonDumps, type PyValue } from './python';
import { attrs, NETWORK_RESOURCE_TAIL, oscShowColumns, sdkGet, sdkToDict, type SdkModel } from './sdk';
import type { PortDict, RouterDict } from './types';

export const ROUTER_MODEL: SdkModel = {
  allowUnknown: true,
  attrs: [
    ...attrs(
      'availability_zone_hints',
      'availability_zones',
      'created_at',
      'description',
      'enable_ndp_proxy',
      'external_gateway_info',
      'flavor_id',
      ['is_admin_state_up', 'admin_state_up'],
      ['is_distributed', 'distributed'],
      ['is_ha', 'ha'],
      'name',
    ),
    { attr: 'project_id', key: 'project_id', alias: 'tenant_id' },
    ...attrs('tenant_id', 'routes', 'status', 'updated_at'),
    ...NETWORK_RESOURCE_TAIL,
  ],
};

type Dict = { [key: string]: PyValue };

/** RouterInfoColumn: json.dumps of the value (Python separators, ASCII escapes). */
function routerInfo(value: PyValue): Cell {
  return humanized(pyJsonDumps(value, null), value);
}

/** RoutesColumn: nexthop renamed gateway, one `destination='..', gateway='..'` per line. */
function routes(value: PyValue): Cell {
  const list = Array.isArray(value) ? (value as Dict[]) : null;
  const renamed = list?.map((r) => {
    const { nexthop, ...rest } = r;
    return nexthop === undefined ? r : { ...rest, gateway: nexthop };
  });
  return humanized(formatListOfDicts(renamed ?? null), value);
}

function formatRouterCell(attr: string, value: PyValue): Cell {
  switch (attr) {
    case 'admin_state_up':
    case 'is_admin_state_up':
      return adminStateColumn(value);
    case 'external_gateway_info':
    case 'interfaces_info':
      return routerInfo(value);
    case 'availability_zones':
    case 'availability_zone_hints':
    case 'tags':
      return listColumn(value);
    case 'routes':
      return routes(value);
    default:
      return value;
  }
}

/** What `router show` computes: one entry per fixed IP of each non-gateway port on the router. */
export function routerInterfacesInfo(routerPorts: readonly PortDict[]): PyValue {
  return routerPorts
    .filter((p) => p.device_owner !== 'network:router_gateway')
    .flatMap((p) => p.fixed_ips.map((ip) => ({ port_id: p.id, ip_address: ip.ip_address, subnet_id: ip.subnet_id })));
}

function showRouter(router: RouterDict, interfacesInfo: PyValue | undefined, opts: OutputOptions): CliOutput {
  const body = router as unknown as Dict;
  const columnMap: Record<string, string> = { is_ha: 'ha', is_distributed: 'distributed', is_admin_state_up: 'admin_state_up' };
  const hidden = ['location'];
  if (interfacesInfo !== undefined) columnMap['interfaces_info'] = 'interfaces_info';
  for (const attr of ['is_ha', 'is_distributed']) {
    if (sdkGet(ROUTER_MODEL, body, attr) === null) {
      hidden.push(attr);
      delete columnMap[attr];
    }
  }
  const dict = sdkToDict(ROUTER_MODEL, body);
  if (interfacesInfo !== undefined) dict.push(['interfaces_info', interfacesInfo]);
  const columns = oscShowColumns(dict, columnMap, hidden);
  const valueOf = (attr: string): PyValue =>
    attr === 'interfaces_info' && interfacesInfo !== undefined ? interfacesInfo : sdkGet(ROUTER_MODEL, body, attr);
  return presentShow(
    { names: columns.map(([n]) => n), values: columns.map(([, attr]) => formatRouterCell(attr, valueOf(attr))) },
    opts,
  );
}

/** `openstack router create ...` (no interfaces_info row). */
export function presentRouterCreate(router: RouterDict, opts: OutputOptions = {}): CliOutput {
  return showRouter(router, undefined, opts);
}

/** `openstack router show ROUTER`; routerPorts are the ports whose device_id is the router, in API order. */
export function presentRouterShow(router: RouterDict, routerPorts: readonly PortDict[], opts: OutputOptions = {}): CliOutput {
  return showRouter(router, routerInterfacesInfo(routerPorts), opts);
}

export interface RouterListContext {
  /** Whether neutron has the router_availability_zone extension (the L3 agent plugin does). */
  availabilityZoneExtension?: boolean;
}

/** `openstack router list [--long]` */
export function presentRouterList(
  routers: readonly RouterDict[],
  opts: OutputOptions = {},
  ctx: RouterListContext = {},
): CliOutput {
  const columns: [string, string][] = [
    ['ID', 'id'],
    ['Name', 'name'],
    ['Status', 'status'],
    ['State', 'is_admin_state_up'],
    ['Project', 'project_id'],
  ];
  for (const r of routers) {
    const body = r as unknown as Dict;
    if (sdkGet(ROUTER_MODEL, body, 'is_distributed') !== null && !columns.some(([, a]) => a === 'is_distributed'))
      columns.push(['Distributed', 'is_distributed']);
    if (sdkGet(ROUTER_MODEL, body, 'is_ha') !== null && !columns.some(([, a]) => a === 'is_ha')) columns.push(['HA', 'is_ha']);
  }
  if (opts.long) {
    columns.push(['Routes', 'routes'], ['External gateway info', 'external_gateway_info']);
    if (ctx.availabilityZoneExtension ?? true) columns.push(['Availability zones', 'availability_zones']);
    columns.push(['Tags', 'tags']);
  }
  return presentList(
    {
      headers: columns.map(([h]) => h),
      rows: routers.map((r) => columns.map(([, attr]) => formatRouterCell(attr, sdkGet(ROUTER_MODEL, r as unknown as Dict, attr)))),
    },
    opts,
  );
}
