/**
 * neutron's provisioning blocks: a bound port stays DOWN until every entity
 * that must wire it (the L2 agent; the DHCP agent for compute ports on DHCP
 * subnets) has reported. Only then does it go ACTIVE, which triggers l2pop and
 * nova's network-vif-plugged event.
 */
import type { Ctx } from '../core/context.js';
import type { Port } from '../core/types.js';
import { portDown, portUp } from './l2pop.js';
import { isComputePort } from './queries.js';
import { networkVifPlugged } from '../nova/events.js';

/**
 * provisioning_complete: the entity's block goes, and when none is left the
 * port goes ACTIVE, even if this entity had no block (a device re-added after
 * the port went DOWN, as when an instance starts again).
 */
export function provisioningComplete(ctx: Ctx, portId: string, entity: 'L2' | 'DHCP', flows: number[]): void {
  const port = ctx.cloud.db.ports[portId];
  if (!port) return;
  port.provisioningBlocks = port.provisioningBlocks.filter((b) => b !== entity);
  if (port.provisioningBlocks.length > 0 || port.status === 'ACTIVE') return;
  port.status = 'ACTIVE';
  port.revision += 1;
  port.updatedAt = ctx.now;
  ctx.emit({
    from: 'neutron-server', to: 'neutron DB', channel: 'SQL', name: 'UPDATE ports SET status=ACTIVE',
    detail: `port ${port.id}: the last provisioning block (${entity}) is lifted, DOWN -> ACTIVE`,
    flows, subjects: [port.networkId, port.id],
  });
  portUp(ctx, port, flows);
  if (isComputePort(port)) networkVifPlugged(ctx, port, flows);
}

/** The L2 agent reported the device gone while the port still exists. */
export function deviceDown(ctx: Ctx, port: Pick<Port, 'id'>, flows: number[]): void {
  const current = ctx.cloud.db.ports[port.id];
  if (!current || current.status !== 'ACTIVE') return;
  current.status = 'DOWN';
  current.revision += 1;
  portDown(ctx, current, flows);
}
