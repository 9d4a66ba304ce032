/** Flow 8 drill: something is wrong with a floating IP; read the router's addresses, NAT table and bridges and name the fault. */
import { faultById, faultContext } from '../../faults.js';
import { shown } from '../../kinds/common.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import type { Text } from '../../types.js';
import { FIP_ADDRESS_MISSING, FIP_DNAT_MISSING, FLOAT_SNAT_MISSING, GATEWAY_TAP_OUT, inboundWorks, leavesWithFloatingIp, nameDrill, type NameDrillFacts } from '../flow7/_faults.js';
import { floatingIpOfServer, gatewayView, SEED_NOTES, tenantCloudSafe } from '../flow7/_helpers.js';

interface Facts extends NameDrillFacts { server: string; router: string; fip: string }

const INJECTED = [FIP_DNAT_MISSING, FLOAT_SNAT_MISSING, FIP_ADDRESS_MISSING, GATEWAY_TAP_OUT];
/** Offered too, never injected here: the gateway's own SNAT rule does not concern an instance with a floating IP. */
const OFFERED = [...INJECTED, faultById('snat-rule-missing')];

export default nameDrill<Facts>({
  id: 'f8-name-fip-fault',
  flow: 8,
  difficulty: 3,
  title: { en: 'Drill: a floating IP misbehaves — name the fault', zh: '排障：浮动 IP 不正常——找出故障' },
  faults: OFFERED,
  setup: (pick) => {
    const instances = pick.between(1, 2);
    const t = tenantCloudSafe(pick, { tenants: pick.between(1, 2), instances, fips: instances });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const server = pick.one(Object.values(world.cloud.db.servers).filter((s) => floatingIpOfServer(world.cloud, s)));
    const target = faultContext(world.cloud, server);
    if (!inboundWorks(target) || !leavesWithFloatingIp(target)) throw new Error('f8-name-fip-fault: the healthy floating IP does not work');
    const fault = pick.one(INJECTED.filter((f) => f.applies(target)));
    fault.inject(target);
    if (fault.healthy(target)) throw new Error(`f8-name-fip-fault: ${fault.id} changed nothing`);
    return { fault, target, offered: OFFERED.map((f) => f.id), server: server.name, router: target.router!.name, fip: floatingIpOfServer(world.cloud, server)!.floatingIpAddress };
  },
  symptom: (w) => w.facts.fault.symptom,
  prompt: (w) => ({
    en: `"${w.facts.server}" has floating IP ${w.facts.fip} through router "${w.facts.router}", and it used to work. Users now report the problem described as the symptom. Here is what the operator collected on the network node. Which fault explains it?`,
    zh: `“${w.facts.server}” 通过路由器 “${w.facts.router}” 绑定了浮动 IP ${w.facts.fip}，以前一直正常。现在用户反馈了故障现象里描述的问题。下面是运维在网络节点上收集到的信息。是哪个故障？`,
  }),
  context: (w) => {
    const ns = names.routerNamespace(w.facts.target.router!.id);
    return [
      shown(w, 'controller', `openstack floating ip show ${w.facts.fip} -c fixed_ip_address -c floating_ip_address -c status`),
      shown(w, 'controller', `ip netns exec ${ns} ip addr`),
      shown(w, 'controller', `ip netns exec ${ns} iptables -t nat -S`),
      shown(w, 'controller', 'brctl show'),
    ];
  },
  whyWrong: (w, option): Text | undefined => {
    if (option === faultById('snat-rule-missing').name.en) {
      const gw = gatewayView(w.cloud, w.facts.target.router!);
      return { en: `The -o ${gw.dev} SNAT rule is for instances without a floating IP; ${w.facts.server}'s traffic is handled by its DNAT and float-snat rules (and the rule is there anyway).`, zh: `-o ${gw.dev} 的 SNAT 规则是给没有浮动 IP 的实例用的；${w.facts.server} 的流量由它自己的 DNAT 和 float-snat 规则处理（而且这条规则也还在）。` };
    }
    return undefined;
  },
  hints: () => [
    { en: 'A working floating IP needs: its /32 on qg-, DNAT rules in neutron-l3-agent-PREROUTING and OUTPUT, its SNAT in neutron-l3-agent-float-snat, and the qg- peer tap in the external bridge.', zh: '一个正常的浮动 IP 需要：qg- 上的 /32、neutron-l3-agent-PREROUTING 和 OUTPUT 里的 DNAT、neutron-l3-agent-float-snat 里的 SNAT，以及外部网桥里 qg- 对端的 tap。' },
    { en: 'Match the symptom to a direction: inbound to the floating IP, or the instance\'s own outbound connections.', zh: '先判断故障是哪个方向：从外面访问浮动 IP，还是实例自己主动往外连。' },
    { en: 'Check each item of the first hint against the outputs; exactly one is missing.', zh: '拿第一条提示里的每一项去对照输出，正好缺了一项。' },
  ],
  explain: (w) => {
    const fix = w.facts.fault.fix(w.facts.target);
    const gw = gatewayView(w.cloud, w.facts.target.router!);
    return paragraphs(
      {
        en: `The injected fault: ${w.facts.fault.name.en}. For ${w.facts.fip} the router needs ${w.facts.fip}/32 on ${gw.dev} (ARP answers and GARPs with ${gw.dev}'s MAC), the DNAT rules in neutron-l3-agent-PREROUTING and neutron-l3-agent-OUTPUT, the float-snat SNAT to ${w.facts.fip}, and ${gw.tap} in ${gw.bridge} so any of it reaches the wire. The outputs show exactly one of these missing. An operator's repair would be \`${fix.host}$ ${fix.command}\`; the agent's way is to resync the router (restart neutron-l3-agent, or update the router or floating IP), which re-applies the rules first and then the /32, as process_external does.`,
        zh: `注入的故障是：${w.facts.fault.name.zh}。要让 ${w.facts.fip} 正常，路由器需要：${gw.dev} 上的 ${w.facts.fip}/32（用 ${gw.dev} 的 MAC 应答 ARP、发免费 ARP），neutron-l3-agent-PREROUTING 和 neutron-l3-agent-OUTPUT 里的 DNAT，float-snat 里 SNAT 到 ${w.facts.fip} 的规则，以及 ${gw.bridge} 里的 ${gw.tap}，否则这些都到不了线路上。上面的输出里正好少了其中一样。运维手工修复可以执行 \`${fix.host}$ ${fix.command}\`；agent 的做法是重新同步路由器（重启 neutron-l3-agent，或者更新路由器/浮动 IP），像 process_external 那样先装规则、再加 /32。`,
      },
      SEED_NOTES['fip'],
      SEED_NOTES['extBridge'],
      THEN_VS_NOW['router'],
    );
  },
});
