/**
 * Flow 6 faults for router drills (not a family), following content/faults.ts.
 * The cloud is healthy when the instance reaches its gateway, every instance
 * on the router's other subnets (the walk must end in that instance's TAP, not
 * leak out of a default route), and the metadata proxy through the REDIRECT,
 * the 0x1 mark and the INPUT rules.
 */
import { routerInterfaceName, routerNamespace, tapName, bridgeName } from '../../../engine/core/names.js';
import type { Port, Server } from '../../../engine/core/types.js';
import { findLink, release } from '../../../engine/host/kernel.js';
import { traverse, type Packet } from '../../../engine/packets/netfilter.js';
import { walkInstanceToAddress } from '../../../engine/packets/routing.js';
import type { Fault, FaultContext } from '../../faults.js';

function routerPortOn(c: FaultContext, networkId: string): Port | undefined {
  return Object.values(c.cloud.db.ports).find((p) => p.deviceId === c.router?.id && p.deviceOwner === 'network:router_interface' && p.networkId === networkId);
}

const nsOf = (c: FaultContext) => c.cloud.hosts[c.router!.l3AgentHost]!.namespaces[routerNamespace(c.router!.id)]!;
const l3Root = (c: FaultContext) => c.cloud.hosts[c.router!.l3AgentHost]!.root;

/** Instances on the router's other subnets. */
export function othersBehindRouter(c: FaultContext): Array<{ server: Server; port: Port }> {
  return Object.values(c.cloud.db.servers)
    .map((server) => ({ server, port: c.cloud.db.ports[server.portIds[0] ?? '']! }))
    .filter(({ port }) => port && port.networkId !== c.port.networkId && !!routerPortOn(c, port.networkId));
}

function reaches(c: FaultContext, ip: string, tap?: string): boolean {
  const walk = walkInstanceToAddress(c.cloud, c.server, ip);
  if (!walk.delivered) return false;
  if (!tap) return true;
  return walk.packets[0]?.stages.at(-1)?.dev === tap;
}

/** A TCP SYN to 169.254.169.254:80 entering the instance's qr-: marked, redirected to 9697, accepted in INPUT, haproxy running. */
export function metadataWorks(c: FaultContext): boolean {
  const qrPort = routerPortOn(c, c.port.networkId);
  if (!qrPort || !c.router) return false;
  const ns = nsOf(c);
  const p: Packet = { src: c.port.fixedIps[0]!.ipAddress, dst: '169.254.169.254', proto: 'tcp', dport: 80, inDev: routerInterfaceName(qrPort.id), mark: 0, dnat: false };
  traverse(ns, 'mangle', 'PREROUTING', p);
  const nat = traverse(ns, 'nat', 'PREROUTING', p);
  if (nat.action !== 'REDIRECT' || nat.to !== '9697') return false;
  const input = traverse(ns, 'filter', 'INPUT', { ...p, dport: 9697 });
  const haproxy = c.cloud.hosts[c.router.l3AgentHost]!.processes.some((x) => x.netns === ns.name && x.args.startsWith('haproxy'));
  return input.action === 'ACCEPT' && haproxy;
}

export function routerHealthy(c: FaultContext): boolean {
  const gw = c.cloud.db.subnets[c.port.fixedIps[0]!.subnetId]!.gatewayIp!;
  if (!reaches(c, gw)) return false;
  for (const o of othersBehindRouter(c)) if (!reaches(c, o.port.fixedIps[0]!.ipAddress, tapName(o.port.id))) return false;
  return metadataWorks(c);
}

const ownQrTap = (c: FaultContext) => tapName(routerPortOn(c, c.port.networkId)!.id);

/** The other subnet whose connected route the route fault removes: the first other instance's. */
function otherInterface(c: FaultContext): { port: Port; cidr: string } | undefined {
  const o = othersBehindRouter(c)[0];
  if (!o) return undefined;
  const port = routerPortOn(c, o.port.networkId)!;
  return { port, cidr: c.cloud.db.subnets[port.fixedIps[0]!.subnetId]!.cidr };
}

export const ROUTER_FAULTS: Fault[] = [
  {
    id: 'qr-tap-not-in-bridge',
    name: { en: 'The router interface\'s tap was removed from the tenant network\'s bridge', zh: '路由器接口的 tap 被从租户网络的网桥上摘掉了' },
    symptom: { en: 'The instance cannot ping its gateway, reach other subnets or fetch metadata; instances on its own subnet still answer.', zh: '实例 ping 不通网关，访问不了其他子网，也拿不到元数据；同一子网内的实例之间还能通。' },
    applies: routerHealthy,
    inject(c) {
      release(l3Root(c), ownQrTap(c));
    },
    healthy: routerHealthy,
    fix: (c) => ({ host: c.router!.l3AgentHost, command: `brctl addif ${bridgeName(c.port.networkId)} ${ownQrTap(c)}` }),
  },
  {
    id: 'qr-tap-down',
    name: { en: 'The router interface\'s tap on the network node is administratively down', zh: '网络节点上路由器接口的 tap 被 down 掉了' },
    symptom: { en: 'The instance cannot ping its gateway, reach other subnets or fetch metadata; instances on its own subnet still answer.', zh: '实例 ping 不通网关，访问不了其他子网，也拿不到元数据；同一子网内的实例之间还能通。' },
    applies: routerHealthy,
    inject(c) {
      findLink(l3Root(c), ownQrTap(c))!.up = false;
    },
    healthy: routerHealthy,
    fix: (c) => ({ host: c.router!.l3AgentHost, command: `ip link set ${ownQrTap(c)} up` }),
  },
  {
    id: 'router-connected-route-missing',
    name: { en: 'The router namespace lost the connected route of another subnet', zh: '路由器命名空间里另一个子网的直连路由丢了' },
    symptom: { en: 'The instance pings its gateway and fetches metadata, but cannot reach the instances of the other subnet behind the same router.', zh: '实例能 ping 通网关，也能拿到元数据，但访问不了同一路由器后面另一个子网的实例。' },
    applies: (c) => !!otherInterface(c) && routerHealthy(c),
    inject(c) {
      const o = otherInterface(c)!;
      const ns = nsOf(c);
      ns.routes = ns.routes.filter((r) => !(r.dst === o.cidr && r.dev === routerInterfaceName(o.port.id)));
    },
    healthy: routerHealthy,
    fix: (c) => {
      const o = otherInterface(c)!;
      return { host: c.router!.l3AgentHost, command: `ip netns exec ${routerNamespace(c.router!.id)} ip route add ${o.cidr} dev ${routerInterfaceName(o.port.id)}` };
    },
  },
  {
    id: 'metadata-redirect-missing',
    name: { en: 'The metadata REDIRECT rule (169.254.169.254:80 -> 9697) is missing from the router\'s nat table', zh: '路由器 nat 表里的元数据 REDIRECT 规则（169.254.169.254:80 -> 9697）丢了' },
    symptom: { en: 'Ping and routing work, but `curl http://169.254.169.254/` from the instance times out, so cloud-init cannot fetch keys or user data.', zh: 'ping 和路由都正常，但在实例里 `curl http://169.254.169.254/` 超时，cloud-init 拿不到密钥和 user data。' },
    applies: routerHealthy,
    inject(c) {
      const nat = nsOf(c).iptables.nat!;
      nat.rules = nat.rules.filter((r) => !(r.spec.includes('169.254.169.254') && r.spec.includes('REDIRECT')));
    },
    healthy: routerHealthy,
    fix: (c) => ({
      host: c.router!.l3AgentHost,
      command: `ip netns exec ${routerNamespace(c.router!.id)} iptables -t nat -A neutron-l3-agent-PREROUTING -d 169.254.169.254/32 -i qr-+ -p tcp -m tcp --dport 80 -j REDIRECT --to-ports 9697`,
    }),
  },
];
