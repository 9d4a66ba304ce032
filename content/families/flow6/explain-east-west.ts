/** Flow 6: explain how two subnets on the same router talk, in your own words. */
import { explainFamily } from '../../kinds/explain.js';
import { shown } from '../../kinds/common.js';
import { ipOf, names, portOf, serverNamed } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import { FLOW6_NOTES, inRouter, type Interface, interfacesOf, routerOf, type RouterFacts } from './_helpers.js';

interface Facts extends RouterFacts {
  a: string;
  b: string;
}

function view(w: World<Facts>) {
  const a = serverNamed(w.cloud, w.facts.a);
  const b = serverNamed(w.cloud, w.facts.b);
  const pa = portOf(w.cloud, a);
  const pb = portOf(w.cloud, b);
  const ifs = interfacesOf(w.cloud, routerOf(w));
  const ia = ifs.find((i) => i.network.id === pa.networkId)!;
  const ib = ifs.find((i) => i.network.id === pb.networkId)!;
  const accept = inRouter(w, 'iptables -t nat -S').split('\n').find((l) => l.includes('! --ctstate DNAT -j ACCEPT'));
  return { a, b, aIp: ipOf(pa), bIp: ipOf(pb), ia, ib, accept, ns: names.routerNamespace(routerOf(w).id), host: routerOf(w).l3AgentHost };
}

const routeOf = (i: Interface) => `${i.subnet.cidr} dev ${i.qr} proto kernel scope link src ${i.ip}`;

export default explainFamily<Facts>({
  id: 'f6-explain-east-west',
  flow: 6,
  difficulty: 2,
  title: { en: 'Explain how two subnets on one router talk to each other', zh: '讲清楚同一路由器上的两个子网是怎么互通的' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 2, instances: 2, router: true, gateway: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const [s1, s2] = pick.shuffle(Object.values(world.cloud.db.servers));
    return { router: Object.values(world.cloud.db.routers)[0]!.name, a: s1!.name, b: s2!.name };
  },
  prompt: (w) => ({
    en: `"${w.facts.a}" and "${w.facts.b}" are on two different subnets, both attached to router "${w.facts.router}". Explain, as in an interview, how a ping from ${w.facts.a} reaches ${w.facts.b}: where the router is, what its interfaces are, how it decides where to send the packet, and whether the addresses change.`,
    zh: `“${w.facts.a}” 和 “${w.facts.b}” 在两个不同的子网里，两个子网都接在路由器 “${w.facts.router}” 上。请像面试时那样讲清楚：${w.facts.a} ping ${w.facts.b} 的包是怎么到达的——路由器在哪里、它有哪些接口、它怎么决定往哪发、地址会不会变。`,
  }),
  context: (w) => [
    shown(w, 'controller', 'openstack server list -c Name -c Networks'),
    shown(w, 'controller', `openstack router show ${w.facts.router} -c interfaces_info -c external_gateway_info`),
  ],
  points: () => [
    { id: 'gateway', label: { en: 'the instance sends to its default gateway, the router\'s qr- address on its subnet', zh: '实例把包发给默认网关，也就是路由器在它子网上的 qr- 地址' }, patterns: [/gateway/, /网关/, /default route/, /默认路由/] },
    { id: 'namespace', label: { en: 'the router is a qrouter-<uuid> namespace on the network node, its qr- devices are veths whose tap ends sit in each network\'s bridge', zh: '路由器是网络节点上的 qrouter-<uuid> 命名空间，qr- 是 veth，tap 那端挂在各自网络的网桥上' }, patterns: [/qrouter/, /namespace/, /命名空间/] },
    { id: 'routing', label: { en: 'the kernel forwards (ip_forward=1) using the connected routes of the qr- addresses', zh: '内核（ip_forward=1）按 qr- 地址的直连路由转发' }, patterns: [/ip_forward/, /connected/, /直连/, /proto kernel/, /routing table/, /路由表/] },
    { id: 'nonat', label: { en: 'no NAT between internal interfaces: source and destination stay the same (the POSTROUTING ACCEPT rule skips SNAT unless leaving through qg-)', zh: '内部接口之间不做 NAT：源、目的地址都不变（POSTROUTING 里的 ACCEPT 规则只让从 qg- 出去的流量做 SNAT）' }, patterns: [/no (s)?nat/, /without (s)?nat/, /not (s)?nat/, /不(做|会做|进行|经过)? ?s?nat/, /没有 ?s?nat/, /无 ?s?nat/, /ctstate dnat -j accept/, /地址不变/, /unchanged/] },
    { id: 'hairpin', label: { en: 'both legs cross VXLAN to and from the network node, even if the instances share a compute node', zh: '去回两段都要经 VXLAN 绕到网络节点，哪怕两台实例在同一个计算节点上' }, severity: 'minor', patterns: [/vxlan/, /network node/, /网络节点/, /hairpin/] },
    { id: 'out', label: { en: 'it leaves through the other subnet\'s qr- and is bridged to the destination instance', zh: '从另一个子网的 qr- 出去，再经网桥送到目的实例' }, severity: 'minor', patterns: [/qr-.*qr-/, /other qr/, /另一个 ?qr/] },
  ],
  model: (w) => {
    const v = view(w);
    return {
      en: `${w.facts.a} (${v.aIp}) has no route to ${v.bIp}'s subnet, so it sends the packet to its default gateway ${v.ia.ip}. That address lives on ${v.ia.qr} inside the ${v.ns} namespace on the network node: ${v.ia.qr} is a veth whose peer ${v.ia.tap} is a port of ${v.ia.bridge}, so the frame crosses VXLAN from the compute node to the network node. The kernel in the namespace has ip_forward=1 and two connected routes (proto kernel), one per qr- address; it matches ${v.ib.subnet.cidr} and forwards out of the other qr- interface ${v.ib.qr}, then VXLAN again to ${w.facts.b}. There is no NAT: source ${v.aIp} and destination ${v.bIp} are unchanged, because the nat POSTROUTING ACCEPT rule (! -o qg- ! --ctstate DNAT -j ACCEPT) stops SNAT for traffic that does not leave through qg-.`,
      zh: `${w.facts.a}（${v.aIp}）没有去 ${v.bIp} 所在子网的路由，就把包发给默认网关 ${v.ia.ip}。这个地址配在网络节点上 ${v.ns} 命名空间里的 ${v.ia.qr} 上：${v.ia.qr} 是一对 veth，对端 ${v.ia.tap} 挂在 ${v.ia.bridge} 上，所以帧先经 VXLAN 从计算节点到网络节点。命名空间里 ip_forward=1，路由表里有两条直连路由（proto kernel），每个 qr- 地址一条；匹配到 ${v.ib.subnet.cidr} 后从另一个 qr- 接口 ${v.ib.qr} 转出，再经 VXLAN 到 ${w.facts.b}。全程不做 NAT：源 ${v.aIp}、目的 ${v.bIp} 都不变，因为 nat POSTROUTING 里的 ACCEPT 规则（! -o qg- ! --ctstate DNAT -j ACCEPT）让不从 qg- 出去的流量跳过 SNAT。`,
    };
  },
  hints: () => [
    { en: 'Start from the instance\'s routing table: which next hop does it use for an address outside its subnet?', zh: '从实例的路由表说起：访问本子网以外的地址时，下一跳是谁？' },
    { en: 'Where does a legacy router physically run, and what are its interfaces made of with the Linux bridge driver?', zh: '集中式路由器实际跑在哪里？在 Linux bridge 驱动下它的接口是什么设备？' },
    { en: 'Does anything in the router rewrite the addresses of traffic that stays inside the tenant networks?', zh: '对于留在租户网络内部的流量，路由器会改写地址吗？' },
  ],
  explain: (w) => {
    const v = view(w);
    return paragraphs(
      {
        en: `In this cloud: ${v.ns} on ${v.host} holds ${v.ia.qr} (${v.ia.cidr}) and ${v.ib.qr} (${v.ib.cidr}); its routing table has \`${routeOf(v.ia)}\` and \`${routeOf(v.ib)}\`. ${v.accept ? `The router has a gateway, so nat POSTROUTING holds \`${v.accept}\`: east-west packets match it and never reach the SNAT chain.` : 'The router has no external gateway yet, so its nat table has no SNAT rule at all; once a gateway is set, `! -o qg-… -m conntrack ! --ctstate DNAT -j ACCEPT` is what keeps east-west traffic un-NATed.'} The reply takes the mirror path: ${w.facts.b} sends to its gateway ${v.ib.ip}, the router forwards out of ${v.ia.qr}.`,
        zh: `这个环境里：${v.host} 上的 ${v.ns} 有 ${v.ia.qr}（${v.ia.cidr}）和 ${v.ib.qr}（${v.ib.cidr}）；路由表里是 \`${routeOf(v.ia)}\` 和 \`${routeOf(v.ib)}\`。${v.accept ? `路由器设了网关，nat POSTROUTING 里有 \`${v.accept}\`：东西向的包命中它，根本走不到 SNAT 链。` : '这个路由器还没设外部网关，nat 表里根本没有 SNAT 规则；设了网关之后，靠 `! -o qg-… -m conntrack ! --ctstate DNAT -j ACCEPT` 保证东西向流量不做 NAT。'}回包走镜像路径：${w.facts.b} 发给自己的网关 ${v.ib.ip}，路由器从 ${v.ia.qr} 转出。`,
      },
      FLOW6_NOTES['eastWest'],
      FLOW6_NOTES['seedRight'],
      THEN_VS_NOW['router'],
    );
  },
});
