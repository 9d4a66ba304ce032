/** Flow 8, a floating IP: the unbound network:floatingip port, the three NAT rules, the /32 on qg- and its gratuitous ARPs. */
import { gatewayPortOf, names } from '../lookup.js';
import { tenantCloudSafe } from '../families/flow7/_helpers.js';
import { type FlowGuide, routerPorts, rulesIn, sh, subjectOf, text } from './guide.js';

const guide: FlowGuide = {
  summary: text(
    'A floating IP is an address on an unbound port of the external network. Associating it with an instance makes the L3 agent install three NAT rules in the router namespace (DNAT in PREROUTING and OUTPUT, SNAT in float-snat), add the address as a /32 on qg- and announce it with gratuitous ARPs. The instance itself never sees the floating IP.',
    '浮动 IP 就是外部网络上一个不绑定主机的端口的地址。把它关联到实例后，L3 agent 在路由器命名空间里装三条 NAT 规则（PREROUTING 和 OUTPUT 里的 DNAT，float-snat 里的 SNAT），把地址以 /32 加到 qg- 上，再发免费 ARP 通告出去。实例本身始终看不到浮动 IP。',
  ),
  setup(pick) {
    const t = tenantCloudSafe(pick, { tenants: 1, instances: pick.between(1, 2), fips: 1 });
    return { scenario: t.lines, computes: t.computes };
  },
  steps(cloud) {
    const fip = cloud.db.floatingIps[subjectOf(cloud, 8)]!;
    const router = cloud.db.routers[fip.routerId!]!;
    const ext = cloud.db.networks[fip.floatingNetworkId]!;
    const vmPort = cloud.db.ports[fip.portId!]!;
    const vm = cloud.db.servers[vmPort.deviceId]!;
    const net = cloud.db.networks[vmPort.networkId]!;
    const gw = gatewayPortOf(cloud, router);
    const gwIp = gw.fixedIps[0]!.ipAddress;
    const ns = names.routerNamespace(router.id);
    const qg = names.routerGatewayName(gw.id);
    const address = fip.floatingIpAddress;
    const qr = names.routerInterfaceName(routerPorts(cloud, router).find((p) => p.networkId === net.id)!.id);
    const fixed = fip.fixedIpAddress!;
    const nat = rulesIn(cloud, ns, 'nat');
    const rule = (chain: string, match: string) => nat.find((l) => l.startsWith(`-A ${chain} ${match}`))!;
    const pre = rule('neutron-l3-agent-PREROUTING', `-d ${address}/32`);
    const out = rule('neutron-l3-agent-OUTPUT', `-d ${address}/32`);
    const fsnat = rule('neutron-l3-agent-float-snat', `-s ${fixed}/32`);
    const inet = sh(cloud, 'controller', `ip netns exec ${ns} ip addr show ${qg}`).split('\n').map((l) => l.trim()).find((l) => l.startsWith(`inet ${address}/32`))!;
    const guestInet = sh(cloud, vm.name, 'ip addr').split('\n').map((l) => l.trim()).filter((l) => l.startsWith('inet ') && !l.startsWith('inet 127.'));
    return [
      text(
        `\`openstack floating ip create\` takes ${address} on ${ext.name} (pinned with --floating-ip-address here; otherwise a random free address of the pool). It lives on a port with device_owner network:floatingip and device_id ${fip.id} that is never bound: no host, no tap, never in a DHCP host file. The floating IP starts DOWN.`,
        `\`openstack floating ip create\` 在 ${ext.name} 上拿到 ${address}（本例用 --floating-ip-address 指定；不指定就是地址池里随机的空闲地址）。它挂在一个 device_owner 为 network:floatingip、device_id 为 ${fip.id} 的端口上，这个端口从不绑定：没有主机，没有 tap，也不会出现在任何 DHCP host 文件里。浮动 IP 初始状态是 DOWN。`,
      ),
      text(
        `\`openstack server add floating ip ${vm.name} ${address}\` sets port_id (the port of ${vm.name}), fixed_ip_address ${fixed} and router_id: ${router.name} is the router with an interface on the fixed IP's subnet and a gateway on ${ext.name}. Without such a router the association fails because the external network is not reachable from the subnet.`,
        `\`openstack server add floating ip ${vm.name} ${address}\` 写入 port_id（${vm.name} 的端口）、fixed_ip_address ${fixed} 和 router_id：${router.name} 就是那个既有接口连着固定 IP 所在子网、又有网关在 ${ext.name} 上的路由器。找不到这样的路由器，关联就会失败，报外部网络从该子网不可达。`,
      ),
      text(
        `routers_updated reaches the L3 agent, and process_external installs the NAT rules first: \`${pre}\`, \`${out}\` and \`${fsnat}\`.`,
        `routers_updated 到达 L3 agent，process_external 先装 NAT 规则：\`${pre}\`、\`${out}\` 和 \`${fsnat}\`。`,
      ),
      text(
        `Only then does it add the address to the gateway interface: \`${inet}\`. It sends gratuitous ARPs (arping -U and -A, 3 rounds, 2 s apart) from ${qg} with the qg- MAC ${gw.macAddress}: that MAC answers for the floating IP, never the floating-IP port's own MAC.`,
        `然后才把地址加到网关接口上：\`${inet}\`。接着从 ${qg} 用 qg- 的 MAC ${gw.macAddress} 发免费 ARP（arping -U 和 -A，3 轮，间隔 2 秒）：替浮动 IP 应答 ARP 的是这个 MAC，而不是浮动 IP 端口自己的 MAC。`,
      ),
      text(
        'The agent reports update_floatingip_statuses and the floating IP goes from DOWN to ACTIVE.',
        'agent 调用 update_floatingip_statuses 上报，浮动 IP 从 DOWN 变成 ACTIVE。',
      ),
      text(
        `Inbound: a host outside sends to ${address}; the packet arrives on ${qg} through ${names.bridgeName(ext.id)}, PREROUTING DNATs it to ${fixed}, and it is routed out of ${qr} into ${names.bridgeName(net.id)} and across VXLAN to ${vm.host}. conntrack rewrites the reply's source back to ${address}.`,
        `入方向：外部主机发往 ${address}，报文经 ${names.bridgeName(ext.id)} 到达 ${qg}，PREROUTING 把它 DNAT 成 ${fixed}，再从 ${qr} 路由出去，进入 ${names.bridgeName(net.id)}，经 VXLAN 到 ${vm.host}。回包的源地址由 conntrack 改回 ${address}。`,
      ),
      text(
        `Outbound: the first rule of neutron-l3-agent-snat jumps to neutron-l3-agent-float-snat, so \`-s ${fixed}/32\` matches before the router's \`-o ${qg} -j SNAT\` rule. ${vm.name} reaches the outside as ${address}, not as the gateway address ${gwIp}.`,
        `出方向：neutron-l3-agent-snat 的第一条规则先跳到 neutron-l3-agent-float-snat，所以 \`-s ${fixed}/32\` 会先于路由器的 \`-o ${qg} -j SNAT\` 规则匹配。${vm.name} 出去时的源地址是 ${address}，而不是网关地址 ${gwIp}。`,
      ),
      text(
        `The OUTPUT rule exists because packets generated inside the namespace, such as \`ip netns exec ${ns} ping ${address}\` or the metadata proxy, skip PREROUTING.`,
        `之所以还有 OUTPUT 那条规则，是因为命名空间自己发出的报文（比如 \`ip netns exec ${ns} ping ${address}\`，或者元数据代理发的）不经过 PREROUTING。`,
      ),
      text(
        `Hairpin: another instance on ${net.name} that connects to ${address} is DNATed to ${fixed} and leaves again through ${qr}, not qg-. Its packets never got mark 0x2, so the hairpin rule SNATs them to ${gwIp}, and the reply returns through the router instead of going straight between the two instances.`,
        `Hairpin：${net.name} 上另一台实例访问 ${address}，被 DNAT 成 ${fixed} 后又从 ${qr} 出去，而不是从 qg-。这些报文没有被打上 0x2 标记，于是 hairpin 规则把源地址 SNAT 成 ${gwIp}，回包就会经过路由器，而不是在两台实例之间直接返回。`,
      ),
      text(
        `The guest never sees the floating IP: \`ip addr\` in ${vm.name} shows only ${guestInet.map((l) => `\`${l}\``).join(', ')}.`,
        `虚拟机看不到浮动 IP：在 ${vm.name} 里执行 \`ip addr\`，只有 ${guestInet.map((l) => `\`${l}\``).join('、')}。`,
      ),
    ];
  },
  interviewVsReality: [
    {
      expected: text(
        'An IP is added on the router\'s qg port and NAT is done on the router (a DNAT rule in PREROUTING).',
        '在路由器 namespace 的 qg 端口上加一个 IP，在 router 上做 NAT（PREROUTING 里一条 DNAT）。',
      ),
      actually: text(
        'There are three rules: DNAT in neutron-l3-agent-PREROUTING and in neutron-l3-agent-OUTPUT, and `-s <fixed>/32 -j SNAT --to-source <FIP> --random-fully` in neutron-l3-agent-float-snat. They are installed before the FIP/32 is added to qg-, and gratuitous ARPs follow.',
        '实际上有三条规则：neutron-l3-agent-PREROUTING 和 neutron-l3-agent-OUTPUT 里各一条 DNAT，neutron-l3-agent-float-snat 里一条 `-s <固定IP>/32 -j SNAT --to-source <浮动IP> --random-fully`。规则先装好，然后才把 FIP/32 加到 qg- 上，最后发免费 ARP。',
      ),
    },
    {
      expected: text('The floating IP is configured inside the VM.', '浮动 IP 配在虚拟机里面。'),
      actually: text(
        'The guest only has its fixed IP. The floating IP exists only as a /32 on qg- and in the NAT rules of the router namespace.',
        '虚拟机里只有固定 IP。浮动 IP 只以 /32 的形式存在于 qg- 上，以及路由器命名空间的 NAT 规则里。',
      ),
    },
    {
      expected: text('The floating IP port\'s MAC answers ARP for the floating IP.', '浮动 IP 端口的 MAC 负责应答浮动 IP 的 ARP。'),
      actually: text(
        'qg- answers with its own MAC (the router gateway port\'s); the network:floatingip port is never bound and its MAC never appears on the wire.',
        '应答的是 qg- 自己的 MAC（路由器网关端口的 MAC）；network:floatingip 端口从不绑定，它的 MAC 从来不会出现在线路上。',
      ),
    },
    {
      expected: text('An instance with a floating IP goes out through the router\'s SNAT address.', '有浮动 IP 的实例出外网时用的是路由器的 SNAT 地址。'),
      actually: text(
        'neutron-l3-agent-float-snat is checked first, so it leaves with its floating IP; only instances without one use the gateway address.',
        'neutron-l3-agent-float-snat 先匹配，所以它出去时用的是自己的浮动 IP；只有没有浮动 IP 的实例才用网关地址。',
      ),
    },
  ],
};

export default guide;
