/**
 * The l2population mechanism driver: when a port goes ACTIVE (or away) on a
 * host, neutron-server tells the other Linux bridge agents which MAC lives
 * behind which VTEP, so VXLAN needs no multicast: unicast entries per port and
 * one 00:00:00:00:00:00 flooding entry per remote host (head-end replication).
 */
import type { Ctx } from '../core/context.js';
import type { Network, Port } from '../core/types.js';
import { FLOOD_MAC, agentName, applyFdb } from '../agents/linuxbridge.js';
import { portsOf } from './queries.js';

function vtepOf(ctx: Ctx, host: string): string {
  return ctx.cloud.hosts[host]!.managementIp;
}

function activePortsOnHost(ctx: Ctx, networkId: string, host: string, except?: string): Port[] {
  return portsOf(ctx.cloud.db, networkId).filter((p) => p.bindingHostId === host && p.status === 'ACTIVE' && p.id !== except);
}

/** A port's own FDB entries: its MAC once per fixed IP (none without an address). */
function portMacs(port: Port): string[] {
  return port.fixedIps.length ? [port.macAddress] : [];
}

function fanout(ctx: Ctx, network: Network, op: 'add' | 'remove', vtep: string, macs: string[], flows: number[], subject: string): void {
  if (macs.length === 0) return;
  const changes: string[] = [];
  for (const host of Object.keys(ctx.cloud.hosts)) applyFdb(ctx, host, network, op, vtep, macs, changes);
  ctx.emit({
    from: 'neutron-server', to: 'neutron-linuxbridge-agent (fanout)', channel: 'RPC cast', name: op === 'add' ? 'fdb_add' : 'fdb_remove',
    detail: `l2population: ${macs.join(', ')} behind VTEP ${vtep} on VNI ${network.segmentationId}`,
    flows, subjects: [network.id, subject], changes,
  });
}

export function portUp(ctx: Ctx, port: Port, flows: number[]): void {
  const network = ctx.cloud.db.networks[port.networkId];
  if (!network || network.networkType !== 'vxlan' || !port.bindingHostId) return;
  const host = port.bindingHostId;
  const first = activePortsOnHost(ctx, network.id, host).length === 1;
  if (first) {
    // The host just joined the network: it gets every other host's entries in one agent-specific cast.
    const changes: string[] = [];
    const told: string[] = [];
    const others = new Set(portsOf(ctx.cloud.db, network.id).filter((p) => p.status === 'ACTIVE' && p.bindingHostId && p.bindingHostId !== host).map((p) => p.bindingHostId));
    for (const other of others) {
      const macs = [FLOOD_MAC, ...activePortsOnHost(ctx, network.id, other).flatMap(portMacs)];
      applyFdb(ctx, host, network, 'add', vtepOf(ctx, other), macs, changes);
      told.push(`${other} (${vtepOf(ctx, other)})`);
    }
    if (told.length) {
      ctx.emit({
        from: 'neutron-server', to: agentName(host), channel: 'RPC cast', name: 'add_fdb_entries',
        detail: `first active port of ${network.name || network.id} on ${host}: the full FDB of ${told.join(', ')}`,
        flows, subjects: [network.id, port.id], changes,
      });
    }
  }
  fanout(ctx, network, 'add', vtepOf(ctx, host), [...(first ? [FLOOD_MAC] : []), ...portMacs(port)], flows, port.id);
}

export function portDown(ctx: Ctx, port: Port, flows: number[]): void {
  const network = ctx.cloud.db.networks[port.networkId];
  if (!network || network.networkType !== 'vxlan' || !port.bindingHostId) return;
  const last = activePortsOnHost(ctx, network.id, port.bindingHostId, port.id).length === 0;
  // The MAC goes even if its addresses were removed first (a subnet delete strips them before the port goes).
  fanout(ctx, network, 'remove', vtepOf(ctx, port.bindingHostId), [port.macAddress, ...(last ? [FLOOD_MAC] : [])], flows, port.id);
}
