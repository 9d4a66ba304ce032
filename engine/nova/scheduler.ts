/**
 * nova-scheduler with Placement: candidates from GET /allocation_candidates,
 * filters, then weighers (the RAM weigher spreads instances: the host with the
 * most free RAM, i.e. the fewest instances here, wins), then the claim.
 */
import type { Ctx } from '../core/context.js';
import type { Server } from '../core/types.js';

export function selectDestination(ctx: Ctx, server: Server, forcedHost: string | undefined, subjects: string[]): string | null {
  const { db, hosts } = ctx.cloud;
  const flavor = db.flavors[server.flavorId]!;
  const defaults = { flows: [1], subjects };
  const emit = (e: Parameters<Ctx['emit']>[0]) => ctx.emit(e, defaults);
  emit({ from: 'nova-conductor', to: 'nova-scheduler', channel: 'RPC call', name: 'select_destinations', detail: 'the conductor blocks for the answer', seedStep: 7, note: 'The seed has the scheduler drive the conductor; it is the other way round: the conductor calls the scheduler.' });
  const computes = Object.values(hosts).filter((h) => h.role === 'compute').map((h) => h.name);
  emit({ from: 'nova-scheduler', to: 'placement', channel: 'REST', name: 'GET /allocation_candidates', detail: `resources=VCPU:${flavor.vcpus},MEMORY_MB:${flavor.ram},DISK_GB:${flavor.disk}: ${computes.length} candidate resource providers`, note: 'Placement is missing from the seed entirely.' });
  let host: string | null;
  if (forcedHost !== undefined) {
    host = computes.includes(forcedHost) ? forcedHost : null;
  } else {
    // Each guest on a node is a libvirt domain there, so the domain count is the node's load.
    const load = (h: string) => hosts[h]!.domains.length;
    host = [...computes].sort((a, b) => load(a) - load(b))[0] ?? null;
  }
  if (!host) {
    emit({ from: 'nova-scheduler', to: 'nova-conductor', channel: 'RPC call', name: 'NoValidHost', detail: forcedHost ? `forced host ${forcedHost} is not a compute node` : 'no compute node passed the filters' });
    return null;
  }
  emit({ from: 'nova-scheduler', to: 'placement', channel: 'REST', name: `PUT /allocations/${server.id}`, detail: `claims VCPU, MEMORY_MB and DISK_GB on ${host}${forcedHost ? ' (forced with --availability-zone nova:HOST, filters skipped)' : ' (RAM weigher: the host with the most free memory)'}; alternates are kept for a reschedule` });
  return host;
}
