/** Flow 3 (packet): the instance's first broadcast leaves its compute node VXLAN-encapsulated; give the outer and inner headers. */
import { fieldsFamily } from '../../kinds/fields.js';
import { shown } from '../../kinds/common.js';
import { names, serverNamed } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Shown, World } from '../../types.js';
import { dhcpExchange } from '../../../engine/packets/dhcp.js';
import { asAdmin, explainingBlanks, firstPort, serversOn, tenantNetwork } from './_helpers.js';

interface Facts { server: string; host: string; network: string }

/** The DISCOVER's encapsulation towards the network node, read from the engine's own walk of the frame. */
function encap(w: World<Facts>) {
  const server = serverNamed(w.cloud, w.facts.server);
  const port = firstPort(w, server);
  const discover = dhcpExchange(w.cloud, server, port).packets.find((p) => p.name === 'DHCPDISCOVER')!;
  const controller = w.cloud.hosts['controller']!.managementIp;
  const hop = discover.hops.find((h) => h.host === w.facts.host && new RegExp(`-> ${controller.replace(/\./g, '\\.')} `).test(h.note))!;
  const m = /VXLAN encap VNI (\d+): outer (\S+) -> (\S+) UDP dport (\d+)/.exec(hop.note)!;
  return { vni: m[1]!, outerSrc: m[2]!, outerDst: m[3]!, dport: m[4]!, innerSrc: discover.ethSrc, innerDst: discover.ethDst, dev: hop.dev, port };
}

const family = fieldsFamily<Facts>({
  id: 'f3-vxlan-encap',
  flow: 3,
  kind: 'packet',
  difficulty: 2,
  title: { en: 'The VXLAN-encapsulated DHCPDISCOVER on the underlay', zh: '底层网络上被 VXLAN 封装的 DHCPDISCOVER' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 3), router: pick.bool(), computes: [2, 3] });
    return { scenario: asAdmin(t.lines), computes: t.computes };
  },
  facts: (world, pick) => {
    const net = tenantNetwork(world);
    const server = pick.one(serversOn(world, net.id));
    return { server: server.name, host: server.host!, network: net.name };
  },
  prompt: (w) => ({
    en: `"${w.facts.server}" boots on ${w.facts.host} and broadcasts its first DHCPDISCOVER. You capture on ${w.facts.host}'s management interface (the VXLAN underlay). For the copy that goes to the network node, give the outer IP source and destination, the outer UDP destination port, the VNI, and the inner Ethernet source and destination.`,
    zh: `“${w.facts.server}” 在 ${w.facts.host} 上启动，广播了第一个 DHCPDISCOVER。你在 ${w.facts.host} 的管理网卡（VXLAN 的底层网络）上抓包。对发往网络节点的那一份，写出外层 IP 的源和目的、外层 UDP 目的端口、VNI，以及内层以太网的源 MAC 和目的 MAC。`,
  }),
  context: (w) => {
    const net = w.cloud.db.networks[encap(w).port.networkId]!;
    const out: Shown[] = [
      shown(w, 'controller', `openstack port list --server ${w.facts.server} -c ID -c "MAC Address"`),
      shown(w, w.facts.host, 'brctl show'),
      shown(w, w.facts.host, `bridge fdb show dev ${names.vxlanName(net.segmentationId!)}`),
    ];
    for (const h of Object.keys(w.cloud.hosts)) out.push(shown(w, h, `ip -4 -br addr show dev ${w.cloud.config.managementInterface}`));
    return out;
  },
  blanks: (w) => {
    const e = encap(w);
    const link = { host: w.facts.host, command: `ip -d link show ${e.dev}` };
    const fdb = { host: w.facts.host, command: `bridge fdb show dev ${e.dev}` };
    const guest = { host: w.facts.server, command: 'ip link show eth0' };
    return [
      { id: 'outer_src', label: { en: 'Outer IP source', zh: '外层源 IP' }, type: 'ip', expected: e.outerSrc, placeholder: 'a.b.c.d', source: link },
      { id: 'outer_dst', label: { en: 'Outer IP destination', zh: '外层目的 IP' }, type: 'ip', expected: e.outerDst, placeholder: 'a.b.c.d', source: fdb },
      { id: 'udp_dport', label: { en: 'Outer UDP destination port', zh: '外层 UDP 目的端口' }, type: 'number', expected: e.dport, placeholder: 'port', source: link },
      { id: 'vni', label: { en: 'VNI', zh: 'VNI' }, type: 'number', expected: e.vni, placeholder: 'VNI', source: link },
      { id: 'inner_src', label: { en: 'Inner Ethernet source', zh: '内层源 MAC' }, type: 'mac', expected: e.innerSrc, placeholder: 'xx:xx:xx:xx:xx:xx', source: guest },
      { id: 'inner_dst', label: { en: 'Inner Ethernet destination', zh: '内层目的 MAC' }, type: 'mac', expected: e.innerDst, placeholder: 'xx:xx:xx:xx:xx:xx' },
    ];
  },
  hints: () => [
    { en: 'The VTEPs are the nodes\' management addresses (local_ip); a broadcast is sent to every VTEP that has an all-zero FDB entry.', zh: 'VTEP 就是各节点的管理网地址（local_ip）；广播会发给每个有全零 FDB 条目的 VTEP。' },
    { en: 'The Linux bridge agent does not set udp_dstport by default, so the kernel\'s own VXLAN port is used, not the IANA one.', zh: 'linuxbridge agent 默认不设置 udp_dstport，所以用的是内核自己的 VXLAN 端口，而不是 IANA 分配的那个。' },
    { en: 'The VNI is in the vxlan device\'s name; the inner frame is exactly what the guest sent, before it has any address.', zh: 'VNI 就在 vxlan 设备名里；内层帧就是虚拟机发出的原样，那时它还没有任何地址。' },
  ],
  explain: (w) => {
    const e = encap(w);
    return paragraphs(
      {
        en: `On ${w.facts.host}: the guest's frame ${e.innerSrc} -> ${e.innerDst} (0.0.0.0:68 -> 255.255.255.255:67) enters the bridge from the tap, is flooded to ${e.dev}, and the vxlan device sends one copy per 00:00:00:00:00:00 FDB entry (head-end replication, l2population's unicast flooding mode, no multicast group). The copy for the network node is UDP ${e.outerSrc} -> ${e.outerDst}:${e.dport} with VNI ${e.vni} in the VXLAN header (flags 0x08). Port ${e.dport} is the Linux kernel default because udp_dstport is unset; IANA's 4789 must be configured (udp_dstport = 4789) to interoperate with OVS. tcpdump labels UDP 8472 as "OTV" — it is still VXLAN. The 50 bytes of overhead (outer IPv4 20 + UDP 8 + VXLAN 8 + the inner Ethernet header 14) are why the network MTU is 1450.`,
        zh: `在 ${w.facts.host} 上：虚拟机发出的帧 ${e.innerSrc} -> ${e.innerDst}（0.0.0.0:68 -> 255.255.255.255:67）从 tap 进入网桥，泛洪到 ${e.dev}，vxlan 设备按每条 00:00:00:00:00:00 FDB 条目各发一份（源端复制，l2population 的单播泛洪模式，不用组播组）。发往网络节点的那一份是 UDP ${e.outerSrc} -> ${e.outerDst}:${e.dport}，VXLAN 头里 VNI 为 ${e.vni}（flags 0x08）。端口 ${e.dport} 是 Linux 内核的默认值，因为没配 udp_dstport；要和 OVS 互通就得配成 IANA 的 4789（udp_dstport = 4789）。tcpdump 会把 UDP 8472 标成 “OTV”，其实还是 VXLAN。这 50 字节开销（外层 IPv4 20 + UDP 8 + VXLAN 8 + 内层以太网头 14）就是网络 MTU 为 1450 的原因。`,
      },
      {
        en: 'The seed never shows the overlay: "tap connects to the bridge of the VXLAN network" hides that the bridge\'s only way off the node is vxlan-<VNI>, added by the agent and fed by l2pop FDB entries.',
        zh: '资料从没讲过隧道这一层：“tap 连接到 vxlan 网络所在的 bridge” 这句话没说出来的是，网桥离开本节点的唯一出口是 vxlan-<VNI>，它由 agent 添加，靠 l2pop 的 FDB 条目工作。',
      },
      THEN_VS_NOW['overlay'],
    );
  },
});

/** 4789, swapped VTEPs, the host tap MAC as inner source: each gets its reason. */
export default explainingBlanks(family, (blank, given, expected, w) => {
  const e = encap(w);
  const g = given.trim().toLowerCase();
  if (blank === 'udp_dport' && Number(g) === 4789) return { en: '4789 is IANA\'s VXLAN port; the Linux bridge agent leaves udp_dstport unset, so the kernel default applies.', zh: '4789 是 IANA 分配的 VXLAN 端口；linuxbridge agent 默认不设 udp_dstport，用的是内核默认值。' };
  if (blank === 'outer_src' && g === e.outerDst) return { en: 'Source and destination are swapped: the packet leaves this compute node\'s VTEP.', zh: '源和目的写反了：包是从本计算节点的 VTEP 发出去的。' };
  if (blank === 'outer_dst' && g === e.outerSrc) return { en: 'That is this node\'s own VTEP, the source.', zh: '这是本节点自己的 VTEP，是源地址。' };
  if (blank === 'inner_src' && g.replace(/-/g, ':').startsWith('fe:')) return { en: 'fe:… is the host side of the TAP; the guest sends with the port MAC fa:….', zh: 'fe:… 是 TAP 宿主机侧的 MAC；虚拟机发包用的是端口 MAC fa:…。' };
  if (blank === 'vni' && Number(g) !== Number(expected)) return { en: `The VNI is the network's segmentation ID, in the device name ${e.dev}.`, zh: `VNI 就是网络的 segmentation ID，设备名 ${e.dev} 里就有。` };
  return undefined;
});
