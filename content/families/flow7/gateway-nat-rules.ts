/** Flow 7: write the nat rules that setting the router's external gateway adds. */
import { shown } from '../../kinds/common.js';
import { linesFamily } from '../../kinds/lines.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import { afterCommand, gatewayView, SEED_NOTES, tableRules, tableRulesOf, theRouter } from './_helpers.js';

interface Facts { router: string; routerId: string; ext: string; snat: boolean }

/** Rules the router has now that it would not have without its gateway: unset the gateway on a copy and compare. */
function gatewayRules(w: World<Facts>): string[] {
  const now = tableRules(w, w.facts.routerId);
  const without = afterCommand(w.cloud, `openstack router unset --external-gateway ${w.facts.router}`);
  if (without.exitCode !== 0) throw new Error(`f7-gateway-nat-rules: ${without.stderr}`);
  const before = new Set(tableRulesOf(without.cloud, w.facts.routerId));
  return now.filter((r) => !before.has(r));
}

export default linesFamily<Facts>({
  id: 'f7-gateway-nat-rules',
  flow: 7,
  difficulty: 2,
  compare: 'iptables',
  label: { en: 'The rules, one per line, as `iptables -t nat -S` prints them', zh: '规则，每行一条，按 `iptables -t nat -S` 的格式' },
  placeholder: '-A neutron-l3-agent-… ',
  title: { en: 'Write the NAT rules a router gateway adds', zh: '写出设置路由器网关后新增的 NAT 规则' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(1, 2), instances: pick.between(0, 1), gateway: true, disableSnat: pick.int(4) === 0 });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world) => {
    const router = theRouter(world.cloud);
    return { router: router.name, routerId: router.id, ext: world.cloud.db.networks[router.gateway!.networkId]!.name, snat: router.gateway!.enableSnat };
  },
  prompt: (w) => ({
    en: `\`openstack router set ${w.facts.router} --external-gateway ${w.facts.ext}${w.facts.snat ? '' : ' --disable-snat'}\` was run (no floating IPs exist). Which rules did the L3 agent add to the nat table of the router's namespace because of the gateway? Leave out the chain skeleton that every router namespace has.`,
    zh: `执行了 \`openstack router set ${w.facts.router} --external-gateway ${w.facts.ext}${w.facts.snat ? '' : ' --disable-snat'}\`（没有任何浮动 IP）。因为设置了网关，L3 agent 往路由器命名空间的 nat 表里加了哪些规则？每个路由器命名空间都有的链骨架不用写。`,
  }),
  context: (w) => [
    shown(w, 'controller', `openstack router show ${w.facts.router} -c external_gateway_info`),
    shown(w, 'controller', `ip netns exec ${names.routerNamespace(w.facts.routerId)} ip -br addr`),
  ],
  expected: gatewayRules,
  source: (w) => ({ host: 'controller', command: `ip netns exec ${names.routerNamespace(w.facts.routerId)} iptables -t nat -S` }),
  hints: (w) => [
    { en: 'One rule keeps traffic that does not leave through the gateway (and was not DNATed) from being NATed; it lives in neutron-l3-agent-POSTROUTING.', zh: '有一条规则让不从网关出去（且没被 DNAT）的流量不做 NAT，它在 neutron-l3-agent-POSTROUTING 里。' },
    { en: w.facts.snat ? 'The SNAT rules go into neutron-l3-agent-snat: one for traffic leaving the gateway device, one for DNATed (hairpin) traffic that did not come in from outside (mark 0x2).' : 'With SNAT disabled, only the SNAT rule for traffic leaving the gateway device is left out; the hairpin rule (mark 0x2) stays.', zh: w.facts.snat ? 'SNAT 规则在 neutron-l3-agent-snat 里：一条针对从网关设备出去的流量，一条针对被 DNAT 过、但不是从外面进来的（mark 0x2）hairpin 流量。' : '关闭 SNAT 时只少了针对网关设备出流量的那条 SNAT；hairpin 规则（mark 0x2）还在。' },
    { en: 'Both SNAT targets use the gateway port\'s own address, with --random-fully.', zh: '两条 SNAT 的目标地址都是网关端口自己的地址，并带 --random-fully。' },
  ],
  explain: (w) => {
    const gw = gatewayView(w.cloud, theRouter(w.cloud));
    const rules = gatewayRules(w);
    const mark = tableRules(w, w.facts.routerId, 'mangle').filter((r) => r.includes(`-i ${gw.dev}`) && r.includes('MARK --set-xmark 0x2'));
    return paragraphs(
      {
        en: `_handle_router_snat_rules added, for the gateway ${gw.dev} with ${gw.ip}:\n${rules.join('\n')}\nThe ACCEPT rule in neutron-l3-agent-POSTROUTING exempts everything that does not leave through ${gw.dev} and was not DNATed (east-west between qr- subnets). ${w.facts.snat ? `\`-o ${gw.dev} -j SNAT --to-source ${gw.ip}\` is the SNAT for instances without a floating IP; it` : 'The -o qg- SNAT rule is absent because enable_snat is false; the remaining SNAT rules'} sit in neutron-l3-agent-snat after the jump to neutron-l3-agent-float-snat, reached from POSTROUTING through neutron-postrouting-bottom. The hairpin rule SNATs DNATed traffic to ${gw.ip} unless it carries mark 0x2, which the mangle table sets on packets that came in on ${gw.dev}: ${mark.map((r) => `\`${r}\``).join(', ')}. So an instance reaching a floating IP of its own router gets answered through the router, while outside clients keep their real source address.`,
        zh: `_handle_router_snat_rules 针对网关 ${gw.dev}（${gw.ip}）加了：\n${rules.join('\n')}\nneutron-l3-agent-POSTROUTING 里的 ACCEPT 让不从 ${gw.dev} 出去、也没被 DNAT 的流量（qr- 子网之间的东西向流量）都不做 NAT。${w.facts.snat ? `\`-o ${gw.dev} -j SNAT --to-source ${gw.ip}\` 是给没有浮动 IP 的实例做 SNAT 的；它` : '因为 enable_snat 为 false，-o qg- 的 SNAT 规则没有装；剩下的 SNAT 规则'}位于 neutron-l3-agent-snat 里、跳转 neutron-l3-agent-float-snat 那条之后，从 POSTROUTING 经 neutron-postrouting-bottom 进入。hairpin 规则把被 DNAT 过的流量 SNAT 成 ${gw.ip}，除非带有 mark 0x2——mangle 表会给从 ${gw.dev} 进来的包打上这个标记：${mark.map((r) => `\`${r}\``).join('、')}。所以实例访问本路由器上的浮动 IP 时，回包也会经过路由器；而外部客户端的真实源地址保持不变。`,
      },
      SEED_NOTES['snatRule'],
      SEED_NOTES['randomFully'],
      ...(w.facts.snat ? [] : [SEED_NOTES['disableSnat']]),
      THEN_VS_NOW['router'],
    );
  },
});
