/**
 * `openstack subnet create|show|list` (openstackclient/network/v2/subnet.py,
 * OSC 6.6.1; SDK model openstack/network/v2/subnet.py, openstacksdk 3.0.0).
 */
import { humanized, listColumn, formatListOfDicts, type Cell } from './columns';
import { presentList, presentShow, type CliOutput, type OutputOptions } from './output';
import type { PyValue } from './python';
import { attrs, columnPairs, NETWORK_RESOURCE_TAIL, oscShowColumns, sdkGet, type SdkModel, sdkToDict } from './sdk';
import type { SubnetDict } from './types';

export const SUBNET_MODEL: SdkModel = {
  allowUnknown: true,
  attrs: [
    ...attrs(
      'allocation_pools',
      'cidr',
      'created_at',
      'description',
      'dns_nameservers',
      'dns_publish_fixed_ip',
      'gateway_ip',
      'host_routes',
      'ip_version',
      ['ipv6_address_mode', 'ipv6_address_mode'],
      ['ipv6_ra_mode', 'ipv6_ra_mode'],
      ['is_dhcp_enabled', 'enable_dhcp'],
      'name',
      'network_id',
      ['prefix_length', 'prefixlen'],
    ),
    { attr: 'project_id', key: 'project_id', alias: 'tenant_id' },
    ...attrs(
      'tenant_id',
      'segment_id',
      'service_types',
      ['subnet_pool_id', 'subnetpool_id'],
      'updated_at',
      ['use_default_subnet_pool', 'use_default_subnetpool'],
    ),
    ...NETWORK_RESOURCE_TAIL,
  ],
};

const COLUMN_MAP = { is_dhcp_enabled: 'enable_dhcp', subnet_pool_id: 'subnetpool_id' };
const HIDDEN = ['location', 'use_default_subnet_pool', 'prefix_length', 'tenant_id'];

type Dict = { [key: string]: PyValue };

/** AllocationPoolsColumn: "start-end" per pool, joined with "," (no space). */
function allocationPools(value: PyValue): Cell {
  const pools = Array.isArray(value) ? (value as Dict[]) : [];
  const text = pools.map((p) => `${String(p['start'] ?? '')}-${String(p['end'] ?? '')}`).join(',');
  return humanized(text, value);
}

/** HostRoutesColumn: nexthop renamed gateway (the --host-route spelling), one route per line. */
function hostRoutes(value: PyValue): Cell {
  const routes = Array.isArray(value) ? (value as Dict[]) : null;
  const renamed = routes?.map((r) => {
    const { nexthop, ...rest } = r;
    return nexthop === undefined ? r : { ...rest, gateway: nexthop };
  });
  return humanized(formatListOfDicts(renamed ?? null), value);
}

function formatSubnetCell(attr: string, value: PyValue): Cell {
  switch (attr) {
    case 'allocation_pools':
      return allocationPools(value);
    case 'host_routes':
      return hostRoutes(value);
    case 'dns_nameservers':
    case 'service_types':
    case 'tags':
      return listColumn(value);
    default:
      return value;
  }
}

/** `openstack subnet show SUBNET` and `openstack subnet create ...` */
export function presentSubnetShow(subnet: SubnetDict, opts: OutputOptions = {}): CliOutput {
  const body = subnet as unknown as Dict;
  const columns = oscShowColumns(sdkToDict(SUBNET_MODEL, body), COLUMN_MAP, HIDDEN);
  return presentShow(
    {
      names: columns.map(([shown]) => shown),
      values: columns.map(([, attr]) => formatSubnetCell(attr, sdkGet(SUBNET_MODEL, body, attr))),
    },
    opts,
  );
}

const LIST_SHORT = columnPairs(
  ['ID', 'id'],
  ['Name', 'name'],
  ['Network', 'network_id'],
  ['Subnet', 'cidr'],
);

const LIST_LONG_EXTRA = columnPairs(
  ['Project', 'project_id'],
  ['DHCP', 'is_dhcp_enabled'],
  ['Name Servers', 'dns_nameservers'],
  ['Allocation Pools', 'allocation_pools'],
  ['Host Routes', 'host_routes'],
  ['IP Version', 'ip_version'],
  ['Gateway', 'gateway_ip'],
  ['Service Types', 'service_types'],
  ['Tags', 'tags'],
);

/** `openstack subnet list [--long]` */
export function presentSubnetList(subnets: readonly SubnetDict[], opts: OutputOptions = {}): CliOutput {
  const columns = opts.long ? [...LIST_SHORT, ...LIST_LONG_EXTRA] : LIST_SHORT;
  return presentList(
    {
      headers: columns.map(([h]) => h),
      rows: subnets.map((s) => columns.map(([, attr]) => formatSubnetCell(attr, sdkGet(SUBNET_MODEL, s as unknown as Dict, attr)))),
    },
    opts,
  );
}
