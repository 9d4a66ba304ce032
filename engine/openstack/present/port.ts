/**
 * `openstack port create|show|list` (openstackclient/network/v2/port.py,
 * OSC 6.6.1; SDK model openstack/network/v2/port.py, openstacksdk 3.0.0).
 *
 * Unlike the other network resources, port show prints a fixed list of
 * fields in a fixed order (not sorted: revision_number comes before the
 * qos fields), including `hints`, which the SDK does not declare and which
 * prints empty unless neutron sends it. `port list -c` follows the order the
 * user typed, accepts attribute names, and passes unknown names through as
 * empty columns (osc_lib calculate_header_and_attrs).
 */
import { adminStateColumn, dictColumn, listColumn, listDictColumn, type Cell } from './columns';
import { presentList, presentShow, type CliOutput, type OutputOptions } from './output';
import type { PyValue } from './python';
import { attrs, columnPairs, NETWORK_RESOURCE_TAIL, sdkGet, type SdkModel } from './sdk';
import type { PortDict } from './types';

export const PORT_MODEL: SdkModel = {
  allowUnknown: true,
  attrs: [
    ...attrs(
      'allowed_address_pairs',
      ['binding_host_id', 'binding:host_id'],
      ['binding_profile', 'binding:profile'],
      ['binding_vif_details', 'binding:vif_details'],
      ['binding_vif_type', 'binding:vif_type'],
      ['binding_vnic_type', 'binding:vnic_type'],
      'created_at',
      'data_plane_status',
      'description',
      'device_id',
      'device_owner',
      'device_profile',
      'dns_assignment',
      'dns_domain',
      'dns_name',
      'extra_dhcp_opts',
      'fixed_ips',
      'hardware_offload_type',
      'ip_allocation',
      ['is_admin_state_up', 'admin_state_up'],
      ['is_port_security_enabled', 'port_security_enabled', false],
      'mac_address',
      'name',
      'network_id',
      'numa_affinity_policy',
    ),
    { attr: 'project_id', key: 'project_id', alias: 'tenant_id' },
    ...attrs(
      'tenant_id',
      'propagate_uplink_status',
      'qos_network_policy_id',
      'qos_policy_id',
      'resource_request',
      ['security_group_ids', 'security_groups'],
      'status',
      'trunk_details',
      'updated_at',
    ),
    ...NETWORK_RESOURCE_TAIL,
  ],
};

/** port.py _get_columns: shown name -> SDK attribute, in print order. */
const SHOW_COLUMNS = columnPairs(
  ['admin_state_up', 'is_admin_state_up'],
  'allowed_address_pairs',
  'binding_host_id',
  'binding_profile',
  'binding_vif_details',
  'binding_vif_type',
  'binding_vnic_type',
  'created_at',
  'data_plane_status',
  'description',
  'device_id',
  'device_owner',
  'device_profile',
  'dns_assignment',
  'dns_domain',
  'dns_name',
  'extra_dhcp_opts',
  'fixed_ips',
  'hardware_offload_type',
  'hints',
  'id',
  'ip_allocation',
  'mac_address',
  'name',
  'network_id',
  'numa_affinity_policy',
  ['port_security_enabled', 'is_port_security_enabled'],
  'project_id',
  'propagate_uplink_status',
  'resource_request',
  'revision_number',
  'qos_network_policy_id',
  'qos_policy_id',
  'security_group_ids',
  'status',
  'tags',
  'trunk_details',
  'updated_at',
);

/** port.py _formatters, keyed by the attribute name passed to get_item_properties. */
function formatPortCell(attr: string, value: PyValue): Cell {
  switch (attr) {
    case 'admin_state_up':
    case 'is_admin_state_up':
      return adminStateColumn(value);
    case 'allowed_address_pairs':
    case 'dns_assignment':
    case 'extra_dhcp_opts':
    case 'fixed_ips':
      return listDictColumn(value);
    case 'binding_profile':
    case 'binding_vif_details':
    case 'binding:profile':
    case 'binding:vif_details':
      return dictColumn(value);
    case 'security_group_ids':
    case 'tags':
      return listColumn(value);
    default:
      return value;
  }
}

function cellsOf(port: PortDict, attrNames: readonly string[]): Cell[] {
  const body = port as unknown as { [key: string]: PyValue };
  return attrNames.map((attr) => formatPortCell(attr, sdkGet(PORT_MODEL, body, attr)));
}

/** `openstack port show PORT` and `openstack port create ...` */
export function presentPortShow(port: PortDict, opts: OutputOptions = {}): CliOutput {
  return presentShow(
    { names: SHOW_COLUMNS.map(([n]) => n), values: cellsOf(port, SHOW_COLUMNS.map(([, a]) => a)) },
    opts,
  );
}

const LIST_SHORT = columnPairs(
  ['ID', 'id'],
  ['Name', 'name'],
  ['MAC Address', 'mac_address'],
  ['Fixed IP Addresses', 'fixed_ips'],
  ['Status', 'status'],
);

const LIST_LONG_EXTRA = columnPairs(
  ['Security Groups', 'security_group_ids'],
  ['Device Owner', 'device_owner'],
  ['Tags', 'tags'],
);

/** `openstack port list [--long] [-c ...]` */
export function presentPortList(ports: readonly PortDict[], opts: OutputOptions = {}): CliOutput {
  let columns: readonly (readonly [string, string])[] = opts.long ? [...LIST_SHORT, ...LIST_LONG_EXTRA] : LIST_SHORT;
  if (opts.columns && opts.columns.length > 0) {
    columns = opts.columns.map((c) => {
      const byHeader = columns.find(([h]) => h === c);
      const byAttr = columns.find(([, a]) => a === c);
      return [byAttr ? byAttr[0] : c, byHeader ? byHeader[1] : c] as const;
    });
  }
  const headers = columns.map(([h]) => h);
  return presentList(
    { headers, rows: ports.map((p) => cellsOf(p, columns.map(([, a]) => a))) },
    { ...opts, columns: headers },
  );
}
