/**
 * Flow 2: after "network + subnet" (and a second network without DHCP), which Linux
 * objects exist, and where? Every option is checked against the hosts' real state.
 */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { names, networkNamed } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import { findLink } from '../../../engine/host/kernel.js';
import type { Network } from '../../../engine/core/types.js';
import type { Text, World } from '../../types.js';
import { dhcpPort } from './_helpers.js';

interface Facts { a: string; b: string; compute: string; keys: string[] }

interface Candidate {
  text: string;
  exists: boolean;
  why: Text;
}

const OTHER_NAMES = ['mgmt-net', 'storage', 'spare-net', 'test-net', 'iso-net'];

function candidates(w: World<Facts>): Record<string, Candidate> {
  const a = networkNamed(w.cloud, w.facts.a);
  const b: Network = networkNamed(w.cloud, w.facts.b);
  const port = dhcpPort(w.cloud, a);
  const ctl = w.cloud.hosts['controller']!;
  const cmp = w.cloud.hosts[w.facts.compute]!;
  const ns = names.dhcpNamespace(a.id);
  const nsState = ctl.namespaces[ns];
  const br = names.bridgeName(a.id);
  const vx = names.vxlanName(a.segmentationId!);
  const tap = names.tapName(port.id);
  const nsdev = names.dhcpDeviceName(port.id);
  const ip = port.fixedIps[0]!.ipAddress;
  const gw = w.cloud.db.subnets[port.fixedIps[0]!.subnetId]!.gatewayIp;
  const vxLink = findLink(ctl.root, vx);
  const mangle = nsState?.iptables.mangle?.rules ?? [];
  return {
    ns: { text: `controller: namespace ${ns}`, exists: !!nsState, why: { en: `The DHCP agent names its namespace qdhcp- plus the full network ID.`, zh: 'DHCP agent 的命名空间名是 qdhcp- 加完整的网络 ID。' } },
    nsShort: { text: `controller: namespace qdhcp-${a.id.slice(0, 11)}`, exists: !!ctl.namespaces[`qdhcp-${a.id.slice(0, 11)}`], why: { en: `Namespaces are not interface names: no 15-character limit, so they keep the full UUID (${ns}).`, zh: `命名空间不是网卡名，没有 15 个字符的限制，所以用完整 UUID（${ns}）。` } },
    bridge: { text: `controller, root namespace: bridge ${br}`, exists: findLink(ctl.root, br)?.kind === 'bridge', why: { en: `The L2 agent created ${br} when the DHCP port's tap appeared.`, zh: `DHCP 端口的 tap 出现后，L2 agent 创建了 ${br}。` } },
    vxlan: { text: `controller, root namespace: ${vx} enslaved to ${br}`, exists: vxLink?.master === br, why: { en: `${vx} is the network's VNI ${a.segmentationId}; the L2 agent creates it and puts it in the bridge.`, zh: `${vx} 对应网络的 VNI ${a.segmentationId}；由 L2 agent 创建并加进网桥。` } },
    tap: { text: `controller, root namespace: ${tap} enslaved to ${br}`, exists: findLink(ctl.root, tap)?.master === br, why: { en: `${tap} is the root-side end of the DHCP port's veth pair; the L2 agent addifs it because its owner is network:dhcp.`, zh: `${tap} 是 DHCP 端口 veth 对在根命名空间的一端；它的属主是 network:dhcp，所以 L2 agent 会把它 addif 进网桥。` } },
    nsdev: { text: `controller, inside ${ns}: ${nsdev} with ${ip}`, exists: !!nsState && !!findLink(nsState, nsdev) && nsState.addresses.some((x) => x.dev === nsdev && x.cidr.startsWith(`${ip}/`)), why: { en: `The namespace end of the veth carries the port's MAC and IP.`, zh: 'veth 在命名空间里的一端带着端口的 MAC 和 IP。' } },
    nsdevRoot: { text: `controller, root namespace: ${nsdev} enslaved to ${br}`, exists: !!findLink(ctl.root, nsdev), why: { en: `${nsdev} lives inside ${ns}; the root namespace holds its peer ${tap}.`, zh: `${nsdev} 在 ${ns} 里面；根命名空间里的是它的对端 ${tap}。` } },
    tapInNs: { text: `controller, inside ${ns}: ${tap} with ${ip}`, exists: !!nsState && !!findLink(nsState, tap), why: { en: `A tap… device inside qdhcp is what the Open vSwitch interface driver creates (an internal port); Linux bridge uses a veth with ns-… inside.`, zh: 'qdhcp 里面出现 tap… 是 Open vSwitch 接口驱动（internal 端口）的做法；Linux bridge 用的是 veth，里面那端叫 ns-…。' } },
    dnsmasq: { text: `controller: a dnsmasq process running in ${ns}`, exists: ctl.processes.some((p) => p.netns === ns && p.args.startsWith('dnsmasq')), why: { en: 'The DHCP agent spawns one dnsmasq per network, inside its namespace.', zh: 'DHCP agent 为每个网络在它的命名空间里起一个 dnsmasq。' } },
    route: { text: `controller, inside ${ns}: default route via ${gw ?? 'the gateway'}`, exists: !!gw && !!nsState?.routes.some((r) => r.dst === 'default' && r.via === gw), why: { en: 'The DHCP agent adds a default route via the subnet gateway (proto static).', zh: 'DHCP agent 会加一条经子网网关的默认路由（proto static）。' } },
    checksum: { text: `controller, ${ns} mangle table: CHECKSUM --checksum-fill on UDP port 68`, exists: mangle.some((r) => r.spec.includes('--dport 68') && r.spec.includes('CHECKSUM')), why: { en: 'fill_dhcp_udp_checksums adds it so that replies leaving with offloaded (empty) checksums are not dropped by picky clients.', zh: 'fill_dhcp_udp_checksums 加这条规则，是为了让校验和被 offload（为空）的 DHCP 回包不会被挑剔的客户端丢掉。' } },
    computeBridge: { text: `${w.facts.compute}: bridge ${br}`, exists: !!findLink(cmp.root, br), why: { en: `Nothing of ${a.name} exists on ${w.facts.compute}: no port of the network is bound there yet. Compute nodes get the bridge only when an instance port lands on them.`, zh: `${w.facts.compute} 上还没有 ${a.name} 的任何东西：这个网络还没有端口绑定到那里。只有实例端口落到计算节点上，计算节点才会有这个网桥。` } },
    computeVxlan: { text: `${w.facts.compute}: ${vx}`, exists: !!findLink(cmp.root, vx), why: { en: `No port of ${a.name} is on ${w.facts.compute}, so its L2 agent has created nothing yet.`, zh: `${w.facts.compute} 上还没有 ${a.name} 的端口，所以那里的 L2 agent 什么都没建。` } },
    otherBridge: { text: `controller, root namespace: bridge ${names.bridgeName(b.id)}`, exists: !!findLink(ctl.root, names.bridgeName(b.id)), why: { en: `${b.name} has no DHCP port and no other port, so no host has anything for it: creating a network creates no device.`, zh: `${b.name} 没有 DHCP 端口，也没有别的端口，所以任何主机上都没有它的设备：光创建网络不会产生设备。` } },
    otherNs: { text: `controller: namespace ${names.dhcpNamespace(b.id)}`, exists: !!ctl.namespaces[names.dhcpNamespace(b.id)], why: { en: `${b.name} has no DHCP-enabled subnet, so the DHCP agent never set it up.`, zh: `${b.name} 没有开启 DHCP 的子网，DHCP agent 根本不会为它配置。` } },
    byName: { text: `controller, root namespace: bridge brq${a.name}`, exists: !!findLink(ctl.root, `brq${a.name}`), why: { en: `Bridges are named from the network ID, never its name: ${br}.`, zh: `网桥名来自网络 ID，不是网络名字：${br}。` } },
    port4789: { text: `controller: ${vx} sending to UDP port 4789`, exists: vxLink?.vxlan?.dstport === 4789, why: { en: `Linux bridge leaves udp_dstport unset, so the kernel default 8472 is used (${vx} shows dstport ${vxLink?.vxlan?.dstport ?? 8472}); 4789 only if [vxlan] udp_dstport = 4789.`, zh: `Linux bridge 不设置 udp_dstport，用的是内核默认的 8472（${vx} 显示 dstport ${vxLink?.vxlan?.dstport ?? 8472}）；只有配置 [vxlan] udp_dstport = 4789 才会是 4789。` } },
  };
}

export default choiceFamily<Facts>({
  id: 'f2-what-appears',
  flow: 2,
  difficulty: 2,
  multiple: true,
  title: { en: 'What appears on which node after network + subnet?', zh: '创建网络和子网后，哪个节点上出现了什么？' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, computes: [1, 3] });
    const other = pick.one(OTHER_NAMES);
    const lines = [...t.lines, `openstack network create ${other}`];
    if (pick.bool()) lines.push(`openstack subnet create --network ${other} --no-dhcp --subnet-range 100.64.${pick.int(256)}.0/24 ${other}-v4`);
    return { scenario: lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const tenants = Object.values(world.cloud.db.networks).filter((n) => !n.external);
    const keysTrue = ['ns', 'bridge', 'vxlan', 'tap', 'nsdev', 'dnsmasq', 'route', 'checksum'];
    const keysFalse = ['nsShort', 'nsdevRoot', 'tapInNs', 'computeBridge', 'computeVxlan', 'otherBridge', 'otherNs', 'byName', 'port4789'];
    const computes = Object.values(world.cloud.hosts).filter((h) => h.role === 'compute').map((h) => h.name);
    return { a: tenants[0]!.name, b: tenants[1]!.name, compute: pick.one(computes), keys: [...pick.some(keysTrue, 4), ...pick.some(keysFalse, 4)] };
  },
  prompt: (w) => ({
    en: `The demo user created network "${w.facts.a}" with a DHCP-enabled subnet, and network "${w.facts.b}" ${w.cloud.db.subnetsByNetwork[networkNamed(w.cloud, w.facts.b).id]?.length ? 'with a subnet that has DHCP disabled' : 'with no subnet'}. No router, no instance yet. Which of these objects exist now? Select all that do.`,
    zh: `demo 用户创建了网络 “${w.facts.a}” 和一个开启 DHCP 的子网，又创建了网络 “${w.facts.b}”${w.cloud.db.subnetsByNetwork[networkNamed(w.cloud, w.facts.b).id]?.length ? '，它的子网关闭了 DHCP' : '，没有子网'}。还没有路由器，也没有实例。下面这些对象里，现在哪些是存在的？请全部选出。`,
  }),
  context: (w) => [
    shown(w, 'controller', 'openstack network list'),
    shown(w, 'controller', `openstack network show ${w.facts.a} -c id -c provider:network_type -c provider:segmentation_id`),
    shown(w, 'controller', 'openstack port list --device-owner network:dhcp -c ID -c "Fixed IP Addresses"'),
  ],
  options: (w) => {
    const all = candidates(w);
    const right: string[] = [];
    const wrong: string[] = [];
    for (const k of w.facts.keys) (all[k]!.exists ? right : wrong).push(all[k]!.text);
    return { right, wrong };
  },
  whyWrong: (w, option) => Object.values(candidates(w)).find((c) => c.text === option)?.why,
  hints: () => [
    { en: 'Devices appear on a host only when a port of the network is wired there; here the only port is the DHCP port, on the network node.', zh: '只有当网络的某个端口接到某台主机上，那台主机才会出现设备；这里唯一的端口是网络节点上的 DHCP 端口。' },
    { en: 'Interface names are a prefix + 11 characters of an ID; namespace names keep the full ID.', zh: '网卡名是前缀 + ID 的 11 个字符；命名空间名保留完整 ID。' },
    { en: 'With Linux bridge, the DHCP port is a veth pair: tap… in the root namespace (in the bridge), ns-… inside qdhcp.', zh: 'Linux bridge 下 DHCP 端口是一对 veth：tap… 在根命名空间（挂在网桥上），ns-… 在 qdhcp 里面。' },
  ],
  explain: (w) => {
    const all = candidates(w);
    const lines = w.facts.keys.map((k) => `${all[k]!.exists ? '✓' : '✗'} ${all[k]!.text} — ${all[k]!.why.en}`).join('\n');
    const linesZh = w.facts.keys.map((k) => `${all[k]!.exists ? '✓' : '✗'} ${all[k]!.text} —— ${all[k]!.why.zh}`).join('\n');
    return paragraphs(
      { en: lines, zh: linesZh },
      {
        en: 'Where the seed is right and where it is coarse: its naming (brq + 11, vxlan-<VNI>, tap for the DHCP port, qdhcp-<full UUID> with ns- inside, a veth between tap and ns-) is correct. It omits that creating a network alone creates nothing on any host, that the bridge and vxlan device are created by the Linux bridge agent when the first port appears (not by the DHCP agent), that the VXLAN port is 8472, and the default route and CHECKSUM rule inside qdhcp.',
        zh: '资料对的地方和粗的地方：命名（brq + 11 位、vxlan-<VNI>、DHCP 端口的 tap、qdhcp-<完整 UUID> 里面是 ns-、tap 和 ns- 是一对 veth）都是对的。它没讲：光创建网络任何主机上都不会有设备；网桥和 vxlan 设备是第一个端口出现时由 linuxbridge agent 创建的（不是 DHCP agent）；VXLAN 端口是 8472；qdhcp 里还有默认路由和 CHECKSUM 规则。',
      },
      THEN_VS_NOW['linuxbridge'],
      THEN_VS_NOW['dhcp'],
    );
  },
});
