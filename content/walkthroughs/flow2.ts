/** Flow 2, a tenant VXLAN network and its subnet: VNI, DHCP port, qdhcp namespace, brq bridge and vxlan device. */
import { names } from '../lookup.js';
import { tenantCloud } from '../scenarios.js';
import { dhcpPort, firstSubnet, type FlowGuide, managementIp, prefixOf, subjectOf, text } from './guide.js';

const guide: FlowGuide = {
  summary: text(
    'A tenant network gets a VNI and an MTU of 1450 but no device anywhere; its DHCP-enabled subnet is what makes things appear on the network node. The DHCP agent creates the DHCP port, the qdhcp namespace and a tap/ns- veth pair, and the Linux bridge agent creates vxlan-<VNI> and brq<net[:11]> and puts the tap into the bridge.',
    '租户网络创建后只分到一个 VNI 和 1450 的 MTU，任何主机上都还没有设备；真正让网络节点上出现设备的是开了 DHCP 的子网。DHCP agent 创建 DHCP 端口、qdhcp 命名空间和 tap/ns- 这对 veth，linuxbridge agent 创建 vxlan-<VNI> 和 brq<网络ID前11位>，再把 tap 挂进网桥。',
  ),
  setup(pick) {
    const t = tenantCloud(pick, { tenants: 1 });
    return { scenario: t.lines, computes: t.computes };
  },
  steps(cloud) {
    const net = cloud.db.networks[subjectOf(cloud, 2)]!;
    const subnet = firstSubnet(cloud, net);
    const port = dhcpPort(cloud, net);
    const vni = net.segmentationId!;
    const dhcpIp = port.fixedIps[0]!.ipAddress;
    const pool = subnet.allocationPools.map((p) => `${p.start}-${p.end}`).join(', ');
    const [lo, hi] = cloud.config.vniRange;
    const ns = names.dhcpNamespace(net.id);
    const tap = names.tapName(port.id);
    const nsDev = names.dhcpDeviceName(port.id);
    const brq = names.bridgeName(net.id);
    const vxlan = names.vxlanName(vni);
    const vtep = managementIp(cloud, 'controller');
    const underlay = cloud.config.managementInterface;
    return [
      text(
        `\`openstack network create ${net.name}\`: ML2's vxlan type driver takes a random free VNI from vni_ranges (${lo}:${hi} here), ${vni}, and the MTU is ${net.mtu} = 1500 − 20 (outer IPv4) − 30 (VXLAN overhead). Nothing is created on any host yet.`,
        `\`openstack network create ${net.name}\`：ML2 的 vxlan 类型驱动从 vni_ranges（这里是 ${lo}:${hi}）里随机取一个空闲 VNI，本例是 ${vni}；MTU 为 ${net.mtu} = 1500 − 20（外层 IPv4）− 30（VXLAN 封装开销）。这时任何主机上都还没有创建设备。`,
      ),
      text(
        `\`openstack subnet create\` ${subnet.name}: ${subnet.cidr}, gateway ${subnet.gatewayIp}, allocation pool ${pool}, DHCP enabled. neutron-server schedules the network to one DHCP agent (dhcp_agents_per_network = 1), the one on controller, and casts subnet_create_end to it.`,
        `\`openstack subnet create\` ${subnet.name}：${subnet.cidr}，网关 ${subnet.gatewayIp}，地址池 ${pool}，开启 DHCP。neutron-server 把网络调度给一个 DHCP agent（dhcp_agents_per_network = 1），即 controller 上的那个，并向它 cast subnet_create_end。`,
      ),
      text(
        `The DHCP agent creates its port: device_owner network:dhcp, device_id dhcp<uuid5 of the host>-<network id>, MAC ${port.macAddress}. IPAM gives a DHCP port the lowest free address of the pool: ${dhcpIp}.`,
        `DHCP agent 创建自己的端口：device_owner 为 network:dhcp，device_id 为 dhcp<主机名的 uuid5>-<网络ID>，MAC ${port.macAddress}。IPAM 给 DHCP 端口的是地址池里最小的空闲地址：${dhcpIp}。`,
      ),
      text(
        `It creates the namespace ${ns} (qdhcp-<full network UUID>) and a veth pair: ${tap} (tap<port[:11]>) stays in the root namespace, ${nsDev} (ns-<port[:11]>) moves into qdhcp. Only the ns- end carries the port MAC and ${dhcpIp}/${prefixOf(subnet.cidr)}; both ends get MTU ${net.mtu}.`,
        `接着创建命名空间 ${ns}（qdhcp-<完整网络UUID>）和一对 veth：${tap}（tap<端口ID前11位>）留在根命名空间，${nsDev}（ns-<端口ID前11位>）放进 qdhcp。只有 ns- 这一端带端口的 MAC 和 ${dhcpIp}/${prefixOf(subnet.cidr)}，两端的 MTU 都是 ${net.mtu}。`,
      ),
      text(
        `Inside qdhcp the agent adds \`default via ${subnet.gatewayIp} dev ${nsDev} proto static\` and the mangle rule \`-A neutron-dhcp-age-POSTROUTING -p udp -m udp --dport 68 -j CHECKSUM --checksum-fill\`, writes its files under ${names.dhcpConfDir(net.id)}/ and starts dnsmasq in the namespace (flow 4).`,
        `DHCP agent 在 qdhcp 里加上 \`default via ${subnet.gatewayIp} dev ${nsDev} proto static\` 和 mangle 规则 \`-A neutron-dhcp-age-POSTROUTING -p udp -m udp --dport 68 -j CHECKSUM --checksum-fill\`，在 ${names.dhcpConfDir(net.id)}/ 下写好配置文件，然后在命名空间里启动 dnsmasq（见第四部分）。`,
      ),
      text(
        `The Linux bridge agent on controller, not the DHCP agent, notices ${tap}. It creates ${vxlan} (vxlan id ${vni} local ${vtep} dev ${underlay} dstport ${cloud.config.vxlanUdpPort}, no multicast group because l2population is on) and ${brq} (brq<net[:11]>, forward delay 0, STP off), then enslaves both ${vxlan} and ${tap} to the bridge.`,
        `发现 ${tap} 的是 controller 上的 linuxbridge agent，而不是 DHCP agent。它创建 ${vxlan}（vxlan id ${vni} local ${vtep} dev ${underlay} dstport ${cloud.config.vxlanUdpPort}，开了 l2population 所以没有组播组）和 ${brq}（brq<网络ID前11位>，forward delay 0，关闭 STP），再把 ${vxlan} 和 ${tap} 都加进网桥。`,
      ),
      text(
        `The agent reports the device up and the DHCP port goes ACTIVE. l2population sends fdb_add (the flooding entry 00:00:00:00:00:00 and ${port.macAddress} behind VTEP ${vtep} on VNI ${vni}) to the agents that have a port on this network. Compute nodes get ${brq} and ${vxlan} only when a port of the network is bound there (flow 3).`,
        `agent 上报设备 up，DHCP 端口变成 ACTIVE。l2population 向这个网络上有端口的 agent 发 fdb_add（泛洪条目 00:00:00:00:00:00，以及 VNI ${vni} 上 ${port.macAddress} 位于 VTEP ${vtep}）。计算节点只有在这个网络的端口绑定到本机时才会有 ${brq} 和 ${vxlan}（见第三部分）。`,
      ),
      text(
        `Why 11 characters: neutron caps device names at 14 (LINUX_DEV_LEN, below IFNAMSIZ 16), so a 3-letter prefix leaves 11 characters of the UUID: 8 hex digits, the dash and 2 more. Namespaces have no such limit and keep the full UUID: ${ns}.`,
        `为什么是 11 个字符：neutron 把设备名限制在 14 个字符（LINUX_DEV_LEN，小于 IFNAMSIZ 16），3 个字母的前缀用掉之后只剩 UUID 的 11 个字符：8 位十六进制、一个短横线，再加 2 位。命名空间没有这个限制，用的是完整 UUID：${ns}。`,
      ),
    ];
  },
  interviewVsReality: [
    {
      expected: text(
        'Once the network is created, new devices (tap, vxlan, brq) appear on the network node.',
        '网络创建完成后，网络节点上就出现了新设备（tap、vxlan、brq）。',
      ),
      actually: text(
        'Creating the network alone creates nothing on any host. The devices appear when a DHCP-enabled subnet gives the network a DHCP port, or when the first port of the network is bound to a host.',
        '只创建网络，任何主机上都不会出现设备。要等开了 DHCP 的子网给网络带来 DHCP 端口，或者网络的第一个端口绑定到某台主机上，设备才会出现。',
      ),
    },
    {
      expected: text('The DHCP agent creates the bridge and the vxlan device.', '网桥和 vxlan 设备是 DHCP agent 创建的。'),
      actually: text(
        'The DHCP agent creates the qdhcp namespace, the tap/ns- veth pair and dnsmasq. The Linux bridge agent creates vxlan-<VNI> and brq<net[:11]> and puts the DHCP tap into the bridge.',
        'DHCP agent 负责 qdhcp 命名空间、tap/ns- 这对 veth 和 dnsmasq；vxlan-<VNI> 和 brq<网络ID前11位> 是 linuxbridge agent 创建的，DHCP 的 tap 也是它挂进网桥的。',
      ),
    },
    {
      expected: text('VXLAN runs over UDP port 4789.', 'VXLAN 用的是 UDP 4789 端口。'),
      actually: text(
        'The Linux bridge agent leaves the kernel default, 8472, unless [vxlan] udp_dstport = 4789 is set. 4789 is the IANA port and the Open vSwitch default; mixing the two silently drops traffic.',
        'linuxbridge agent 用的是内核默认端口 8472，除非配置了 [vxlan] udp_dstport = 4789。4789 是 IANA 分配的端口，也是 Open vSwitch 的默认值；两种混用时流量会被悄无声息地丢掉。',
      ),
    },
    {
      expected: text('Inside the qdhcp namespace there is a tap… device.', 'qdhcp 命名空间里是一个 tap… 设备。'),
      actually: text(
        'That is what the Open vSwitch interface driver shows. With Linux bridge the namespace holds ns-<port[:11]>, and its veth peer tap<port[:11]> sits in the root namespace, inside brq.',
        '那是 Open vSwitch 接口驱动下的样子。用 Linux bridge 时命名空间里是 ns-<端口ID前11位>，它的 veth 对端 tap<端口ID前11位> 在根命名空间里，挂在 brq 上。',
      ),
    },
  ],
};

export default guide;
