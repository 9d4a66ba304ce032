/**
 * Reusable explanation paragraphs: "then vs now" (Linux bridge is gone from
 * neutron since 2025.1; what OVS and OVN do instead) and the places where the
 * interview material simplifies. Families append the ones that fit.
 */
import type { Text } from './types.js';

export const THEN_VS_NOW: Record<string, Text> = {
  linuxbridge: {
    en: 'Then vs now: the Linux bridge mechanism driver was experimental from Zed (2022.2) and was removed in 2025.1 (neutron 26.0.0), together with the os-vif plugin (5.0.0) and nova\'s bridge VIF support; new deployments use ML2/OVN, the devstack default.',
    zh: '当年与现在：Linux bridge 机制驱动从 Zed（2022.2）起就是实验性的，2025.1（neutron 26.0.0）已经移除，os-vif 插件（5.0.0）和 nova 的 bridge VIF 支持也一并删掉了；新部署基本都用 ML2/OVN，devstack 默认也是 OVN。',
  },
  bridges: {
    en: 'With OVS there is one integration bridge br-int: ports carry a local VLAN tag per network and br-tun holds the tunnels; with OVN, br-int gets OpenFlow from ovn-controller and there is no per-network brq bridge at all.',
    zh: '换成 OVS 时只有一个集成网桥 br-int，每个网络在本机用一个本地 VLAN tag 区分，隧道在 br-tun 上；换成 OVN 时 br-int 的流表由 ovn-controller 下发，根本没有每网络一个的 brq 网桥。',
  },
  dhcp: {
    en: 'OVN answers DHCP itself (native DHCP in ovn-controller, from the logical switch port\'s DHCP options): no qdhcp namespace and no dnsmasq. ML2/OVS still uses the DHCP agent and dnsmasq, with a tap… internal port inside qdhcp.',
    zh: 'OVN 自己应答 DHCP（ovn-controller 的 native DHCP，选项来自逻辑交换机端口），没有 qdhcp 命名空间，也没有 dnsmasq。ML2/OVS 仍然用 DHCP agent 和 dnsmasq，只是 qdhcp 里的设备是 OVS internal 端口 tap…。',
  },
  router: {
    en: 'With OVN the router is a logical router in OVN\'s northbound database, distributed into OpenFlow on every chassis; SNAT and floating IPs are NAT entries on the logical router (centralized on a gateway chassis, or distributed), not iptables rules in a qrouter namespace.',
    zh: '在 OVN 里路由器是北向数据库里的逻辑路由器，转成 OpenFlow 分布到每个 chassis；SNAT 和浮动 IP 是逻辑路由器上的 NAT 条目（集中在网关 chassis 或分布式），不再是 qrouter 命名空间里的 iptables 规则。',
  },
  overlay: {
    en: 'OVN tunnels use Geneve (UDP 6081) instead of VXLAN, and it learns locations from its southbound database, so there is no l2population FDB programming.',
    zh: 'OVN 的隧道用 Geneve（UDP 6081）而不是 VXLAN，端口位置从南向数据库获取，不需要 l2population 往 FDB 里写条目。',
  },
  metadata: {
    en: 'OVN serves metadata from an ovnmeta-<network> namespace on each compute node (haproxy plus the OVN metadata agent), not through the router.',
    zh: 'OVN 的元数据由每个计算节点上的 ovnmeta-<网络> 命名空间（haproxy 加 OVN metadata agent）提供，不经过路由器。',
  },
};

export const SEED_SIMPLIFIES: Record<string, Text> = {
  ipFirstFree: {
    en: 'Interview answers often say instances get "the first free address"; since Stein neutron picks at random among the first 1000 free addresses. Only the DHCP port takes the lowest free address and a router interface takes the gateway IP.',
    zh: '面试里常说实例拿“第一个空闲地址”；其实从 Stein 起 neutron 是在前 1000 个空闲地址里随机挑。只有 DHCP 端口拿最小的空闲地址，路由器接口拿网关地址。',
  },
  offerBroadcast: {
    en: 'The seed says the OFFER is broadcast; dnsmasq unicasts it to the offered address and the client MAC unless the client sets the broadcast flag (CirrOS\'s udhcpc does not) or dhcp_broadcast_reply is on.',
    zh: '资料里说 OFFER 是广播；实际上除非客户端置了广播标志（CirrOS 的 udhcpc 不置）或开了 dhcp_broadcast_reply，dnsmasq 会单播给要分配的地址和客户端 MAC。',
  },
  agentCreatesTap: {
    en: 'The seed says the Linux bridge agent creates the instance\'s tap; libvirt creates it and enslaves it to the bridge, os-vif makes sure the bridge exists, and the agent only adds vxlan-N, sets the MTU and the security-group rules, and reports the port up.',
    zh: '资料里说 linuxbridge agent 创建实例的 tap；实际上 tap 是 libvirt 创建并挂到网桥上的，os-vif 负责确保网桥存在，agent 只负责加 vxlan-N、设置 MTU 和安全组规则，然后上报端口 up。',
  },
  schedulerViaConductor: {
    en: 'The seed has nova-api message nova-scheduler through RabbitMQ; since cells v2 nova-api casts schedule_and_build_instances to nova-conductor, which calls the scheduler (select_destinations), and the scheduler asks Placement.',
    zh: '资料里写的是 nova-api 通过 RabbitMQ 通知 nova-scheduler；cells v2 之后是 nova-api 向 nova-conductor cast schedule_and_build_instances，由 conductor 去 call 调度器（select_destinations），调度器再查 Placement。',
  },
};

/** Joins paragraphs of both languages. */
export function paragraphs(...parts: Array<Text | undefined>): Text {
  const present = parts.filter((p): p is Text => !!p);
  return { en: present.map((p) => p.en).join('\n\n'), zh: present.map((p) => p.zh).join('\n\n') };
}
