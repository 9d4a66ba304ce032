/**
 * `openstack network create|show|list` (openstackclient/network/v2/network.py,
 * OSC 6.6.1; SDK model openstack/network/v2/network.py, openstacksdk 3.0.0).
 *
 * create prints what show prints. `tenant_id` is shown: network.py assigns
 * hidden_columns twice and the second assignment (['location']) wins.
 */
import { adminStateColumn, listColumn, routerExternalColumn, type Cell } from './columns';
import { presentList, presentShow, type CliOutput, type OutputOptions } from './output';
import type { PyValue } from './python';
import { attrs, columnPairs, NETWORK_RESOURCE_TAIL, oscShowColumns, sdkGet, type SdkModel, sdkToDict } from './sdk';
import type { NetworkDict } from './types';

export const NETWORK_MODEL: SdkModel = {
  allowUnknown: true,
  attrs: [
    ...attrs(
      'availability_zone_hints',
      'availability_zones',
      'created_at',
      'description',
      'dns_domain',
      ['ipv4_address_scope_id', 'ipv4_address_scope'],
      ['ipv6_address_scope_id', 'ipv6_address_scope'],
      ['is_admin_state_up', 'admin_state_up'],
      'is_default',
      ['is_port_security_enabled', 'port_security_enabled', false],
      ['is_router_external', 'router:external', false],
      ['is_shared', 'shared'],
      'mtu',
      'name',
      'project_id',
      ['provider_network_type', 'provider:network_type'],
      ['provider_physical_network', 'provider:physical_network'],
      ['provider_segmentation_id', 'provider:segmentation_id'],
      'qos_policy_id',
      'segments',
      'status',
      ['subnet_ids', 'subnets'],
      'updated_at',
      ['is_vlan_transparent', 'vlan_transparent'],
    ),
    ...NETWORK_RESOURCE_TAIL,
  ],
};

/** network.py _get_columns_network column_map. */
const COLUMN_MAP: Record<string, string> = {
  subnet_ids: 'subnets',
  is_admin_state_up: 'admin_state_up',
  is_router_external: 'router:external',
  is_port_security_enabled: 'port_security_enabled',
  provider_network_type: 'provider:network_type',
  provider_physical_network: 'provider:physical_network',
  provider_segmentation_id: 'provider:segmentation_id',
  is_shared: 'shared',
  ipv4_address_scope_id: 'ipv4_address_scope',
  ipv6_address_scope_id: 'ipv6_address_scope',
  tags: 'tags',
};

/** network.py _formatters, keyed by SDK attribute. */
function formatNetworkCell(attr: string, value: PyValue): Cell {
  switch (attr) {
    case 'subnets':
    case 'subnet_ids':
    case 'availability_zones':
    case 'availability_zone_hints':
    case 'tags':
      return listColumn(value);
    case 'admin_state_up':
    case 'is_admin_state_up':
      return adminStateColumn(value);
    case 'router:external':
    case 'is_router_external':
      return routerExternalColumn(value);
    default:
      return value;
  }
}

/** `openstack network show NETWORK` and `openstack network create ...` */
export function presentNetworkShow(network: NetworkDict, opts: OutputOptions = {}): CliOutput {
  const body = network as unknown as Record<string, PyValue>;
  const columns = oscShowColumns(sdkToDict(NETWORK_MODEL, body), COLUMN_MAP, ['location']);
  return presentShow(
    {
      names: columns.map(([shown]) => shown),
      values: columns.map(([, attr]) => formatNetworkCell(attr, sdkGet(NETWORK_MODEL, body, attr))),
    },
    opts,
  );
}

const LIST_SHORT = columnPairs(
  ['ID', 'id'],
  ['Name', 'name'],
  ['Subnets', 'subnet_ids'],
);

const LIST_LONG = columnPairs(
  ['ID', 'id'],
  ['Name', 'name'],
  ['Status', 'status'],
  ['Project', 'project_id'],
  ['State', 'is_admin_state_up'],
  ['Shared', 'is_shared'],
  ['Subnets', 'subnet_ids'],
  ['Network Type', 'provider_network_type'],
  ['Router Type', 'is_router_external'],
  ['Availability Zones', 'availability_zones'],
  ['Tags', 'tags'],
);

/** `openstack network list [--long]`; rows in the order the API returned them. */
export function presentNetworkList(networks: readonly NetworkDict[], opts: OutputOptions = {}): CliOutput {
  const columns = opts.long ? LIST_LONG : LIST_SHORT;
  return presentList(
    {
      headers: columns.map(([h]) => h),
      rows: networks.map((n) => {
        const body = n as unknown as Record<string, PyValue>;
        return columns.map(([, attr]) => formatNetworkCell(attr, sdkGet(NETWORK_MODEL, body, attr)));
      }),
    },
    opts,
  );
}
