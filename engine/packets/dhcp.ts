/**
 * The DHCP exchange of a guest NIC, computed from what the hosts really hold:
 * the frames travel the bridges, veths and VXLAN FDB (l2.ts), and dnsmasq
 * answers from the files the agent wrote (host, opts) and its command line,
 * the way dnsmasq 2.90 does for a busybox udhcpc client (CirrOS).
 */
import { broadcastOf, cidrParts, formatIp, ipInCidr, netmaskString, prefixFromNetmask } from '../core/ip.js';
import { dhcpConfDir, dhcpNamespace, tapName } from '../core/names.js';
import type { Cloud, Port, Server } from '../core/types.js';
import { type Hop, BROADCAST, sendFromGuest, sendFromNetns } from './l2.js';

export interface DhcpPacket {
  name: 'DHCPDISCOVER' | 'DHCPOFFER' | 'DHCPREQUEST' | 'DHCPACK';
  ethSrc: string;
  ethDst: string;
  ipSrc: string;
  ipDst: string;
  sport: number;
  dport: number;
  /** DHCP options in the order dnsmasq writes them, as "code name: value". */
  options: string[];
  hops: Hop[];
}

export interface DhcpLease {
  ip: string;
  prefix: number;
  router: string | null;
  dns: string[];
  /** Classless static routes (option 121) as [destination, next hop]. */
  routes: Array<[string, string]>;
  mtu: number;
  hostname: string;
  domain: string;
  lease: number;
  serverId: string;
}

export interface DhcpExchange {
  packets: DhcpPacket[];
  lease: DhcpLease | null;
  /** Why the guest got no address, naming the device or file at fault. */
  failure: string | null;
  drops: Hop[];
}

/** What udhcpc 1.35 asks for in option 55 (CirrOS). */
const UDHCPC_REQUESTS = 'Subnet-Mask (1), Default-Gateway (3), Domain-Name-Server (6), Hostname (12), Domain-Name (15), MTU (26), BR (28), NTP (42), Classless-Static-Route (121)';

function optsFor(text: string, subnetId: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const prefix = `tag:subnet-${subnetId},`;
    if (!line.startsWith(prefix)) continue;
    const rest = line.slice(prefix.length);
    const comma = rest.indexOf(',');
    out.set(comma < 0 ? rest : rest.slice(0, comma), comma < 0 ? '' : rest.slice(comma + 1));
  }
  return out;
}

function pairs(list: string): Array<[string, string]> {
  const items = list.split(',');
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < items.length; i += 2) out.push([items[i]!, items[i + 1]!]);
  return out;
}

/** Runs DISCOVER/OFFER/REQUEST/ACK for one guest NIC; changes nothing. */
export function dhcpExchange(cloud: Cloud, server: Server, port: Port): DhcpExchange {
  const result: DhcpExchange = { packets: [], lease: null, failure: null, drops: [] };
  const host = server.host!;
  const tap = tapName(port.id);
  const mac = port.macAddress;
  const discoverOptions = ['DHCP-Message (53): Discover', 'MSZ (57): 576', `Parameter-Request (55): ${UDHCPC_REQUESTS}`, 'Vendor-Class (60): "udhcp 1.35.0"', `Client-ID (61): ether ${mac}`];
  const out = sendFromGuest(cloud, host, tap, { src: mac, dst: BROADCAST });
  result.drops.push(...out.drops);
  const nsName = dhcpNamespace(port.networkId);
  const reached = out.deliveries.find((d) => d.endpoint.kind === 'netns' && d.endpoint.netns === nsName);
  const discover: DhcpPacket = { name: 'DHCPDISCOVER', ethSrc: mac, ethDst: BROADCAST, ipSrc: '0.0.0.0', ipDst: '255.255.255.255', sport: 68, dport: 67, options: discoverOptions, hops: reached?.hops ?? [] };
  result.packets.push(discover);
  if (!reached || reached.endpoint.kind !== 'netns') {
    result.failure = `DHCPDISCOVER from ${mac} never reached ${nsName}: ${out.drops.map((d) => `${d.host} ${d.dev}: ${d.note}`).join('; ') || 'no path from the guest TAP to the DHCP namespace'}`;
    return result;
  }
  const dhcpHost = cloud.hosts[reached.endpoint.host]!;
  const nsDev = reached.endpoint.dev;
  const nsMac = reached.endpoint.mac;
  const dnsmasq = dhcpHost.processes.find((p) => p.netns === nsName && p.args.startsWith('dnsmasq'));
  if (!dnsmasq) {
    result.failure = `no dnsmasq is listening on 0.0.0.0:67 in ${nsName} (see ps -eo user,args on ${dhcpHost.name})`;
    return result;
  }
  const dir = dhcpConfDir(port.networkId);
  const hostLine = (dhcpHost.files[`${dir}/host`] ?? '').split('\n').find((l) => l.split(',')[0] === mac);
  if (!hostLine) {
    result.failure = `dnsmasq: DHCPDISCOVER(${nsDev}) ${mac} no address available: ${mac} is not in ${dir}/host`;
    return result;
  }
  const [, fqdn, ip] = hostLine.split(',') as [string, string, string];
  const range = dnsmasq.args.split(' ').find((a) => a.startsWith('--dhcp-range=') && rangeHas(a, ip));
  if (!range) {
    result.failure = `dnsmasq: DHCPDISCOVER(${nsDev}) ${mac} no address available: ${ip} is in no --dhcp-range`;
    return result;
  }
  const subnetId = range.slice('--dhcp-range=set:subnet-'.length).split(',')[0]!;
  const [, netAddr, , mask, leaseText] = range.split(',') as [string, string, string, string, string];
  const prefix = prefixFromNetmask(mask);
  const serverIp = dhcpHost.namespaces[nsName]!.addresses.find((a) => a.dev === nsDev && ipInCidr(a.cidr.split('/')[0]!, `${netAddr}/${prefix}`))?.cidr.split('/')[0] ?? '';
  const opts = optsFor(dhcpHost.files[`${dir}/opts`] ?? '', subnetId);
  const mtuArg = dnsmasq.args.split(' ').find((a) => a.startsWith('--dhcp-option-force=option:mtu,'));
  const domain = dnsmasq.args.split(' ').find((a) => a.startsWith('--domain='))?.slice(9) ?? '';
  const lease = leaseText === 'infinite' ? 0 : parseInt(leaseText, 10);
  const routes = opts.has('option:classless-static-route') ? pairs(opts.get('option:classless-static-route')!) : [];
  const dns = opts.has('option:dns-server') ? opts.get('option:dns-server')!.split(',').filter(Boolean) : [serverIp];
  const router = opts.get('option:router') || null;
  const hostname = fqdn.split('.')[0]!;
  const info: DhcpLease = { ip, prefix, router, dns, routes, mtu: mtuArg ? Number(mtuArg.split(',')[1]) : 1500, hostname, domain, lease, serverId: serverIp };
  const replyOptions = (kind: string) => [
    `DHCP-Message (53): ${kind}`, `Server-ID (54): ${serverIp}`, `Lease-Time (51): ${lease}`, `RN (58): ${lease / 2}`, `RB (59): ${(lease * 7) / 8}`,
    `Subnet-Mask (1): ${netmaskString(prefix)}`, `BR (28): ${formatIp(broadcastOf(cidrParts(`${ip}/${prefix}`).network, prefix))}`,
    ...(domain ? [`Domain-Name (15): "${domain}"`] : []), `Hostname (12): "${hostname}"`,
    ...(router ? [`Default-Gateway (3): ${router}`] : []),
    ...(routes.length ? [`Classless-Static-Route (121): ${routes.map(([d, g]) => `(${d === '0.0.0.0/0' ? 'default' : d}:${g})`).join(',')}`] : []),
    `Domain-Name-Server (6): ${dns.join(', ')}`, `MTU (26): ${info.mtu}`,
  ];
  const back = sendFromNetns(cloud, dhcpHost.name, nsName, nsDev, { src: nsMac, dst: mac });
  const offered = back.deliveries.find((d) => d.endpoint.kind === 'guest' && d.endpoint.serverId === server.id);
  result.packets.push({ name: 'DHCPOFFER', ethSrc: nsMac, ethDst: mac, ipSrc: serverIp, ipDst: ip, sport: 67, dport: 68, options: replyOptions('Offer'), hops: offered?.hops ?? [] });
  if (!offered) {
    result.drops.push(...back.drops);
    result.failure = `DHCPOFFER from ${serverIp} never reached the guest: ${back.drops.map((d) => `${d.host} ${d.dev}: ${d.note}`).join('; ') || 'no path back to the guest TAP'}`;
    return result;
  }
  result.packets.push({ ...discover, name: 'DHCPREQUEST', options: ['DHCP-Message (53): Request', `Requested-IP (50): ${ip}`, `Server-ID (54): ${serverIp}`, `Parameter-Request (55): ${UDHCPC_REQUESTS}`] });
  result.packets.push({ name: 'DHCPACK', ethSrc: nsMac, ethDst: mac, ipSrc: serverIp, ipDst: ip, sport: 67, dport: 68, options: replyOptions('ACK'), hops: offered.hops });
  result.lease = info;
  return result;
}

function rangeHas(arg: string, ip: string): boolean {
  const [, net, , mask] = arg.split(',');
  if (!net || !mask) return false;
  return ipInCidr(ip, `${net}/${prefixFromNetmask(mask)}`);
}
