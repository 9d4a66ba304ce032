/**
 * Flow 6 helpers (not a family): the router of a question, its interfaces
 * with the device names the agents derived, the router namespace, and the
 * bilingual notes the flow-6 families share.
 */
import type { Cloud, Network, Port, Router, Subnet } from '../../../engine/core/types.js';
import { cidrParts } from '../../../engine/core/ip.js';
import { names, routerNamed } from '../../lookup.js';
import type { Text, World } from '../../types.js';

export interface RouterFacts {
  router: string;
}

export interface Interface {
  port: Port;
  subnet: Subnet;
  network: Network;
  ip: string;
  /** "10.1.0.1/24" as on the qr- device */
  cidr: string;
  qr: string;
  tap: string;
  bridge: string;
}

export function routerOf(w: World<RouterFacts>): Router {
  return routerNamed(w.cloud, w.facts.router);
}

export function namespaceOf(w: World<RouterFacts>): string {
  return names.routerNamespace(routerOf(w).id);
}

/** The router's interfaces in creation order (one per subnet, as `router add subnet` makes them). */
export function interfacesOf(cloud: Cloud, router: Router): Interface[] {
  return Object.values(cloud.db.ports)
    .filter((p) => p.deviceId === router.id && p.deviceOwner === 'network:router_interface')
    .map((port) => {
      const f = port.fixedIps[0]!;
      const subnet = cloud.db.subnets[f.subnetId]!;
      return {
        port, subnet, network: cloud.db.networks[port.networkId]!, ip: f.ipAddress, cidr: `${f.ipAddress}/${cidrParts(subnet.cidr).prefix}`,
        qr: names.routerInterfaceName(port.id), tap: names.tapName(port.id), bridge: names.bridgeName(port.networkId),
      };
    });
}

/** Runs a command inside the router's namespace on its L3 agent's host. */
export function inRouter(w: World<RouterFacts>, command: string): string {
  const r = routerOf(w);
  return w.run(r.l3AgentHost, `ip netns exec ${names.routerNamespace(r.id)} ${command}`);
}

export const FLOW6_NOTES: Record<string, Text> = {
  createTime: {
    en: 'Where the seed is loose: it says the L3 agent creates the namespace when interfaces are added. The qrouter-<router-uuid> namespace appears as soon as the router is created and scheduled to an L3 agent (with ip_forward=1, arp_ignore=1, arp_announce=2, the iptables skeleton and the metadata proxy), before it has any interface.',
    zh: '资料不够准确的地方：它说 L3 agent 在加接口时创建命名空间。其实路由器一创建并调度到 L3 agent，qrouter-<路由器 UUID> 命名空间就有了（带 ip_forward=1、arp_ignore=1、arp_announce=2、iptables 骨架和元数据代理），那时还没有任何接口。',
  },
  seedRight: {
    en: 'What the seed gets right: one namespace per router, the gateway IP configured on the namespace side of a veth pair, the other end (tap…) in the network\'s brq bridge. What it leaves out: the interface port takes the subnet\'s gateway_ip, a gratuitous ARP announces it, the routes are only the kernel\'s connected routes (plus a default route once a gateway is set), the metadata REDIRECT to haproxy on 9697, and the router port appearing in the DHCP host file.',
    zh: '资料说对的部分：每个路由器一个命名空间，网关 IP 配在 veth 对的命名空间一端，另一端（tap…）在网络的 brq 网桥上。漏掉的部分：接口端口拿的是子网的 gateway_ip，加地址后会发免费 ARP 通告，路由只是内核的直连路由（设了网关后再加一条默认路由），元数据经 REDIRECT 到 9697 端口的 haproxy，以及路由器端口也会出现在 DHCP 的 host 文件里。',
  },
  ovsDriver: {
    en: 'With the OVS interface driver qr- is an OVS internal port on br-int and there is no tap peer; with OVN there is no qrouter namespace at all.',
    zh: '如果用 OVS 接口驱动，qr- 是 br-int 上的 OVS internal 端口，没有 tap 对端；用 OVN 的话连 qrouter 命名空间都没有。',
  },
  eastWest: {
    en: 'East-west traffic on a legacy (centralized) router always hairpins through the network node, even when both instances sit on the same compute node; DVR puts a router namespace on every compute node to avoid that.',
    zh: '集中式（legacy）路由器上的东西向流量总要绕到网络节点走一趟，哪怕两台实例在同一个计算节点上；DVR 在每个计算节点都放一份路由器命名空间来避免这个问题。',
  },
};
