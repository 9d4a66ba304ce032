/**
 * Finding a question's objects in the live cloud: by the names the scenario
 * gave them, then the devices, namespaces and files the engine derived.
 */
import * as names from '../engine/core/names.js';
import type { Cloud, Network, Port, Router, Server, Subnet } from '../engine/core/types.js';
import { flowTrace } from '../engine/flows/trace.js';

export { names, flowTrace };

function byName<T extends { name: string }>(rows: Record<string, T>, name: string, kind: string): T {
  const hit = Object.values(rows).find((r) => r.name === name);
  if (!hit) throw new Error(`no ${kind} named ${name}`);
  return hit;
}

export const serverNamed = (c: Cloud, name: string): Server => byName(c.db.servers, name, 'server');
export const networkNamed = (c: Cloud, name: string): Network => byName(c.db.networks, name, 'network');
export const routerNamed = (c: Cloud, name: string): Router => byName(c.db.routers, name, 'router');
export const subnetNamed = (c: Cloud, name: string): Subnet => byName(c.db.subnets, name, 'subnet');

export function portOf(c: Cloud, server: Server): Port {
  const port = c.db.ports[server.portIds[0] ?? ''];
  if (!port) throw new Error(`server ${server.name} has no port`);
  return port;
}

export function dhcpPortOf(c: Cloud, networkId: string): Port {
  const port = Object.values(c.db.ports).find((p) => p.networkId === networkId && p.deviceOwner === 'network:dhcp');
  if (!port) throw new Error(`network ${networkId} has no DHCP port`);
  return port;
}

export function routerPortOn(c: Cloud, routerId: string, networkId: string): Port {
  const port = Object.values(c.db.ports).find((p) => p.deviceId === routerId && p.networkId === networkId && p.deviceOwner === 'network:router_interface');
  if (!port) throw new Error(`router ${routerId} has no interface on ${networkId}`);
  return port;
}

export function gatewayPortOf(c: Cloud, router: Router): Port {
  const port = router.gateway ? c.db.ports[router.gateway.portId] : undefined;
  if (!port) throw new Error(`router ${router.name} has no gateway`);
  return port;
}

export function ipOf(port: Port): string {
  return port.fixedIps[0]!.ipAddress;
}

/** Lines of `output` containing `needle` (for pulling rules out of iptables -S). */
export function linesWith(output: string, needle: string): string[] {
  return output.split('\n').filter((l) => l.includes(needle));
}
