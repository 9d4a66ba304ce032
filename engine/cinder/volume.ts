/**
 * cinder with the install guide's LVM/iSCSI backend, and nova's side of the
 * attachments API (Cinder 3.44+): attachment_create reserves the volume,
 * attachment_update with the host connector returns connection_info, os-brick
 * logs in to the target, libvirt attaches the disk, attachment_complete.
 */
import type { Ctx } from '../core/context.js';
import { ServiceError } from '../core/errors.js';
import type { Server, Volume, VolumeAttachment } from '../core/types.js';

const cinderError = (status: number, type: string, message: string, request: string) => new ServiceError('cinder', status, type, message, request);

export function getVolume(ctx: Ctx, id: string): Volume {
  const v = ctx.cloud.db.volumes[id];
  if (!v) throw cinderError(404, 'VolumeNotFound', `Volume ${id} could not be found.`, `GET /v3/volumes/${id}`);
  return v;
}

export function createVolume(ctx: Ctx, req: { id?: string; name: string; size: number; description?: string }): Volume {
  if (!Number.isInteger(req.size) || req.size < 1) {
    throw cinderError(400, 'InvalidInput', `Invalid input received: Volume size '${req.size}' must be an integer and greater than 0.`, 'POST /v3/volumes');
  }
  if (req.id && ctx.cloud.db.volumes[req.id]) throw cinderError(409, 'Conflict', `Volume ${req.id} already exists.`, 'POST /v3/volumes');
  const id = req.id ?? ctx.random.uuid('volume');
  const volume: Volume = { id, name: req.name, projectId: ctx.cloud.currentProject, size: req.size, status: 'available', attachments: [], createdAt: ctx.now, updatedAt: ctx.now, description: req.description ?? '' };
  ctx.cloud.db.volumes[id] = volume;
  ctx.emit({ from: 'client', to: 'cinder-api', channel: 'REST', name: 'POST /v3/volumes', detail: `${req.size} GiB volume ${req.name || id}`, flows: [1], subjects: [id] });
  ctx.emit({ from: 'cinder-scheduler', to: 'cinder-volume@block1', channel: 'RPC cast', name: 'create_volume', detail: `lvcreate -L ${req.size}g -n volume-${id} cinder-volumes; status available`, flows: [1], subjects: [id] });
  return volume;
}

/** The next free virtio disk name after vda (the root disk). */
function nextDevice(ctx: Ctx, server: Server): string {
  const used = new Set(Object.values(ctx.cloud.db.volumes).flatMap((v) => v.attachments.filter((a) => a.serverId === server.id).map((a) => a.device)));
  for (let c = 'b'.charCodeAt(0); c <= 'z'.charCodeAt(0); c++) {
    const dev = `/dev/vd${String.fromCharCode(c)}`;
    if (!used.has(dev)) return dev;
  }
  throw new ServiceError('nova', 400, 'BadRequest', 'No free disk device names for prefix \'vd\'', `POST /v2.1/servers/${server.id}/os-volume_attachments`);
}

export function attachVolume(ctx: Ctx, server: Server, volume: Volume): VolumeAttachment {
  const request = `POST /v2.1/servers/${server.id}/os-volume_attachments`;
  if (volume.status !== 'available') {
    throw new ServiceError('nova', 400, 'InvalidVolume', `Invalid volume: volume ${volume.id} is already attached to instances: ${volume.attachments.map((a) => a.serverId).join(',')}`, request);
  }
  if (server.status !== 'ACTIVE' || !server.host) {
    throw new ServiceError('nova', 409, 'InstanceInvalidState', `Cannot 'attach_volume' instance ${server.id} while it is in vm_state ${server.status.toLowerCase()}`, request);
  }
  const device = nextDevice(ctx, server);
  const attachmentId = ctx.random.uuid('attachment');
  const host = ctx.cloud.hosts[server.host]!;
  const iqn = `iqn.2010-10.org.openstack:volume-${volume.id}`;
  volume.status = 'in-use';
  volume.attachments.push({ serverId: server.id, attachmentId, device, host: host.name });
  volume.updatedAt = ctx.now;
  server.volumeIds.push(volume.id);
  const domain = host.domains.find((d) => d.uuid === server.id);
  domain?.disks.push({ target: device.slice(5), source: `/dev/disk/by-path/ip-10.0.0.41:3260-iscsi-${iqn}-lun-0`, kind: 'block' });
  const subjects = [server.id, volume.id];
  const defaults = { flows: [1], subjects };
  const emit = (e: Parameters<Ctx['emit']>[0]) => ctx.emit(e, defaults);
  emit({ from: 'client', to: 'nova-api', channel: 'REST', name: request, detail: `volumeId ${volume.id}` });
  emit({ from: 'nova-api', to: 'cinder-api', channel: 'REST', name: 'POST /v3/attachments', detail: `attachment_create ${attachmentId}: the volume is reserved (status reserved)`, seedStep: 16 });
  emit({ from: `nova-compute@${host.name}`, to: 'cinder-api', channel: 'REST', name: `PUT /v3/attachments/${attachmentId}`, detail: `attachment_update with the host connector (initiator of ${host.name}); cinder-volume exports the LV and returns connection_info {driver_volume_type: iscsi, target_iqn: ${iqn}, target_portal: 10.0.0.41:3260}`, seedStep: 16, note: 'Seed steps 16-18 describe the legacy reserve/initialize_connection/attach calls; since Train nova uses the attachments API.' });
  emit({ from: `nova-compute@${host.name}`, to: `os-brick@${host.name}`, channel: 'local', name: 'connect_volume', detail: `iscsiadm login to ${iqn}` });
  emit({ from: `nova-compute@${host.name}`, to: `libvirt@${host.name}`, channel: 'libvirt', name: 'attachDeviceFlags', detail: `<disk type='block' device='disk'> target ${device.slice(5)} (virtio)` });
  emit({ from: `nova-compute@${host.name}`, to: 'cinder-api', channel: 'REST', name: `POST /v3/attachments/${attachmentId}/action`, detail: 'os-complete: status in-use' });
  return volume.attachments.at(-1)!;
}

export function detachVolume(ctx: Ctx, server: Server, volume: Volume): void {
  const attachment = volume.attachments.find((a) => a.serverId === server.id);
  if (!attachment) {
    throw new ServiceError('nova', 404, 'VolumeAttachmentNotFound', `Volume ${volume.id} is not attached to server ${server.id}`, `DELETE /v2.1/servers/${server.id}/os-volume_attachments/${volume.id}`);
  }
  volume.attachments = volume.attachments.filter((a) => a !== attachment);
  volume.status = volume.attachments.length ? 'in-use' : 'available';
  server.volumeIds = server.volumeIds.filter((v) => v !== volume.id);
  const host = ctx.cloud.hosts[attachment.host];
  const domain = host?.domains.find((d) => d.uuid === server.id);
  if (domain) domain.disks = domain.disks.filter((d) => d.target !== attachment.device.slice(5));
  ctx.emit({ from: `nova-compute@${attachment.host}`, to: 'cinder-api', channel: 'REST', name: `DELETE /v3/attachments/${attachment.attachmentId}`, detail: `libvirt detaches ${attachment.device}, os-brick logs out, attachment deleted: volume ${volume.status}`, flows: [1], subjects: [server.id, volume.id] });
}

export function detachAllVolumes(ctx: Ctx, server: Server): void {
  for (const id of [...server.volumeIds]) {
    const volume = ctx.cloud.db.volumes[id];
    if (volume) detachVolume(ctx, server, volume);
  }
}

export function deleteVolume(ctx: Ctx, id: string): void {
  const volume = getVolume(ctx, id);
  if (volume.status !== 'available') {
    throw cinderError(400, 'InvalidVolume', 'Invalid volume: Volume status must be available or error or error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.', `DELETE /v3/volumes/${id}`);
  }
  delete ctx.cloud.db.volumes[id];
  ctx.emit({ from: 'client', to: 'cinder-api', channel: 'REST', name: `DELETE /v3/volumes/${id}`, detail: `lvremove cinder-volumes/volume-${id}`, flows: [1], subjects: [id] });
}
