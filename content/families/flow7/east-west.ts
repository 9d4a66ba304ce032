/** Flow 7: traffic between two tenant subnets on the same router is not SNATed — which rule decides that? */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import type { Text, World } from '../../types.js';
import { fixedIpOf, gatewayView, SEED_NOTES, serverByName, snatStage, tableRules, tenantCloudSafe, theRouter, walkInstanceToAddress } from './_helpers.js';

interface Facts { a: string; b: string; router: string; routerId: string }

function walk(w: World<Facts>) {
  return walkInstanceToAddress(w.cloud, serverByName(w.cloud, w.facts.a), fixedIpOf(w.cloud, serverByName(w.cloud, w.facts.b)));
}

/** The rule that ended the nat POSTROUTING traversal: the last one the walk matched. */
function deciding(w: World<Facts>): string {
  return walk(w).rules.at(-1)!;
}

export default choiceFamily<Facts>({
  id: 'f7-east-west',
  flow: 7,
  difficulty: 2,
  title: { en: 'Why east-west traffic through the router is not SNATed', zh: '为什么经过路由器的东西向流量不做 SNAT' },
  setup: (pick) => {
    const t = tenantCloudSafe(pick, { tenants: 2, instances: 2, gateway: true, fips: pick.between(0, 1) });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const [a, b] = pick.shuffle(Object.values(world.cloud.db.servers));
    const router = theRouter(world.cloud);
    const f = { a: a!.name, b: b!.name, router: router.name, routerId: router.id };
    const wk = walkInstanceToAddress(world.cloud, a!, fixedIpOf(world.cloud, b!));
    if (!wk.delivered || snatStage(wk) || !/-j ACCEPT$/.test(wk.rules.at(-1) ?? '')) throw new Error(`f7-east-west: unexpected walk ${wk.failure} ${wk.rules.at(-1)}`);
    return f;
  },
  prompt: (w) => ({
    en: `"${w.facts.a}" and "${w.facts.b}" are on two different tenant subnets, both attached to router "${w.facts.router}", which has an external gateway with SNAT enabled. When ${w.facts.a} pings ${w.facts.b}'s fixed IP, ${w.facts.b} sees ${w.facts.a}'s own fixed IP as the source. Which rule of the router's nat table is the reason the packet is not SNATed?`,
    zh: `“${w.facts.a}” 和 “${w.facts.b}” 在两个不同的租户子网上，都接在路由器 “${w.facts.router}” 上，路由器设置了外部网关并开启了 SNAT。${w.facts.a} ping ${w.facts.b} 的固定 IP 时，${w.facts.b} 看到的源地址就是 ${w.facts.a} 自己的固定 IP。路由器 nat 表里是哪条规则让这个包没有被 SNAT？`,
  }),
  context: (w) => [
    shown(w, 'controller', 'openstack server list -c Name -c Networks'),
    shown(w, 'controller', `ip netns exec ${names.routerNamespace(w.facts.routerId)} iptables -t nat -S`),
  ],
  options: (w) => {
    const right = deciding(w);
    const rank = (r: string) => (/ -j SNAT /.test(r) ? 0 : r.includes('neutron-postrouting-bottom') ? 1 : / -j (DNAT|REDIRECT) /.test(r) ? 2 : 3);
    const wrong = tableRules(w, w.facts.routerId)
      .filter((r) => r !== right && !/^-A (PREROUTING|OUTPUT) /.test(r) && !/-j neutron-l3-agent-float-snat$/.test(r))
      .sort((x, y) => rank(x) - rank(y));
    return { right: [right], wrong: wrong.slice(0, 5) };
  },
  whyWrong: (w, option): Text | undefined => {
    const gw = gatewayView(w.cloud, theRouter(w.cloud));
    if (option.includes(`-o ${gw.dev} -j SNAT`)) return { en: `That rule only matches packets going out of ${gw.dev}; this packet leaves through a qr- interface — and it never gets that far.`, zh: `这条只匹配从 ${gw.dev} 出去的包；这个包是从 qr- 接口出去的——而且根本走不到这一步。` };
    if (option.includes('--ctstate DNAT -j SNAT')) return { en: 'The hairpin rule SNATs DNATed traffic (a VM reaching a floating IP from inside); this ping goes to a fixed IP and is never DNATed.', zh: 'hairpin 规则是给被 DNAT 过的流量（从内部访问浮动 IP）做 SNAT 的；这个 ping 发往固定 IP，没被 DNAT 过。' };
    if (option.includes('-j DNAT')) return { en: 'A DNAT rule for a floating IP; the destination here is a fixed IP, and DNAT does not decide about source NAT.', zh: '这是浮动 IP 的 DNAT 规则；这里的目的地址是固定 IP，而且 DNAT 也决定不了是否做源地址转换。' };
    if (option.startsWith('-A neutron-l3-agent-float-snat')) return { en: 'A float-snat rule gives one instance its floating IP as source; it would SNAT, not prevent SNAT, and it is never reached here.', zh: 'float-snat 规则是让某台实例用自己的浮动 IP 作源地址；它是做 SNAT 的，不是阻止 SNAT 的，而且这里根本走不到它。' };
    if (option.includes('REDIRECT')) return { en: 'That is the metadata redirect for 169.254.169.254:80.', zh: '那是 169.254.169.254:80 的元数据重定向。' };
    if (option.includes('neutron-postrouting-bottom')) return { en: 'That jump leads to the SNAT rules; the packet is accepted before it is reached.', zh: '这条跳转通向 SNAT 规则；包在到达这里之前就已经被 ACCEPT 了。' };
    return undefined;
  },
  hints: () => [
    { en: 'In nat POSTROUTING, the wrapped chain neutron-l3-agent-POSTROUTING is traversed before neutron-postrouting-bottom.', zh: 'nat POSTROUTING 里，先走带前缀的 neutron-l3-agent-POSTROUTING，再走 neutron-postrouting-bottom。' },
    { en: 'An ACCEPT in the nat table ends the nat traversal for that packet: no later SNAT rule is looked at.', zh: 'nat 表里的 ACCEPT 会结束这个包在 nat 表的遍历，后面的 SNAT 规则就不会再看了。' },
    { en: 'Look for a rule that matches on the out interface being anything but the gateway.', zh: '找一条匹配“出接口不是网关接口”的规则。' },
  ],
  explain: (w) => {
    const gw = gatewayView(w.cloud, theRouter(w.cloud));
    const wk = walk(w);
    const stages = wk.packets[0]!.stages.filter((s) => s.netns.startsWith('qrouter-'));
    return paragraphs(
      {
        en: `${w.facts.a} -> ${w.facts.b} enters ${gw.ns} on ${stages[0]?.dev} and is routed out of ${stages.at(-1)?.dev} (a connected route). In POSTROUTING the first jump leads to neutron-l3-agent-POSTROUTING, where \`${deciding(w)}\` matches: the out interface is not ${gw.dev} and the connection was not DNATed, so the nat table ACCEPTs it and neutron-postrouting-bottom -> neutron-l3-agent-snat is never reached. The rule comes from _prevent_snat_for_internal_traffic_rule and is installed even with --disable-snat. The "! --ctstate DNAT" part leaves room for the hairpin case: a VM reaching another VM's floating IP is DNATed, so it does go on to the hairpin SNAT rule.`,
        zh: `${w.facts.a} -> ${w.facts.b} 从 ${stages[0]?.dev} 进入 ${gw.ns}，按直连路由从 ${stages.at(-1)?.dev} 出去。POSTROUTING 里第一条跳转进入 neutron-l3-agent-POSTROUTING，其中 \`${deciding(w)}\` 命中：出接口不是 ${gw.dev}，连接也没被 DNAT，于是 nat 表直接 ACCEPT，根本走不到 neutron-postrouting-bottom -> neutron-l3-agent-snat。这条规则来自 _prevent_snat_for_internal_traffic_rule，即使 --disable-snat 也会装。“! --ctstate DNAT” 是给 hairpin 场景留的口子：虚拟机访问另一台虚拟机的浮动 IP 时被 DNAT 过，就会继续走到 hairpin SNAT 规则。`,
      },
      SEED_NOTES['snatRule'],
      THEN_VS_NOW['router'],
    );
  },
});
