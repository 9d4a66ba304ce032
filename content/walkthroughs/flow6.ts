/** Flow 6, the virtual router: qrouter namespace, qr- interfaces on the subnets' gateway IPs, connected routes, east-west. */
import { names } from '../lookup.js';
import { tenantCloud } from '../scenarios.js';
import { type FlowGuide, prefixOf, routerPorts, serverPort, sh, subjectOf, text } from './guide.js';

const guide: FlowGuide = {
  summary: text(
    'A legacy router is a network namespace on the network node, qrouter-<router UUID>, created as soon as the router is scheduled to the L3 agent. Each subnet added to it becomes a port holding the subnet\'s gateway IP, plugged as a veth pair: qr-<port[:11]> inside the namespace, tap<port[:11]> in the network\'s brq bridge. Traffic between the subnets is plain kernel routing over connected routes, with no NAT.',
    '传统（legacy）路由器就是网络节点上的一个网络命名空间 qrouter-<路由器UUID>，路由器一调度到 L3 agent 就建好了。每加一个子网，就多一个占着该子网网关 IP 的端口，以 veth 对的形式接入：命名空间里是 qr-<端口ID前11位>，另一端 tap<端口ID前11位> 挂在该网络的 brq 网桥上。子网之间的流量就是内核按直连路由转发，不做 NAT。',
  ),
  setup(pick) {
    const t = tenantCloud(pick, { tenants: 2, router: true, instances: 2 });
    return { scenario: t.lines, computes: t.computes };
  },
  steps(cloud) {
    const router = cloud.db.routers[subjectOf(cloud, 6)]!;
    const ns = names.routerNamespace(router.id);
    const ifaces = routerPorts(cloud, router).map((p) => {
      const subnet = cloud.db.subnets[p.fixedIps[0]!.subnetId]!;
      const net = cloud.db.networks[p.networkId]!;
      return { port: p, subnet, net, gw: p.fixedIps[0]!.ipAddress, qr: names.routerInterfaceName(p.id), tap: names.tapName(p.id), brq: names.bridgeName(net.id) };
    });
    const [a, b] = ifaces as [(typeof ifaces)[0], (typeof ifaces)[0]];
    const routes = sh(cloud, 'controller', `ip netns exec ${ns} ip route`).split('\n').filter(Boolean);
    const vmOn = (netId: string) => Object.values(cloud.db.servers).find((s) => serverPort(cloud, s).networkId === netId)!;
    const [vmA, vmB] = [vmOn(a.net.id), vmOn(b.net.id)];
    const ipOf = (s: typeof vmA) => serverPort(cloud, s).fixedIps[0]!.ipAddress;
    const sameHost = vmA.host === vmB.host;
    const hostLine = (i: typeof a) => `${i.port.macAddress},${names.dhcpHostname(i.gw)}.${cloud.config.dnsDomain},${i.gw}`;
    const list = (f: (i: typeof a) => string, sep: string) => ifaces.map(f).join(sep);
    return [
      text(
        `\`openstack router create ${router.name}\`: the L3 plugin schedules the router to the L3 agent on ${router.l3AgentHost} and casts routers_updated. The agent creates ${ns} (qrouter-<full router UUID>) with net.ipv4.ip_forward=1, net.ipv4.conf.all.arp_ignore=1, net.ipv4.conf.all.arp_announce=2 and the iptables chain skeleton, before the router has any interface.`,
        `\`openstack router create ${router.name}\`：L3 插件把路由器调度到 ${router.l3AgentHost} 上的 L3 agent，并 cast routers_updated。agent 创建 ${ns}（qrouter-<完整路由器UUID>），设置 net.ipv4.ip_forward=1、net.ipv4.conf.all.arp_ignore=1、net.ipv4.conf.all.arp_announce=2，并建好 iptables 链骨架；这时路由器还没有任何接口。`,
      ),
      text(
        `Metadata comes with the namespace: the nat rule \`-A neutron-l3-agent-PREROUTING -d 169.254.169.254/32 -i qr-+ -p tcp -m tcp --dport 80 -j REDIRECT --to-ports 9697\` and an haproxy started with ${names.metadataProxyConf(router.id)}, listening on 9697 and passing requests on to the metadata agent.`,
        `元数据随命名空间一起就绪：nat 规则 \`-A neutron-l3-agent-PREROUTING -d 169.254.169.254/32 -i qr-+ -p tcp -m tcp --dport 80 -j REDIRECT --to-ports 9697\`，以及用 ${names.metadataProxyConf(router.id)} 启动、监听 9697 的 haproxy，它把请求转给 metadata agent。`,
      ),
      text(
        `\`openstack router add subnet\` creates a port with device_owner network:router_interface and device_id ${router.id}, holding the subnet's gateway_ip rather than a pool address: ${list((i) => `${i.gw} on ${i.subnet.name}`, ', ')}.`,
        `\`openstack router add subnet\` 会创建一个 device_owner 为 network:router_interface、device_id 为 ${router.id} 的端口，它拿的是子网的 gateway_ip，而不是地址池里的地址：${list((i) => `${i.subnet.name} 上的 ${i.gw}`, '，')}。`,
      ),
      text(
        `For each one the L3 agent plugs a veth pair, qr-<port[:11]> in the namespace and tap<port[:11]> in the root namespace (${list((i) => `${i.qr} ↔ ${i.tap}`, ', ')}), puts the port MAC and MTU ${a.net.mtu} on qr-, adds the address (${list((i) => `${i.gw}/${prefixOf(i.subnet.cidr)}`, ', ')}) and sends gratuitous ARPs (arping -U and -A, 3 rounds, 2 s apart).`,
        `每个接口，L3 agent 都插一对 veth：命名空间里是 qr-<端口ID前11位>，根命名空间里是 tap<端口ID前11位>（${list((i) => `${i.qr} ↔ ${i.tap}`, '，')}）；在 qr- 上设置端口 MAC 和 MTU ${a.net.mtu}，加上地址（${list((i) => `${i.gw}/${prefixOf(i.subnet.cidr)}`, '，')}），然后发免费 ARP（arping -U 和 -A，3 轮，间隔 2 秒）。`,
      ),
      text(
        `The Linux bridge agent sees each tap and adds it to the network's bridge (${list((i) => `${i.tap} into ${i.brq}`, ', ')}). Router ports are trusted, so they get ACCEPT-only firewall rules. Each port goes ACTIVE, and l2population announces its qr- MAC behind the controller's VTEP.`,
        `linuxbridge agent 发现这些 tap，把它们加进各自网络的网桥（${list((i) => `${i.tap} 加进 ${i.brq}`, '，')}）。路由器端口是受信任端口，防火墙只给 ACCEPT 规则。每个端口都变成 ACTIVE，l2population 通告对应 qr- 的 MAC 位于 controller 的 VTEP 后面。`,
      ),
      text(
        `The routing table is just the kernel's connected routes of the qr- addresses: \`ip netns exec ${ns} ip route\` prints ${routes.map((r) => `\`${r}\``).join(', ')}. A default route (proto static) appears only when a gateway is set (flow 7); extra routes are added the same way.`,
        `路由表只有内核根据 qr- 地址生成的直连路由：\`ip netns exec ${ns} ip route\` 输出 ${routes.map((r) => `\`${r}\``).join('、')}。设置外部网关后才会有默认路由（proto static，见第七部分）；extra routes 也是这样加进来的。`,
      ),
      text(
        `East-west: ${vmA.name} (${ipOf(vmA)}) to ${vmB.name} (${ipOf(vmB)}) goes to its gateway ${a.gw}, enters the namespace on ${a.qr}, is forwarded by the kernel and leaves on ${b.qr} into ${b.brq}. Nothing is NATed: without a gateway the nat table holds only the metadata REDIRECT, and once there is one, \`! -o qg-… -m conntrack ! --ctstate DNAT -j ACCEPT\` keeps such traffic away from SNAT.`,
        `东西向：${vmA.name}（${ipOf(vmA)}）访问 ${vmB.name}（${ipOf(vmB)}），先发给自己的网关 ${a.gw}，从 ${a.qr} 进入命名空间，由内核转发，再从 ${b.qr} 出去进入 ${b.brq}。整个过程不做 NAT：没有外部网关时 nat 表里只有元数据那条 REDIRECT；有了网关以后，\`! -o qg-… -m conntrack ! --ctstate DNAT -j ACCEPT\` 保证这类流量不会被 SNAT。`,
      ),
      text(
        `A legacy router lives only on ${router.l3AgentHost}, so east-west traffic always goes through it${sameHost ? `, even here where both instances run on ${vmA.host}` : ` (here from ${vmA.host} to ${vmB.host})`}. DVR, which needs Open vSwitch, puts a router namespace on every compute node to avoid that.`,
        `传统路由器只在 ${router.l3AgentHost} 上，所以东西向流量总要绕到它那里${sameHost ? `，即使像本例这样两台实例都在 ${vmA.host} 上也一样` : `（本例是从 ${vmA.host} 到 ${vmB.host}）`}。DVR（需要 Open vSwitch）在每个计算节点上都放一份路由器命名空间来避免绕行。`,
      ),
      text(
        `The DHCP side changes too: each router port is listed in its network's host file (${list((i) => `\`${hostLine(i)}\``, ', ')}), and the subnet's opts gain the classless route 169.254.169.254/32 via the gateway, so guests reach metadata through the router.`,
        `DHCP 这边也会变化：每个路由器端口都会出现在所在网络的 host 文件里（${list((i) => `\`${hostLine(i)}\``, '、')}），子网的 opts 里会多出经网关到 169.254.169.254/32 的无类静态路由，虚拟机就通过路由器访问元数据。`,
      ),
    ];
  },
  interviewVsReality: [
    {
      expected: text(
        'The L3 agent creates a namespace for the router when interfaces are added to it.',
        '给路由器添加接口时，L3 agent 才为它创建命名空间。',
      ),
      actually: text(
        'The qrouter namespace exists as soon as the router is created and scheduled to an L3 agent, with ip_forward, the ARP sysctls, the iptables skeleton and the metadata proxy, before it has any interface.',
        '路由器一创建并调度到 L3 agent，qrouter 命名空间就有了，ip_forward、ARP 相关的 sysctl、iptables 骨架和元数据代理也都就绪，这时它还没有任何接口。',
      ),
    },
    {
      expected: text(
        'The L3 agent writes a routing table in the namespace with a route for each attached network.',
        'L3 agent 在命名空间里为每个接入的网络写一条路由，建立路由表。',
      ),
      actually: text(
        'Those are the kernel\'s connected routes (proto kernel), a side effect of the qr- addresses. neutron itself adds only the default route when a gateway is set, and any extra routes, through netlink as proto static.',
        '那些是内核的直连路由（proto kernel），是给 qr- 配地址时自动产生的。neutron 自己只在设置网关时加默认路由，以及 extra routes，都是通过 netlink 以 proto static 加的。',
      ),
    },
    {
      expected: text('A router interface takes a free address from the subnet.', '路由器接口从子网里拿一个空闲地址。'),
      actually: text(
        'Added by subnet, it takes the subnet\'s gateway_ip. Only an interface added by port takes that port\'s address.',
        '按子网添加时，它拿的是子网的 gateway_ip；只有按端口添加的接口才用那个端口自己的地址。',
      ),
    },
    {
      expected: text('qr- is an internal port on the integration bridge.', 'qr- 是集成网桥上的 internal 端口。'),
      actually: text(
        'That is the Open vSwitch interface driver (br-int). With Linux bridge, qr- is the namespace end of a veth pair whose peer tap<port[:11]> is a port of brq<net[:11]>.',
        '那是 Open vSwitch 接口驱动（br-int）的做法。Linux bridge 下 qr- 是一对 veth 在命名空间里的一端，另一端 tap<端口ID前11位> 是 brq<网络ID前11位> 的端口。',
      ),
    },
  ],
};

export default guide;
