/**
 * Faults a troubleshooting drill can inject into a built cloud, each with the
 * symptom check that decides whether the cloud is healthy (a DHCP exchange,
 * an SNAT or DNAT walk, run over the real state) and a command that mends it.
 * Everything is derived from the instance the drill is about.
 */
import { bridgeName, dhcpConfDir, routerGatewayName, routerNamespace, tapName, vxlanName } from '../engine/core/names.js';
import type { Cloud, Port, Router, Server } from '../engine/core/types.js';
import { findLink, release } from '../engine/host/kernel.js';
import { dhcpExchange } from '../engine/packets/dhcp.js';
import { walkExternalToFloatingIp, walkInstanceToAddress } from '../engine/packets/routing.js';
import type { Text } from './types.js';

export interface FaultContext {
  cloud: Cloud;
  server: Server;
  port: Port;
  router: Router | null;
}

export interface Fault {
  id: string;
  name: Text;
  /** What the learner would notice. */
  symptom: Text;
  /** Whether this fault can be injected for this instance. */
  applies(c: FaultContext): boolean;
  inject(c: FaultContext): void;
  healthy(c: FaultContext): boolean;
  /** A command that mends it, and the node to run it on. */
  fix(c: FaultContext): { host: string; command: string };
}

export function faultContext(cloud: Cloud, server: Server): FaultContext {
  const port = cloud.db.ports[server.portIds[0]!]!;
  const iface = Object.values(cloud.db.ports).find((p) => p.deviceOwner === 'network:router_interface' && p.networkId === port.networkId);
  const router = iface ? cloud.db.routers[iface.deviceId] ?? null : null;
  return { cloud, server, port, router };
}

/** The guest gets its own port's address and name, as neutron meant. */
function dhcpWorks(c: FaultContext): boolean {
  const lease = dhcpExchange(c.cloud, c.server, c.port).lease;
  const ip = c.port.fixedIps[0]?.ipAddress;
  return !!lease && lease.ip === ip && lease.hostname === `host-${ip!.replace(/\./g, '-')}`;
}

function gatewayIp(c: FaultContext): string | undefined {
  return c.router?.gateway ? c.cloud.db.ports[c.router.gateway.portId]?.fixedIps[0]?.ipAddress : undefined;
}

/** Out and back: the packet leaves SNATed to an address the router's qg- device owns, so replies can return. */
function snatWorks(c: FaultContext): boolean {
  const walk = walkInstanceToAddress(c.cloud, c.server, '8.8.8.8');
  if (!walk.delivered || !c.router) return false;
  const ns = c.cloud.hosts['controller']!.namespaces[routerNamespace(c.router.id)];
  const owned = new Set((ns?.addresses ?? []).filter((a) => a.dev.startsWith('qg-')).map((a) => a.cidr.split('/')[0]));
  const snat = walk.packets.flatMap((p) => p.stages).find((s) => s.note.startsWith('nat POSTROUTING: SNAT'));
  return !!snat && owned.has(snat.src);
}

function floatingIpOf(c: FaultContext) {
  return Object.values(c.cloud.db.floatingIps).find((f) => f.portId === c.port.id);
}

function natTable(c: FaultContext) {
  return c.cloud.hosts['controller']!.namespaces[routerNamespace(c.router!.id)]!.iptables.nat!;
}

export const FAULTS: Fault[] = [
  {
    id: 'snat-rule-missing',
    name: { en: 'The router\'s SNAT rule (-o qg-… -j SNAT) is missing', zh: '路由器的 SNAT 规则（-o qg-… -j SNAT）丢了' },
    symptom: { en: 'The instance has an address but cannot reach the outside; replies never come back.', zh: '实例拿到了地址，但访问不了外网，回包回不来。' },
    applies: (c) => !!c.router?.gateway?.enableSnat && !floatingIpOf(c),
    inject(c) {
      const t = natTable(c);
      t.rules = t.rules.filter((r) => !(r.chain === 'neutron-l3-agent-snat' && r.spec.startsWith('-o qg-')));
    },
    healthy: snatWorks,
    fix: (c) => ({
      host: 'controller',
      command: `ip netns exec ${routerNamespace(c.router!.id)} iptables -t nat -A neutron-l3-agent-snat -o ${routerGatewayName(c.router!.gateway!.portId)} -j SNAT --to-source ${gatewayIp(c)} --random-fully`,
    }),
  },
  {
    id: 'host-entry-missing',
    name: { en: 'The instance\'s line is missing from dnsmasq\'s host file', zh: 'dnsmasq 的 host 文件里没有这台实例的条目' },
    symptom: { en: 'The instance boots but gets no IPv4 address: dnsmasq logs "no address available".', zh: '实例能启动但拿不到 IPv4 地址，dnsmasq 日志报 "no address available"。' },
    applies: (c) => dhcpWorks(c),
    inject(c) {
      const path = `${dhcpConfDir(c.port.networkId)}/host`;
      const host = c.cloud.hosts['controller']!;
      host.files[path] = (host.files[path] ?? '').split('\n').filter((l) => !l.startsWith(`${c.port.macAddress},`)).join('\n');
    },
    healthy: dhcpWorks,
    fix: (c) => {
      const ip = c.port.fixedIps[0]!.ipAddress;
      return { host: 'controller', command: `echo '${c.port.macAddress},host-${ip.replace(/\./g, '-')}.${c.cloud.config.dnsDomain},${ip}' >> ${dhcpConfDir(c.port.networkId)}/host` };
    },
  },
  {
    id: 'tap-not-in-bridge',
    name: { en: 'The instance\'s tap device is not in the network\'s bridge', zh: '实例的 tap 设备没有挂到网络的网桥上' },
    symptom: { en: 'The instance gets no DHCP answer, although dnsmasq runs and knows its MAC.', zh: '实例收不到 DHCP 应答，但 dnsmasq 在运行，也认识它的 MAC。' },
    applies: (c) => dhcpWorks(c),
    inject(c) {
      release(c.cloud.hosts[c.server.host!]!.root, tapName(c.port.id));
    },
    healthy: dhcpWorks,
    fix: (c) => ({ host: c.server.host!, command: `brctl addif ${bridgeName(c.port.networkId)} ${tapName(c.port.id)}` }),
  },
  {
    id: 'fdb-flood-missing',
    name: { en: 'The compute node\'s vxlan device lost its l2pop flooding entry to the network node', zh: '计算节点 vxlan 设备上指向网络节点的 l2pop 泛洪条目（00:00:00:00:00:00）丢了' },
    symptom: { en: 'Broadcasts from the instance (DHCPDISCOVER, ARP) never reach the network node.', zh: '实例发出的广播（DHCPDISCOVER、ARP）到不了网络节点。' },
    applies: (c) => c.server.host !== 'controller' && c.cloud.db.networks[c.port.networkId]?.networkType === 'vxlan' && dhcpWorks(c),
    inject(c) {
      const vx = findLink(c.cloud.hosts[c.server.host!]!.root, vxlanName(c.cloud.db.networks[c.port.networkId]!.segmentationId!))!;
      const controllerIp = c.cloud.hosts['controller']!.managementIp;
      vx.fdb = (vx.fdb ?? []).filter((e) => !(e.mac === '00:00:00:00:00:00' && e.dst === controllerIp));
    },
    healthy: dhcpWorks,
    fix: (c) => ({
      host: c.server.host!,
      command: `bridge fdb append 00:00:00:00:00:00 dev ${vxlanName(c.cloud.db.networks[c.port.networkId]!.segmentationId!)} dst ${c.cloud.hosts['controller']!.managementIp}`,
    }),
  },
  {
    id: 'router-default-route-missing',
    name: { en: 'The router namespace has no default route', zh: '路由器命名空间里没有默认路由' },
    symptom: { en: 'The instance reaches its gateway but nothing beyond the external subnet.', zh: '实例能 ping 通网关，但出不了外部网络。' },
    applies: (c) => !!c.router?.gateway && snatWorks(c),
    inject(c) {
      const ns = c.cloud.hosts['controller']!.namespaces[routerNamespace(c.router!.id)]!;
      ns.routes = ns.routes.filter((r) => r.dst !== 'default');
    },
    healthy: snatWorks,
    fix: (c) => {
      const ext = c.cloud.db.ports[c.router!.gateway!.portId]!;
      const gw = c.cloud.db.subnets[ext.fixedIps[0]!.subnetId]!.gatewayIp;
      return { host: 'controller', command: `ip netns exec ${routerNamespace(c.router!.id)} ip route add default via ${gw} dev ${routerGatewayName(ext.id)}` };
    },
  },
  {
    id: 'fip-dnat-missing',
    name: { en: 'The floating IP\'s DNAT rule in PREROUTING is missing', zh: '浮动 IP 在 PREROUTING 里的 DNAT 规则丢了' },
    symptom: { en: 'The instance can go out, but nothing from outside reaches its floating IP.', zh: '实例能出外网，但外部访问它的浮动 IP 不通。' },
    applies: (c) => !!floatingIpOf(c) && walkExternalToFloatingIp(c.cloud, floatingIpOf(c)!.floatingIpAddress).delivered,
    inject(c) {
      const fip = floatingIpOf(c)!;
      const t = natTable(c);
      t.rules = t.rules.filter((r) => !(r.chain === 'neutron-l3-agent-PREROUTING' && r.spec.startsWith(`-d ${fip.floatingIpAddress}/32 -j DNAT`)));
    },
    healthy: (c) => walkExternalToFloatingIp(c.cloud, floatingIpOf(c)!.floatingIpAddress).delivered,
    fix: (c) => {
      const fip = floatingIpOf(c)!;
      return { host: 'controller', command: `ip netns exec ${routerNamespace(c.router!.id)} iptables -t nat -A neutron-l3-agent-PREROUTING -d ${fip.floatingIpAddress}/32 -j DNAT --to-destination ${fip.fixedIpAddress}` };
    },
  },
  {
    id: 'tap-wrong-mtu',
    name: { en: 'The instance\'s tap has MTU 1500 on a 1450 VXLAN network', zh: 'VXLAN 网络（1450）上实例 tap 的 MTU 被改成了 1500' },
    symptom: { en: 'Small pings work, large transfers stall: full-size frames no longer fit the VXLAN overlay.', zh: '小包能 ping 通，大流量传输卡住：满长帧塞不进 VXLAN 隧道了。' },
    applies: (c) => c.cloud.db.networks[c.port.networkId]?.networkType === 'vxlan',
    inject(c) {
      findLink(c.cloud.hosts[c.server.host!]!.root, tapName(c.port.id))!.mtu = c.cloud.config.globalPhysnetMtu;
    },
    healthy: (c) => findLink(c.cloud.hosts[c.server.host!]!.root, tapName(c.port.id))!.mtu === c.cloud.db.networks[c.port.networkId]!.mtu,
    fix: (c) => ({ host: c.server.host!, command: `ip link set dev ${tapName(c.port.id)} mtu ${c.cloud.db.networks[c.port.networkId]!.mtu}` }),
  },
];

export function faultById(id: string): Fault {
  const f = FAULTS.find((x) => x.id === id);
  if (!f) throw new Error(`no fault ${id}`);
  return f;
}
