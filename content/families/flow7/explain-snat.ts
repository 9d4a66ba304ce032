/** Flow 7: explain in your own words how an instance without a floating IP reaches the internet. */
import { explainFamily } from '../../kinds/explain.js';
import { shown } from '../../kinds/common.js';
import { gatewayPortOf, ipOf, names, routerNamed } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';

export default explainFamily<{ router: string; server: string }>({
  id: 'f7-explain-snat',
  flow: 7,
  difficulty: 2,
  title: { en: 'Explain how an instance without a floating IP reaches the internet', zh: '解释没有浮动 IP 的实例如何访问外网' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: 1, gateway: true });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world) => ({ router: Object.values(world.cloud.db.routers)[0]!.name, server: Object.values(world.cloud.db.servers)[0]!.name }),
  prompt: (w) => ({
    en: `"${w.facts.server}" has no floating IP, yet it can reach the internet through router "${w.facts.router}". Explain the path and what the router does to the packet, as you would in an interview.`,
    zh: `“${w.facts.server}” 没有浮动 IP，但能通过路由器 “${w.facts.router}” 访问外网。请像面试时那样讲清楚数据包的路径，以及路由器对包做了什么。`,
  }),
  context: (w) => [shown(w, 'controller', `openstack router show ${w.facts.router} -c external_gateway_info`)],
  points: () => [
    { id: 'gateway', label: { en: 'the instance sends to its default gateway, the router\'s qr- interface', zh: '实例把包发给默认网关，也就是路由器的 qr- 接口' }, patterns: [/qr-/, /gateway|网关/] },
    { id: 'namespace', label: { en: 'the router is a qrouter namespace on the network node', zh: '路由器是网络节点上的 qrouter 命名空间' }, patterns: [/qrouter|namespace|命名空间/] },
    { id: 'snat', label: { en: 'SNAT rewrites the source to the router\'s gateway (qg-) address', zh: 'SNAT 把源地址改成路由器网关（qg-）地址' }, patterns: [/snat|source nat|源地址转换|源\s*nat/] },
    { id: 'qg', label: { en: 'it leaves through qg- onto the external network', zh: '从 qg- 出到外部网络' }, patterns: [/qg-/] },
    { id: 'conntrack', label: { en: 'replies are translated back by conntrack', zh: '回包靠 conntrack 反向转换回来' }, severity: 'minor', patterns: [/conntrack|连接跟踪|reply|回包/] },
    { id: 'vxlan', label: { en: 'from a compute node the packet crosses VXLAN to the network node first', zh: '从计算节点出发要先走 VXLAN 到网络节点' }, severity: 'minor', patterns: [/vxlan/] },
  ],
  model: (w) => {
    const router = routerNamed(w.cloud, w.facts.router);
    const gw = gatewayPortOf(w.cloud, router);
    return {
      en: `The instance sends the packet to its default gateway, the router's qr- interface. From the compute node it crosses the VXLAN tunnel to the network node, where the router is the ${names.routerNamespace(router.id)} namespace. The kernel routes it to the qg- interface and SNAT in POSTROUTING (neutron-l3-agent-snat) rewrites the source to the gateway address ${ipOf(gw)}; the reply comes back to ${ipOf(gw)} and conntrack translates it back to the instance.`,
      zh: `实例把包发给默认网关，也就是路由器的 qr- 接口；从计算节点出发先走 VXLAN 隧道到网络节点，路由器就是那里的 ${names.routerNamespace(router.id)} 命名空间。内核把包路由到 qg- 接口，POSTROUTING 里的 SNAT（neutron-l3-agent-snat）把源地址改成网关地址 ${ipOf(gw)}；回包回到 ${ipOf(gw)}，conntrack 再把它转换回实例。`,
    };
  },
  hints: () => [
    { en: 'Where is the router, physically?', zh: '路由器实际在哪儿？' },
    { en: 'Which address can the outside world send replies to?', zh: '外部世界能把回包发给哪个地址？' },
    { en: 'Name the interfaces on both sides of the router namespace.', zh: '说出路由器命名空间两侧的接口。' },
  ],
  explain: (w) => {
    const router = routerNamed(w.cloud, w.facts.router);
    const gw = gatewayPortOf(w.cloud, router);
    return paragraphs(
      {
        en: `In this cloud: ${names.routerNamespace(router.id)} on the controller holds qr- (the tenant gateway) and qg-${gw.id.slice(0, 11)} with ${ipOf(gw)}. The chain is POSTROUTING -> neutron-postrouting-bottom -> neutron-l3-agent-snat, whose rule \`-o qg-${gw.id.slice(0, 11)} -j SNAT --to-source ${ipOf(gw)} --random-fully\` does the work; it is SNAT, not MASQUERADE, because the gateway address is fixed. The \`! -o qg-… ! --ctstate DNAT -j ACCEPT\` rule keeps east-west traffic between qr- interfaces un-NATed.`,
        zh: `在这个环境里：控制节点上的 ${names.routerNamespace(router.id)} 有 qr-（租户网关）和 qg-${gw.id.slice(0, 11)}（地址 ${ipOf(gw)}）。链的顺序是 POSTROUTING -> neutron-postrouting-bottom -> neutron-l3-agent-snat，里面的 \`-o qg-${gw.id.slice(0, 11)} -j SNAT --to-source ${ipOf(gw)} --random-fully\` 完成转换；用 SNAT 而不是 MASQUERADE，是因为网关地址是固定的。\`! -o qg-… ! --ctstate DNAT -j ACCEPT\` 这条保证 qr- 之间的东西向流量不做 NAT。`,
      },
      THEN_VS_NOW['router'],
    );
  },
});
