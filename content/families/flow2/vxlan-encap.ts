/**
 * Flow 2 (the vxlan device's parameters at work): an instance's DHCPDISCOVER leaves its
 * compute node VXLAN-encapsulated. Give the outer header of the copy that reaches the
 * network node, read from the real packet walk.
 */
import { fieldsFamily } from '../../kinds/fields.js';
import { shown } from '../../kinds/common.js';
import { names, portOf, serverNamed } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import { dhcpExchange } from '../../../engine/packets/dhcp.js';
import { findLink } from '../../../engine/host/kernel.js';
import type { World } from '../../types.js';
import { refineFields, sameLoose } from '../flow1/_helpers.js';

interface Facts { server: string; host: string }

function walk(w: World<Facts>) {
  const server = serverNamed(w.cloud, w.facts.server);
  const port = portOf(w.cloud, server);
  const net = w.cloud.db.networks[port.networkId]!;
  const ex = dhcpExchange(w.cloud, server, port);
  const discover = ex.packets.find((p) => p.name === 'DHCPDISCOVER')!;
  const encap = discover.hops.find((h) => h.host === w.facts.host && h.note.startsWith('VXLAN encap'))!;
  const m = /VXLAN encap VNI (\d+): outer (\S+) -> (\S+) UDP dport (\d+)/.exec(encap.note)!;
  const vx = findLink(w.cloud.hosts[w.facts.host]!.root, names.vxlanName(net.segmentationId!))!;
  const floods = (vx.fdb ?? []).filter((e) => e.mac === '00:00:00:00:00:00');
  return { server, port, net, vni: m[1]!, src: m[2]!, dst: m[3]!, dport: m[4]!, floods, vx: vx.name, hops: discover.hops };
}

const family = fieldsFamily<Facts>({
  id: 'f2-vxlan-encap',
  flow: 2,
  kind: 'packet',
  difficulty: 3,
  title: { en: 'The outer header of a VXLAN-encapsulated DHCPDISCOVER', zh: 'VXLAN 封装后的 DHCPDISCOVER 外层报文头' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(2, 3), computes: [2, 3], router: pick.bool() });
    return { scenario: [...t.lines, '. admin-openrc'], computes: t.computes };
  },
  facts: (world, pick) => {
    const server = pick.one(Object.values(world.cloud.db.servers).filter((s) => s.host && s.host !== 'controller'));
    return { server: server.name, host: server.host! };
  },
  prompt: (w) => ({
    en: `"${w.facts.server}" on ${w.facts.host} reboots and broadcasts a DHCPDISCOVER. The bridge floods it to the network's vxlan device, which encapsulates it. For the copy that reaches dnsmasq on the network node, give the outer source IP, the outer destination IP, the outer UDP destination port and the VNI — and say how many encapsulated copies ${w.facts.host} sends in total for this one broadcast.`,
    zh: `${w.facts.host} 上的 “${w.facts.server}” 重启后广播了一个 DHCPDISCOVER。网桥把它泛洪到这个网络的 vxlan 设备，由它做封装。对于送到网络节点 dnsmasq 的那一份，请写出外层源 IP、外层目的 IP、外层 UDP 目的端口和 VNI；再说说对这一个广播，${w.facts.host} 一共发出了几份封装后的副本。`,
  }),
  context: (w) => {
    const port = portOf(w.cloud, serverNamed(w.cloud, w.facts.server));
    const vni = w.cloud.db.networks[port.networkId]!.segmentationId!;
    return [
      shown(w, 'controller', 'openstack server list --long -c Name -c Host -c Networks'),
      shown(w, 'controller', `openstack port list --network ${w.cloud.db.networks[port.networkId]!.name} --long -c "MAC Address" -c "Fixed IP Addresses" -c "Device Owner"`),
      shown(w, w.facts.host, `ip -br addr show ${w.cloud.config.managementInterface}`),
      shown(w, w.facts.host, `bridge fdb show dev ${names.vxlanName(vni)}`),
    ];
  },
  blanks: (w) => {
    const v = walk(w);
    const src = { host: w.facts.host, command: `ip -d link show ${v.vx}` };
    return [
      { id: 'src', label: { en: 'Outer source IP', zh: '外层源 IP' }, type: 'ip', expected: v.src, placeholder: 'a.b.c.d', source: src },
      { id: 'dst', label: { en: 'Outer destination IP (towards dnsmasq)', zh: '外层目的 IP（发往 dnsmasq 的那份）' }, type: 'ip', expected: v.dst, placeholder: 'a.b.c.d', source: { host: w.facts.host, command: `bridge fdb show dev ${v.vx}` } },
      { id: 'dport', label: { en: 'Outer UDP destination port', zh: '外层 UDP 目的端口' }, type: 'number', expected: v.dport, source: src },
      { id: 'vni', label: { en: 'VNI', zh: 'VNI' }, type: 'number', expected: v.vni, severity: 'minor', source: src },
      { id: 'copies', label: { en: 'Encapsulated copies sent for one broadcast', zh: '一个广播发出的封装副本数' }, type: 'number', expected: String(v.floods.length), severity: 'minor', source: { host: w.facts.host, command: `bridge fdb show dev ${v.vx}` } },
    ];
  },
  hints: () => [
    { en: 'The vxlan device was created with `local <management IP> dev eth0`: that is this VTEP\'s address.', zh: 'vxlan 设备创建时带了 `local <管理网 IP> dev eth0`，那就是本机 VTEP 的地址。' },
    { en: 'With l2population there is no multicast group: a broadcast goes once to every VTEP listed with 00:00:00:00:00:00; the DHCP port\'s MAC tells you which VTEP is the network node.', zh: '开了 l2population 就没有组播组：广播会向每个 00:00:00:00:00:00 条目里的 VTEP 各发一份；DHCP 端口的 MAC 在哪个 VTEP 后面，那个就是网络节点。' },
    { en: 'neutron\'s Linux bridge agent leaves udp_dstport unset, so the kernel default applies, not IANA\'s 4789.', zh: 'neutron 的 linuxbridge agent 不设置 udp_dstport，用的是内核默认值，而不是 IANA 的 4789。' },
  ],
  explain: (w) => {
    const v = walk(w);
    const path = v.hops.map((h) => `${h.host}:${h.netns ? `${h.netns}:` : ''}${h.dev}`).join(' > ');
    return paragraphs(
      {
        en: `On ${w.facts.host}, ${v.vx} has local ${v.src} and dstport ${v.dport}. The DISCOVER (broadcast ff:ff:ff:ff:ff:ff) matches no unicast FDB entry, so the device replicates it to every flooding entry — ${v.floods.map((e) => e.dst).join(', ')}: ${v.floods.length} cop${v.floods.length === 1 ? 'y' : 'ies'} (head-end replication). The one for ${v.dst} (the network node, where the DHCP port lives) is UDP ${v.src} -> ${v.dst}:${v.dport} with VNI ${v.vni} in the VXLAN header. Path of that copy: ${path}. l2population wrote those entries when ports of ${v.net.name} went ACTIVE on other hosts; without l2pop the device would use the multicast group 224.0.0.1 instead.`,
        zh: `${w.facts.host} 上的 ${v.vx} 配置了 local ${v.src}、dstport ${v.dport}。DISCOVER 是广播（ff:ff:ff:ff:ff:ff），匹配不到单播 FDB 条目，于是设备按每条泛洪条目各复制一份——${v.floods.map((e) => e.dst).join('、')}：共 ${v.floods.length} 份（头端复制）。发往 ${v.dst}（网络节点，DHCP 端口所在）的那份是 UDP ${v.src} -> ${v.dst}:${v.dport}，VXLAN 头里的 VNI 是 ${v.vni}。这一份的路径：${path}。这些条目是 ${v.net.name} 的端口在其他主机上变成 ACTIVE 时由 l2population 写进去的；不开 l2pop 的话设备会改用组播组 224.0.0.1。`,
      },
      {
        en: 'Where the seed is silent or interviewers slip: the seed shows the vxlan device but not its parameters. "VXLAN uses 4789" is the IANA port and OVS\'s default; Linux bridge uses the kernel default 8472 unless [vxlan] udp_dstport = 4789 — mixing the two silently drops traffic.',
        zh: '资料没讲、面试里容易说错的地方：资料展示了 vxlan 设备，但没讲参数。“VXLAN 用 4789”是 IANA 分配的端口，也是 OVS 的默认值；Linux bridge 用的是内核默认的 8472，除非配置 [vxlan] udp_dstport = 4789——两者混用的话流量会被悄悄丢掉。',
      },
      THEN_VS_NOW['overlay'],
    );
  },
});

export default refineFields(family, (w, id, given) => {
  const v = walk(w);
  const byIp = (ip: string) => Object.values(w.cloud.hosts).find((h) => h.managementIp === ip)?.name;
  if (id === 'dport' && Number(given) === 4789) return { en: '4789 is the IANA port and Open vSwitch\'s default; the Linux bridge agent leaves udp_dstport unset, so the kernel default applies.', zh: '4789 是 IANA 端口，也是 Open vSwitch 的默认值；linuxbridge agent 不设置 udp_dstport，用的是内核默认值。' };
  if (id === 'src' && sameLoose(given, v.dst)) return { en: `${given} is the receiving VTEP (the network node); the outer source is the sender's local address on ${w.facts.host}.`, zh: `${given} 是接收方的 VTEP（网络节点）；外层源地址是发送方 ${w.facts.host} 的 local 地址。` };
  if (id === 'dst') {
    const other = v.floods.find((e) => e.dst && sameLoose(given, e.dst));
    if (other && !sameLoose(given, v.dst)) return { en: `${given} (${byIp(given)}) also gets a copy (head-end replication), but no dnsmasq listens there; the copy for dnsmasq goes to the VTEP behind which the DHCP port's MAC sits.`, zh: `${given}（${byIp(given)}）也会收到一份（头端复制），但那里没有 dnsmasq；送给 dnsmasq 的那份发往 DHCP 端口 MAC 所在的 VTEP。` };
    if (sameLoose(given, v.src)) return { en: 'That is the sender itself.', zh: '这是发送方自己。' };
  }
  if (id === 'copies' && Number(given) === 1 && v.floods.length > 1) return { en: `A broadcast goes to every 00:00:00:00:00:00 entry: ${v.floods.map((e) => e.dst).join(', ')}.`, zh: `广播会发给每一条 00:00:00:00:00:00 条目：${v.floods.map((e) => e.dst).join('、')}。` };
  return undefined;
});
