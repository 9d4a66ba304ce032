/**
 * Helpers shared by the flow 3 and flow 4 families (not a family: not listed
 * in index.ts). Small readers over the built cloud, an answer rewriter for
 * kinds whose text comparison is stricter than the real output, and a few
 * faults of the compute node and the DHCP agent that content/faults.ts lacks.
 */
import type { Family } from '../../family.js';
import type { Fault, FaultContext } from '../../faults.js';
import { names } from '../../lookup.js';
import type { Answer, ItemResult, Text, World } from '../../types.js';
import type { Network, Port, Server } from '../../../engine/core/types.js';
import { findLink, release } from '../../../engine/host/kernel.js';
import { dhcpExchange } from '../../../engine/packets/dhcp.js';
import { parseIp, formatIp } from '../../../engine/core/ip.js';

/** The scenario lines, then admin credentials so `openstack server show/list` print the host. */
export function asAdmin(lines: string[]): string[] {
  return [...lines, '. admin-openrc'];
}

export function tenantNetwork(world: World<unknown>): Network {
  const net = Object.values(world.cloud.db.networks).find((n) => !n.external);
  if (!net) throw new Error('no tenant network');
  return net;
}

export function serversOn(world: World<unknown>, networkId: string): Server[] {
  return Object.values(world.cloud.db.servers).filter((s) => s.host && s.portIds.some((p) => world.cloud.db.ports[p]?.networkId === networkId));
}

export function portsOn(world: World<unknown>, networkId: string): Port[] {
  return (world.cloud.db.portsByNetwork[networkId] ?? []).map((id) => world.cloud.db.ports[id]!).filter(Boolean);
}

export function firstPort(world: World<unknown>, server: Server): Port {
  return world.cloud.db.ports[server.portIds[0]!]!;
}

/** Lines of a text, without the empty ones. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

/** The same family, grading a rewritten answer (spellings the kind's comparison would reject). */
export function rewritingAnswer<F>(family: Family<F>, rewrite: (answer: Answer, world: World<F>) => Answer): Family<F> {
  return { ...family, grade: (world, asked, answer) => family.grade(world, asked, rewrite(answer, world)) };
}

/** Answer lines as text (the lines kind accepts a string or an array). */
export function answerText(answer: Answer): string {
  return typeof answer === 'string' ? answer : Array.isArray(answer) ? answer.join('\n') : Object.values(answer).join('\n');
}

/** "a / 中文": option texts are single strings, so statements carry both languages. */
export function both(t: Text): string {
  return `${t.en} / ${t.zh}`;
}

/** The lowest address of the subnet's pools that no port holds. */
export function lowestFree(world: World<unknown>, subnetId: string): string | null {
  const db = world.cloud.db;
  const subnet = db.subnets[subnetId]!;
  const used = new Set(Object.values(db.ports).flatMap((p) => p.fixedIps.filter((f) => f.subnetId === subnetId).map((f) => f.ipAddress)));
  for (const pool of subnet.allocationPools) {
    for (let ip = parseIp(pool.start)!; ip <= parseIp(pool.end)!; ip++) if (!used.has(formatIp(ip))) return formatIp(ip);
  }
  return null;
}

const dhcpWorks = (c: FaultContext) => dhcpExchange(c.cloud, c.server, c.port).lease !== null;

/** The agent's job on a compute node: vxlan-<VNI> enslaved to the network's bridge. */
export const VXLAN_NOT_IN_BRIDGE: Fault = {
  id: 'vxlan-not-in-bridge',
  name: { en: 'The vxlan device on the compute node is not in the network\'s bridge', zh: '计算节点上的 vxlan 设备没有挂到网络的网桥上' },
  symptom: {
    en: 'The instance gets no DHCP answer and cannot reach anything on its network.',
    zh: '实例收不到 DHCP 应答，同网段谁都访问不了。',
  },
  applies: (c) => c.server.host !== 'controller' && c.cloud.db.networks[c.port.networkId]?.networkType === 'vxlan' && dhcpWorks(c),
  inject(c) {
    release(c.cloud.hosts[c.server.host!]!.root, names.vxlanName(c.cloud.db.networks[c.port.networkId]!.segmentationId!));
  },
  healthy: dhcpWorks,
  fix: (c) => ({
    host: c.server.host!,
    command: `brctl addif ${names.bridgeName(c.port.networkId)} ${names.vxlanName(c.cloud.db.networks[c.port.networkId]!.segmentationId!)}`,
  }),
};

function dhcpPortOfNet(c: FaultContext): Port | undefined {
  return Object.values(c.cloud.db.ports).find((p) => p.networkId === c.port.networkId && p.deviceOwner === 'network:dhcp');
}

/** The DHCP agent's veth: its root-namespace end tap<dhcp-port> must sit in the bridge on the network node. */
export const DHCP_TAP_NOT_IN_BRIDGE: Fault = {
  id: 'dhcp-tap-not-in-bridge',
  name: { en: 'The DHCP port\'s tap (root end of the qdhcp veth) is not in the bridge on the network node', zh: '网络节点上 DHCP 端口的 tap（qdhcp veth 在根命名空间的一端）没有挂到网桥上' },
  symptom: {
    en: 'No instance on the network gets an address any more; dnsmasq is running and its files look complete.',
    zh: '这个网络上所有实例都拿不到地址了；dnsmasq 在跑，配置文件看起来也都齐全。',
  },
  applies: (c) => !!dhcpPortOfNet(c) && dhcpWorks(c),
  inject(c) {
    release(c.cloud.hosts['controller']!.root, names.tapName(dhcpPortOfNet(c)!.id));
  },
  healthy: dhcpWorks,
  fix: (c) => ({ host: 'controller', command: `brctl addif ${names.bridgeName(c.port.networkId)} ${names.tapName(dhcpPortOfNet(c)!.id)}` }),
};

/** The MAC the host side of a libvirt TAP shows: the guest MAC with the first octet fe. */
export function hostTapMac(world: World<unknown>, server: Server, port: Port): string {
  return findLink(world.cloud.hosts[server.host!]!.root, names.tapName(port.id))!.mac;
}

/** The same family, with better messages for some graded items (e.g. an extra line that is a known misconception). */
export function withMessages<F>(family: Family<F>, message: (item: ItemResult, world: World<F>) => Text | undefined): Family<F> {
  return {
    ...family,
    grade: (world, asked, answer) => family.grade(world, asked, answer).map((it) => {
      if (it.verdict === 'correct') return it;
      const m = message(it, world);
      return m ? { ...it, message: m } : it;
    }),
  };
}

/** The node a port is wired on: its binding host (the DHCP and router ports are bound to the network node). */
export function portHost(world: World<unknown>, port: Port): string {
  if (port.bindingHostId) return port.bindingHostId;
  const router = world.cloud.db.routers[port.deviceId];
  return router ? router.l3AgentHost : 'controller';
}

/**
 * Fill-in grading, in both languages: the kind names a wrong blank by its English label in the Chinese
 * message too; this puts the Chinese label there, and lets a family explain well-known wrong values.
 */
export function explainingBlanks<F>(
  family: Family<F>,
  explain?: (blank: string, given: string, expected: string, world: World<F>) => Text | undefined,
): Family<F> {
  return {
    ...family,
    grade: (world, asked, answer) => {
      const fields = asked.answerFormat.type === 'fields' ? asked.answerFormat.fields : [];
      return family.grade(world, asked, answer).map((it) => {
        const field = fields.find((f) => f.label.en === it.item);
        if (!field || it.verdict === 'correct' || !it.message) return it;
        const base: Text = { en: it.message.en, zh: it.message.zh.replace(it.item, field.label.zh) };
        const extra = it.given ? explain?.(field.id, it.given, it.expected, world) : undefined;
        return { ...it, message: extra ? { en: `${base.en} ${extra.en}`, zh: `${base.zh}${extra.zh}` } : base };
      });
    },
  };
}
