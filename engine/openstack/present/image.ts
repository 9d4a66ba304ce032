/**
 * `openstack image show|list` (openstackclient/image/v2/image.py, OSC 6.6.1,
 * through openstacksdk). show keeps the standard glance fields that are not
 * null, prints tags as a list, and folds every other key (os_hidden,
 * os_hash_*, stores, owner_specified.*, custom properties) into one sorted
 * `properties` row. list is sorted by name (the client's default --sort name:asc).
 */
import { dictColumn, listColumn, type Cell } from './columns';
import { presentList, presentShow, sortedShow, type CliOutput, type OutputOptions } from './output';
import { pyStr, type PyValue } from './python';
import type { ImageDict } from './types';

/** image.py _format_image fields_to_show. */
const FIELDS = new Set([
  'status', 'name', 'container_format', 'created_at', 'size', 'disk_format', 'updated_at', 'visibility',
  'min_disk', 'protected', 'id', 'file', 'checksum', 'owner', 'virtual_size', 'min_ram', 'schema',
]);

export function presentImageShow(image: ImageDict, opts: OutputOptions = {}): CliOutput {
  const entries: [string, Cell][] = [];
  const properties: { [key: string]: PyValue } = {};
  for (const [key, value] of Object.entries(image)) {
    // to_dict(ignore_none=True): null fields vanish; glance's "self" link is dropped by the SDK.
    if (value === undefined || value === null || key === 'self' || key === 'tags' || key === 'location') continue;
    if (FIELDS.has(key)) entries.push([key, value]);
    else properties[key] = value;
  }
  entries.push(['tags', listColumn(image.tags ?? [])]);
  if (Object.keys(properties).length > 0) entries.push(['properties', dictColumn(properties)]);
  return presentShow(sortedShow(entries), opts);
}

/** `openstack image list [--long]`, sorted by name like the client. */
export function presentImageList(images: readonly ImageDict[], opts: OutputOptions = {}): CliOutput {
  const cols: [string, string][] = [['ID', 'id'], ['Name', 'name']];
  if (opts.long) cols.push(['Disk Format', 'disk_format'], ['Container Format', 'container_format'], ['Size', 'size'], ['Checksum', 'checksum']);
  cols.push(['Status', 'status']);
  if (opts.long) cols.push(['Visibility', 'visibility'], ['Protected', 'protected'], ['Project', 'owner'], ['Tags', 'tags']);
  const sorted = [...images].sort((a, b) => {
    const x = pyStr(a.name ?? null);
    const y = pyStr(b.name ?? null);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return presentList(
    {
      headers: cols.map(([h]) => h),
      rows: sorted.map((i) => cols.map(([, k]) => (k === 'tags' ? listColumn(i.tags ?? []) : ((i[k] as PyValue | undefined) ?? null)))),
    },
    opts,
  );
}
