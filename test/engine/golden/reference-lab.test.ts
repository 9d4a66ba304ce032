/**
 * Golden tests: the reference's lab rebuilt with its identifiers
 * (test/scenarios/reference-lab.sh) must print what the lab printed, byte for
 * byte, once the values the lab could not pin are mapped: the DHCP and
 * gateway ports' random IDs and MACs, kernel-chosen MACs and ifindexes, and
 * the lab's overlay addresses (198.51.100.x on eth2) versus the install
 * guide's management network (10.0.0.x on eth0).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCloud, execOnHost, type Cloud } from '../../../engine/index.js';
import { findLink } from '../../../engine/host/kernel.js';
import { linkLocalFromMac } from '../../../engine/core/ip.js';
import * as ref from './reference-outputs.js';

const LINES = readFileSync(new URL('../../scenarios/reference-lab.sh', import.meta.url), 'utf8').split('\n');
const NET = '8fbc13ca-cfe0-4b8a-993b-e33f37ba66d1';
const ROUTER_NS = 'qrouter-17db2a15-e024-46d0-9250-4cd4d336a2cc';
const DHCP_NS = `qdhcp-${NET}`;

function build(lines: string[]): Cloud {
  const built = buildCloud(lines);
  if (!built.ok) throw new Error(`${built.error.line}: ${built.error.message}`);
  return built.cloud;
}

const full = build(LINES);
const withoutFip = build(LINES.filter((l) => !l.includes('floating ip')));

function run(cloud: Cloud, host: string, command: string): string {
  const r = execOnHost(cloud, host, command);
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
  return r.stdout;
}

/** Our values that the lab could not share, mapped to the lab's. */
function labNames(cloud: Cloud): Array<[string, string]> {
  const ports = Object.values(cloud.db.ports);
  const dhcp = ports.find((p) => p.deviceOwner === 'network:dhcp' && p.networkId === NET)!;
  const gw = ports.find((p) => p.deviceOwner === 'network:router_gateway')!;
  const controller = cloud.hosts['controller']!.root;
  const compute = cloud.hosts['compute1']!.root;
  const mac = (ns: typeof controller, dev: string) => findLink(ns, dev)!.mac;
  const pairs: Array<[string, string]> = [
    [dhcp.id.slice(0, 11), '0bd32a42-4f'],
    [gw.id.slice(0, 11), '33fedbc5-43'],
    [dhcp.macAddress, 'fa:16:3e:eb:ac:dd'],
    [gw.macAddress, 'fa:16:3e:ca:48:69'],
    ['10.0.0.11', '198.51.100.11'],
    ['10.0.0.31', '198.51.100.31'],
    [mac(controller, 'vxlan-101'), '36:f3:2c:25:ec:fe'],
    [mac(compute, 'vxlan-101'), 'fe:db:23:a6:e0:99'],
    [mac(controller, 'brq8fbc13ca-cf').replace(/:/g, ''), '36f32c25ecfe'],
    [mac(controller, 'brq8b868082-e3').replace(/:/g, ''), '86084674428d'],
  ];
  // IPv6 link-local addresses derive from the MAC, so they follow the mapping.
  for (const [ours, lab] of [[dhcp.macAddress, 'fa:16:3e:eb:ac:dd'], [gw.macAddress, 'fa:16:3e:ca:48:69']] as const) {
    pairs.push([linkLocalFromMac(ours), linkLocalFromMac(lab)]);
  }
  return pairs;
}

function toLab(cloud: Cloud, text: string): string {
  let out = text;
  for (const [ours, lab] of labNames(cloud)) out = out.split(ours).join(lab);
  return out;
}

/** "# command" headed sections of a reference block. */
function sections(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  let key = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('# ')) {
      key = line.slice(2).replace(/\s+\(.*$/, '').trim();
      out[key] = '';
    } else if (key && line !== '') out[key] += `${line}\n`;
  }
  return out;
}

/** The lab's veth peers show "link-netns lab-network1" and their own ifindexes; a real node prints link-netnsid 0. */
function realNode(text: string): string {
  return text.replace(/link-netns lab-network1/g, 'link-netnsid 0').replace(/@if\d+/g, '@ifN');
}

describe('router namespace (reference §7-§9, V9-V12)', () => {
  it('nat table with a floating IP: V11, byte for byte', () => {
    expect(toLab(full, run(full, 'controller', `ip netns exec ${ROUTER_NS} iptables -t nat -S`))).toBe(ref.natWithFip);
  });

  it('nat table with the gateway only: V10', () => {
    expect(toLab(withoutFip, run(withoutFip, 'controller', `ip netns exec ${ROUTER_NS} iptables -t nat -S`))).toBe(ref.natGatewayOnly);
  });

  it('iptables-save -t nat: V11 (counters vary on a real node, here [0:0])', () => {
    const ours = run(full, 'controller', `ip netns exec ${ROUTER_NS} iptables-save -t nat`).split('\n').filter((l) => !l.startsWith('#')).join('\n');
    expect(toLab(full, ours)).toBe(ref.natSaveWithFip.replace('[1:40]', '[0:0]'));
  });

  it('mangle and filter tables: V12', () => {
    expect(toLab(full, run(full, 'controller', `ip netns exec ${ROUTER_NS} iptables -t mangle -S`))).toBe(ref.routerMangle);
    expect(toLab(full, run(full, 'controller', `ip netns exec ${ROUTER_NS} iptables -t filter -S`))).toBe(ref.routerFilter);
  });

  it('ip addr and ip route in the router namespace, brctl show on the network node: §7.2', () => {
    const lab = sections(ref.routerIpAddrRoute);
    const ipAddrKey = Object.keys(lab).find((k) => k.endsWith('ip addr'))!;
    const ipRouteKey = Object.keys(lab).find((k) => k.endsWith('ip route'))!;
    expect(realNode(toLab(withoutFip, run(withoutFip, 'controller', `ip netns exec ${ROUTER_NS} ip addr`)))).toBe(realNode(lab[ipAddrKey]!));
    expect(toLab(withoutFip, run(withoutFip, 'controller', `ip netns exec ${ROUTER_NS} ip route`))).toBe(lab[ipRouteKey]);
    const brctl = toLab(full, run(full, 'controller', 'brctl show'));
    const dhcpTap = `tap${Object.values(full.db.ports).find((p) => p.deviceOwner === 'network:dhcp')!.id.slice(0, 11)}`;
    expect(brctl).toBe(lab['brctl show']!.split('tap0bd32a42-4f').join(toLab(full, dhcpTap)));
  });

  it('the floating IP is a /32 on qg- next to the gateway address: §9.2', () => {
    const qg = `qg-${Object.values(full.db.ports).find((p) => p.deviceOwner === 'network:router_gateway')!.id.slice(0, 11)}`;
    const ours = toLab(full, run(full, 'controller', `ip netns exec ${ROUTER_NS} ip addr show ${qg}`));
    const expected = realNode(ref.qgWithFip);
    // The lab block leaves out the inet6 line that follows on a real node.
    expect(realNode(ours).startsWith(expected)).toBe(true);
  });
});

describe('DHCP (reference §3, §5)', () => {
  const dir = `/var/lib/neutron/dhcp/${NET}`;

  it('host, addn_hosts and opts files: §5.3', () => {
    expect(run(full, 'controller', `cat ${dir}/host`)).toBe(ref.hostFile);
    expect(run(full, 'controller', `cat ${dir}/addn_hosts`)).toBe(ref.addnHostsFile);
    expect(run(full, 'controller', `cat ${dir}/opts`)).toBe(ref.optsFile.replace(/\n$/, ''));
  });

  it('interface names the ns- device without a newline; pid ends with one', () => {
    const iface = run(full, 'controller', `cat ${dir}/interface`);
    expect(toLab(full, iface)).toBe('ns-0bd32a42-4f');
    expect(run(full, 'controller', `cat ${dir}/pid`)).toMatch(/^\d+\n$/);
  });

  it('the dnsmasq command line, as ps shows it: §5.2', () => {
    const line = run(full, 'controller', 'ps -eo user,args').split('\n').find((l) => l.includes('dnsmasq'));
    expect(`${line}\n`).toBe(ref.dnsmasqPs);
  });

  it('the CHECKSUM rule in the qdhcp mangle table: V5', () => {
    const ours = run(full, 'controller', `ip netns exec ${DHCP_NS} iptables-save -t mangle`).split('\n').filter((l) => !l.startsWith('#')).join('\n');
    // Packet counters vary on a real node; the emulator has no traffic, so [0:0].
    expect(ours).toBe(ref.dhcpMangleSave.replace('[2:80]', '[0:0]'));
  });

  it('the qdhcp namespace addresses and routes: §3.2', () => {
    const lab = sections(ref.networkNode32);
    const addrKey = Object.keys(lab).find((k) => k.includes('ip netns exec') && k.endsWith('ip addr'))!;
    const routeKey = Object.keys(lab).find((k) => k.includes('ip netns exec') && k.endsWith('ip route'))!;
    expect(realNode(toLab(full, run(full, 'controller', `ip netns exec ${DHCP_NS} ip addr`)))).toBe(realNode(lab[addrKey]!));
    expect(toLab(full, run(full, 'controller', `ip netns exec ${DHCP_NS} ip route`))).toBe(lab[routeKey]);
  });

  it('after the guest boots, its lease carries the hostname and client id: §5.3', () => {
    const leases = run(full, 'controller', `cat ${dir}/leases`);
    expect(leases).toMatch(/^\d+ fa:16:3e:5c:53:9d 192\.0\.2\.4 host-192-0-2-4 01:fa:16:3e:5c:53:9d\n$/);
  });
});

describe('VXLAN and l2population (reference V3, V4)', () => {
  it('ip -d link show vxlan-101: V3 (lab overlay device eth2 is eth0 here)', () => {
    const ours = toLab(full, run(full, 'controller', 'ip -d link show vxlan-101')).replace('dev eth0', 'dev eth2');
    const [first, ...rest] = ref.vxlanDetails.split('\n');
    const [oursFirst, ...oursRest] = ours.split('\n');
    expect(oursFirst!.replace(/^\d+:/, 'N:')).toBe(first!.replace(/^\d+:/, 'N:'));
    expect(oursRest.slice(0, 2)).toEqual(rest.slice(0, 2));
  });

  it('bridge fdb show dev vxlan-101 on both nodes: V4 (order is hash order)', () => {
    const [network, compute] = ref.fdb.split('---\n') as [string, string];
    const set = (text: string) => text.split('\n').filter(Boolean).sort();
    expect(set(toLab(full, run(full, 'compute1', 'bridge fdb show dev vxlan-101')))).toEqual(set(compute));
    // The lab's network node had not learned the router and DHCP MACs twice; it lists the compute's VM port.
    expect(set(toLab(full, run(full, 'controller', 'bridge fdb show dev vxlan-101')))).toEqual(set(network));
  });
});

describe('the DHCP exchange (reference §6.2)', () => {
  it('OFFER carries the lab capture options, in dnsmasq order, unicast from the DHCP port', async () => {
    const { packetWalk } = await import('../../../engine/packets/walks.js');
    const walk = packetWalk(full, 'dhcp', ['selfservice-instance']);
    if (!('packets' in walk) || walk.packets.length === 0 || !('name' in walk.packets[0]!)) throw new Error('no DHCP exchange');
    const offer = walk.packets.find((p) => 'name' in p && p.name === 'DHCPOFFER') as { options: string[]; ipSrc: string; ipDst: string; sport: number; dport: number };
    // "Server-ID (54), length 4: 192.0.2.2" in tcpdump's words becomes "Server-ID (54): 192.0.2.2".
    const lab = ref.dhcpPackets.split('\n').slice(ref.dhcpPackets.split('\n').findIndex((l) => l.includes('Offer')))
      .filter((l) => /^\t    \S/.test(l)).slice(0, 13)
      .map((l) => l.trim().replace(/, length \d+/, ''));
    expect(offer.options).toEqual(lab.filter((l) => !l.startsWith('END')));
    expect([offer.ipSrc, offer.sport, offer.ipDst, offer.dport]).toEqual(['192.0.2.2', 67, '192.0.2.4', 68]);
  });
});
