/** Flow 6: an instance pings an instance on another subnet of the same router; read the packet before and after routing. */
import { bilingualFieldsFamily } from '../flow5/_fields.js';
import { shown } from '../../kinds/common.js';
import { ipOf, names, portOf, serverNamed } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import { walkInstanceToAddress, type RoutedWalk, type Stage } from '../../../engine/packets/routing.js';
import type { World } from '../../types.js';
import { FLOW6_NOTES, interfacesOf, routerOf, type RouterFacts } from './_helpers.js';

interface Facts extends RouterFacts {
  a: string;
  b: string;
}

interface Reading {
  walk: RoutedWalk;
  stages: Stage[];
  firstHop: string;
  inQr: string;
  outQr: string;
  out: Stage;
  route: string;
  tunnels: number;
  aIp: string;
  bIp: string;
}

function read(w: World<Facts>): Reading {
  const a = serverNamed(w.cloud, w.facts.a);
  const b = serverNamed(w.cloud, w.facts.b);
  const bIp = ipOf(portOf(w.cloud, b));
  const walk = walkInstanceToAddress(w.cloud, a, bIp);
  if (!walk.delivered) throw new Error(`${a.name} -> ${b.name}: ${walk.failure}`);
  const stages = walk.packets[0]!.stages;
  const ns = names.routerNamespace(routerOf(w).id);
  const inQr = stages.find((s) => s.netns === ns && s.note === 'veth peer')!;
  const out = stages.find((s) => s.netns === ns && (s.note.startsWith('routed') || s.note.startsWith('nat POSTROUTING')))!;
  const route = w.run(routerOf(w).l3AgentHost, `ip netns exec ${ns} ip route`).split('\n').find((l) => l.includes(`dev ${out.dev} `) && l.includes('proto kernel'))!;
  return {
    walk, stages, firstHop: /via (\S+)/.exec(stages[0]!.note)![1]!, inQr: inQr.dev, outQr: out.dev, out, route,
    tunnels: stages.filter((s) => s.note.startsWith('VXLAN encap')).length, aIp: stages[0]!.src, bIp,
  };
}

export default bilingualFieldsFamily<Facts>({
  id: 'f6-east-west-walk',
  flow: 6,
  kind: 'packet',
  difficulty: 2,
  title: { en: 'East-west through the router: the packet before and after routing', zh: '经路由器的东西向流量：路由前后的报文' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(2, 3), instances: pick.between(2, 3), router: true, gateway: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const servers = Object.values(world.cloud.db.servers);
    const a = pick.one(servers);
    const aNet = world.cloud.db.ports[a.portIds[0]!]!.networkId;
    const b = pick.one(servers.filter((s) => world.cloud.db.ports[s.portIds[0]!]!.networkId !== aNet));
    return { router: Object.values(world.cloud.db.routers)[0]!.name, a: a.name, b: b.name };
  },
  prompt: (w) => {
    const a = serverNamed(w.cloud, w.facts.a);
    const b = serverNamed(w.cloud, w.facts.b);
    return {
      en: `"${w.facts.a}" (on ${a.host}) pings "${w.facts.b}" (on ${b.host}); their subnets are both attached to router "${w.facts.router}". Give the next hop ${w.facts.a} sends to, the router device the packet enters and the one it leaves by, the source and destination addresses as it leaves the router, the destination of the router route it matched, and how many VXLAN encapsulations the packet goes through on its way.`,
      zh: `“${w.facts.a}”（在 ${a.host} 上）ping “${w.facts.b}”（在 ${b.host} 上）；两者的子网都接在路由器 “${w.facts.router}” 上。请写出：${w.facts.a} 把包发给的下一跳、包进入路由器的设备和离开路由器的设备、离开路由器时的源地址和目的地址、在路由器里匹配到的路由的目的网段，以及一路上一共做了几次 VXLAN 封装。`,
    };
  },
  context: (w) => [
    shown(w, 'controller', 'openstack server list -c Name -c Networks'),
    shown(w, w.facts.a, 'ip route'),
    shown(w, routerOf(w).l3AgentHost, `ip netns exec ${names.routerNamespace(routerOf(w).id)} ip addr`),
  ],
  blanks: (w) => {
    const r = read(w);
    const ns = names.routerNamespace(routerOf(w).id);
    const host = routerOf(w).l3AgentHost;
    const natSrc = { host, command: `ip netns exec ${ns} iptables -t nat -S` };
    const a = serverNamed(w.cloud, w.facts.a);
    const net = w.cloud.db.networks[portOf(w.cloud, a).networkId]!;
    const fdbSrc = { host: a.host!, command: `bridge fdb show dev ${names.vxlanName(net.segmentationId!)}` };
    return [
      { id: 'hop', label: { en: `Next hop of ${w.facts.a}`, zh: `${w.facts.a} 的下一跳` }, type: 'ip', expected: r.firstHop, placeholder: 'a.b.c.d', source: { host: w.facts.a, command: 'ip route' } },
      { id: 'in', label: { en: 'Router device it enters', zh: '进入路由器的设备' }, type: 'device', expected: r.inQr, placeholder: 'qr-…', source: { host, command: `ip netns exec ${ns} ip addr` } },
      { id: 'out', label: { en: 'Router device it leaves by', zh: '离开路由器的设备' }, type: 'device', expected: r.outQr, placeholder: 'qr-…', source: { host, command: `ip netns exec ${ns} ip route` } },
      { id: 'src', label: { en: 'Source address after routing', zh: '路由之后的源地址' }, type: 'ip', expected: r.out.src, placeholder: 'a.b.c.d', source: natSrc },
      { id: 'dst', label: { en: 'Destination address after routing', zh: '路由之后的目的地址' }, type: 'ip', expected: r.out.dst, placeholder: 'a.b.c.d', source: natSrc },
      { id: 'route', label: { en: 'Destination of the router route used', zh: '路由器命中的路由的目的网段' }, type: 'cidr', expected: r.route.split(' ')[0]!, placeholder: 'a.b.c.d/nn', source: { host, command: `ip netns exec ${ns} ip route` } },
      { id: 'tunnels', label: { en: 'VXLAN encapsulations on the way', zh: '途中的 VXLAN 封装次数' }, type: 'number', expected: String(r.tunnels), placeholder: 'n', source: fdbSrc },
    ];
  },
  whyWrong: (w, blank, given) => {
    const r = read(w);
    if ((blank.id === 'src' || blank.id === 'dst') && given !== blank.expected) return { en: 'Between two internal (qr-) interfaces the router does no NAT: both addresses stay as the instance sent them.', zh: '两个内部（qr-）接口之间路由器不做 NAT：源、目的地址都保持实例发出时的样子。' };
    if (blank.id === 'tunnels' && given === '1') return { en: 'The router is only on the network node: one tunnel from the sender\'s compute node to it, and another from it to the receiver\'s compute node, even when both instances share a node.', zh: '路由器只在网络节点上：从发送方计算节点到它一段隧道，从它到接收方计算节点又一段，哪怕两台实例在同一个节点上。' };
    if (blank.id === 'hop' && given === r.bIp) return { en: 'The destination is not on the sender\'s subnet, so it is not ARPed directly: the packet goes to the default gateway.', zh: '目的地址不在发送方子网里，不会直接 ARP 它：包发给默认网关。' };
    if (blank.id === 'in' && given === r.outQr) return { en: 'That is the interface it leaves by: it enters on the qr- of the sender\'s subnet.', zh: '那是出去的接口：包是从发送方子网的那个 qr- 进来的。' };
    return undefined;
  },
  hints: () => [
    { en: 'The instance does not know the other subnet: it uses its default route.', zh: '实例并不知道对方子网，它走的是默认路由。' },
    { en: 'The router owns one qr- device per subnet; the route to the other subnet is the kernel\'s connected route of that qr-. Is there any NAT between two internal interfaces?', zh: '路由器在每个子网上有一个 qr- 设备；到另一个子网的路由就是那个 qr- 的内核直连路由。两个内部接口之间会做 NAT 吗？' },
    { en: 'A legacy router lives only on the network node: count the tunnels the echo request takes to it and from it to the other instance.', zh: '集中式路由器只在网络节点上：数一数这个 echo request 先到网络节点、再从网络节点到对端实例，一共走了几段隧道。' },
  ],
  explain: (w) => {
    const r = read(w);
    const ns = names.routerNamespace(routerOf(w).id);
    const ifs = interfacesOf(w.cloud, routerOf(w));
    const acceptRule = r.walk.rules.find((x) => x.includes('! --ctstate DNAT -j ACCEPT'));
    const path = r.stages.map((s) => `${s.host}${s.netns ? `/${s.netns.slice(0, 16)}…` : ''}:${s.dev}`).join(' → ');
    return paragraphs(
      {
        en: `${w.facts.a} (${r.aIp}) sends to its gateway ${r.firstHop} (its default route; ${r.firstHop} is a qr- address of ${ns}). The frame crosses VXLAN to the network node and enters ${r.inQr}; with ip_forward=1 the kernel matches the connected route \`${r.route}\` and sends it out of ${r.outQr}, source ${r.out.src} and destination ${r.out.dst} unchanged: no NAT between internal interfaces. ${acceptRule ? `With a gateway set, nat POSTROUTING reaches \`${acceptRule}\` first, which stops the packet before the SNAT chain because it does not leave through qg-.` : 'This router has no gateway, so there is no SNAT rule at all; once a gateway is set, the `! -o qg-… -m conntrack ! --ctstate DNAT -j ACCEPT` rule in neutron-l3-agent-POSTROUTING keeps such traffic un-NATed.'} Then it crosses VXLAN again to ${w.facts.b}: ${r.tunnels} encapsulations in total.\nPath: ${path}.\nRouter interfaces: ${ifs.map((i) => `${i.qr} ${i.cidr}`).join(', ')}.`,
        zh: `${w.facts.a}（${r.aIp}）把包发给自己的网关 ${r.firstHop}（默认路由；${r.firstHop} 是 ${ns} 里一个 qr- 的地址）。帧经 VXLAN 到网络节点，从 ${r.inQr} 进入；ip_forward=1，内核匹配直连路由 \`${r.route}\`，从 ${r.outQr} 发出，源 ${r.out.src}、目的 ${r.out.dst} 都不变：内部接口之间不做 NAT。${acceptRule ? `设置了网关时，nat POSTROUTING 会先命中 \`${acceptRule}\`，因为包不是从 qg- 出去，在进入 SNAT 链之前就被放行了。` : '这个路由器没有网关，根本没有 SNAT 规则；设置网关之后，neutron-l3-agent-POSTROUTING 里的 `! -o qg-… -m conntrack ! --ctstate DNAT -j ACCEPT` 保证这类流量不做 NAT。'}之后再经 VXLAN 到 ${w.facts.b}：一共封装 ${r.tunnels} 次。\n路径：${path}。\n路由器接口：${ifs.map((i) => `${i.qr} ${i.cidr}`).join('，')}。`,
      },
      FLOW6_NOTES['eastWest'],
      THEN_VS_NOW['router'],
    );
  },
});
