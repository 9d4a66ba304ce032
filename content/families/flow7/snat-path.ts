/** Flow 7: order what the router namespace does to an instance's packet to the internet, from the real packet walk. */
import { shown } from '../../kinds/common.js';
import { orderingFamily } from '../../kinds/ordering.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import type { World } from '../../types.js';
import { floatingIpOfServer, gatewayView, INTERNET, lookupRoute, SEED_NOTES, serverByName, snatStage, tenantCloudSafe, theRouter, walkInstanceToAddress } from './_helpers.js';

interface Facts { server: string; dst: string; router: string; routerId: string }

function walk(w: World<Facts>) {
  return walkInstanceToAddress(w.cloud, serverByName(w.cloud, w.facts.server), w.facts.dst);
}

/**
 * The steps: every nat rule the packet matched, in order, with the routing
 * decision placed where the kernel takes it (after nat PREROUTING, before
 * POSTROUTING), and the exit on the provider NIC last.
 */
function steps(w: World<Facts>): string[] {
  const wk = walk(w);
  const ns = w.cloud.hosts['controller']!.namespaces[names.routerNamespace(w.facts.routerId)]!;
  const route = lookupRoute(ns.routes, w.facts.dst)!;
  const routeText = `ip route: ${w.facts.dst} -> ${route.dst} via ${route.via} dev ${route.dev}`;
  const firstPost = wk.rules.findIndex((r) => r.startsWith('-A POSTROUTING'));
  const rules = wk.rules.map((r) => (r.startsWith('-A PREROUTING ') ? `${r}   (no DNAT rule matches ${w.facts.dst})` : r));
  const out = [...rules.slice(0, firstPost), routeText, ...rules.slice(firstPost)];
  const exit = wk.packets[0]!.stages.at(-1)!;
  out.push(`${exit.host} ${exit.dev}: ${exit.src} -> ${exit.dst}`);
  return out;
}

export default orderingFamily<Facts>({
  id: 'f7-snat-path',
  flow: 7,
  difficulty: 2,
  title: { en: 'Order the hooks, chains and rules an outgoing packet goes through', zh: '给出站数据包经过的钩子、链和规则排序' },
  setup: (pick) => {
    const instances = pick.between(1, 2);
    const t = tenantCloudSafe(pick, { tenants: pick.between(1, 2), instances, gateway: true, fips: instances - 1 });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    // The instance without a floating IP: it leaves with the router's gateway address.
    const server = Object.values(world.cloud.db.servers).find((s) => !floatingIpOfServer(world.cloud, s))!;
    const router = theRouter(world.cloud);
    const facts = { server: server.name, dst: pick.one(INTERNET), router: router.name, routerId: router.id };
    const wk = walkInstanceToAddress(world.cloud, server, facts.dst);
    if (!wk.delivered || !snatStage(wk)) throw new Error(`f7-snat-path: ${server.name} -> ${facts.dst} is not SNATed: ${wk.failure}`);
    return facts;
  },
  prompt: (w) => ({
    en: `Instance "${w.facts.server}" (no floating IP) pings ${w.facts.dst}. The echo request has just arrived on the qr- interface of router "${w.facts.router}". Put in order what happens to it in the router namespace until it leaves the network node: the nat rules it matches (including chain jumps), the routing decision, and the exit.`,
    zh: `实例 “${w.facts.server}”（没有浮动 IP）ping ${w.facts.dst}。echo request 刚到达路由器 “${w.facts.router}” 的 qr- 接口。请按先后顺序排出它在路由器命名空间里经历的事情，直到离开网络节点：命中的 nat 规则（包括链跳转）、路由决策，以及最后出去的位置。`,
  }),
  context: (w) => [
    shown(w, 'controller', `ip netns exec ${names.routerNamespace(w.facts.routerId)} iptables -t nat -S`),
    shown(w, 'controller', `ip netns exec ${names.routerNamespace(w.facts.routerId)} ip route`),
  ],
  steps,
  hints: () => [
    { en: 'Netfilter order for a forwarded packet: nat PREROUTING, then routing, then (filter FORWARD and) nat POSTROUTING.', zh: '转发包经过 netfilter 的顺序：nat PREROUTING，然后路由，然后（filter FORWARD 和）nat POSTROUTING。' },
    { en: 'POSTROUTING has two jumps; the wrapped chain neutron-l3-agent-POSTROUTING comes first, neutron-postrouting-bottom is appended last.', zh: 'POSTROUTING 里有两条跳转：先是带前缀的 neutron-l3-agent-POSTROUTING，neutron-postrouting-bottom 是最后追加的。' },
    { en: 'Inside neutron-l3-agent-snat, the first rule jumps to neutron-l3-agent-float-snat.', zh: '在 neutron-l3-agent-snat 里，第一条规则是跳到 neutron-l3-agent-float-snat。' },
  ],
  explain: (w) => {
    const gw = gatewayView(w.cloud, theRouter(w.cloud));
    const wk = walk(w);
    const snat = snatStage(wk)!;
    return paragraphs(
      {
        en: `The real order for ${w.facts.server} -> ${w.facts.dst}:\n${steps(w).map((s, i) => `${i + 1}. ${s}`).join('\n')}\nnat PREROUTING only jumps into neutron-l3-agent-PREROUTING, where nothing matches (the DNAT rules are for floating IPs, the REDIRECT for 169.254.169.254). Routing picks ${gw.dev}, so in POSTROUTING the ACCEPT rule of neutron-l3-agent-POSTROUTING (\`! -o ${gw.dev} … ! --ctstate DNAT\`) does not match, and the packet goes on to neutron-postrouting-bottom -> neutron-l3-agent-snat. There the float-snat chain has no rule for this source, so \`-o ${gw.dev} -j SNAT --to-source ${gw.ip} --random-fully\` rewrites ${snat.note.replace('nat POSTROUTING: SNAT ', '')}. conntrack remembers it (${wk.conntrack[0]}), so the reply to ${gw.ip} is translated back.`,
        zh: `${w.facts.server} -> ${w.facts.dst} 的实际顺序：\n${steps(w).map((s, i) => `${i + 1}. ${s}`).join('\n')}\nnat PREROUTING 只是跳进 neutron-l3-agent-PREROUTING，里面没有规则命中（DNAT 是给浮动 IP 的，REDIRECT 是给 169.254.169.254 的）。路由选中 ${gw.dev}，所以到 POSTROUTING 时，neutron-l3-agent-POSTROUTING 里的 ACCEPT（\`! -o ${gw.dev} … ! --ctstate DNAT\`）不命中，包继续走 neutron-postrouting-bottom -> neutron-l3-agent-snat。float-snat 链里没有这个源地址的规则，于是 \`-o ${gw.dev} -j SNAT --to-source ${gw.ip} --random-fully\` 做了转换：${snat.note.replace('nat POSTROUTING: SNAT ', '')}。conntrack 记下了这条连接（${wk.conntrack[0]}），发往 ${gw.ip} 的回包会被转换回去。`,
      },
      SEED_NOTES['snatRule'],
      SEED_NOTES['randomFully'],
      THEN_VS_NOW['router'],
    );
  },
});
