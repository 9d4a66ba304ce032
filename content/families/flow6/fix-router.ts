/** Flow 6 drill: an instance behind a router lost its gateway, the other subnet or metadata; find what the router side lost and mend it. */
import { shown } from '../../kinds/common.js';
import { troubleshootFamily, type TroubleFacts } from '../../kinds/troubleshoot.js';
import { faultContext } from '../../faults.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { Shown, Text, World } from '../../types.js';
import { ROUTER_FAULTS } from './_faults.js';
import { FLOW6_NOTES } from './_helpers.js';

export interface RouterDrillFacts extends TroubleFacts { server: string; router: string }

/** What a good operator reads from each fault, and how neutron itself would repair it. */
export const ROUTER_READING: Record<string, Text> = {
  'qr-tap-not-in-bridge': {
    en: 'On the network node the router interface\'s tap is missing from the tenant network\'s bridge in `brctl show`: the qr- end still holds the gateway address, but no frame from the tenant network reaches it, so ARP for the gateway goes unanswered. The Linux bridge agent normally enslaves it when the tap appears (the L3 agent only creates the veth); `brctl addif` puts it back, and restarting neutron-linuxbridge-agent would too.',
    zh: '网络节点的 `brctl show` 里，租户网络的网桥上少了路由器接口的 tap：qr- 那端还配着网关地址，但租户网络的帧到不了它，对网关的 ARP 就没人应答。这个 tap 本来是 linuxbridge agent 发现它出现后挂进网桥的（L3 agent 只负责建 veth）；用 `brctl addif` 挂回去即可，重启 neutron-linuxbridge-agent 也行。',
  },
  'qr-tap-down': {
    en: 'The router interface\'s tap is still a port of the bridge but DOWN (`bridge link` shows it without UP/LOWER_UP), so the bridge never forwards to it and the gateway stops answering ARP. Bring it up.',
    zh: '路由器接口的 tap 还在网桥上，但状态是 DOWN（`bridge link` 里没有 UP/LOWER_UP），网桥不会往它转发，网关也就不再应答 ARP。把它 up 起来即可。',
  },
  'router-connected-route-missing': {
    en: 'The namespace\'s routing table lacks the connected route of the other subnet, although its qr- device and address are there: the router has no idea where that subnet is (with a gateway set it would even send the packets out of qg- via the default route). Connected routes normally appear by themselves when the address is added to qr-; re-adding the route (or re-adding the address, or letting the L3 agent resync the router) mends it.',
    zh: '命名空间的路由表里少了另一个子网的直连路由，尽管它的 qr- 设备和地址都还在：路由器不知道那个子网在哪（设了网关的话，甚至会按默认路由从 qg- 发出去）。直连路由本来是给 qr- 加地址时内核自动生成的；把路由加回去（或者重新加地址、让 L3 agent 重新同步这个路由器）就好了。',
  },
  'metadata-redirect-missing': {
    en: 'Routing works, but the nat table has no `-d 169.254.169.254/32 -i qr-+ -p tcp --dport 80 -j REDIRECT --to-ports 9697`, so the request is routed towards the default route (or dropped) instead of reaching haproxy on 9697; the 0x1 mark is still set in mangle, but nothing redirects. The metadata driver adds the rule at router creation; restarting neutron-l3-agent re-applies it.',
    zh: '路由没问题，但 nat 表里少了 `-d 169.254.169.254/32 -i qr-+ -p tcp --dport 80 -j REDIRECT --to-ports 9697`，请求被当成普通流量往默认路由转发（或被丢弃），到不了 9697 端口上的 haproxy；mangle 里的 0x1 标记还在，但没人做重定向。这条规则由 metadata driver 在路由器创建时添加，重启 neutron-l3-agent 会重新下发。',
  },
};

export function routerDrillContext(w: World<RouterDrillFacts>): Shown[] {
  const r = w.facts.target.router!;
  const ns = names.routerNamespace(r.id);
  return [
    shown(w, 'controller', `openstack port list --router ${w.facts.router} -c ID -c "Fixed IP Addresses" -c Status`),
    shown(w, w.facts.server, 'ip route'),
    shown(w, r.l3AgentHost, 'brctl show'),
    shown(w, r.l3AgentHost, 'bridge link'),
    shown(w, r.l3AgentHost, `ip netns exec ${ns} ip route`),
    shown(w, r.l3AgentHost, `ip netns exec ${ns} iptables -t nat -S`),
  ];
}

export function routerDrillSetup(pick: Parameters<Parameters<typeof troubleshootFamily>[0]['setup']>[0]) {
  const t = tenantCloud(pick, { tenants: 2, instances: pick.between(2, 3), router: true, gateway: pick.bool() });
  return { scenario: t.lines, computes: t.computes };
}

export default troubleshootFamily<RouterDrillFacts>({
  id: 'f6-fix-router',
  flow: 6,
  difficulty: 3,
  mode: 'fix',
  title: { en: 'Drill: the router side of an instance is broken — fix it', zh: '排障：实例的路由器侧出了问题，把它修好' },
  setup: routerDrillSetup,
  facts: (world, pick) => {
    const server = pick.one(Object.values(world.cloud.db.servers));
    const target = faultContext(world.cloud, server);
    const fault = pick.one(ROUTER_FAULTS.filter((f) => f.applies(target)));
    fault.inject(target);
    return { fault, target, server: server.name, router: target.router!.name };
  },
  prompt: (w) => ({
    en: `"${w.facts.server}" sits behind router "${w.facts.router}", which joins two tenant subnets. Something on the router side broke (see the symptom). Read the outputs and give the command(s) that mend it, one per line, as \`HOST$ COMMAND\`.`,
    zh: `“${w.facts.server}” 在路由器 “${w.facts.router}” 后面，这个路由器连着两个租户子网。路由器这一侧出了问题（见故障现象）。请根据下面的输出，给出修复命令，每行一条，写成 \`主机$ 命令\`。`,
  }),
  context: routerDrillContext,
  hints: () => [
    { en: 'Check each piece the path needs: the router tap in the bridge and up, the qr- address and its connected route, the metadata REDIRECT.', zh: '逐项检查这条路径需要的东西：路由器的 tap 在网桥里且是 up 的、qr- 的地址和直连路由、元数据的 REDIRECT。' },
    { en: 'Compare what you see with a healthy router: one tap per qr- in the network\'s bridge, one "proto kernel" route per qr-, one REDIRECT to 9697.', zh: '和健康的路由器对比：每个 qr- 在网络网桥上都有一个 tap，每个 qr- 一条 "proto kernel" 路由，还有一条 REDIRECT 到 9697。' },
    { en: 'The repair shell understands brctl addif, ip link set … up, ip netns exec … ip route add, and ip netns exec … iptables -t nat -A.', zh: '修复用的 shell 支持 brctl addif、ip link set … up、ip netns exec … ip route add 和 ip netns exec … iptables -t nat -A。' },
  ],
  explain: (w) => {
    const fix = w.facts.fault.fix(w.facts.target);
    const reading = ROUTER_READING[w.facts.fault.id]!;
    return paragraphs(
      {
        en: `The fault: ${w.facts.fault.name.en}. ${reading.en}\nOne fix: \`${fix.host}$ ${fix.command}\`.`,
        zh: `故障：${w.facts.fault.name.zh}。${reading.zh}\n一种修法：\`${fix.host}$ ${fix.command}\`。`,
      },
      FLOW6_NOTES['seedRight'],
      THEN_VS_NOW['router'],
    );
  },
});
