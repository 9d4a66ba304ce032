/** Flow 5, the DHCP exchange: DISCOVER/OFFER/REQUEST/ACK over tap, brq, VXLAN and the qdhcp veth, with the security-group rules on the way. */
import { flowTrace, names } from '../lookup.js';
import { tenantCloud } from '../scenarios.js';
import { dhcpPort, type FlowGuide, managementIp, serverPort, sh, subjectOf, text } from './guide.js';

/** "a > b, c > d; opt; opt; …; path x > y" -> its parts. */
function parseDhcp(detail: string): { addresses: string; options: string[]; path: string } {
  const parts = detail.split('; ');
  const path = parts.find((p) => p.startsWith('path '))?.slice(5) ?? '';
  return { addresses: parts[0]!, options: parts.slice(1).filter((p) => !p.startsWith('path ') && !p.startsWith('DHCP-Message')), path };
}

const guide: FlowGuide = {
  summary: text(
    'How an instance gets the address neutron already gave its port: the DISCOVER is broadcast from the tap through the brq bridge and the VXLAN tunnel to the ns- end of the DHCP port, where dnsmasq looks the MAC up in its host file. The OFFER and ACK come back unicast with the full option set, and the compute node\'s security-group rules let DHCP in and out while stopping the VM from acting as a DHCP server.',
    '实例是怎么拿到 neutron 早已分给它端口的那个地址的：DISCOVER 从 tap 广播出去，经 brq 网桥和 VXLAN 隧道到达 DHCP 端口的 ns- 那一端，dnsmasq 在 host 文件里查到这个 MAC。OFFER 和 ACK 以单播带着完整的选项回来；计算节点上的安全组规则放行 DHCP 收发，同时禁止虚拟机自己充当 DHCP 服务器。',
  ),
  setup(pick) {
    const t = tenantCloud(pick, { tenants: 1, instances: 1, router: pick.bool() });
    return { scenario: t.lines, computes: t.computes };
  },
  steps(cloud) {
    const server = cloud.db.servers[subjectOf(cloud, 5)]!;
    const port = serverPort(cloud, server);
    const net = cloud.db.networks[port.networkId]!;
    const dhcp = dhcpPort(cloud, net);
    const host = server.host!;
    const ip = port.fixedIps[0]!.ipAddress;
    const dhcpIp = dhcp.fixedIps[0]!.ipAddress;
    const trace = flowTrace(cloud, 5);
    const discover = parseDhcp(trace.find((s) => s.message === 'DHCPDISCOVER')!.detail);
    const offer = parseDhcp(trace.find((s) => s.message === 'DHCPOFFER')!.detail);
    const chain = `neutron-linuxbri-o${port.id.slice(0, 10)}`;
    const rules = sh(cloud, host, 'iptables -S').split('\n');
    const allow = rules.find((l) => l.startsWith(`-A ${chain} -s 0.0.0.0/32`) && l.includes('Allow DHCP client traffic'))!;
    const spoof = rules.find((l) => l.startsWith(`-A ${chain} `) && l.includes('Prevent DHCP Spoofing'))!;
    const lease = sh(cloud, 'controller', `cat ${names.dhcpConfDir(net.id)}/leases`).split('\n').find((l) => l.includes(` ${port.macAddress} `));
    const has121 = offer.options.some((o) => o.startsWith('Classless-Static-Route (121)'));
    const dnsIsServer = offer.options.includes(`Domain-Name-Server (6): ${dhcpIp}`);
    return [
      text(
        `${server.name} boots with its port already holding ${ip} in neutron. Its DHCP client (udhcpc in CirrOS) broadcasts a DHCPDISCOVER: \`${discover.addresses}\`, with the parameter request list ${discover.options.find((o) => o.startsWith('Parameter-Request'))!.replace(/^Parameter-Request \(55\): /, '')}.`,
        `${server.name} 启动时，它的端口在 neutron 里早已拿到 ${ip}。虚拟机里的 DHCP 客户端（CirrOS 里是 udhcpc）广播 DHCPDISCOVER：\`${discover.addresses}\`，请求的参数列表是 ${discover.options.find((o) => o.startsWith('Parameter-Request'))!.replace(/^Parameter-Request \(55\): /, '')}。`,
      ),
      text(
        `On ${host} the packet leaves the VM through the security-group chain ${chain}: \`${allow}\` lets it out, while \`${spoof}\` stops the VM from answering DHCP for its neighbours.`,
        `在 ${host} 上，报文从虚拟机出来要经过安全组链 ${chain}：\`${allow}\` 放行它，而 \`${spoof}\` 防止虚拟机冒充 DHCP 服务器去应答邻居。`,
      ),
      text(
        `Path: ${discover.path}. ${names.bridgeName(net.id)} floods the broadcast; ${names.vxlanName(net.segmentationId!)} replicates it to every VTEP listed in its 00:00:00:00:00:00 FDB entries (l2population head-end replication, here ${managementIp(cloud, 'controller')} for controller), encapsulated in VXLAN over UDP ${cloud.config.vxlanUdpPort}.`,
        `路径：${discover.path}。${names.bridgeName(net.id)} 泛洪这个广播，${names.vxlanName(net.segmentationId!)} 按 FDB 里的 00:00:00:00:00:00 条目把它复制给每个 VTEP（l2population 的头端复制，这里是 controller 的 ${managementIp(cloud, 'controller')}），用 UDP ${cloud.config.vxlanUdpPort} 做 VXLAN 封装。`,
      ),
      text(
        `On controller the frame crosses the veth from ${names.tapName(dhcp.id)} to ${names.dhcpDeviceName(dhcp.id)} in ${names.dhcpNamespace(net.id)}, where dnsmasq listens on UDP 0.0.0.0:67. It finds ${port.macAddress} in its host file and offers ${ip}; it does not pick the address itself.`,
        `到了 controller，帧经过 veth 从 ${names.tapName(dhcp.id)} 到 ${names.dhcpNamespace(net.id)} 里的 ${names.dhcpDeviceName(dhcp.id)}，dnsmasq 在 UDP 0.0.0.0:67 上监听。它在 host 文件里找到 ${port.macAddress}，于是提供 ${ip}；地址不是它自己挑的。`,
      ),
      text(
        `DHCPOFFER: \`${offer.addresses}\`. It is unicast to the offered address and the client's MAC, because udhcpc does not set the broadcast flag (dhcp_broadcast_reply is off). The source MAC is the DHCP port's, ${dhcp.macAddress}, carried by the ns- device.`,
        `DHCPOFFER：\`${offer.addresses}\`。因为 udhcpc 没有置广播标志（dhcp_broadcast_reply 也没开），它是单播给要分配的地址和客户端 MAC 的。源 MAC 是 DHCP 端口的 ${dhcp.macAddress}，也就是 ns- 设备的 MAC。`,
      ),
      text(
        `The OFFER carries ${offer.options.join('; ')}. T1/T2 (58/59) are dnsmasq's defaults of 1/2 and 7/8 of the lease, not values from neutron; the MTU is forced from the command line; ${dnsIsServer ? 'the DNS server is dnsmasq itself because the subnet has no dns_nameservers' : 'the DNS server comes from the subnet\'s dns_nameservers'}; ${has121 ? 'option 121 is there because the router port owns the gateway, which adds the metadata route' : 'there is no option 121 because the subnet has no router port and no host routes'}.`,
        `OFFER 里带的是：${offer.options.join('；')}。T1/T2（58/59）是 dnsmasq 按租期的 1/2 和 7/8 算出来的默认值，不是 neutron 下发的；MTU 是命令行强制下发的；${dnsIsServer ? '子网没有配 dns_nameservers，所以 DNS 服务器就是 dnsmasq 自己' : 'DNS 服务器来自子网的 dns_nameservers'}；${has121 ? '有选项 121，是因为路由器端口占着网关，带来了元数据路由' : '没有选项 121，因为子网上没有路由器端口，也没有主机路由'}。`,
      ),
      text(
        `The client broadcasts a DHCPREQUEST (Requested-IP ${ip}, Server-ID ${dhcpIp}), and dnsmasq answers with a unicast DHCPACK carrying the same options. dnsmasq then records the lease${lease ? `: \`${lease}\`` : ''}.`,
        `客户端广播 DHCPREQUEST（Requested-IP ${ip}，Server-ID ${dhcpIp}），dnsmasq 用单播 DHCPACK 应答，选项和 OFFER 一样。随后 dnsmasq 记下租约${lease ? `：\`${lease}\`` : ''}。`,
      ),
      text(
        `On the way back, the ingress chain neutron-linuxbri-i${port.id.slice(0, 10)} on ${host} accepts UDP 67→68 to ${ip}/32 and to 255.255.255.255/32, so both unicast and broadcast replies get through. In the namespace, the mangle rule \`-A neutron-dhcp-age-POSTROUTING -p udp -m udp --dport 68 -j CHECKSUM --checksum-fill\` fills in the UDP checksum of the replies.`,
        `回程时，${host} 上的入方向链 neutron-linuxbri-i${port.id.slice(0, 10)} 放行发往 ${ip}/32 和 255.255.255.255/32 的 UDP 67→68，所以单播和广播的应答都能进来。命名空间里的 mangle 规则 \`-A neutron-dhcp-age-POSTROUTING -p udp -m udp --dport 68 -j CHECKSUM --checksum-fill\` 负责补上应答报文的 UDP 校验和。`,
      ),
      text(
        'None of this touches a router: DHCP is pure layer 2 inside the tenant network, from the tap through the bridges and the tunnel to the ns- device.',
        '整个过程都不经过路由器：DHCP 是租户网络内部的纯二层通信，从 tap 经网桥和隧道一直到 ns- 设备。',
      ),
    ];
  },
  interviewVsReality: [
    {
      expected: text('dnsmasq sends the DHCPOFFER as a broadcast.', 'dnsmasq 以广播方式发送 DHCPOFFER。'),
      actually: text(
        'dnsmasq unicasts it to the offered address and the client MAC unless the client sets the broadcast flag (CirrOS\'s udhcpc does not) or dhcp_broadcast_reply is on.',
        '除非客户端置了广播标志（CirrOS 的 udhcpc 不置）或者开了 dhcp_broadcast_reply，dnsmasq 都是单播给要分配的地址和客户端 MAC。',
      ),
    },
    {
      expected: text('dnsmasq chooses the address it offers.', '提供哪个地址是 dnsmasq 决定的。'),
      actually: text(
        'neutron IPAM fixed it when the port was created; the DHCP agent wrote <mac>,<fqdn>,<ip> into the host file, and every range is static, so dnsmasq only answers the MACs it finds there.',
        '地址在端口创建时就由 neutron IPAM 定好了；DHCP agent 把 <mac>,<fqdn>,<ip> 写进 host 文件，而且 range 都是 static 模式，dnsmasq 只应答在文件里找得到的 MAC。',
      ),
    },
    {
      expected: text('The OFFER carries the IP address, the netmask and the lease time.', 'OFFER 里带的是 IP 地址、子网掩码和租期。'),
      actually: text(
        'It also carries 54 (server id), 58/59 (T1/T2), 28 (broadcast), 15 (openstacklocal), 12 (host-a-b-c-d), 3 (router), 6 (DNS) and 26 (MTU, always sent), plus 121 when there are host routes or a metadata route.',
        '还有 54（server id）、58/59（T1/T2）、28（广播地址）、15（openstacklocal）、12（host-a-b-c-d）、3（网关）、6（DNS）和 26（MTU，总会下发），有主机路由或元数据路由时再加 121。',
      ),
    },
    {
      expected: text('Without dns_nameservers the guest gets 8.8.8.8 or no DNS server.', '子网没配 dns_nameservers 时，虚拟机拿到的是 8.8.8.8，或者没有 DNS。'),
      actually: text(
        'dnsmasq offers its own address (the DHCP port\'s) as the DNS server, and answers for the names in addn_hosts.',
        'dnsmasq 会把自己的地址（也就是 DHCP 端口的地址）作为 DNS 服务器下发，并负责解析 addn_hosts 里的名字。',
      ),
    },
  ],
};

export default guide;
