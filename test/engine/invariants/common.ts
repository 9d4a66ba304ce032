/** Names, paths and small lookups the invariant checks share. */
import type { Cloud, Host, Link, Netns, Port } from '../../../engine/core/types';

export const OWNER_DHCP = 'network:dhcp';
export const OWNER_ROUTER_INTERFACE = 'network:router_interface';
export const OWNER_ROUTER_GATEWAY = 'network:router_gateway';

/** Linux IFNAMSIZ is 16 bytes, so a device name has at most 15 characters (reference §1). */
export const IFNAMSIZ_MAX = 15;

export const short = (uuid: string) => uuid.slice(0, 11);
export const brq = (networkId: string) => `brq${short(networkId)}`;
export const tap = (portId: string) => `tap${short(portId)}`;
export const qdhcp = (networkId: string) => `qdhcp-${networkId}`;
export const qrouter = (routerId: string) => `qrouter-${routerId}`;
export const dhcpDir = (networkId: string) => `/var/lib/neutron/dhcp/${networkId}`;
export const DHCP_FILES = ['host', 'addn_hosts', 'opts', 'leases', 'interface', 'pid'] as const;

export function prefixOf(cloud: Cloud, subnetId: string): string {
  return cloud.db.subnets[subnetId]?.cidr.split('/')[1] ?? '?';
}

export function findLink(ns: Netns | undefined, name: string): Link | undefined {
  return ns?.links.find((l) => l.name === name);
}

export function peerOf(host: Host, link: Link): { ns: Netns | undefined; link: Link | undefined } {
  if (!link.peer) return { ns: undefined, link: undefined };
  const ns = link.peer.netns === '' ? host.root : host.namespaces[link.peer.netns];
  return { ns, link: ns?.links.find((l) => l.ifindex === link.peer!.ifindex) };
}

export function hasAddress(ns: Netns | undefined, dev: string, cidr: string): boolean {
  return !!ns?.addresses.some((a) => a.dev === dev && a.cidr === cidr);
}

/** Where a namespace port's inner end must live, by device owner. */
export function namespaceEnd(port: Port): { netns: string; dev: string } | null {
  if (port.deviceOwner === OWNER_DHCP) return { netns: qdhcp(port.networkId), dev: `ns-${short(port.id)}` };
  if (port.deviceOwner === OWNER_ROUTER_INTERFACE) return { netns: qrouter(port.deviceId), dev: `qr-${short(port.id)}` };
  if (port.deviceOwner === OWNER_ROUTER_GATEWAY) return { netns: qrouter(port.deviceId), dev: `qg-${short(port.id)}` };
  return null;
}

