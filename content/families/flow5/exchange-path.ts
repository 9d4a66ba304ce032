/** Flow 5: order the real hops of a DHCPDISCOVER and the messages that follow, from the cloud's own DHCP exchange. */
import { orderingFamily } from '../../kinds/ordering.js';
import { shown } from '../../kinds/common.js';
import { names, serverNamed } from '../../lookup.js';
import { paragraphs, SEED_SIMPLIFIES, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Hop } from '../../../engine/packets/l2.js';
import type { World } from '../../types.js';
import { exchangeOf, FLOW5_NOTES, type InstanceFacts, optionValue } from './_helpers.js';

/** One line per device the DISCOVER really crossed, then the three replies and the lease. */
function hopText(h: Hop): string {
  const where = h.netns ? `${h.host} ${h.netns}` : h.host;
  if (h.note.startsWith('TAP')) return `${where}: ${h.dev} receives the frame from the guest's eth0`;
  if (h.note.startsWith('bridge')) return `${where}: bridge ${h.dev} ${h.note.includes('vxlan') ? 'gets it from the tunnel and floods it to its ports' : 'floods the broadcast to its ports'}`;
  if (h.note.startsWith('VXLAN encap')) {
    const m = /VNI (\d+): outer (\S+) -> (\S+) UDP dport (\d+)/.exec(h.note);
    const flood = h.note.includes('head-end') ? ', one copy per 00:00:00:00:00:00 FDB entry' : '';
    return m ? `${where}: ${h.dev} encapsulates it (VNI ${m[1]}, outer ${m[2]} > ${m[3]}, UDP ${m[4]}${flood})` : `${where}: ${h.dev} (${h.note})`;
  }
  if (h.note.startsWith('VXLAN decap')) return `${where}: ${h.dev} decapsulates it`;
  if (h.note === 'veth') return `${where}: ${h.dev} hands it across the veth pair`;
  if (h.note === 'veth peer') return `${where}: ${h.dev} receives it; dnsmasq listens on 0.0.0.0:67 here`;
  return `${where}: ${h.dev} (${h.note})`;
}

function steps(w: World<InstanceFacts>): string[] {
  const x = exchangeOf(w);
  const ip = x.port.fixedIps[0]!.ipAddress;
  return [
    `${w.facts.server} sends DHCPDISCOVER: ${x.discover.ethSrc} > ${x.discover.ethDst}, ${x.discover.ipSrc}:${x.discover.sport} > ${x.discover.ipDst}:${x.discover.dport}`,
    ...x.discover.hops.map(hopText),
    `dnsmasq finds ${x.port.macAddress} in ${names.dhcpConfDir(x.port.networkId)}/host and sends DHCPOFFER of ${ip}: ${x.offer.ipSrc}:${x.offer.sport} > ${x.offer.ipDst}:${x.offer.dport}`,
    `${w.facts.server} broadcasts DHCPREQUEST for ${ip} naming server ${optionValue(x.request, 54)}`,
    `dnsmasq answers DHCPACK (lease ${optionValue(x.ack, 51)} s) and writes ${x.port.macAddress} to its leases file`,
  ];
}

export default orderingFamily<InstanceFacts>({
  id: 'f5-exchange-path',
  flow: 5,
  difficulty: 2,
  title: { en: 'Follow a DHCPDISCOVER from the instance to dnsmasq, and what comes back', zh: '跟着 DHCPDISCOVER 从实例走到 dnsmasq，再看回来的报文' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(1, 2), instances: pick.between(1, 3), router: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => ({ server: pick.one(Object.values(world.cloud.db.servers)).name }),
  prompt: (w) => ({
    en: `"${w.facts.server}" boots on ${serverNamed(w.cloud, w.facts.server).host} and runs udhcpc. Put in order the devices its DHCPDISCOVER crosses on the way to dnsmasq, and the messages that follow until the lease is recorded.`,
    zh: `“${w.facts.server}” 在 ${serverNamed(w.cloud, w.facts.server).host} 上启动，运行 udhcpc。请把它的 DHCPDISCOVER 到达 dnsmasq 途中经过的设备，以及之后直到租约写入为止的报文，按先后顺序排好。`,
  }),
  context: (w) => {
    const x = exchangeOf(w);
    const net = w.cloud.db.networks[x.port.networkId]!;
    return [
      shown(w, 'controller', `openstack port list --server ${w.facts.server} -c ID -c "MAC Address" -c "Fixed IP Addresses"`),
      shown(w, x.server.host!, 'brctl show'),
      shown(w, x.server.host!, `bridge fdb show dev ${names.vxlanName(net.segmentationId!)}`),
      shown(w, 'controller', 'brctl show'),
    ];
  },
  steps,
  hints: () => [
    { en: 'A broadcast has no unicast FDB entry on the vxlan device: it is copied to every VTEP in the all-zero entries.', zh: '广播帧在 vxlan 设备上查不到单播 FDB 条目，会按全零条目复制给每个 VTEP。' },
    { en: 'On the network node the DHCP port is a veth pair: tap… in the bridge, ns-… inside qdhcp-….', zh: '在网络节点上，DHCP 端口是一对 veth：tap… 在网桥上，ns-… 在 qdhcp-… 里。' },
    { en: 'The client still has no address when it sends REQUEST, so REQUEST is a broadcast like DISCOVER.', zh: '发 REQUEST 时客户端仍然没有地址，所以 REQUEST 和 DISCOVER 一样是广播。' },
  ],
  explain: (w) => {
    const x = exchangeOf(w);
    const net = w.cloud.db.networks[x.port.networkId]!;
    const list = steps(w).map((s, i) => `${i + 1}. ${s}`).join('\n');
    return paragraphs(
      {
        en: `What the cloud really did for ${w.facts.server} (port ${x.port.id}, MAC ${x.port.macAddress}):\n${list}\nThe guest's eth0 is the TAP ${names.tapName(x.port.id)} on ${x.server.host}; ${names.bridgeName(net.id)} floods the broadcast, ${names.vxlanName(net.segmentationId!)} replicates it to the VTEPs l2population wrote as 00:00:00:00:00:00 entries (UDP ${w.cloud.config.vxlanUdpPort}), and on the controller the frame reaches ${names.dhcpDeviceName(x.dhcpPort.id)} in ${names.dhcpNamespace(net.id)} through its peer ${names.tapName(x.dhcpPort.id)}. The OFFER and ACK come back from ${x.offer.ipSrc}:67 straight to ${x.offer.ethDst} / ${x.offer.ipDst}:68: unicast, because udhcpc does not set the broadcast flag.`,
        zh: `这个环境里 ${w.facts.server}（端口 ${x.port.id}，MAC ${x.port.macAddress}）实际经过的步骤：\n${list}\n虚拟机的 eth0 在宿主机 ${x.server.host} 上对应 TAP ${names.tapName(x.port.id)}；${names.bridgeName(net.id)} 泛洪这个广播，${names.vxlanName(net.segmentationId!)} 按 l2population 写入的 00:00:00:00:00:00 条目复制给各个 VTEP（UDP ${w.cloud.config.vxlanUdpPort}）；在控制节点上，帧经过 ${names.tapName(x.dhcpPort.id)} 这个 veth 对端进入 ${names.dhcpNamespace(net.id)} 里的 ${names.dhcpDeviceName(x.dhcpPort.id)}。OFFER 和 ACK 从 ${x.offer.ipSrc}:67 直接发给 ${x.offer.ethDst} / ${x.offer.ipDst}:68，是单播，因为 udhcpc 不置广播标志。`,
      },
      FLOW5_NOTES['l2only'],
      SEED_SIMPLIFIES['offerBroadcast'],
      {
        en: 'The seed says the broadcast "reaches the veth tap and crosses to ns-": right, but it leaves out the compute-node half (tap, bridge, VXLAN head-end replication driven by l2pop FDB entries), which is where most "no IP" incidents are found.',
        zh: '资料里说广播“到达 veth tap，传到 veth pair 另一端的 ns”，这没错，但漏掉了计算节点那一半（tap、网桥、由 l2pop FDB 条目驱动的 VXLAN 头端复制），而“拿不到 IP”的故障大多出在这一段。',
      },
      THEN_VS_NOW['dhcp'],
    );
  },
});
