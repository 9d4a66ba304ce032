/** Flow 7: with `--disable-snat`, which NAT rules does the router still have? */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import type { Text, World } from '../../types.js';
import { afterCommand, gatewayView, SEED_NOTES, tableRules, tableRulesOf, tenantCloudSafe, theRouter } from './_helpers.js';

interface Facts {
  router: string;
  routerId: string;
  ext: string;
  /** Rules this router really has (a seeded sample of them). */
  present: string[];
  /** The rule(s) the same router has once SNAT is enabled again. */
  removed: string[];
  /** Well-known wrong versions of the removed rule: MASQUERADE, and SNAT written straight into POSTROUTING. */
  masquerade: string;
  builtin: string;
}

const isBuiltinJump = (r: string) => /^-A (PREROUTING|OUTPUT|POSTROUTING|INPUT) -j neutron-/.test(r);

export default choiceFamily<Facts>({
  id: 'f7-disable-snat',
  flow: 7,
  difficulty: 2,
  multiple: true,
  title: { en: 'What --disable-snat removes, and what stays', zh: '--disable-snat 去掉了什么，留下了什么' },
  setup: (pick) => {
    const instances = pick.between(1, 2);
    const t = tenantCloudSafe(pick, { tenants: pick.between(1, 2), instances, gateway: true, disableSnat: true, fips: pick.between(0, instances - 1) });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const router = theRouter(world.cloud);
    const ext = world.cloud.db.networks[router.gateway!.networkId]!.name;
    const all = tableRules(world, router.id);
    const now = all.filter((r) => !isBuiltinJump(r));
    // The same router with SNAT enabled again: whatever appears is what --disable-snat took away.
    const enabled = afterCommand(world.cloud, `openstack router set ${router.name} --external-gateway ${ext} --enable-snat`);
    if (enabled.exitCode !== 0) throw new Error(`f7-disable-snat: ${enabled.stderr}`);
    const removed = tableRulesOf(enabled.cloud, router.id).filter((r) => !all.includes(r));
    const snat = removed.find((r) => / -j SNAT /.test(r));
    if (!snat) throw new Error('f7-disable-snat: enabling SNAT added no SNAT rule');
    const present = pick.some(now, Math.min(4, now.length));
    return {
      router: router.name, routerId: router.id, ext, present, removed,
      masquerade: snat.replace(/-j SNAT .*$/, '-j MASQUERADE'),
      builtin: snat.replace(/^-A \S+/, '-A POSTROUTING'),
    };
  },
  prompt: (w) => ({
    en: `Router "${w.facts.router}" got its gateway with \`openstack router set ${w.facts.router} --external-gateway ${w.facts.ext} --disable-snat\`. Which of these rules are in the nat table of its namespace? Select all that are.`,
    zh: `路由器 “${w.facts.router}” 的网关是用 \`openstack router set ${w.facts.router} --external-gateway ${w.facts.ext} --disable-snat\` 设置的。下面哪些规则在它命名空间的 nat 表里？选出所有存在的。`,
  }),
  context: (w) => [
    shown(w, 'controller', `openstack router show ${w.facts.router} -c external_gateway_info`),
    ...(Object.keys(w.cloud.db.floatingIps).length ? [shown(w, 'controller', 'openstack floating ip list -c "Floating IP Address" -c "Fixed IP Address"')] : []),
  ],
  options: (w) => ({ right: w.facts.present, wrong: [...w.facts.removed.filter((r) => / -j SNAT /.test(r)), w.facts.masquerade, w.facts.builtin] }),
  whyWrong: (w, option): Text | undefined => {
    if (w.facts.removed.includes(option)) return { en: `${option} is exactly the rule --disable-snat leaves out: enable_snat is false in external_gateway_info.`, zh: `${option} 正是 --disable-snat 去掉的那条：external_gateway_info 里 enable_snat 是 false。` };
    if (option === w.facts.masquerade) return { en: 'Neutron never uses MASQUERADE: the gateway address is known and fixed, so it writes SNAT --to-source; and with --disable-snat there is no such rule at all.', zh: 'neutron 从来不用 MASQUERADE：网关地址是确定的，所以写的是 SNAT --to-source；而且加了 --disable-snat 之后这类规则根本不存在。' };
    if (option === w.facts.builtin) return { en: 'The built-in POSTROUTING chain only holds the two jumps (to neutron-l3-agent-POSTROUTING and neutron-postrouting-bottom); the gateway SNAT would live in neutron-l3-agent-snat — and it is disabled here.', zh: '内置的 POSTROUTING 链里只有两条跳转（到 neutron-l3-agent-POSTROUTING 和 neutron-postrouting-bottom）；网关 SNAT 本应在 neutron-l3-agent-snat 里——而这里它被禁用了。' };
    return undefined;
  },
  hints: () => [
    { en: '_handle_router_snat_rules rebuilds the gateway rules on every pass; only one of them depends on enable_snat.', zh: '_handle_router_snat_rules 每次都重建网关相关规则；其中只有一条取决于 enable_snat。' },
    { en: 'Floating IPs keep working on a router without SNAT.', zh: '没有 SNAT 的路由器上，浮动 IP 照样能用。' },
    { en: 'Neither the east-west ACCEPT rule nor the hairpin rule (mark 0x2) is about instances without a floating IP reaching the internet.', zh: '东西向的 ACCEPT 规则和 hairpin 规则（mark 0x2）都不是为了让没有浮动 IP 的实例上外网。' },
  ],
  explain: (w) => {
    const gw = gatewayView(w.cloud, theRouter(w.cloud));
    return paragraphs(
      {
        en: `Router ${w.facts.router} has enable_snat false. Its nat table still holds ${w.facts.present.map((r) => `\`${r}\``).join(', ')}. What --disable-snat took away: ${w.facts.removed.map((r) => `\`${r}\``).join(', ')} — enabling SNAT on the same router brings exactly that back. So an instance without a floating IP now leaves ${gw.dev} with its private source address and only gets answers if the upstream router has a route back to the tenant subnet through ${gw.ip}; instances with a floating IP are unaffected, because their float-snat and DNAT rules do not depend on enable_snat. MASQUERADE is never used, and no SNAT rule is written straight into POSTROUTING.`,
        zh: `路由器 ${w.facts.router} 的 enable_snat 是 false。它的 nat 表里仍然有 ${w.facts.present.map((r) => `\`${r}\``).join('、')}。--disable-snat 去掉的是：${w.facts.removed.map((r) => `\`${r}\``).join('、')}——在同一个路由器上重新开启 SNAT，加回来的正好就是它。所以没有浮动 IP 的实例现在带着私网源地址从 ${gw.dev} 出去，只有上游路由器有经 ${gw.ip} 回到租户子网的路由时才能收到回包；有浮动 IP 的实例不受影响，因为它们的 float-snat 和 DNAT 规则跟 enable_snat 无关。neutron 从不用 MASQUERADE，也不会把 SNAT 规则直接写进 POSTROUTING。`,
      },
      SEED_NOTES['disableSnat'],
      SEED_NOTES['snatRule'],
      THEN_VS_NOW['router'],
    );
  },
});
