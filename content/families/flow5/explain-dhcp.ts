/** Flow 5: explain, as in an interview, how an instance on a compute node gets its address from dnsmasq on the network node. */
import { explainFamily } from '../../kinds/explain.js';
import { shown } from '../../kinds/common.js';
import { names } from '../../lookup.js';
import { paragraphs, SEED_SIMPLIFIES, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import { exchangeOf, FLOW5_NOTES, type InstanceFacts, optionValue } from './_helpers.js';

function parts(w: World<InstanceFacts>) {
  const x = exchangeOf(w);
  const net = w.cloud.db.networks[x.port.networkId]!;
  const host = x.server.host!;
  return {
    x, net, host,
    tap: names.tapName(x.port.id), brq: names.bridgeName(net.id), vxlan: names.vxlanName(net.segmentationId!),
    dhcpTap: names.tapName(x.dhcpPort.id), ns: names.dhcpDeviceName(x.dhcpPort.id), qdhcp: names.dhcpNamespace(net.id),
    vtep: w.cloud.hosts['controller']!.managementIp, ip: x.port.fixedIps[0]!.ipAddress,
  };
}

export default explainFamily<InstanceFacts>({
  id: 'f5-explain-dhcp',
  flow: 5,
  difficulty: 2,
  title: { en: 'Explain how the instance gets its IP by DHCP', zh: '讲清楚实例是怎么通过 DHCP 拿到 IP 的' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(1, 2), router: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => ({ server: pick.one(Object.values(world.cloud.db.servers)).name }),
  prompt: (w) => ({
    en: `"${w.facts.server}" runs on ${parts(w).host}; dnsmasq runs on the controller. Explain, as you would in an interview, how its DHCP request gets to dnsmasq, how dnsmasq decides what to answer, and how the answer comes back.`,
    zh: `“${w.facts.server}” 跑在 ${parts(w).host} 上，dnsmasq 跑在控制节点上。请像面试时那样讲清楚：它的 DHCP 请求怎么到达 dnsmasq，dnsmasq 根据什么决定怎么应答，应答又是怎么回来的。`,
  }),
  context: (w) => {
    const p = parts(w);
    return [
      shown(w, p.host, 'brctl show'),
      shown(w, p.host, `bridge fdb show dev ${p.vxlan}`),
      shown(w, 'controller', `ip netns exec ${p.qdhcp} ip addr show ${p.ns}`),
      shown(w, 'controller', `cat ${names.dhcpConfDir(p.net.id)}/host`),
    ];
  },
  points: () => [
    { id: 'broadcast', label: { en: 'DISCOVER is a broadcast from 0.0.0.0:68 to 255.255.255.255:67 (the client has no address yet)', zh: 'DISCOVER 是广播：0.0.0.0:68 发往 255.255.255.255:67（客户端还没有地址）' }, patterns: [/255\.255\.255\.255/, /broadcast/, /广播/] },
    { id: 'flood', label: { en: 'the bridge floods it into vxlan-N, which replicates it to the network node\'s VTEP from the l2pop 00:00:00:00:00:00 FDB entry', zh: '网桥把它泛洪到 vxlan-N，vxlan 按 l2pop 写的 00:00:00:00:00:00 FDB 条目复制到网络节点的 VTEP' }, patterns: [/00:00:00:00:00:00/, /\bfdb\b/, /l2 ?pop/, /head-end/, /头端复制/, /全零/] },
    { id: 'namespace', label: { en: 'on the network node it crosses the tap/ns- veth pair into the qdhcp namespace where dnsmasq listens', zh: '在网络节点上经 tap/ns- 这对 veth 进入 dnsmasq 监听的 qdhcp 命名空间' }, patterns: [/qdhcp/, /\bns-/, /veth/] },
    { id: 'hostfile', label: { en: 'dnsmasq looks the MAC up in the host file written by the DHCP agent (static, the IP was fixed by neutron IPAM)', zh: 'dnsmasq 在 DHCP agent 写的 host 文件里按 MAC 查找（static 模式，IP 早由 neutron IPAM 定好）' }, patterns: [/host ?file/, /hosts?\s*文件/, /dhcp-hostsfile/, /\bstatic\b/, /静态/, /ipam/] },
    { id: 'unicast', label: { en: 'OFFER and ACK are unicast to the client MAC and offered IP (no broadcast flag from udhcpc)', zh: 'OFFER 和 ACK 单播给客户端 MAC 和要分配的 IP（udhcpc 不置广播标志）' }, patterns: [/unicast/, /单播/] },
    { id: 'request', label: { en: 'REQUEST (again broadcast) and ACK complete the exchange', zh: '之后 REQUEST（仍是广播）和 ACK 完成交互' }, severity: 'minor', patterns: [/request/, /\back\b/, /dhcpack/, /请求.*确认/] },
    { id: 'options', label: { en: 'the reply carries the lease and options: mask, gateway, DNS, MTU, routes', zh: '应答里带租期和各项选项：掩码、网关、DNS、MTU、路由' }, severity: 'minor', patterns: [/\bmtu\b/, /option/, /选项/, /lease/, /租期/, /租约/, /掩码/, /netmask/, /网关/, /gateway/, /\bdns\b/] },
    { id: 'tunnel', label: { en: 'the tunnel is VXLAN over UDP 8472 between the management addresses', zh: '隧道是管理网地址之间的 VXLAN（UDP 8472）' }, severity: 'minor', patterns: [/8472/, /\bvtep\b/, /udp/, /tunnel/, /隧道/, /封装/, /encap/] },
  ],
  model: (w) => {
    const p = parts(w);
    return {
      en: `${w.facts.server} has no address yet, so udhcpc sends DHCPDISCOVER as a broadcast from 0.0.0.0:68 to 255.255.255.255:67. It enters ${p.tap} on ${p.host}, the bridge ${p.brq} floods it to ${p.vxlan}, and because there is no unicast entry for ff:ff:ff:ff:ff:ff the vxlan device replicates it (head-end) to every VTEP in the l2pop 00:00:00:00:00:00 FDB entries, here ${p.vtep}, over UDP 8472. On the controller ${p.brq} hands it to ${p.dhcpTap}, the veth peer of ${p.ns} in ${p.qdhcp}, where dnsmasq listens on port 67. dnsmasq looks the MAC up in the host file the DHCP agent wrote (static mode: the IP ${p.ip} was fixed by neutron IPAM) and sends a DHCPOFFER unicast to the client MAC and ${p.ip}:68, because udhcpc does not set the broadcast flag. The client broadcasts a DHCPREQUEST, dnsmasq answers DHCPACK with the lease and options (mask, gateway, DNS, MTU ${optionValue(p.x.ack, 26)}, routes) and records the lease.`,
      zh: `${w.facts.server} 还没有地址，udhcpc 以广播发出 DHCPDISCOVER：0.0.0.0:68 到 255.255.255.255:67。它从 ${p.host} 上的 ${p.tap} 进入网桥 ${p.brq}，网桥泛洪到 ${p.vxlan}；广播没有单播 FDB 条目，vxlan 设备就按 l2pop 写的 00:00:00:00:00:00 条目做头端复制，经 UDP 8472 发到 VTEP ${p.vtep}。在控制节点上 ${p.brq} 把帧交给 ${p.dhcpTap}，它是 ${p.qdhcp} 里 ${p.ns} 的 veth 对端，dnsmasq 在里面监听 67 端口。dnsmasq 在 DHCP agent 写的 host 文件里按 MAC 查到记录（static 模式，IP ${p.ip} 早就由 neutron IPAM 分好），因为 udhcpc 不置广播标志，DHCPOFFER 单播发给客户端 MAC 和 ${p.ip}:68。客户端再广播 DHCPREQUEST，dnsmasq 回 DHCPACK，带上租期和各项选项（掩码、网关、DNS、MTU ${optionValue(p.x.ack, 26)}、路由），并记下租约。`,
    };
  },
  hints: () => [
    { en: 'Start from the guest NIC and name every device up to the process that answers.', zh: '从虚拟机网卡开始，把一直到应答进程为止经过的每个设备都说出来。' },
    { en: 'How does a VXLAN device know where to send a broadcast when l2population is on?', zh: '开了 l2population 时，VXLAN 设备怎么知道广播该发给谁？' },
    { en: 'Where did the address come from before any packet was sent, and is the reply a broadcast?', zh: '在发任何报文之前地址从哪来？应答是不是广播？' },
  ],
  explain: (w) => {
    const p = parts(w);
    return paragraphs(
      {
        en: `In this cloud: ${p.tap} (${p.host}) -> ${p.brq} -> ${p.vxlan} -> VTEP ${p.vtep} -> ${p.vxlan} -> ${p.brq} -> ${p.dhcpTap} -> ${p.ns} in ${p.qdhcp} -> dnsmasq; OFFER/ACK from ${p.x.offer.ipSrc}:67 (${p.x.offer.ethSrc}) back to ${p.x.offer.ethDst} / ${p.x.offer.ipDst}:68 along the same devices, using the unicast FDB entry l2pop wrote for the instance's MAC on the controller's ${p.vxlan}.`,
        zh: `这个环境里的路径：${p.tap}（${p.host}）-> ${p.brq} -> ${p.vxlan} -> VTEP ${p.vtep} -> ${p.vxlan} -> ${p.brq} -> ${p.dhcpTap} -> ${p.qdhcp} 里的 ${p.ns} -> dnsmasq；OFFER/ACK 从 ${p.x.offer.ipSrc}:67（${p.x.offer.ethSrc}）沿原路回到 ${p.x.offer.ethDst} / ${p.x.offer.ipDst}:68，控制节点的 ${p.vxlan} 用的是 l2pop 为实例 MAC 写的单播 FDB 条目。`,
      },
      FLOW5_NOTES['static'],
      SEED_SIMPLIFIES['offerBroadcast'],
      FLOW5_NOTES['options'],
      THEN_VS_NOW['dhcp'],
      THEN_VS_NOW['overlay'],
    );
  },
});
