/**
 * `openstack floating ip create|show|list` (openstackclient/network/v2/floating_ip.py,
 * OSC 6.6.1; SDK model openstack/network/v2/floating_ip.py, openstacksdk 3.0.0).
 *
 * The SDK makes `name` an alias of floating_ip_address, so a `name` row
 * shows the address. create uses no formatters (port_details prints as a
 * Python dict, tags as `[]`); show formats port_details with format_dict,
 * whose string then also goes to -f json / -f value.
 */
import { formatDict, type Cell } from './columns';
import { presentList, presentShow, type CliOutput, type OutputOptions } from './output';
import type { PyValue } from './python';
import { attrs, columnPairs, NETWORK_RESOURCE_TAIL, oscShowColumns, sdkGet, type SdkModel, sdkToDict } from './sdk';
import type { FloatingIpDict } from './types';

export const FLOATING_IP_MODEL: SdkModel = {
  allowUnknown: true,
  attrs: [
    ...attrs(
      'created_at',
      'description',
      'dns_domain',
      'dns_name',
      'fixed_ip_address',
      'floating_ip_address',
      ['name', 'floating_ip_address'],
      'floating_network_id',
      'port_details',
      'port_id',
      'qos_policy_id',
    ),
    { attr: 'project_id', key: 'project_id', alias: 'tenant_id' },
    ...attrs(
      'tenant_id',
      'router_id',
      'status',
      'updated_at',
      'subnet_id',
    ),
    ...NETWORK_RESOURCE_TAIL.filter((a) => a.attr !== 'name'),
  ],
};

type Dict = { [key: string]: PyValue };

function show(fip: FloatingIpDict, formatPortDetails: boolean, opts: OutputOptions): CliOutput {
  const body = fip as unknown as Dict;
  const columns = oscShowColumns(sdkToDict(FLOATING_IP_MODEL, body), {}, ['location', 'tenant_id']);
  const cell = (attr: string): Cell => {
    const value = sdkGet(FLOATING_IP_MODEL, body, attr);
    // A legacy formatter function: applied only to non-None values, its string replaces the value.
    if (formatPortDetails && attr === 'port_details' && value !== null) return formatDict(value);
    return value;
  };
  return presentShow({ names: columns.map(([n]) => n), values: columns.map(([, a]) => cell(a)) }, opts);
}

/** `openstack floating ip create NETWORK ...` */
export function presentFloatingIpCreate(fip: FloatingIpDict, opts: OutputOptions = {}): CliOutput {
  return show(fip, false, opts);
}

/** `openstack floating ip show IP-OR-ID` */
export function presentFloatingIpShow(fip: FloatingIpDict, opts: OutputOptions = {}): CliOutput {
  return show(fip, true, opts);
}

const LIST_SHORT = columnPairs(
  ['ID', 'id'],
  ['Floating IP Address', 'floating_ip_address'],
  ['Fixed IP Address', 'fixed_ip_address'],
  ['Port', 'port_id'],
  ['Floating Network', 'floating_network_id'],
  ['Project', 'project_id'],
);

const LIST_LONG_EXTRA = columnPairs(
  ['Router', 'router_id'],
  ['Status', 'status'],
  ['Description', 'description'],
  ['Tags', 'tags'],
  ['DNS Name', 'dns_name'],
  ['DNS Domain', 'dns_domain'],
);

/** `openstack floating ip list [--long]` (no formatters: tags print as a Python list). */
export function presentFloatingIpList(fips: readonly FloatingIpDict[], opts: OutputOptions = {}): CliOutput {
  const columns = opts.long ? [...LIST_SHORT, ...LIST_LONG_EXTRA] : LIST_SHORT;
  return presentList(
    {
      headers: columns.map(([h]) => h),
      rows: fips.map((f) => columns.map(([, attr]) => sdkGet(FLOATING_IP_MODEL, f as unknown as Dict, attr))),
    },
    opts,
  );
}
