/**
 * `openstack volume create|show|list` (openstackclient/volume/v2/volume.py,
 * used for volume API v3 by OSC 6.6.1 through cinderclient). create and show
 * print every key of cinder's volume dict, sorted, with metadata renamed
 * properties, volume_type renamed type and links dropped; values are raw.
 */
import { dictColumn, humanized, type Cell } from './columns';
import { presentList, presentShow, sortedShow, type CliOutput, type OutputOptions } from './output';
import type { PyValue } from './python';
import type { VolumeDict } from './types';

type Dict = { [key: string]: PyValue };

/** `openstack volume show VOLUME`, and `volume create` with the create response. */
export function presentVolumeShow(volume: VolumeDict, opts: OutputOptions = {}): CliOutput {
  const entries: [string, Cell][] = [];
  for (const [key, value] of Object.entries(volume as unknown as Dict)) {
    if (key === 'links' || key === 'metadata' || key === 'volume_type' || value === undefined) continue;
    entries.push([key, value]);
  }
  entries.push(['properties', dictColumn(volume.metadata)], ['type', volume.volume_type]);
  return presentShow(sortedShow(entries), opts);
}

export const presentVolumeCreate = presentVolumeShow;

/** AttachmentsColumn: "Attached to SERVER on DEVICE " per attachment (server name when known). */
function attachments(value: VolumeDict['attachments'], serverNames: ReadonlyMap<string, string>): Cell {
  const text = value.map((a) => `Attached to ${serverNames.get(a.server_id) ?? a.server_id} on ${a.device} `).join('');
  return humanized(text, value as unknown as PyValue);
}

/**
 * `openstack volume list [--long]`. serverNames maps server IDs to names (the
 * client lists servers to print names in "Attached to").
 */
export function presentVolumeList(
  volumes: readonly VolumeDict[],
  serverNames: ReadonlyMap<string, string> = new Map(),
  opts: OutputOptions = {},
): CliOutput {
  const cols: [string, string][] = [['ID', 'id'], ['Name', 'name'], ['Status', 'status'], ['Size', 'size']];
  if (opts.long) cols.push(['Type', 'volume_type'], ['Bootable', 'bootable']);
  cols.push(['Attached to', 'attachments']);
  if (opts.long) cols.push(['Properties', 'metadata']);
  const cell = (v: VolumeDict, key: string): Cell => {
    if (key === 'attachments') return attachments(v.attachments, serverNames);
    if (key === 'metadata') return dictColumn(v.metadata);
    const value = (v as unknown as Dict)[key];
    return value === undefined ? '' : value;
  };
  return presentList(
    { headers: cols.map(([h]) => h), rows: volumes.map((v) => cols.map(([, k]) => cell(v, k))), namesRepr: 'list' },
    opts,
  );
}

/** nova's POST /servers/{id}/os-volume_attachments answer (microversion 2.91). */
export interface VolumeAttachmentDict {
  /** The volume ID (nova names the attachment after its volume). */
  id: string;
  serverId: string;
  volumeId: string;
  device: string | null;
  tag?: string | null;
  delete_on_termination?: boolean;
}

/**
 * `openstack server add volume SERVER VOLUME` (server.py AddServerVolume, SDK
 * at 2.91): a Field/Value table in this fixed order, Tag (2.49+) and Delete
 * On Termination (2.79+) included.
 */
export function presentServerAddVolume(attachment: VolumeAttachmentDict, opts: OutputOptions = {}): CliOutput {
  return presentShow(
    {
      names: ['ID', 'Server ID', 'Volume ID', 'Device', 'Tag', 'Delete On Termination'],
      values: [
        attachment.id,
        attachment.serverId,
        attachment.volumeId,
        attachment.device,
        attachment.tag ?? null,
        attachment.delete_on_termination ?? null,
      ],
    },
    opts,
  );
}
