/** Flow 8 drill: one of a floating IP's NAT rules is gone; read the table and put it back. */
import { faultContext } from '../../faults.js';
import { shown } from '../../kinds/common.js';
import { troubleshootFamily, type TroubleFacts } from '../../kinds/troubleshoot.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { FIP_DNAT_MISSING, FLOAT_SNAT_MISSING } from '../flow7/_faults.js';
import { floatingIpOfServer, SEED_NOTES, tenantCloudSafe } from '../flow7/_helpers.js';

interface Facts extends TroubleFacts { server: string; router: string; fip: string; fixed: string }

const FAULTS = [FIP_DNAT_MISSING, FLOAT_SNAT_MISSING];

export default troubleshootFamily<Facts>({
  id: 'f8-fix-fip-nat',
  flow: 8,
  difficulty: 3,
  mode: 'fix',
  title: { en: 'Drill: a floating IP half works — restore its NAT rule', zh: '排障：浮动 IP 只通一半——把它的 NAT 规则补回来' },
  setup: (pick) => {
    const instances = pick.between(1, 2);
    const t = tenantCloudSafe(pick, { tenants: pick.between(1, 2), instances, fips: instances });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const server = pick.one(Object.values(world.cloud.db.servers).filter((s) => floatingIpOfServer(world.cloud, s)));
    const target = faultContext(world.cloud, server);
    const fault = pick.one(FAULTS.filter((f) => f.applies(target)));
    fault.inject(target);
    if (fault.healthy(target)) throw new Error(`f8-fix-fip-nat: ${fault.id} changed nothing`);
    const fip = floatingIpOfServer(world.cloud, server)!;
    return { fault, target, server: server.name, router: target.router!.name, fip: fip.floatingIpAddress, fixed: fip.fixedIpAddress! };
  },
  prompt: (w) => ({
    en: `"${w.facts.server}" has floating IP ${w.facts.fip} through router "${w.facts.router}". Since a manual change on the network node, it only half works (see the symptom). Look at the router's NAT table and give the command(s) that repair it, as \`HOST$ COMMAND\`.`,
    zh: `“${w.facts.server}” 通过路由器 “${w.facts.router}” 绑定了浮动 IP ${w.facts.fip}。有人在网络节点上手工改过东西之后，它只通了一半（见故障现象）。请查看路由器的 NAT 表，给出修复命令，写成 \`主机$ 命令\`。`,
  }),
  context: (w) => [
    shown(w, 'controller', `openstack floating ip show ${w.facts.fip} -c fixed_ip_address -c floating_ip_address -c router_id -c status`),
    shown(w, 'controller', `ip netns exec ${names.routerNamespace(w.facts.target.router!.id)} iptables -t nat -S`),
  ],
  hints: () => [
    { en: 'A floating IP needs three nat rules: a DNAT in neutron-l3-agent-PREROUTING, the same DNAT in neutron-l3-agent-OUTPUT, and an SNAT in neutron-l3-agent-float-snat. Which one is missing?', zh: '一个浮动 IP 需要三条 nat 规则：neutron-l3-agent-PREROUTING 里的 DNAT、neutron-l3-agent-OUTPUT 里同样的 DNAT，以及 neutron-l3-agent-float-snat 里的 SNAT。少了哪条？' },
    { en: 'Inbound traffic needs the destination rewritten from the floating IP to the fixed IP; outbound traffic from the instance needs the source rewritten the other way.', zh: '进来的流量要把目的地址从浮动 IP 改成固定 IP；实例出去的流量要反过来改源地址。' },
    { en: 'Use `ip netns exec qrouter-… iptables -t nat -A <chain> …`, written exactly like the other rules of that chain.', zh: '用 `ip netns exec qrouter-… iptables -t nat -A <链> …`，写法照着同一条链里其他规则来。' },
  ],
  explain: (w) => {
    const fix = w.facts.fault.fix(w.facts.target);
    const dnat = w.facts.fault.id === 'fip-dnat-missing';
    return paragraphs(
      {
        en: `The injected fault: ${w.facts.fault.name.en}. ${dnat ? `Without \`-d ${w.facts.fip}/32 -j DNAT --to-destination ${w.facts.fixed}\` in neutron-l3-agent-PREROUTING, packets for ${w.facts.fip} arrive on qg- (the /32 is still there and answers ARP), are not translated, and are delivered to the router namespace itself, so ${w.facts.server} never sees them; its own outgoing traffic still leaves as ${w.facts.fip} through float-snat.` : `Without \`-s ${w.facts.fixed}/32 -j SNAT --to-source ${w.facts.fip} --random-fully\` in neutron-l3-agent-float-snat, inbound connections still work (the DNAT rules and conntrack handle both directions of those), but new connections from ${w.facts.server} fall through to the gateway rule \`-o qg-… -j SNAT --to-source <gateway IP>\` and leave with the router's address instead of ${w.facts.fip}.`} A repair on the node: \`${fix.host}$ ${fix.command}\`. In production, restart neutron-l3-agent or touch the router/floating IP: process_floating_ip_nat_rules clears the floating_ip tag and re-adds all three rules on every pass.`,
        zh: `注入的故障是：${w.facts.fault.name.zh}。${dnat ? `neutron-l3-agent-PREROUTING 里没了 \`-d ${w.facts.fip}/32 -j DNAT --to-destination ${w.facts.fixed}\`，发往 ${w.facts.fip} 的包照样到达 qg-（/32 还在，ARP 也照样应答），但不做转换，直接交给了路由器命名空间本身，${w.facts.server} 根本收不到；它自己出去的流量仍然通过 float-snat 用 ${w.facts.fip}。` : `neutron-l3-agent-float-snat 里没了 \`-s ${w.facts.fixed}/32 -j SNAT --to-source ${w.facts.fip} --random-fully\`，从外面进来的连接仍然正常（DNAT 规则加 conntrack 能处理这些连接的双向），但 ${w.facts.server} 主动发起的新连接会落到网关那条 \`-o qg-… -j SNAT --to-source <网关IP>\`，用路由器地址而不是 ${w.facts.fip} 出去。`}在节点上的修法：\`${fix.host}$ ${fix.command}\`。生产环境里应当重启 neutron-l3-agent 或者更新一下路由器/浮动 IP：process_floating_ip_nat_rules 每次都会清掉 floating_ip 标签的规则，再把三条全部加回来。`,
      },
      SEED_NOTES['fip'],
      SEED_NOTES['randomFully'],
      THEN_VS_NOW['router'],
    );
  },
});
