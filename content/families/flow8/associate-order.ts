/** Flow 8: order what happens when a floating IP is created and associated, read from the cloud's own message bus. */
import { shown } from '../../kinds/common.js';
import { orderingFamily } from '../../kinds/ordering.js';
import { flowTrace } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import type { World } from '../../types.js';
import { SEED_NOTES, tenantCloudSafe } from '../flow7/_helpers.js';

interface Facts { fip: string; server: string }

type TraceStep = ReturnType<typeof flowTrace>[number];

/** One text per kind of step, built from what the step itself carries. */
const KEY_STEPS: Array<[RegExp, (s: TraceStep) => string]> = [
  [/^POST \/v2\.0\/floatingips$/, (s) => `${s.actor} → ${s.target}: POST /v2.0/floatingips (a network:floatingip port takes the address; status DOWN)`],
  [/^PUT \/v2\.0\/floatingips\//, (s) => `${s.actor} → ${s.target}: ${s.message.replace(/[0-9a-f-]{36}$/, '<id>')} (port_id, fixed_ip_address and router_id set)`],
  [/^routers_updated$/, (s) => `${s.actor} → ${s.target}: routers_updated`],
  [/^iptables-restore/, (s) => `${s.actor}: iptables-restore in the router namespace (DNAT in PREROUTING and OUTPUT, SNAT in float-snat)`],
  [/^add_floating_ip$/, (s) => `${s.actor}: ${s.changes[0]!.replace(/^[\w-]+: /, '')}`],
  [/^gratuitous ARP$/, (s) => `${s.actor}: ${s.detail.replace(/ip netns exec \S+ /, '').replace(/ \(3 rounds.*$/, '')} (3 rounds)`],
  [/^update_floatingip_statuses$/, (s) => `${s.actor} → ${s.target}: update_floatingip_statuses ${s.detail.replace(/\{[0-9a-f-]+: /, '{<id>: ')}`],
];

/**
 * The flow 8 trace, plus the routers_updated cast of the association: the engine tags that cast
 * with the router only, so flowTrace (which follows the floating IP's id) leaves it out.
 */
function trace(w: World<Facts>): TraceStep[] {
  const t = flowTrace(w.cloud, 8);
  const put = t.findIndex((s) => /^PUT \/v2\.0\/floatingips\//.test(s.message));
  const cast = w.cloud.events.find((e) => e.name === 'routers_updated' && e.detail === `floating IP ${w.facts.fip} associated`);
  if (put < 0 || !cast || t.some((s) => s.message === 'routers_updated')) return t;
  const step: TraceStep = { step: 0, actor: cast.from, target: cast.to, channel: cast.channel, message: cast.name, detail: cast.detail, changes: cast.changes };
  return [...t.slice(0, put + 1), step, ...t.slice(put + 1)];
}

function steps(w: World<Facts>): string[] {
  const out: string[] = [];
  for (const s of trace(w)) {
    const rule = KEY_STEPS.find(([re]) => re.test(s.message));
    if (!rule) continue;
    const text = rule[1](s);
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

export default orderingFamily<Facts>({
  id: 'f8-associate-order',
  flow: 8,
  difficulty: 2,
  traces: true,
  title: { en: 'Put the floating IP steps in order', zh: '把浮动 IP 创建和绑定的步骤排好顺序' },
  setup: (pick) => {
    const instances = pick.between(1, 2);
    const t = tenantCloudSafe(pick, { tenants: pick.between(1, 2), instances, fips: pick.between(1, instances) });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world) => {
    // The trace follows the newest associated floating IP.
    const fip = Object.values(world.cloud.db.floatingIps).filter((f) => f.portId).at(-1)!;
    const server = Object.values(world.cloud.db.servers).find((s) => s.portIds.includes(fip.portId!))!;
    const facts = { fip: fip.floatingIpAddress, server: server.name };
    if (steps({ ...world, facts }).length < 5) throw new Error('f8-associate-order: the trace lost steps');
    return facts;
  },
  prompt: (w) => ({
    en: `Floating IP ${w.facts.fip} was created on the external network and then associated with "${w.facts.server}" (\`openstack server add floating ip ${w.facts.server} ${w.facts.fip}\`). Put these steps in the order they happened.`,
    zh: `在外部网络上创建了浮动 IP ${w.facts.fip}，然后把它绑定到了 “${w.facts.server}”（\`openstack server add floating ip ${w.facts.server} ${w.facts.fip}\`）。请把下面这些步骤按实际发生的先后排好。`,
  }),
  context: (w) => [shown(w, 'controller', `openstack floating ip show ${w.facts.fip} -c floating_ip_address -c fixed_ip_address -c port_id -c router_id -c status`)],
  steps,
  hints: () => [
    { en: 'neutron-server only writes the database and tells the agent; everything on the network node comes after the association.', zh: 'neutron-server 只改数据库并通知 agent；网络节点上的动作都在绑定之后。' },
    { en: 'The agent puts the NAT rules in place before the address appears on qg-, so no packet for it is ever left un-NATed.', zh: 'agent 先装好 NAT 规则，再把地址加到 qg- 上，这样发往它的包不会出现没 NAT 的窗口。' },
    { en: 'The status turns ACTIVE only when the agent reports back, after the address is configured and announced.', zh: '只有 agent 配好地址、发完通告并回报之后，状态才变成 ACTIVE。' },
  ],
  explain: (w) => paragraphs(
    {
      en: `What happened for ${w.facts.fip}, in order:\n${steps(w).map((s, i) => `${i + 1}. ${s}`).join('\n')}\nCreating the floating IP only allocates the address on a port with device_owner network:floatingip, which is never bound to a host. Associating it sets port_id, fixed_ip_address and router_id — the router that has an interface on the fixed IP's subnet and a gateway on the floating network — and the L3 agent is told the router changed. In process_external() the agent applies the three NAT rules inside one iptables-restore, then adds ${w.facts.fip}/32 to qg-, sends gratuitous ARPs (arping -U and -A, 3 rounds, 2 s apart, with the qg- MAC) and finally reports the status ACTIVE with update_floatingip_statuses.`,
      zh: `${w.facts.fip} 的实际顺序：\n${steps(w).map((s, i) => `${i + 1}. ${s}`).join('\n')}\n创建浮动 IP 只是在一个 device_owner 为 network:floatingip 的端口上分配地址，这个端口从不绑定到任何主机。绑定时设置 port_id、fixed_ip_address 和 router_id——选的是在固定 IP 所在子网上有接口、并且网关在浮动网络上的那个路由器——然后通知 L3 agent 路由器有变化。agent 在 process_external() 里先用一次 iptables-restore 装好三条 NAT 规则，再把 ${w.facts.fip}/32 加到 qg- 上，用 qg- 的 MAC 发免费 ARP（arping -U 和 -A，3 轮，间隔 2 秒），最后通过 update_floatingip_statuses 把状态上报为 ACTIVE。`,
    },
    SEED_NOTES['fip'],
    THEN_VS_NOW['router'],
  ),
});
