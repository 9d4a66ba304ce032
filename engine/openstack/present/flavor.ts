/**
 * `openstack flavor show|list` (openstackclient/compute/v2/flavor.py, OSC
 * 6.6.1; SDK model openstack/compute/v2/flavor.py, openstacksdk 3.0.0), and
 * the SDK Flavor dict that `server show` prints for an embedded flavor.
 */
import { dictColumn, type Cell } from './columns';
import { presentList, presentShow, type CliOutput, type OutputOptions } from './output';
import { PyFloat, type PyValue } from './python';
import { oscShowColumns } from './sdk';
import type { FlavorDict } from './types';

type Dict = { [key: string]: PyValue };

function pick(body: Dict, key: string, attr: string, fallback: PyValue): PyValue {
  if (key in body) return body[key] as PyValue;
  if (attr in body) return body[attr] as PyValue;
  return fallback;
}

/** rxtx_factor is declared type=float: 1 prints "1.0". */
function asFloat(value: PyValue): PyValue {
  return typeof value === 'number' ? new PyFloat(value) : value;
}

/**
 * Flavor.to_dict() in attribute order. `name` falls back to original_name
 * (the 2.47+ embedded flavor has only that) and `id` to the name.
 */
export function flavorSdkDict(body: Dict): [string, PyValue][] {
  const name = pick(body, 'name', 'name', null) ?? pick(body, 'original_name', 'original_name', null);
  return [
    ['name', name],
    ['original_name', pick(body, 'original_name', 'original_name', null)],
    ['description', pick(body, 'description', 'description', null)],
    ['disk', pick(body, 'disk', 'disk', 0)],
    ['is_public', pick(body, 'os-flavor-access:is_public', 'is_public', true)],
    ['ram', pick(body, 'ram', 'ram', 0)],
    ['vcpus', pick(body, 'vcpus', 'vcpus', 0)],
    ['swap', pick(body, 'swap', 'swap', 0)],
    ['ephemeral', pick(body, 'OS-FLV-EXT-DATA:ephemeral', 'ephemeral', 0)],
    ['is_disabled', pick(body, 'OS-FLV-DISABLED:disabled', 'is_disabled', null)],
    ['rxtx_factor', asFloat(pick(body, 'rxtx_factor', 'rxtx_factor', null))],
    ['extra_specs', pick(body, 'extra_specs', 'extra_specs', {})],
    ['id', pick(body, 'id', 'id', null) ?? name],
    ['location', null],
  ];
}

/** The embedded flavor of a 2.47+ server, as the dict `server show` formats. */
export function flavorEmbeddedDict(embedded: Dict): { [key: string]: PyValue } {
  return Object.fromEntries(flavorSdkDict(embedded));
}

const COLUMN_MAP = {
  extra_specs: 'properties',
  ephemeral: 'OS-FLV-EXT-DATA:ephemeral',
  is_disabled: 'OS-FLV-DISABLED:disabled',
  is_public: 'os-flavor-access:is_public',
};

function flavorCell(attr: string, value: PyValue): Cell {
  return attr === 'extra_specs' || attr === 'properties' ? dictColumn(value) : value;
}

/**
 * `openstack flavor show FLAVOR`. accessProjectIds: the project IDs of a
 * private flavor's access list (None for a public flavor).
 */
export function presentFlavorShow(flavor: FlavorDict, accessProjectIds: string[] | null = null, opts: OutputOptions = {}): CliOutput {
  const dict = flavorSdkDict(flavor as unknown as Dict);
  dict.push(['access_project_ids', accessProjectIds]);
  const values = new Map(dict);
  const columns = oscShowColumns(dict, COLUMN_MAP, ['links', 'location', 'original_name']);
  return presentShow(
    { names: columns.map(([n]) => n), values: columns.map(([, attr]) => flavorCell(attr, values.get(attr) ?? null)) },
    opts,
  );
}

/** `openstack flavor list [--long]`: RAM, Disk, Ephemeral, VCPUs are ints, so right-aligned. */
export function presentFlavorList(flavors: readonly FlavorDict[], opts: OutputOptions = {}): CliOutput {
  const cols: [string, string][] = [
    ['ID', 'id'], ['Name', 'name'], ['RAM', 'ram'], ['Disk', 'disk'],
    ['Ephemeral', 'ephemeral'], ['VCPUs', 'vcpus'], ['Is Public', 'is_public'],
  ];
  if (opts.long) cols.push(['Swap', 'swap'], ['RXTX Factor', 'rxtx_factor'], ['Properties', 'extra_specs']);
  return presentList(
    {
      headers: cols.map(([h]) => h),
      rows: flavors.map((f) => {
        const values = new Map(flavorSdkDict(f as unknown as Dict));
        return cols.map(([, attr]) => flavorCell(attr, values.get(attr) ?? null));
      }),
    },
    opts,
  );
}
