/** Flow 7 drill: an instance without a floating IP cannot reach the internet; read the router and bridge state and name the fault. */
import { faultById, faultContext } from '../../faults.js';
import { shown } from '../../kinds/common.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import { egressWorks, GATEWAY_TAP_OUT, nameDrill, type NameDrillFacts, PROVIDER_NIC_OUT } from './_faults.js';
import { gatewayView, SEED_NOTES } from './_helpers.js';

interface Facts extends NameDrillFacts { server: string; router: string }

const FAULTS = [faultById('snat-rule-missing'), faultById('router-default-route-missing'), GATEWAY_TAP_OUT, PROVIDER_NIC_OUT];

export default nameDrill<Facts>({
  id: 'f7-name-egress-fault',
  flow: 7,
  difficulty: 3,
  title: { en: 'Drill: no internet from an instance — what is broken on the network node?', zh: '排障：实例上不了外网——网络节点上哪里坏了？' },
  faults: FAULTS,
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(1, 2), instances: 1, gateway: true });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => {
    const server = Object.values(world.cloud.db.servers)[0]!;
    const target = faultContext(world.cloud, server);
    if (!egressWorks(target)) throw new Error('f7-name-egress-fault: the healthy cloud does not reach the internet');
    const fault = pick.one(FAULTS.filter((f) => f.applies(target)));
    fault.inject(target);
    if (fault.healthy(target)) throw new Error(`f7-name-egress-fault: ${fault.id} did not break egress`);
    return { fault, target, offered: FAULTS.map((f) => f.id), server: server.name, router: target.router!.name };
  },
  symptom: (w) => ({
    en: `"${w.facts.server}" has its address and pings its gateway, but nothing on the internet answers.`,
    zh: `“${w.facts.server}” 拿到了地址，也能 ping 通网关，但外网没有任何回应。`,
  }),
  prompt: (w) => ({
    en: `"${w.facts.server}" (no floating IP) sits behind router "${w.facts.router}", which has an external gateway with SNAT enabled. It used to reach the internet; now it does not. The operator collected the outputs below on the controller. Which fault explains it?`,
    zh: `“${w.facts.server}”（没有浮动 IP）在路由器 “${w.facts.router}” 后面，路由器设置了外部网关并开启了 SNAT。它以前能上外网，现在不行了。运维在控制节点上收集了下面这些输出。是哪个故障？`,
  }),
  context: (w) => {
    const ns = names.routerNamespace(w.facts.target.router!.id);
    return [
      shown(w, 'controller', `openstack router show ${w.facts.router} -c external_gateway_info`),
      shown(w, 'controller', `ip netns exec ${ns} ip route`),
      shown(w, 'controller', `ip netns exec ${ns} iptables -t nat -S`),
      shown(w, 'controller', 'brctl show'),
    ];
  },
  hints: () => [
    { en: 'Walk the path out: qr- -> routing (a default route?) -> nat POSTROUTING (an SNAT rule for the gateway?) -> qg- -> its tap -> the external bridge -> the provider NIC.', zh: '顺着出去的路径走一遍：qr- -> 路由（有没有默认路由？）-> nat POSTROUTING（有没有网关的 SNAT 规则？）-> qg- -> 它的 tap -> 外部网桥 -> 物理网卡。' },
    { en: 'The external bridge should hold two interfaces on the network node: the physical NIC and the tap whose name matches the qg- device.', zh: '网络节点上外部网桥里应该有两个接口：物理网卡，以及名字和 qg- 对应的那个 tap。' },
    { en: 'neutron-l3-agent-snat needs three rules with SNAT enabled: the float-snat jump, the -o qg- SNAT and the hairpin SNAT.', zh: '开启 SNAT 时 neutron-l3-agent-snat 里应有三条规则：跳 float-snat、-o qg- 的 SNAT 和 hairpin SNAT。' },
  ],
  explain: (w) => {
    const fix = w.facts.fault.fix(w.facts.target);
    const gw = gatewayView(w.cloud, w.facts.target.router!);
    return paragraphs(
      {
        en: `The injected fault: ${w.facts.fault.name.en}. A healthy path out for ${w.facts.server} needs all four: \`default via ${gw.extGateway} dev ${gw.dev} proto static\` in ${gw.ns}; \`-A neutron-l3-agent-snat -o ${gw.dev} -j SNAT --to-source ${gw.ip} --random-fully\`; ${gw.tap} in ${gw.bridge}; and ${w.cloud.config.providerInterface} in ${gw.bridge}. One of them is missing in the outputs above. A fix on the node: \`${fix.host}$ ${fix.command}\`. In production you would rather let the agents rebuild it: restarting neutron-l3-agent (or any router update) rewrites the routes and NAT rules, and restarting neutron-linuxbridge-agent re-plugs the bridges.`,
        zh: `注入的故障是：${w.facts.fault.name.zh}。${w.facts.server} 要出得去，这四样缺一不可：${gw.ns} 里的 \`default via ${gw.extGateway} dev ${gw.dev} proto static\`；\`-A neutron-l3-agent-snat -o ${gw.dev} -j SNAT --to-source ${gw.ip} --random-fully\`；${gw.bridge} 里的 ${gw.tap}；以及 ${gw.bridge} 里的 ${w.cloud.config.providerInterface}。上面的输出里正好少了其中一样。在节点上的修法：\`${fix.host}$ ${fix.command}\`。生产环境里更推荐让 agent 自己重建：重启 neutron-l3-agent（或者任意一次路由器更新）会重写路由和 NAT 规则，重启 neutron-linuxbridge-agent 会重新把设备挂上网桥。`,
      },
      SEED_NOTES['extBridge'],
      THEN_VS_NOW['router'],
    );
  },
});
