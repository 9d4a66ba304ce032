/** Flow 5: the security-group rules on the compute node that let the instance's DHCP through and stop it from answering DHCP itself. */
import { shown } from '../../kinds/common.js';
import { linesFamily } from '../../kinds/lines.js';
import { names, portOf, serverNamed } from '../../lookup.js';
import { paragraphs, THEN_VS_NOW } from '../../notes.js';
import { tenantCloud } from '../../scenarios.js';
import type { World } from '../../types.js';
import { type InstanceFacts } from './_helpers.js';

/** The instance's per-port chains, read from the sg-chain jumps on its compute node. */
function chains(w: World<InstanceFacts>): { host: string; tap: string; ingress: string; egress: string } {
  const server = serverNamed(w.cloud, w.facts.server);
  const tap = names.tapName(portOf(w.cloud, server).id);
  const sg = w.run(server.host!, 'iptables -S neutron-linuxbri-sg-chain').split('\n');
  const jump = (dir: 'in' | 'out') => /-j (\S+)/.exec(sg.find((l) => l.includes(`--physdev-${dir} ${tap} `))!)![1]!;
  return { host: server.host!, tap, ingress: jump('out'), egress: jump('in') };
}

/** Every rule of those two chains that matches DHCP's UDP ports. */
function dhcpRules(w: World<InstanceFacts>): { egress: string[]; ingress: string[] } {
  const c = chains(w);
  const pick = (chain: string) => w.run(c.host, `iptables -S ${chain}`).split('\n').filter((l) => l.startsWith('-A') && /--sport 6[78] --dport 6[78]/.test(l));
  return { egress: pick(c.egress), ingress: pick(c.ingress) };
}

export default linesFamily<InstanceFacts>({
  id: 'f5-dhcp-secgroup',
  flow: 5,
  difficulty: 3,
  compare: 'iptables',
  label: { en: 'The rules, one per line, as `iptables -S` prints them (comments optional)', zh: '规则，每行一条，按 `iptables -S` 的格式（注释可省略）' },
  placeholder: '-A neutron-linuxbri-o… -p udp …',
  title: { en: 'Security-group rules for DHCP on the compute node', zh: '计算节点上与 DHCP 有关的安全组规则' },
  setup: (pick) => {
    const t = tenantCloud(pick, { tenants: pick.between(1, 2), instances: pick.between(1, 3), router: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  facts: (world, pick) => ({ server: pick.one(Object.values(world.cloud.db.servers)).name }),
  prompt: (w) => {
    const c = chains(w);
    return {
      en: `On ${c.host}, the Linux bridge agent's iptables firewall filters "${w.facts.server}" through the chains ${c.egress} (from the VM) and ${c.ingress} (to the VM). Write every rule of these two chains that deals with DHCP (UDP 67/68): the ones that let the instance's DHCP exchange through, and the one that stops the instance from acting as a DHCP server.`,
      zh: `在 ${c.host} 上，linuxbridge agent 的 iptables 防火墙用 ${c.egress}（虚拟机发出）和 ${c.ingress}（发往虚拟机）两条链过滤 “${w.facts.server}” 的流量。请写出这两条链里所有和 DHCP（UDP 67/68）有关的规则：放行实例 DHCP 交互的那些，以及阻止实例自己充当 DHCP 服务器的那一条。`,
    };
  },
  context: (w) => {
    const c = chains(w);
    return [
      shown(w, 'controller', `openstack port list --server ${w.facts.server} -c ID -c "MAC Address" -c "Fixed IP Addresses"`),
      shown(w, c.host, 'iptables -S neutron-linuxbri-sg-chain'),
      shown(w, c.host, `iptables -S ${c.egress.replace('neutron-linuxbri-o', 'neutron-linuxbri-s')}`),
    ];
  },
  expected: (w) => {
    const r = dhcpRules(w);
    return [...r.egress, ...r.ingress];
  },
  source: (w) => {
    const c = chains(w);
    return { host: c.host, command: `iptables -S ${c.egress}; iptables -S ${c.ingress}` };
  },
  hints: () => [
    { en: 'Egress: a DISCOVER comes from 0.0.0.0, so it must be allowed before the IP/MAC anti-spoofing jump; later DHCP client traffic is allowed again after it; and server replies (sport 67) from the VM are dropped.', zh: '出方向：DISCOVER 的源地址是 0.0.0.0，必须在 IP/MAC 防欺骗跳转之前放行；之后的 DHCP 客户端流量在防欺骗之后再放行一次；虚拟机发出的服务端应答（源端口 67）要丢弃。' },
    { en: 'Ingress: the replies from port 67 to 68 are allowed both to the instance\'s own address and to the broadcast address.', zh: '入方向：从 67 到 68 的应答，发往实例自己地址的和发往广播地址的都要放行。' },
    { en: 'Five rules in all; the egress ones end in RETURN, RETURN and DROP, the ingress ones in RETURN.', zh: '一共五条；出方向三条分别以 RETURN、RETURN、DROP 结尾，入方向两条都是 RETURN。' },
  ],
  explain: (w) => {
    const c = chains(w);
    const r = dhcpRules(w);
    const all = w.run(c.host, `iptables -S ${c.egress}`).split('\n').filter((l) => l.startsWith('-A'));
    return paragraphs(
      {
        en: `On ${c.host}, traffic bridged through ${c.tap} is sent by neutron-linuxbri-sg-chain to ${c.egress} (from the VM) and ${c.ingress} (to the VM). In ${c.egress}, in this order:\n${all.map((l, i) => `${i + 1}. ${l}`).join('\n')}\nThe first rule lets DHCPDISCOVER/REQUEST (0.0.0.0:68 -> 255.255.255.255:67) through before the anti-spoofing chain, which would otherwise drop a source of 0.0.0.0; after it, renewals from the instance's own address are allowed; then "Prevent DHCP Spoofing by VM" drops any reply (sport 67 -> dport 68) the instance might send, so a guest running its own DHCP server cannot hijack its neighbours. In ${c.ingress}, ${r.ingress.map((l) => `\`${l}\``).join(' and ')} let dnsmasq's OFFER/ACK in whether it is unicast to the fixed IP (the normal case) or broadcast (client broadcast flag, dhcp_broadcast_reply).`,
        zh: `在 ${c.host} 上，经过 ${c.tap} 桥接的流量由 neutron-linuxbri-sg-chain 分到 ${c.egress}（虚拟机发出）和 ${c.ingress}（发往虚拟机）。${c.egress} 里按顺序是：\n${all.map((l, i) => `${i + 1}. ${l}`).join('\n')}\n第一条在防欺骗链之前放行 DHCPDISCOVER/REQUEST（0.0.0.0:68 -> 255.255.255.255:67），否则源地址 0.0.0.0 会被防欺骗链丢掉；之后再放行实例用自己地址发的续租；接着 “Prevent DHCP Spoofing by VM” 丢弃实例发出的任何应答（源端口 67 -> 目的端口 68），这样虚拟机里即使跑了 DHCP 服务也劫持不了邻居。${c.ingress} 里的 ${r.ingress.map((l) => `\`${l}\``).join(' 和 ')} 让 dnsmasq 的 OFFER/ACK 进来，不管它是单播到固定 IP（通常情况），还是广播（客户端置了广播标志或开了 dhcp_broadcast_reply）。`,
      },
      {
        en: 'The seed never mentions security groups in the DHCP flow; the reference lists them among the first things to check when a VM gets no address. Note that the default security group\'s rules do not allow DHCP: these rules are added by the firewall driver for every port with port security, regardless of the groups.',
        zh: '资料里的 DHCP 流程完全没提安全组；参考资料把它列为虚拟机拿不到地址时最先要查的几项之一。注意：放行 DHCP 的并不是默认安全组里的规则，而是防火墙驱动给每个开了端口安全的端口自动加的，跟绑了哪些安全组无关。',
      },
      {
        en: 'With OVS the same rules exist as iptables (hybrid plug) or as OpenFlow in the native openvswitch firewall; with OVN they are ACLs translated to OpenFlow by ovn-controller.',
        zh: '换成 OVS 时，这些规则要么还是 iptables（hybrid plug），要么是原生 openvswitch 防火墙里的 OpenFlow；换成 OVN 则是由 ovn-controller 翻译成 OpenFlow 的 ACL。',
      },
      THEN_VS_NOW['linuxbridge'],
    );
  },
});
