/** `brctl show`, `bridge link` and `bridge fdb show [dev DEV]` over a host's root namespace. */
import type { Netns } from '../core/types.js';
import { bridgePorts, findLink } from '../host/kernel.js';
import { type LinkView, linkFlags, portCost } from './ip-link.js';

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** brctl sorts bridges and their interfaces by name (C locale); the id is 8000.<bridge MAC>. */
export function renderBrctlShow(ns: Netns): string {
  let out = 'bridge name\tbridge id\t\tSTP enabled\tinterfaces\n';
  const bridges = ns.links.filter((l) => l.kind === 'bridge').sort((a, b) => byteOrder(a.name, b.name));
  for (const br of bridges) {
    const ports = bridgePorts(ns, br.name).map((p) => p.name).sort(byteOrder);
    out += `${br.name}\t\t8000.${br.mac.replace(/:/g, '')}\tno\t\t${ports[0] ?? ''}\n`;
    for (const p of ports.slice(1)) out += `\t\t\t\t\t\t\t${p}\n`;
  }
  return out;
}

/**
 * iproute2 names a port's IFLA_LINK (its veth peer's ifindex) in the local
 * namespace, so a veth whose peer is ifindex 2 elsewhere shows `@<local ifindex 2>`.
 */
export function renderBridgeLink(v: LinkView): string {
  return v.ns.links
    .filter((l) => l.master)
    .map((l) => {
      const peer = l.peer ? `@${v.ns.links.find((x) => x.ifindex === l.peer!.ifindex)?.name ?? `if${l.peer.ifindex}`}` : '';
      return `${l.ifindex}: ${l.name}${peer}: ${linkFlags(v, l)} mtu ${l.mtu} master ${l.master} state ${l.up ? 'forwarding' : 'disabled'} priority 32 cost ${portCost(l)}\n`;
    })
    .join('');
}

/** Local (master) entries for each bridge port, then the vxlan devices' remote (self) entries. */
export function renderBridgeFdb(ns: Netns, dev?: string): { stdout: string; stderr: string; exitCode: number } {
  if (dev !== undefined && !findLink(ns, dev)) return { stdout: '', stderr: `Cannot find device "${dev}"\n`, exitCode: 1 };
  const lines: string[] = [];
  for (const link of ns.links) {
    if (dev !== undefined && link.name !== dev) continue;
    const on = dev === undefined ? ` dev ${link.name}` : '';
    if (link.master) lines.push(`${link.mac}${on} master ${link.master} permanent`);
    const remote = [...(link.fdb ?? [])].sort((a, b) => Number(a.mac === '00:00:00:00:00:00') - Number(b.mac === '00:00:00:00:00:00') || byteOrder(a.mac, b.mac));
    for (const e of remote) lines.push(`${e.mac}${on} dst ${e.dst} self permanent`);
  }
  return { stdout: lines.map((l) => `${l}\n`).join(''), stderr: '', exitCode: 0 };
}
