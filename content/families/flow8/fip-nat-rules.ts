/** Flow 8: write the three NAT rules the L3 agent installs for a floating IP. */
import { shown } from '../../kinds/common.js';
import { linesFamily } from '../../kinds/lines.js';
import { linesWith, names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';

interface Facts { fip: string; fixed: string; server: string; router: string; routerId: string }

function rules(w: World<Facts>): string[] {
  const nat = w.run('controller', `ip netns exec ${names.routerNamespace(w.facts.routerId)} iptables -t nat -S`);
  return [...linesWith(nat, `-d ${w.facts.fip}/32 -j DNAT`), ...linesWith(nat, `--to-source ${w.facts.fip}`)];
}

export default linesFamily<Facts>({
  id: 'f8-fip-nat-rules',
  flow: 8,
  difficulty: 2,
  compare: 'iptables',
  label: { en: 'The rules, one per line, as `iptables -t nat -S` prints them', zh: '规则，每行一条，按 `iptables -t nat -S` 的格式' },
  placeholder: '-A neutron-l3-agent-… ',
  title: { en: 'Write the NAT rules of a floating IP', zh: '写出浮动 IP 的 NAT 规则' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(1, 2), instances: 2, fips: pick.between(1, 2) });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const fip = pick.one(Object.values(world.cloud.db.floatingIps).filter((f) => f.portId));
    const server = Object.values(world.cloud.db.servers).find((s) => s.portIds.includes(fip.portId!))!;
    const router = world.cloud.db.routers[fip.routerId!]!;
    return { fip: fip.floatingIpAddress, fixed: fip.fixedIpAddress!, server: server.name, router: router.name, routerId: router.id };
  },
  prompt: (w) => ({
    en: `Floating IP ${w.facts.fip} was associated with instance "${w.facts.server}" (fixed IP ${w.facts.fixed}) through router "${w.facts.router}". Write the NAT rules the L3 agent installed for it in the router's namespace.`,
    zh: `浮动 IP ${w.facts.fip} 通过路由器 “${w.facts.router}” 绑定到了实例 “${w.facts.server}”（固定 IP ${w.facts.fixed}）。请写出 L3 agent 在路由器命名空间里为它装的 NAT 规则。`,
  }),
  context: (w) => [shown(w, 'controller', `openstack floating ip show ${w.facts.fip} -c floating_ip_address -c fixed_ip_address -c router_id -c status`)],
  expected: rules,
  source: (w) => ({ host: 'controller', command: `ip netns exec ${names.routerNamespace(w.facts.routerId)} iptables -t nat -S` }),
  hints: () => [
    { en: 'One rule rewrites the destination of packets arriving for the floating IP; one does the same for packets the router itself sends; one rewrites the source of packets leaving from the instance.', zh: '一条改写发往浮动 IP 的包的目的地址；一条对路由器自己发出的包做同样的事；一条改写实例出去的包的源地址。' },
    { en: 'The chains are wrapped: neutron-l3-agent-PREROUTING, neutron-l3-agent-OUTPUT and neutron-l3-agent-float-snat.', zh: '链名带前缀：neutron-l3-agent-PREROUTING、neutron-l3-agent-OUTPUT、neutron-l3-agent-float-snat。' },
    { en: 'Modern neutron appends --random-fully to SNAT rules.', zh: '新版 neutron 会在 SNAT 规则后加 --random-fully。' },
  ],
  explain: (w) => paragraphs(
    {
      en: `For ${w.facts.fip} -> ${w.facts.fixed} the L3 agent adds ${rules(w).map((r) => `\`${r}\``).join(', ')}. PREROUTING DNAT catches traffic from outside; the OUTPUT copy catches packets generated in the namespace itself (they skip PREROUTING); float-snat is the first rule of neutron-l3-agent-snat, so this instance leaves with ${w.facts.fip} rather than the router's gateway address. The rules are applied before ${w.facts.fip}/32 is added to the qg- device, then gratuitous ARPs announce it with the qg- MAC. The guest never sees the floating IP.`,
      zh: `对 ${w.facts.fip} -> ${w.facts.fixed}，L3 agent 加了：${rules(w).map((r) => `\`${r}\``).join('、')}。PREROUTING 的 DNAT 处理外面进来的流量；OUTPUT 那条处理命名空间自己发出的包（它们不经过 PREROUTING）；float-snat 是 neutron-l3-agent-snat 的第一条，所以这台实例出去时用的是 ${w.facts.fip}，而不是路由器网关地址。规则先装，之后才把 ${w.facts.fip}/32 加到 qg- 设备上，再用 qg- 的 MAC 发免费 ARP 通告。虚拟机内部完全看不到浮动 IP。`,
    },
    THEN_VS_NOW['router'],
  ),
});
