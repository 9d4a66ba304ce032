/** Flow 8: explain the OUTPUT copy of the DNAT rule and why float-snat is consulted first. */
import { shown } from '../../kinds/common.js';
import { explainFamily } from '../../kinds/explain.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import type { World } from '../../types.js';
import { floatingIpOfServer, gatewayView, SEED_NOTES, tableRules, tenantCloudSafe, theRouter } from '../flow7/_helpers.js';

interface Facts { server: string; fip: string; fixed: string; routerId: string }

function rulesOf(w: World<Facts>) {
  const all = tableRules(w, w.facts.routerId);
  return {
    pre: all.find((r) => r.startsWith('-A neutron-l3-agent-PREROUTING') && r.includes(`-d ${w.facts.fip}/32`))!,
    out: all.find((r) => r.startsWith('-A neutron-l3-agent-OUTPUT') && r.includes(`-d ${w.facts.fip}/32`))!,
    float: all.find((r) => r.startsWith('-A neutron-l3-agent-float-snat') && r.includes(`--to-source ${w.facts.fip}`))!,
    jump: all.find((r) => r.startsWith('-A neutron-l3-agent-snat') && r.endsWith('-j neutron-l3-agent-float-snat'))!,
    gwSnat: all.find((r) => r.startsWith('-A neutron-l3-agent-snat -o qg-'))!,
  };
}

export default explainFamily<Facts>({
  id: 'f8-explain-fip-rules',
  flow: 8,
  difficulty: 2,
  title: { en: 'Explain the floating IP rules: why OUTPUT, why float-snat first', zh: '解释浮动 IP 规则：为什么有 OUTPUT，为什么先走 float-snat' },
  setup: (pick) => {
    const instances = pick.between(1, 2);
    const t = tenantCloudSafe(pick, { tenants: pick.between(1, 2), instances, fips: pick.between(1, instances) });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const server = pick.one(Object.values(world.cloud.db.servers).filter((s) => floatingIpOfServer(world.cloud, s)));
    const fip = floatingIpOfServer(world.cloud, server)!;
    return { server: server.name, fip: fip.floatingIpAddress, fixed: fip.fixedIpAddress!, routerId: theRouter(world.cloud).id };
  },
  prompt: (w) => ({
    en: `"${w.facts.server}" (${w.facts.fixed}) has floating IP ${w.facts.fip}. In the router's nat table below, the same DNAT rule for ${w.facts.fip} appears in two chains, and neutron-l3-agent-snat jumps to neutron-l3-agent-float-snat before anything else. Explain, as in an interview, what each of the three floating IP rules is for, why the DNAT is needed in both places, and why the order in neutron-l3-agent-snat matters.`,
    zh: `“${w.facts.server}”（${w.facts.fixed}）绑定了浮动 IP ${w.facts.fip}。在下面路由器的 nat 表里，${w.facts.fip} 的同一条 DNAT 规则出现在两个链里，而且 neutron-l3-agent-snat 第一件事就是跳到 neutron-l3-agent-float-snat。请像面试时那样解释这三条浮动 IP 规则各管什么、为什么两个地方都要有 DNAT，以及 neutron-l3-agent-snat 里的顺序为什么重要。`,
  }),
  context: (w) => [shown(w, 'controller', `ip netns exec ${names.routerNamespace(w.facts.routerId)} iptables -t nat -S`)],
  points: () => [
    { id: 'prerouting', label: { en: 'PREROUTING DNAT rewrites the destination (floating -> fixed) for packets arriving from outside, before routing', zh: 'PREROUTING 的 DNAT 在路由前把外面进来的包的目的地址从浮动 IP 改成固定 IP' }, patterns: [/prerouting.{0,100}(dnat|destination|目的)/, /(dnat|destination|目的).{0,100}prerouting/] },
    { id: 'output', label: { en: 'OUTPUT DNAT covers packets generated in the router namespace itself, which never pass PREROUTING', zh: 'OUTPUT 的 DNAT 处理路由器命名空间自己产生的包，这些包不经过 PREROUTING' }, patterns: [/output.{0,100}(local|itself|router|namespace|generated|本地|本机|自身|自己|命名空间)/, /(locally|itself|本地|本机|自身|自己).{0,100}output/] },
    { id: 'floatsnat', label: { en: 'float-snat rewrites the source of the instance\'s own outgoing traffic to the floating IP', zh: 'float-snat 把实例自己出去的流量的源地址改成浮动 IP' }, patterns: [/float-?snat.{0,100}(source|源)/, /(source|源).{0,100}float-?snat/] },
    { id: 'first', label: { en: 'float-snat is checked first, so the instance leaves with its floating IP instead of the router gateway address', zh: 'float-snat 先检查，所以实例用浮动 IP 而不是路由器网关地址出去' }, patterns: [/(first|before|precede|ahead|先|优先|前面).{0,100}(gateway|网关|-o qg|qg-)/, /(gateway|网关).{0,100}(instead|rather|而不是|不会|不用)/] },
    { id: 'guest', label: { en: 'the guest never sees the floating IP; only NAT in the router knows it', zh: '虚拟机看不到浮动 IP，只有路由器里的 NAT 知道它' }, severity: 'minor', patterns: [/(guest|vm|instance|虚拟机|实例).{0,100}(never|not|n't|不知道|看不到|感知不到|没有).{0,100}(floating|fip|浮动)/, /(floating|fip|浮动).{0,100}(never|not).{0,100}(guest|inside the (vm|instance))/] },
    { id: 'random', label: { en: '--random-fully randomises the source ports of the SNAT', zh: '--random-fully 让 SNAT 的源端口随机化' }, severity: 'minor', patterns: [/random-fully/, /(random|随机).{0,100}(port|端口)/] },
  ],
  model: (w) => {
    const r = rulesOf(w);
    const gw = gatewayView(w.cloud, theRouter(w.cloud));
    return {
      en: `The PREROUTING rule \`${r.pre}\` does DNAT: it rewrites the destination ${w.facts.fip} to ${w.facts.fixed} for packets arriving from outside on ${gw.dev}, before routing. The OUTPUT rule is the same DNAT for packets generated locally in the router namespace itself (ip netns exec … ping ${w.facts.fip}, or the metadata proxy): local packets never traverse PREROUTING, only OUTPUT. The float-snat rule \`${r.float}\` rewrites the source of ${w.facts.server}'s own outgoing traffic to ${w.facts.fip}. neutron-l3-agent-snat jumps to float-snat first, before the gateway rule \`${r.gwSnat}\`, so the instance leaves with its floating IP instead of the router gateway address ${gw.ip}. The guest never sees the floating IP: it only has ${w.facts.fixed}. --random-fully randomises the source ports.`,
      zh: `PREROUTING 里的 \`${r.pre}\` 做 DNAT：外面从 ${gw.dev} 进来的包，在路由之前把目的地址 ${w.facts.fip} 改成 ${w.facts.fixed}。OUTPUT 里是同样的 DNAT，处理路由器命名空间自己本地产生的包（比如 ip netns exec … ping ${w.facts.fip}，或者元数据代理）：本机产生的包不经过 PREROUTING，只走 OUTPUT。float-snat 里的 \`${r.float}\` 把 ${w.facts.server} 自己出去的流量的源地址改成 ${w.facts.fip}。neutron-l3-agent-snat 先跳 float-snat，优先于网关规则 \`${r.gwSnat}\`，所以实例用浮动 IP 出去，而不是路由器网关地址 ${gw.ip}。虚拟机看不到浮动 IP，它只有 ${w.facts.fixed}。--random-fully 让源端口随机化。`,
    };
  },
  hints: () => [
    { en: 'Which netfilter hooks does a packet generated inside the router namespace traverse, and which does a forwarded one?', zh: '路由器命名空间自己发出的包会经过哪些 netfilter 钩子？转发的包又经过哪些？' },
    { en: 'Which source address would the instance use if only the gateway SNAT rule existed?', zh: '如果只有网关那条 SNAT 规则，实例出去会用哪个源地址？' },
    { en: 'Does the guest know its floating IP at all?', zh: '虚拟机自己知道它的浮动 IP 吗？' },
  ],
  explain: (w) => {
    const r = rulesOf(w);
    return paragraphs(
      {
        en: `The three rules for ${w.facts.fip} (floating_forward_rules, router_info.py): \`${r.pre}\`, \`${r.out}\` and \`${r.float}\`, plus the jump \`${r.jump}\` as the first rule of neutron-l3-agent-snat. DNAT in PREROUTING handles forwarded traffic from outside; a packet created inside qrouter-… itself goes through OUTPUT and POSTROUTING only, hence the copy in OUTPUT (so the namespace, and tools run in it, can reach the floating IP too). Because the snat chain is evaluated top-down and float-snat comes first, \`-s ${w.facts.fixed}/32\` matches before \`${r.gwSnat}\`. Interviewers often say "only a PREROUTING rule is needed" or describe 1:1 NAT with policy routing: a centralized router uses exactly these iptables rules.`,
        zh: `${w.facts.fip} 的三条规则（router_info.py 的 floating_forward_rules）：\`${r.pre}\`、\`${r.out}\`、\`${r.float}\`，另外 neutron-l3-agent-snat 的第一条是跳转 \`${r.jump}\`。PREROUTING 里的 DNAT 处理从外面转发进来的流量；qrouter-… 自己生成的包只经过 OUTPUT 和 POSTROUTING，所以 OUTPUT 里还要一份（命名空间本身和在里面跑的工具也能访问浮动 IP）。snat 链自上而下匹配，float-snat 在最前面，所以 \`-s ${w.facts.fixed}/32\` 会先于 \`${r.gwSnat}\` 命中。面试里常有人说“只要一条 PREROUTING 规则就够了”，或者说是用策略路由做 1:1 NAT：集中式路由器用的就是这几条 iptables 规则。`,
      },
      SEED_NOTES['fip'],
      SEED_NOTES['randomFully'],
      THEN_VS_NOW['router'],
    );
  },
});
