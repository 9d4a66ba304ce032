/**
 * Flow 3: a security group rule is added to the project's default group;
 * which iptables lines appear on one compute node? The right lines are read
 * from that node's `iptables -S` (the per-port `i…` chains gained the rule);
 * the wrong ones are the same rule in the egress chain, with ACCEPT, in the
 * router, or in a chain that lives on another node.
 */
import { choiceFamily } from '../../kinds/choice.js';
import { shown } from '../../kinds/common.js';
import { names, portOf } from '../../lookup.js';
import { paragraphs } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';

/** Rules a learner is typically asked to add, as `security group rule create` arguments. */
const RULES = [
  '--proto icmp',
  '--proto tcp --dst-port 22',
  '--proto tcp --dst-port 8000:8080',
  '--proto udp --dst-port 53 --remote-ip 10.0.0.0/8',
  '--proto tcp --dst-port 443 --remote-ip 198.51.100.0/24',
];

interface Facts { rule: string; host: string; servers: string[]; elsewhere: string[] }

/** The per-port ingress chain of an instance's port, as `iptables -S` names it. */
const ingressChain = (portId: string) => `neutron-linuxbri-i${names.tapName(portId).slice(3, 13)}`;

/** Lines of the ingress chains on the node that are not part of every port's skeleton: the group's own rules. */
function ruleLines(w: World<Facts>): string[] {
  const chains = w.facts.servers.map((s) => ingressChain(portOf(w.cloud, w.cloud.db.servers[s]!).id));
  return w.run(w.facts.host, 'iptables -S').split('\n').filter((l) => {
    const chain = l.split(' ')[1];
    return l.startsWith('-A ') && chains.includes(chain ?? '') && !/--state|--sport 67|--match-set|sg-fallback/.test(l);
  });
}

export default choiceFamily<Facts>({
  id: 'f3-sg-rule',
  flow: 3,
  difficulty: 3,
  multiple: true,
  title: { en: 'A security group rule, as iptables lines on a compute node', zh: '一条安全组规则在计算节点上变成哪些 iptables 规则' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: 1, instances: pick.between(2, 3), computes: [2, 3] });
    return { scenario: [...t.lines, '. demo-openrc', `openstack security group rule create ${pick.one(RULES)} default`], computes: t.computes };
  },
  facts: (world, pick) => {
    const servers = Object.values(world.cloud.db.servers).filter((s) => s.host !== null);
    const host = pick.one(servers).host!;
    // The rule the scenario added: the only one with a protocol, written back as the command's arguments.
    const added = Object.values(world.cloud.db.securityGroups).flatMap((g) => g.rules).find((r) => r.protocol !== null)!;
    const ports = added.portRangeMin === null ? '' : ` --dst-port ${added.portRangeMin}${added.portRangeMax !== added.portRangeMin ? `:${added.portRangeMax}` : ''}`;
    const remote = added.remoteIpPrefix && added.remoteIpPrefix !== '0.0.0.0/0' ? ` --remote-ip ${added.remoteIpPrefix}` : '';
    const rule = `--proto ${added.protocol}${ports}${remote}`;
    return { rule, host, servers: servers.filter((s) => s.host === host).map((s) => s.id), elsewhere: servers.filter((s) => s.host !== host).map((s) => s.id) };
  },
  prompt: (w) => ({
    en: `The project's instances use its default security group. Someone ran \`openstack security group rule create ${w.facts.rule} default\`. Which of these lines does \`iptables -S\` on ${w.facts.host} show now? Select every one that is there.`,
    zh: `这个项目的实例都用默认安全组。有人执行了 \`openstack security group rule create ${w.facts.rule} default\`。现在在 ${w.facts.host} 上执行 \`iptables -S\`，下面哪些行会出现？请选出所有存在的行。`,
  }),
  context: (w) => [
    shown(w, 'controller', 'openstack port list --device-owner compute:nova -c ID -c "Fixed IP Addresses"'),
    shown(w, w.facts.host, 'brctl show'),
    shown(w, 'controller', 'openstack security group rule list default -c "IP Protocol" -c "IP Range" -c "Port Range" -c Direction'),
  ],
  options: (w) => {
    const right = ruleLines(w);
    const spec = right[0]!.split(' ').slice(2).join(' ');
    const port = portOf(w.cloud, w.cloud.db.servers[w.facts.servers[0]!]!);
    const device = names.tapName(port.id).slice(3, 13);
    const present = new Set(w.run(w.facts.host, 'iptables -S').split('\n'));
    const wrong = [
      `-A neutron-linuxbri-o${device} ${spec}`,
      `-A neutron-linuxbri-i${device} ${spec.replace(/-j RETURN$/, '-j ACCEPT')}`,
      `-A neutron-l3-agent-FORWARD ${spec}`,
      ...w.facts.elsewhere.map((s) => `-A ${ingressChain(portOf(w.cloud, w.cloud.db.servers[s]!).id)} ${spec}`),
    ].filter((l) => !present.has(l));
    return { right, wrong: wrong.slice(0, 5) };
  },
  whyWrong: (w, option) => {
    if (option.startsWith('-A neutron-linuxbri-o')) return { en: 'The o… chain filters what leaves the instance (physdev-in); an ingress rule goes into the i… chain, which filters what goes to it (physdev-out).', zh: 'o… 链过滤从实例发出去的流量（physdev-in）；入方向规则进的是 i… 链，它过滤发往实例的流量（physdev-out）。' };
    if (option.endsWith('-j ACCEPT')) return { en: 'Per-port chains end a match with RETURN; the ACCEPT comes afterwards, as the last rule of neutron-linuxbri-sg-chain.', zh: '每个端口的链匹配后用 RETURN 返回；真正的 ACCEPT 在后面，是 neutron-linuxbri-sg-chain 的最后一条。' };
    if (option.includes('l3-agent')) return { en: 'Security groups are enforced at the instance\'s port on its compute node (iptables on the bridge, via physdev), not in the router namespace.', zh: '安全组是在实例所在计算节点的端口上生效的（网桥上的 iptables，靠 physdev 匹配），不在路由器命名空间里。' };
    const other = w.facts.elsewhere.map((s) => w.cloud.db.servers[s]!).find((s) => option.includes(ingressChain(portOf(w.cloud, s).id)));
    if (other) return { en: `That chain belongs to ${other.name}'s port, which lives on ${other.host}: each node only holds the chains of its own ports.`, zh: `这条链属于 ${other.name} 的端口，它在 ${other.host} 上：每个节点只保存自己端口的链。` };
    return undefined;
  },
  hints: (w) => [
    { en: 'The Linux bridge agent on each compute node keeps one i… (to the VM) and one o… (from the VM) chain per port.', zh: '每个计算节点上的 linuxbridge agent 为每个端口维护一条 i…（进实例）和一条 o…（出实例）链。' },
    { en: 'A chain name is neutron-linuxbri- plus i or o plus the tap name without "tap", cut to 10 characters.', zh: '链名是 neutron-linuxbri- 加 i 或 o，再加去掉 “tap” 的 tap 名，截成 10 个字符。' },
    { en: `Only ports on ${w.facts.host} have chains there, and rules in those chains end with -j RETURN.`, zh: `只有 ${w.facts.host} 上的端口在那里有链，链里的规则都以 -j RETURN 结尾。` },
  ],
  explain: (w) => {
    const lines = ruleLines(w);
    return paragraphs(
      {
        en: `neutron-server stored the rule and cast security_groups_rule_updated; every Linux bridge agent with a port in the group asked for the group's rules again (security_group_info_for_devices) and rebuilt those ports' chains in one iptables-restore. On ${w.facts.host} that is:\n${lines.join('\n')}\nAn ingress rule lands in the i… chain of each member port on the node, after the RELATED,ESTABLISHED and DHCP rules and the ipset match of the group's own members, and before the INVALID drop and the jump to sg-fallback. A remote prefix becomes -s; tcp and udp rules load their match module (-m tcp); a port range uses -m multiport. The chain RETURNs, and neutron-linuxbri-sg-chain ACCEPTs at its end. Replies need no rule: the chains are stateful (RELATED,ESTABLISHED).`,
        zh: `neutron-server 保存规则后 cast 了 security_groups_rule_updated；每个有端口在该组里的 linuxbridge agent 重新获取组规则（security_group_info_for_devices），并用一次 iptables-restore 重建这些端口的链。在 ${w.facts.host} 上就是：\n${lines.join('\n')}\n入方向规则进入该节点上每个成员端口的 i… 链，排在 RELATED,ESTABLISHED、DHCP 规则和“本组成员” ipset 匹配之后，在 INVALID 丢弃和跳转 sg-fallback 之前。远端前缀变成 -s；tcp 和 udp 规则会加载对应的匹配模块（-m tcp）；端口范围用 -m multiport。链里用 RETURN，真正的 ACCEPT 在 neutron-linuxbri-sg-chain 的最后。回包不需要规则：这些链是有状态的（RELATED,ESTABLISHED）。`,
      },
      {
        en: 'What interviewers expect: "security groups are iptables rules on the compute node". True for the iptables firewall driver that the Linux bridge agent uses; with Open vSwitch and firewall_driver = openvswitch they are OpenFlow rules with conntrack instead, and no iptables chains exist. A new instance in the default group cannot be pinged from outside until such a rule exists: the default group only admits traffic from its own members.',
        zh: '面试官期望的说法：“安全组就是计算节点上的 iptables 规则”。对 linuxbridge agent 使用的 iptables 防火墙驱动来说是对的；如果用 Open vSwitch 并且 firewall_driver = openvswitch，则是带 conntrack 的 OpenFlow 规则，根本没有 iptables 链。默认安全组只放行本组成员的流量，所以在加这样的规则之前，外部 ping 不通新实例。',
      },
    );
  },
});
