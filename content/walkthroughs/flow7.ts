/** Flow 7, a VM reaching the external network: the router's gateway port, qg-, the default route and the SNAT rules. */
import { gatewayPortOf, names } from '../lookup.js';
import { tenantCloud } from '../scenarios.js';
import type { Text } from '../types.js';
import { dhcpPort, type FlowGuide, prefixOf, routerPorts, rulesIn, serverPort, sh, subjectOf, text } from './guide.js';

const guide: FlowGuide = {
  summary: text(
    'Setting an external gateway gives the router a port on the provider network: qg-<port[:11]> in the qrouter namespace, its veth peer in the provider network\'s brq bridge together with the physical NIC, and a default route via the external subnet\'s gateway. Instances without a floating IP reach the outside through one SNAT rule, `-o qg-… -j SNAT --to-source <gateway IP> --random-fully`, reached from POSTROUTING through neutron-postrouting-bottom.',
    '给路由器设置外部网关后，它在 provider 网络上多了一个端口：qrouter 命名空间里的 qg-<端口ID前11位>，其 veth 对端和物理网卡一起挂在 provider 网络的 brq 网桥上，另外还有一条经外部子网网关的默认路由。没有浮动 IP 的实例靠一条 SNAT 规则访问外网：`-o qg-… -j SNAT --to-source <网关IP> --random-fully`，从 POSTROUTING 经 neutron-postrouting-bottom 跳转过去。',
  ),
  setup(pick) {
    const t = tenantCloud(pick, { tenants: 1, gateway: true, instances: 1 });
    return { scenario: t.lines, computes: t.computes };
  },
  steps(cloud) {
    const router = cloud.db.routers[subjectOf(cloud, 7)]!;
    const port = gatewayPortOf(cloud, router);
    const ext = cloud.db.networks[port.networkId]!;
    const extSubnet = cloud.db.subnets[port.fixedIps[0]!.subnetId]!;
    const gwIp = port.fixedIps[0]!.ipAddress;
    const ns = names.routerNamespace(router.id);
    const qg = names.routerGatewayName(port.id);
    const tap = names.tapName(port.id);
    const brq = names.bridgeName(ext.id);
    const members = cloud.hosts['controller']!.root.links.filter((l) => l.master === brq).map((l) => l.name).sort();
    const role = (dev: string): Text => {
      if (dev === cloud.config.providerInterface) return text('the provider NIC', 'provider 网卡');
      if (dev === tap) return text(`the peer of ${qg}`, `${qg} 的对端`);
      const owner = Object.values(cloud.db.ports).find((p) => p.networkId === ext.id && names.tapName(p.id) === dev)?.deviceOwner;
      return owner === 'network:dhcp' ? text(`the DHCP port of ${ext.name}`, `${ext.name} 的 DHCP 端口`) : text(owner ?? 'another port', owner ?? '另一个端口');
    };
    const described = { en: members.map((m) => `${m} (${role(m).en})`).join(', '), zh: members.map((m) => `${m}（${role(m).zh}）`).join('、') };
    const extDhcp = dhcpPort(cloud, ext);
    const nat = rulesIn(cloud, ns, 'nat');
    const mangle = rulesIn(cloud, ns, 'mangle');
    const find = (rules: string[], test: (l: string) => boolean) => rules.find(test)!;
    const accept = find(nat, (l) => l.startsWith('-A neutron-l3-agent-POSTROUTING') && l.endsWith('-j ACCEPT'));
    const bottom = find(nat, (l) => l.startsWith('-A neutron-postrouting-bottom'));
    const snat = find(nat, (l) => l.startsWith(`-A neutron-l3-agent-snat -o ${qg} -j SNAT`));
    const hairpin = find(nat, (l) => l.startsWith('-A neutron-l3-agent-snat -m mark'));
    const mark = find(mangle, (l) => l.startsWith(`-A neutron-l3-agent-mark -i ${qg}`));
    const defaultRoute = sh(cloud, 'controller', `ip netns exec ${ns} ip route`).split('\n').find((l) => l.startsWith('default '))!;
    const qr = routerPorts(cloud, router)[0]!;
    const tenantGw = qr.fixedIps[0]!.ipAddress;
    const vm = Object.values(cloud.db.servers).find((s) => serverPort(cloud, s).networkId === qr.networkId)!;
    const vmIp = serverPort(cloud, vm).fixedIps[0]!.ipAddress;
    return [
      text(
        `\`openstack router set ${router.name} --external-gateway ${ext.name}\` creates a port with device_owner network:router_gateway on ${ext.name}. Its address is a random free one from the allocation pool, ${gwIp}, not the first: the lowest free address${extDhcp ? ` (${extDhcp.fixedIps[0]!.ipAddress})` : ''} went to the external network's DHCP port. \`--fixed-ip\` would pin it.`,
        `\`openstack router set ${router.name} --external-gateway ${ext.name}\` 在 ${ext.name} 上创建一个 device_owner 为 network:router_gateway 的端口。它的地址是从地址池里随机挑的空闲地址 ${gwIp}，而不是第一个：最小的空闲地址${extDhcp ? `（${extDhcp.fixedIps[0]!.ipAddress}）` : ''}已经给了外部网络的 DHCP 端口。要固定地址得用 \`--fixed-ip\`。`,
      ),
      text(
        `The L3 agent plugs a veth pair, ${qg} (qg-<port[:11]>) in ${ns} and ${tap} in the root namespace, with MTU ${ext.mtu} (a flat network has no VXLAN overhead). It adds ${gwIp}/${prefixOf(extSubnet.cidr)} to ${qg} and sends gratuitous ARPs for it.`,
        `L3 agent 插上一对 veth：${ns} 里的 ${qg}（qg-<端口ID前11位>）和根命名空间里的 ${tap}，MTU 为 ${ext.mtu}（flat 网络没有 VXLAN 开销）。它给 ${qg} 配上 ${gwIp}/${prefixOf(extSubnet.cidr)}，并为这个地址发免费 ARP。`,
      ),
      text(
        `It adds the default route through netlink: \`${defaultRoute}\`, via the external subnet's gateway_ip.`,
        `再通过 netlink 加默认路由：\`${defaultRoute}\`，下一跳是外部子网的 gateway_ip。`,
      ),
      text(
        `The Linux bridge agent puts ${tap} into ${brq} (brq<external network[:11]>), which already holds the provider NIC ${cloud.config.providerInterface} (physical_interface_mappings ${cloud.config.physicalNetwork}:${cloud.config.providerInterface}); ${brq} now has ${described.en}. A flat network has no VNI, and there is no br-ex with Linux bridge.`,
        `linuxbridge agent 把 ${tap} 加进 ${brq}（brq<外部网络ID前11位>），这个网桥里已经有 provider 网卡 ${cloud.config.providerInterface}（physical_interface_mappings ${cloud.config.physicalNetwork}:${cloud.config.providerInterface}）；现在 ${brq} 上是 ${described.zh}。flat 网络没有 VNI，Linux bridge 方案里也没有 br-ex。`,
      ),
      text(
        `The chain path in the namespace's nat table: POSTROUTING jumps to neutron-l3-agent-POSTROUTING, where \`${accept}\` accepts everything not leaving through qg- (unless DNATed), so east-west traffic is never SNATed. Then \`${bottom}\` leads to neutron-l3-agent-snat, whose first rule jumps to neutron-l3-agent-float-snat (flow 8).`,
        `命名空间 nat 表里的链路径：POSTROUTING 先跳到 neutron-l3-agent-POSTROUTING，其中 \`${accept}\` 放过所有不从 qg- 出去（且没有做过 DNAT）的流量，所以东西向流量永远不会被 SNAT。接着 \`${bottom}\` 进入 neutron-l3-agent-snat，它的第一条规则先跳到 neutron-l3-agent-float-snat（见第八部分）。`,
      ),
      text(
        `The SNAT rule itself: \`${snat}\`. It is SNAT to the gateway port's fixed IP, not MASQUERADE, and --random-fully (default since Train with iptables 1.6.0 or later) randomises the source ports to avoid conntrack collisions.`,
        `SNAT 规则本身：\`${snat}\`。用的是 SNAT，目标是网关端口的固定 IP，不是 MASQUERADE；--random-fully（Train 起在 iptables ≥ 1.6.0 时默认加上）随机化源端口，避免 conntrack 冲突。`,
      ),
      text(
        `Next to it, the hairpin rule \`${hairpin}\`: traffic that was DNATed to a floating IP but did not come in on qg- (mangle \`${mark}\` marks what does) is SNATed to ${gwIp} too, so the reply comes back through the router.`,
        `旁边还有一条 hairpin 规则 \`${hairpin}\`：被 DNAT 到浮动 IP、但不是从 qg- 进来的流量（从 qg- 进来的会被 mangle 规则 \`${mark}\` 打上标记）也会被 SNAT 成 ${gwIp}，这样回包才会经过路由器。`,
      ),
      text(
        `A packet from ${vm.name} (${vmIp}) to 8.8.8.8 goes to its gateway ${tenantGw}, enters on ${names.routerInterfaceName(qr.id)}, follows the default route out of ${qg} and is SNATed to ${gwIp} on the way, then leaves through ${tap}, ${brq} and ${cloud.config.providerInterface}. conntrack rewrites the reply back to ${vmIp}.`,
        `${vm.name}（${vmIp}）发往 8.8.8.8 的报文先交给网关 ${tenantGw}，从 ${names.routerInterfaceName(qr.id)} 进入，按默认路由从 ${qg} 出去，出去时被 SNAT 成 ${gwIp}，再经 ${tap}、${brq}、${cloud.config.providerInterface} 离开。回包由 conntrack 改回 ${vmIp}。`,
      ),
      text(
        'With `--disable-snat` only the `-o qg-… -j SNAT` rule (and its mangle CONNMARK companion) goes away; the ACCEPT rule, the hairpin rule, the metadata REDIRECT and all floating-IP rules stay. IPv6 is never NATed: IPv6 tenant subnets are routed as they are.',
        '加 `--disable-snat` 时只有 `-o qg-… -j SNAT` 这一条（以及 mangle 里配套的 CONNMARK 规则）会消失；ACCEPT 规则、hairpin 规则、元数据 REDIRECT 和所有浮动 IP 规则都还在。IPv6 永远不做 NAT，IPv6 租户子网直接路由。',
      ),
    ];
  },
  interviewVsReality: [
    {
      expected: text(
        'When the packet leaves through qg, the router does a source NAT to its interface address (a MASQUERADE in POSTROUTING).',
        '数据包从 qg 发出时做一次源地址转换，改成路由器接口地址（POSTROUTING 里的 MASQUERADE）。',
      ),
      actually: text(
        'It is `-o qg-… -j SNAT --to-source <gateway port IP> --random-fully` in neutron-l3-agent-snat, reached through neutron-postrouting-bottom after the jump to neutron-l3-agent-float-snat. There is also a hairpin SNAT rule (mark 0x2), and an ACCEPT rule in neutron-l3-agent-POSTROUTING keeps east-west traffic out of SNAT.',
        '实际是 neutron-l3-agent-snat 里的 `-o qg-… -j SNAT --to-source <网关端口IP> --random-fully`，经 neutron-postrouting-bottom 跳过来，而且排在跳转 neutron-l3-agent-float-snat 之后。另外还有一条 hairpin SNAT 规则（mark 0x2），neutron-l3-agent-POSTROUTING 里的 ACCEPT 规则则让东西向流量不走 SNAT。',
      ),
    },
    {
      expected: text('The external network hangs off br-ex.', '外部网络接在 br-ex 上。'),
      actually: text(
        'With Linux bridge it is brq<external network[:11]>, which holds the physical NIC (eth1 for a flat network, eth1.<vlan> for VLAN) and the tap peer of qg-. The L3 agent option external_network_bridge was removed in Stein.',
        'Linux bridge 方案里是 brq<外部网络ID前11位>，里面有物理网卡（flat 网络是 eth1，VLAN 网络是 eth1.<vlan>）和 qg- 的 tap 对端。L3 agent 的 external_network_bridge 选项在 Stein 就删掉了。',
      ),
    },
    {
      expected: text('The router gateway gets the first address of the external pool.', '路由器网关拿外部地址池的第一个地址。'),
      actually: text(
        'It gets a random free address from the pool unless `--fixed-ip` is given; the lowest free address usually went to the external network\'s DHCP port.',
        '除非指定 `--fixed-ip`，它拿的是地址池里随机的空闲地址；最小的空闲地址一般已经被外部网络的 DHCP 端口占了。',
      ),
    },
    {
      expected: text(
        'A tap device appears in the router namespace and forms a veth pair with a tap on the host.',
        '路由器命名空间里生成一个 tap 设备，和宿主机上的 tap 设备组成 veth 对。',
      ),
      actually: text(
        'Inside the namespace the device is qg-<port[:11]>; only its peer in the root namespace is called tap<port[:11]>, and that peer is a port of the external network\'s brq bridge.',
        '命名空间里的设备叫 qg-<端口ID前11位>；只有根命名空间里的对端才叫 tap<端口ID前11位>，它是外部网络 brq 网桥上的一个端口。',
      ),
    },
  ],
};

export default guide;
