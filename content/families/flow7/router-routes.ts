/** Flow 7: write the routing table of the router namespace once the gateway is set. */
import { shown } from '../../kinds/common.js';
import { linesFamily } from '../../kinds/lines.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Text, World } from '../../types.js';
import { gatewayView, SEED_NOTES, theRouter } from './_helpers.js';

interface Facts { router: string; routerId: string; extSubnet: string }

/** `ip route` in the namespace, with the default route last (order does not matter to the grader). */
function routes(w: World<Facts>): string[] {
  const lines = w.run('controller', `ip netns exec ${names.routerNamespace(w.facts.routerId)} ip route`).split('\n').filter(Boolean);
  return [...lines.filter((l) => !l.startsWith('default')), ...lines.filter((l) => l.startsWith('default'))];
}

const SEED_ROUTES: Text = {
  en: 'Where the seed is loose: Flow 6 step 4 says the agent "creates a routing table" for the router. There is no separate table: the main table of the namespace holds the kernel\'s connected routes (one per qr-/qg- address, proto kernel) plus the one default route the L3 agent adds through netlink (pyroute2), shown as `proto static` since Train; extra routes (`openstack router set --route`) would be added the same way. No `route add` is ever run.',
  zh: '资料不够准确的地方：第六部分第 4 步说 agent “创建路由表”。其实没有单独的路由表：命名空间主路由表里只有内核的直连路由（每个 qr-/qg- 地址一条，proto kernel），加上 L3 agent 通过 netlink（pyroute2）加的一条默认路由，Train 之后显示为 `proto static`；额外路由（`openstack router set --route`）也是这样加的。从来不会执行 `route add`。',
};

export default linesFamily<Facts>({
  id: 'f7-router-routes',
  flow: 7,
  difficulty: 2,
  compare: 'route',
  label: { en: 'The routes, one per line, as `ip route` prints them', zh: '路由，每行一条，按 `ip route` 的格式' },
  placeholder: 'default via … dev …',
  title: { en: 'Write the router namespace\'s routing table', zh: '写出路由器命名空间的路由表' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(1, 3), instances: pick.between(0, 1), gateway: true });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world) => {
    const router = theRouter(world.cloud);
    const gw = gatewayView(world.cloud, router);
    return { router: router.name, routerId: router.id, extSubnet: world.cloud.db.subnets[gw.extSubnetId]!.name };
  },
  prompt: (w) => ({
    en: `Router "${w.facts.router}" has its tenant interfaces and an external gateway. Below are the addresses inside its namespace and the external subnet. What does \`ip netns exec ${names.routerNamespace(w.facts.routerId)} ip route\` print?`,
    zh: `路由器 “${w.facts.router}” 已经接好了租户子网，也设置了外部网关。下面是它命名空间里的地址和外部子网的信息。\`ip netns exec ${names.routerNamespace(w.facts.routerId)} ip route\` 会输出什么？`,
  }),
  context: (w) => [
    shown(w, 'controller', `ip netns exec ${names.routerNamespace(w.facts.routerId)} ip addr`),
    shown(w, 'controller', `openstack subnet show ${w.facts.extSubnet} -c cidr -c gateway_ip -c allocation_pools`),
  ],
  expected: routes,
  source: (w) => ({ host: 'controller', command: `ip netns exec ${names.routerNamespace(w.facts.routerId)} ip route` }),
  hints: () => [
    { en: 'Every address with a prefix on an interface gives the kernel a connected route through that interface.', zh: '接口上每个带前缀的地址，内核都会生成一条经该接口的直连路由。' },
    { en: 'Only one route is added by the L3 agent itself, when the gateway is set; it points at the external subnet\'s gateway_ip.', zh: 'L3 agent 自己只加一条路由，是在设置网关时加的，下一跳是外部子网的 gateway_ip。' },
    { en: 'The default route leaves through the gateway interface, not through a qr- interface.', zh: '默认路由从网关接口出去，而不是从 qr- 接口。' },
  ],
  explain: (w) => {
    const gw = gatewayView(w.cloud, theRouter(w.cloud));
    const lines = routes(w);
    return paragraphs(
      {
        en: `In ${gw.ns}:\n${lines.join('\n')}\nEach qr- address (the tenant gateway IPs) and ${gw.ip} on ${gw.dev} give a connected route (proto kernel, scope link, src = that address). The only route the agent adds is the default route: in _external_gateway_added, add_gateway(${gw.extGateway}) — the external subnet's gateway_ip — installs \`default via ${gw.extGateway} dev ${gw.dev} proto static\`. Without it the instances reach the external subnet but nothing beyond it. The namespace has net.ipv4.ip_forward=1, so traffic between two qr- subnets is routed directly (and not NATed).`,
        zh: `${gw.ns} 里的路由：\n${lines.join('\n')}\n每个 qr- 地址（租户网关 IP）以及 ${gw.dev} 上的 ${gw.ip} 都会产生一条直连路由（proto kernel，scope link，src 为该地址）。agent 自己只加默认路由：_external_gateway_added 里调用 add_gateway(${gw.extGateway})，也就是外部子网的 gateway_ip，装上 \`default via ${gw.extGateway} dev ${gw.dev} proto static\`。少了它，实例只能到外部子网，出不去。命名空间开启了 net.ipv4.ip_forward=1，所以两个 qr- 子网之间的流量直接路由（也不做 NAT）。`,
      },
      SEED_ROUTES,
      SEED_NOTES['ipv6'],
      THEN_VS_NOW['router'],
    );
  },
});
