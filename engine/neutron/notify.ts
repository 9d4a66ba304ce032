/**
 * neutron-server's agent notifiers: after a database change, the RPC casts
 * the DHCP, L3 and Linux bridge agents receive (dhcp_rpc_agent_api,
 * l3_rpc_agent_api, the ML2 agent notifier). Each cast is a step on the bus.
 */
import type { Ctx } from '../core/context.js';
import type { Network, Port, Router, Subnet } from '../core/types.js';
import * as dhcp from '../agents/dhcp.js';
import * as l3 from '../agents/l3.js';
import { networkDelete } from '../agents/linuxbridge.js';
import { portDown } from './l2pop.js';

const DHCP_AGENT = `neutron-dhcp-agent@${dhcp.DHCP_HOST}`;
const L3_AGENT = `neutron-l3-agent@${l3.L3_HOST}`;

function castToDhcp(ctx: Ctx, name: string, network: Network, detail: string, flows: number[], subjects: string[]): void {
  ctx.emit({ from: 'neutron-server', to: DHCP_AGENT, channel: 'RPC cast', name, detail, flows, subjects: [network.id, ...subjects] });
}

export function notifySubnetCreated(ctx: Ctx, subnet: Subnet): void {
  const network = ctx.cloud.db.networks[subnet.networkId]!;
  if (!subnet.enableDhcp && !dhcp.isEnabled(ctx, network.id)) return;
  castToDhcp(ctx, 'subnet_create_end', network,
    dhcp.isEnabled(ctx, network.id) ? 'a new subnet on a network this agent already serves' : `network scheduled to the DHCP agent on ${dhcp.DHCP_HOST} (dhcp_agents_per_network = 1)`,
    [2, 4], [subnet.id]);
  dhcp.subnetsChanged(ctx, network);
}

/** subnet_update_end, sent when the network is served or DHCP was just switched on. */
export function notifySubnetUpdated(ctx: Ctx, subnet: Subnet, dhcpSwitched: boolean): void {
  const network = ctx.cloud.db.networks[subnet.networkId]!;
  if (!dhcp.isEnabled(ctx, network.id) && !subnet.enableDhcp) return;
  castToDhcp(ctx, 'subnet_update_end', network, `subnet ${subnet.name || subnet.id} changed`, [4], [subnet.id]);
  dhcp.subnetUpdated(ctx, network, dhcpSwitched);
}

export function notifySubnetDeleted(ctx: Ctx, subnet: Subnet): void {
  const network = ctx.cloud.db.networks[subnet.networkId];
  if (!network || !dhcp.isEnabled(ctx, network.id)) return;
  castToDhcp(ctx, 'subnet_delete_end', network, `subnet ${subnet.cidr} removed`, [4], [subnet.id]);
  dhcp.subnetsChanged(ctx, network);
}

export function notifyPortCreated(ctx: Ctx, port: Port): void {
  const network = ctx.cloud.db.networks[port.networkId]!;
  if (!dhcp.isEnabled(ctx, network.id)) return;
  castToDhcp(ctx, 'port_create_end', network, `port ${port.id} (${port.macAddress}${port.fixedIps.length ? `, ${port.fixedIps.map((f) => f.ipAddress).join(', ')}` : ''})`, [4], [port.id]);
  dhcp.portsChanged(ctx, network, `port_create_end for ${port.id}`, [port]);
}

export function notifyPortUpdated(ctx: Ctx, port: Port): void {
  const network = ctx.cloud.db.networks[port.networkId]!;
  if (!dhcp.isEnabled(ctx, network.id)) return;
  castToDhcp(ctx, 'port_update_end', network, `port ${port.id} bound to ${port.bindingHostId || 'no host'}`, [3, 4], [port.id]);
  dhcp.portsChanged(ctx, network, `port_update_end for ${port.id}`, [port]);
}

export function notifyPortDeleted(ctx: Ctx, port: Port): void {
  if (port.status === 'ACTIVE') portDown(ctx, port, [3]);
  const network = ctx.cloud.db.networks[port.networkId];
  if (!network || !dhcp.isEnabled(ctx, network.id)) return;
  castToDhcp(ctx, 'port_delete_end', network, `port ${port.id} deleted: its host entry goes and its lease is released`, [4], [port.id]);
  dhcp.releaseLeases(ctx, network.id, [port.macAddress]);
  dhcp.portsChanged(ctx, network, `port_delete_end for ${port.id}`);
}

export function notifyNetworkDeleted(ctx: Ctx, network: Network): void {
  castToDhcp(ctx, 'network_delete_end', network, 'the DHCP agent tears the network down', [2], []);
  dhcp.networkDeleted(ctx, network);
  networkDelete(ctx, network);
}

export function notifyRouterCreated(ctx: Ctx, router: Router): void {
  ctx.emit({
    from: 'neutron-server', to: L3_AGENT, channel: 'RPC cast', name: 'routers_updated',
    detail: `router ${router.name || router.id} scheduled to the L3 agent on ${l3.L3_HOST}`, flows: [6], subjects: [router.id],
  });
  l3.routerAdded(ctx, router);
}

export function notifyRouterUpdated(ctx: Ctx, router: Router, why: string, flows: number[], subjects: string[] = []): void {
  ctx.emit({
    from: 'neutron-server', to: L3_AGENT, channel: 'RPC cast', name: 'routers_updated',
    detail: why, flows, subjects: [router.id, ...subjects],
  });
  l3.processRouter(ctx, router);
}

export function notifyRouterDeleted(ctx: Ctx, router: Router): void {
  ctx.emit({
    from: 'neutron-server', to: L3_AGENT, channel: 'RPC cast', name: 'router_deleted',
    detail: `router ${router.name || router.id} removed`, flows: [6], subjects: [router.id],
  });
  l3.routerRemoved(ctx, router);
}
