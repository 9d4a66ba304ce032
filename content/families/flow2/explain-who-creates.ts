/** Flow 2: explain who creates which device when a tenant network and subnet are created. */
import { explainFamily } from '../../kinds/explain.js';
import { shown } from '../../kinds/common.js';
import { names, networkNamed } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import { dhcpPort } from './_helpers.js';

interface Facts { network: string; compute: string }

function objects(w: World<Facts>) {
  const net = networkNamed(w.cloud, w.facts.network);
  const port = dhcpPort(w.cloud, net);
  return {
    net, port,
    ns: names.dhcpNamespace(net.id), br: names.bridgeName(net.id), vx: names.vxlanName(net.segmentationId!),
    tap: names.tapName(port.id), nsdev: names.dhcpDeviceName(port.id), ip: port.fixedIps[0]!.ipAddress,
  };
}

export default explainFamily<Facts>({
  id: 'f2-explain-who-creates',
  flow: 2,
  difficulty: 2,
  title: { en: 'Explain who creates the bridge, the vxlan device and the DHCP namespace', zh: '解释网桥、vxlan 设备和 DHCP 命名空间分别是谁创建的' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, computes: [1, 3] });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => ({
    network: Object.values(world.cloud.db.networks).find((n) => !n.external)!.name,
    compute: pick.one(Object.values(world.cloud.hosts).filter((h) => h.role === 'compute')).name,
  }),
  prompt: (w) => ({
    en: `A candidate says: "When you create network ${w.facts.network} and its subnet, the DHCP agent creates the brq bridge, the vxlan interface and the tap on every node." Below is what the controller and ${w.facts.compute} actually show. Correct the candidate: which agent creates which object, when, on which node, and why ${w.facts.compute} has none of them yet.`,
    zh: `有个候选人说：“创建网络 ${w.facts.network} 和子网的时候，DHCP agent 会在每个节点上创建 brq 网桥、vxlan 接口和 tap。”下面是控制节点和 ${w.facts.compute} 上实际看到的情况。请纠正他：哪个 agent 在什么时候、在哪个节点上创建了哪些对象？为什么 ${w.facts.compute} 上一个都还没有？`,
  }),
  context: (w) => [
    shown(w, 'controller', 'ip netns'),
    shown(w, 'controller', 'brctl show'),
    shown(w, w.facts.compute, 'brctl show'),
  ],
  points: () => [
    { id: 'nothing', label: { en: 'creating the network alone creates nothing on any host (only a VNI in the database)', zh: '光创建网络，任何主机上都不会出现设备（只是数据库里分了一个 VNI）' }, patterns: [/nothing|no (device|interface|bridge)s?\b|n[o']t create any|creates? no |only (in |a )?(the )?(database|db|vni)|not on any host|什么都(没|不)|不会(创建|产生|出现)|没有(任何)?设备|只(是|在)数据库|只分配/] },
    { id: 'dhcp', label: { en: 'the DHCP agent creates the qdhcp namespace, the DHCP port and its veth pair (tap/ns-), and runs dnsmasq', zh: 'DHCP agent 创建 qdhcp 命名空间、DHCP 端口及其 veth 对（tap/ns-），并启动 dnsmasq' }, patterns: [/dhcp.{0,3}agent.{0,80}(qdhcp|namespace|命名空间|veth|ns-)|(qdhcp|namespace|命名空间|veth|ns-).{0,80}dhcp.{0,3}agent/] },
    { id: 'l2', label: { en: 'the Linux bridge (L2) agent creates vxlan-<VNI> and brq… and enslaves the tap', zh: 'linuxbridge（L2）agent 创建 vxlan-<VNI> 和 brq… 并把 tap 加进网桥' }, patterns: [/(linux ?bridge|l2|二层).{0,6}agent.{0,80}(brq|bridge|网桥|vxlan)|(brq|bridge|网桥|vxlan).{0,80}(linux ?bridge|l2|二层).{0,6}agent/] },
    { id: 'when', label: { en: 'the L2 agent does it when the first port of the network appears on its host (here the DHCP port)', zh: 'L2 agent 是在这个网络的第一个端口出现在本机时才创建（这里就是 DHCP 端口）' }, patterns: [/first port|port (appears|is (plugged|bound|created))|when .{0,30}(tap|port).{0,20}(appear|show|detect|found)|第一个端口|端口.{0,10}出现|发现.{0,6}tap|tap.{0,10}出现/] },
    { id: 'compute', label: { en: 'a compute node gets them only when an instance port is bound there', zh: '计算节点要等有实例端口绑定过来才会有这些设备' }, patterns: [/(compute|计算节点).{0,80}(instance|vm|虚拟机|实例|bound|绑定)|(instance|vm|虚拟机|实例).{0,80}(compute|计算节点)/] },
    { id: 'names', label: { en: 'names: brq/tap/ns- use 11 characters of an ID, qdhcp- the full network UUID', zh: '命名：brq/tap/ns- 用 ID 的 11 个字符，qdhcp- 用完整的网络 UUID' }, severity: 'minor', patterns: [/11/, /full (uuid|id)|完整/] },
    { id: 'veth', label: { en: 'tap and ns- are the two ends of one veth pair', zh: 'tap 和 ns- 是同一对 veth 的两端' }, severity: 'minor', patterns: [/veth/] },
  ],
  model: (w) => {
    const o = objects(w);
    return {
      en: `Creating ${o.net.name} only allocates VNI ${o.net.segmentationId} in the database; nothing appears on any host. The subnet with DHCP makes neutron schedule the network to the DHCP agent on the controller, which creates the DHCP port (${o.ip}), the namespace ${o.ns} (full UUID), a veth pair ${o.tap} / ${o.nsdev} with ${o.nsdev} inside the namespace, and starts dnsmasq. The Linux bridge agent on the controller then sees the new tap: because it is the first port of this network on that host, it creates ${o.vx} and the bridge ${o.br}, enslaves ${o.vx} and addifs ${o.tap}. ${w.facts.compute} has nothing because no port of ${o.net.name} is bound there yet; its L2 agent will create the same bridge and vxlan device when an instance on this network lands on it. Device names use 11 characters of an ID, namespaces the full UUID.`,
      zh: `创建 ${o.net.name} 只是在数据库里分配了 VNI ${o.net.segmentationId}，任何主机上都不会出现设备。建了开 DHCP 的子网之后，neutron 把这个网络调度给控制节点上的 DHCP agent，由它创建 DHCP 端口（${o.ip}）、命名空间 ${o.ns}（完整 UUID）、一对 veth ${o.tap} / ${o.nsdev}（${o.nsdev} 放在命名空间里），并启动 dnsmasq。接着控制节点上的 linuxbridge agent 发现了新的 tap：因为这是该网络在本机的第一个端口，它创建 ${o.vx} 和网桥 ${o.br}，把 ${o.vx} 加进去，再把 ${o.tap} addif 进网桥。${w.facts.compute} 上什么都没有，是因为 ${o.net.name} 还没有端口绑定到那里；等这个网络上的实例调度到它上面时，那里的 L2 agent 才会建同样的网桥和 vxlan 设备。设备名用 ID 的 11 个字符，命名空间用完整 UUID。`,
    };
  },
  hints: () => [
    { en: 'Two different agents run on the controller; each owns different objects.', zh: '控制节点上跑着两个不同的 agent，各管各的对象。' },
    { en: 'What triggers the L2 agent? It polls for new tap devices on its own host.', zh: 'L2 agent 是被什么触发的？它在本机轮询新出现的 tap 设备。' },
    { en: 'Which port of this network exists so far, and on which host is it plugged?', zh: '这个网络目前有哪个端口？它插在哪台主机上？' },
  ],
  explain: (w) => {
    const o = objects(w);
    return paragraphs(
      {
        en: `Here: ${o.ns} and dnsmasq come from the DHCP agent; ${o.br} with ${o.vx} and ${o.tap} comes from the Linux bridge agent on the controller; ${w.facts.compute}'s \`brctl show\` is empty because the only port of ${o.net.name} is the DHCP port (${o.port.id}).`,
        zh: `在这个环境里：${o.ns} 和 dnsmasq 来自 DHCP agent；带着 ${o.vx} 和 ${o.tap} 的 ${o.br} 来自控制节点上的 linuxbridge agent；${w.facts.compute} 上 \`brctl show\` 是空的，因为 ${o.net.name} 目前唯一的端口就是 DHCP 端口（${o.port.id}）。`,
      },
      {
        en: 'Where the seed differs: it lists "new devices (tap, vxlan, brq) on the network node after creation" and explains the tap/ns- veth correctly, but never says who creates the bridge and vxlan device; the common interview mistake, repeated by the candidate above, is to credit the DHCP agent. It also omits that the network alone creates nothing.',
        zh: '资料里的差别：资料列出了“创建后网络节点上出现 tap、vxlan、brq”，也正确解释了 tap/ns- 是 veth 对，但没说网桥和 vxlan 设备是谁建的；面试里常见的错误（就像上面这位候选人）是把它们算到 DHCP agent 头上。资料也没说光创建网络不会产生任何设备。',
      },
      THEN_VS_NOW['linuxbridge'],
      THEN_VS_NOW['bridges'],
    );
  },
});
