/**
 * Flow 5 helpers (not a family): the instance's real DHCP exchange, its
 * options by code, the dnsmasq line of its network, and a few bilingual
 * notes the flow-5 families share.
 */
import { dhcpExchange, type DhcpExchange, type DhcpPacket } from '../../../engine/packets/dhcp.js';
import type { Port, Server } from '../../../engine/core/types.js';
import { dhcpPortOf, names, portOf, serverNamed } from '../../lookup.js';
import type { Shown, Text, World } from '../../types.js';

export interface InstanceFacts {
  server: string;
}

export interface Exchange {
  server: Server;
  port: Port;
  dhcpPort: Port;
  ex: DhcpExchange;
  discover: DhcpPacket;
  offer: DhcpPacket;
  request: DhcpPacket;
  ack: DhcpPacket;
}

/** The exchange of the instance named in the facts; throws if it did not complete (families build healthy clouds). */
export function exchangeOf(w: World<InstanceFacts>): Exchange {
  const server = serverNamed(w.cloud, w.facts.server);
  const port = portOf(w.cloud, server);
  const ex = dhcpExchange(w.cloud, server, port);
  const by = (n: DhcpPacket['name']) => {
    const p = ex.packets.find((x) => x.name === n);
    if (!p) throw new Error(`${server.name}: no ${n} (${ex.failure ?? 'exchange incomplete'})`);
    return p;
  };
  return { server, port, dhcpPort: dhcpPortOf(w.cloud, port.networkId), ex, discover: by('DHCPDISCOVER'), offer: by('DHCPOFFER'), request: by('DHCPREQUEST'), ack: by('DHCPACK') };
}

/** The value of option `code` in a packet ("Server-ID (54): 10.0.0.2" -> "10.0.0.2"), quotes removed; undefined if absent. */
export function optionValue(p: DhcpPacket, code: number): string | undefined {
  const o = p.options.find((x) => x.includes(`(${code}): `));
  if (!o) return undefined;
  return o.slice(o.indexOf(`(${code}): `) + `(${code}): `.length).replace(/^"(.*)"$/, '$1');
}

/** Option codes present in a packet, in order. */
export function optionCodes(p: DhcpPacket): number[] {
  return p.options.map((o) => Number(/\((\d+)\):/.exec(o)?.[1])).filter((n) => Number.isInteger(n));
}

/** The dnsmasq process line serving a network, as `ps -eo user,args` prints it. */
export function dnsmasqLine(w: World<unknown>, networkId: string): string {
  const out = w.run('controller', 'ps -eo user,args');
  const line = out.split('\n').find((l) => l.includes('dnsmasq') && l.includes(networkId));
  if (!line) throw new Error(`no dnsmasq for ${networkId}`);
  return line;
}

/** The lease duration dnsmasq hands out for the subnet holding `ip`, in seconds (0 = infinite), from its --dhcp-range. */
export function leaseSeconds(w: World<unknown>, networkId: string): number {
  const range = dnsmasqLine(w, networkId).split(' ').find((a) => a.startsWith('--dhcp-range='))!;
  const last = range.split(',').at(-1)!;
  return last === 'infinite' ? 0 : parseInt(last, 10);
}

/** A command's real output with only the lines holding `needle`, shown as `command | grep needle`. */
export function grepShown(w: World<unknown>, host: string, command: string, needle: string, header = false): Shown {
  const lines = w.run(host, command).split('\n');
  const kept = lines.filter((l, i) => l.includes(needle) || (header && i === 0));
  return { host, command: `${command} | grep ${needle}`, output: `${kept.join('\n')}\n` };
}

/** The leases-file line dnsmasq wrote for a MAC, split in its five fields. */
export function leaseLine(w: World<unknown>, networkId: string, mac: string): { expiry: string; mac: string; ip: string; hostname: string; clientId: string } | undefined {
  const text = w.run('controller', `cat ${names.dhcpConfDir(networkId)}/leases`);
  const line = text.split('\n').find((l) => l.split(' ')[1] === mac);
  if (!line) return undefined;
  const [expiry, m, ip, hostname, clientId] = line.split(' ') as [string, string, string, string, string];
  return { expiry, mac: m, ip, hostname, clientId };
}

/** Where the reference corrects the seed on flow 5, beyond the shared notes. */
export const FLOW5_NOTES: Record<string, Text> = {
  options: {
    en: 'The seed lists only address, mask and lease time in the OFFER. A real dnsmasq reply carries 53, 54 (server id = the DHCP port), 51 (86400), 58/59 (T1/T2 = 1/2 and 7/8 of the lease, computed by dnsmasq, not neutron), 1, 28, 15 (openstacklocal), 12 (host-a-b-c-d), 3, 6 (the subnet\'s dns_nameservers, or the DHCP port itself when there are none), 26 (the network MTU, forced from the command line) and 121 only when there are host routes or a metadata route (249 only when asked, which udhcpc does not).',
    zh: '资料里 OFFER 只提到地址、掩码和租期。真实 dnsmasq 的应答里有 53、54（server id，就是 DHCP 端口地址）、51（86400）、58/59（T1/T2，租期的 1/2 和 7/8，是 dnsmasq 自己算的，不是 neutron 下发的）、1、28、15（openstacklocal）、12（host-a-b-c-d）、3、6（子网的 dns_nameservers，没配就是 DHCP 端口自己）、26（网络 MTU，命令行强制下发），121 只有在有主机路由或元数据路由时才有（249 只在客户端请求时才给，udhcpc 不请求）。',
  },
  static: {
    en: 'dnsmasq does not choose the address: neutron IPAM fixed it when the port was created, the DHCP agent wrote `<mac>,<fqdn>,<ip>` into the host file, and every --dhcp-range is in `static` mode, so a MAC that is not in the host file gets "no address available".',
    zh: '地址不是 dnsmasq 选的：端口创建时 neutron IPAM 就定好了，DHCP agent 把 `<mac>,<fqdn>,<ip>` 写进 host 文件，--dhcp-range 都是 `static` 模式，host 文件里没有的 MAC 只会得到 "no address available"。',
  },
  l2only: {
    en: 'DHCP never touches the router: it is pure layer 2 inside the tenant network, from the tap through the bridges and the VXLAN tunnel to the ns- end of the DHCP port.',
    zh: 'DHCP 全程不经过路由器：它是租户网络内部的纯二层通信，从 tap 经网桥和 VXLAN 隧道一直到 DHCP 端口的 ns- 那一端。',
  },
};
