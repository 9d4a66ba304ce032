/**
 * Helpers for the flow 4 (DHCP agent files) families; not a family, not
 * listed in index.ts. Reads the agent's directory on the network node.
 */
import { names } from '../../lookup.js';
import type { World } from '../../types.js';
import type { Network, Port, Subnet } from '../../../engine/core/types.js';

export { answerText, asAdmin, both, explainingBlanks, lines, portsOn, rewritingAnswer, serversOn, tenantNetwork, withMessages, DHCP_TAP_NOT_IN_BRIDGE } from '../flow3/_helpers.js';

/** The DHCP agent lives on the controller (the network node) in these clouds. */
export const DHCP_HOST = 'controller';

export function dhcpFile(network: Network | string, file: 'host' | 'addn_hosts' | 'opts' | 'leases' | 'interface' | 'pid'): string {
  return `${names.dhcpConfDir(typeof network === 'string' ? network : network.id)}/${file}`;
}

/** What `cat` prints for one of the agent's files. */
export function readDhcpFile(world: World<unknown>, network: Network | string, file: Parameters<typeof dhcpFile>[1]): string {
  return world.run(DHCP_HOST, `cat ${dhcpFile(network, file)}`);
}

export function subnetsOfNet(world: World<unknown>, networkId: string): Subnet[] {
  return (world.cloud.db.subnetsByNetwork[networkId] ?? []).map((id) => world.cloud.db.subnets[id]!).filter(Boolean);
}

export function dhcpPortOn(world: World<unknown>, networkId: string): Port | undefined {
  return Object.values(world.cloud.db.ports).find((p) => p.networkId === networkId && p.deviceOwner === 'network:dhcp');
}

/** The dnsmasq process of a network, as `ps -eo user,args` prints it. */
export function dnsmasqLine(world: World<unknown>, networkId: string): string {
  return world.run(DHCP_HOST, 'ps -eo user,args').split('\n').find((l) => l.includes(`--pid-file=${dhcpFile(networkId, 'pid')}`)) ?? '';
}

/** dnsmasq's arguments, one per element, without the leading user column. */
export function dnsmasqArgList(world: World<unknown>, networkId: string): string[] {
  const words = dnsmasqLine(world, networkId).trim().split(/\s+/);
  return words.slice(words.indexOf('dnsmasq'));
}

/** host-192-0-2-4 for 192.0.2.4. */
export const hostnameOf = (ip: string) => names.dhcpHostname(ip);
