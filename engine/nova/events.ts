/**
 * neutron's nova notifier and nova's external events: a compute port going
 * ACTIVE becomes `network-vif-plugged`, which wakes the paused guest.
 */
import type { Ctx } from '../core/context.js';
import type { Port } from '../core/types.js';
import { computeName, detachInterface, resumeGuest } from './compute.js';
import { bootGuest } from '../packets/guest.js';

export function networkVifPlugged(ctx: Ctx, port: Port, flows: number[]): void {
  const server = ctx.cloud.db.servers[port.deviceId];
  if (!server || !server.pendingVifEvents.includes(port.id)) return;
  ctx.emit({
    from: 'neutron-server', to: 'nova-api', channel: 'REST', name: 'POST /v2.1/os-server-external-events',
    detail: `{"name": "network-vif-plugged", "server_uuid": "${server.id}", "status": "completed", "tag": "${port.id}"}`,
    flows: [1, ...flows.filter((f) => f !== 1)], subjects: [server.id, port.id],
    note: 'Not in the seed: the port goes ACTIVE only after the L2 agent (and the DHCP agent) finished, and only then may the guest run.',
  });
  ctx.emit({
    from: 'nova-api', to: computeName(server.host!), channel: 'RPC cast', name: 'external_instance_event',
    detail: `wakes wait_for_instance_event for ${port.id}`, flows: [1], subjects: [server.id, port.id],
  });
  server.pendingVifEvents = server.pendingVifEvents.filter((p) => p !== port.id);
  if (server.pendingVifEvents.length === 0 && server.status === 'BUILD') resumeGuest(ctx, server, (s) => bootGuest(ctx, s));
}

/** A port of a running instance was deleted in neutron: nova detaches the interface from the guest. */
export function networkVifDeleted(ctx: Ctx, port: Port): void {
  const server = ctx.cloud.db.servers[port.deviceId];
  if (!server || !server.portIds.includes(port.id)) return;
  ctx.emit({
    from: 'neutron-server', to: 'nova-api', channel: 'REST', name: 'POST /v2.1/os-server-external-events',
    detail: `{"name": "network-vif-deleted", "server_uuid": "${server.id}", "tag": "${port.id}"}`,
    flows: [1, 3], subjects: [server.id, port.id],
  });
  detachInterface(ctx, server, port);
}
