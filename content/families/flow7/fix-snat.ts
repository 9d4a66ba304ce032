/** Flow 7 drill: an instance cannot reach the outside; find and fix what the router lost. */
import { shown } from '../../kinds/common.js';
import { troubleshootFamily, type TroubleFacts } from '../../kinds/troubleshoot.js';
import { faultById, faultContext } from '../../faults.js';
import { names } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';

interface Facts extends TroubleFacts { server: string; router: string }

export default troubleshootFamily<Facts>({
  id: 'f7-fix-snat',
  flow: 7,
  difficulty: 3,
  mode: 'fix',
  title: { en: 'Drill: an instance cannot reach the internet', zh: '排障：实例上不了外网' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: 1, gateway: true });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world) => {
    const server = Object.values(world.cloud.db.servers)[0]!;
    const target = faultContext(world.cloud, server);
    const fault = faultById('snat-rule-missing');
    fault.inject(target);
    return { fault, target, server: server.name, router: target.router!.name };
  },
  prompt: (w) => ({
    en: `"${w.facts.server}" has its address and can ping its gateway, but nothing on the internet answers. The router "${w.facts.router}" has an external gateway and SNAT is enabled. Look at the router's NAT table and give the command(s) that fix it, as \`HOST$ COMMAND\`.`,
    zh: `“${w.facts.server}” 拿到了地址，也能 ping 通网关，但访问外网没有任何回应。路由器 “${w.facts.router}” 设置了外部网关，SNAT 也是开启的。请查看路由器的 NAT 表，给出修复它的命令，写成 \`主机$ 命令\`。`,
  }),
  context: (w) => [
    shown(w, 'controller', `openstack router show ${w.facts.router} -c external_gateway_info`),
    shown(w, 'controller', `ip netns exec ${names.routerNamespace(w.facts.target.router!.id)} iptables -t nat -S`),
  ],
  hints: (w) => [
    { en: 'Compare the chain neutron-l3-agent-snat with what a router with SNAT enabled should have.', zh: '对照一下开启 SNAT 的路由器，neutron-l3-agent-snat 链里应该有什么。' },
    { en: `Traffic leaving through the gateway port must get the gateway's address as its source.`, zh: '从网关端口出去的流量，源地址要换成网关地址。' },
    { en: `The gateway device in ${names.routerNamespace(w.facts.target.router!.id)} is the qg- interface.`, zh: `${names.routerNamespace(w.facts.target.router!.id)} 里的网关设备是 qg- 接口。` },
  ],
  explain: (w) => {
    const fix = w.facts.fault.fix(w.facts.target);
    return paragraphs(
      {
        en: `The rule \`-o qg-… -j SNAT --to-source <gateway IP> --random-fully\` was missing from neutron-l3-agent-snat, so packets left with the instance's private source and the replies had nowhere to go. \`${fix.host}$ ${fix.command}\` puts it back. In a real cloud you would not hand-edit it: restarting neutron-l3-agent or any router update (\`openstack router set\`) makes the agent rebuild the chain, since _handle_router_snat_rules empties and re-adds it on every pass.`,
        zh: `neutron-l3-agent-snat 链里少了 \`-o qg-… -j SNAT --to-source <网关IP> --random-fully\`，所以包带着实例的私网源地址出去，回包回不来。\`${fix.host}$ ${fix.command}\` 可以补上。真实环境里一般不手工改：重启 neutron-l3-agent 或任何一次路由器更新（\`openstack router set\`）都会让 agent 重建这条链，因为 _handle_router_snat_rules 每次处理都会清空再重加。`,
      },
      THEN_VS_NOW['router'],
    );
  },
});
