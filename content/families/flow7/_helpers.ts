/**
 * Helpers shared by the flow 7 and flow 8 families (router gateway, SNAT,
 * floating IPs): the router's gateway objects as the engine built them, its
 * rendered NAT table, packet walks, and the bilingual notes on where the
 * interview material differs from neutron 2024.1. Not a family: not listed
 * in any index.
 */
import { execOnHost, type Cloud } from '../../../engine/index.js';
import type { FloatingIp, Link, Port, Router, Server } from '../../../engine/core/types.js';
import { lookupRoute, walkExternalToFloatingIp, walkInstanceToAddress, type RoutedWalk, type Stage } from '../../../engine/packets/routing.js';
import { gatewayPortOf, ipOf, names } from '../../lookup.js';
import type { Family } from '../../family.js';
import { fieldsFamily, type FieldsStory } from '../../kinds/fields.js';
import type { Pick } from '../../pick.js';
import { tenantCloud, type Topology, type TopologyOptions } from '../../scenarios.js';
import type { Text, World } from '../../types.js';

export { walkExternalToFloatingIp, walkInstanceToAddress, lookupRoute };
export type { RoutedWalk, Stage };

/**
 * tenantCloud with floating IPs that never collide with the external network's DHCP port.
 * tenantCloud pins floating addresses at pool start + offset with offset 0 allowed, but the
 * DHCP port of the external subnet already holds the pool's lowest address, so about one seed
 * in 140 per floating IP fails to build ("The IP address … is in use"). Such an address is moved
 * to the highest free address of the pool (the gateway takes its random one only afterwards).
 */
export function tenantCloudSafe(pick: Pick, options: TopologyOptions): Topology {
  const t = tenantCloud(pick, options);
  const pool = /--allocation-pool start=([\d.]+),end=([\d.]+)/.exec(t.lines.find((l) => l.includes('--allocation-pool')) ?? '');
  if (!pool) return t;
  const [start, end] = [pool[1]!, pool[2]!];
  const prefix = start.split('.').slice(0, 3).join('.');
  const last = Number(end.split('.')[3]);
  const used = new Set(t.fips.map((f) => f.address));
  for (const f of t.fips) {
    if (f.address !== start) continue;
    let host = last;
    while (used.has(`${prefix}.${host}`)) host--;
    const moved = `${prefix}.${host}`;
    used.add(moved);
    const old = f.address;
    t.lines = t.lines.map((l) => (l.includes('floating ip') && l.endsWith(` ${old}`) ? l.replace(new RegExp(` ${old.replace(/\./g, '\\.')}$`), ` ${moved}`) : l.replace(`--floating-ip-address ${old} `, `--floating-ip-address ${moved} `)));
    f.address = moved;
  }
  return t;
}

/** Addresses on the internet a question may send packets to (outside every seeded range). */
export const INTERNET = ['8.8.8.8', '1.1.1.1', '9.9.9.9', '8.8.4.4', '1.0.0.1', '4.2.2.2'];

export interface GatewayView {
  router: Router;
  port: Port;
  ip: string;
  /** qg-<port[:11]> inside qrouter-<router>. */
  dev: string;
  /** tap<port[:11]>, its veth peer in the root namespace. */
  tap: string;
  ns: string;
  extNetworkId: string;
  extSubnetId: string;
  extGateway: string;
  /** The bridge the engine put the tap into (brq<extnet[:11]> with flat networks). */
  bridge: string;
}

/** The gateway as it really is on the controller, read from the links (not from naming rules alone). */
export function gatewayView(cloud: Cloud, router: Router): GatewayView {
  const port = gatewayPortOf(cloud, router);
  const dev = names.routerGatewayName(port.id);
  const tap = names.tapName(port.id);
  const root = cloud.hosts['controller']!.root;
  const tapLink = root.links.find((l) => l.name === tap);
  const extSubnetId = port.fixedIps[0]!.subnetId;
  return {
    router, port, ip: ipOf(port), dev, tap, ns: names.routerNamespace(router.id),
    extNetworkId: port.networkId, extSubnetId, extGateway: cloud.db.subnets[extSubnetId]!.gatewayIp ?? '',
    bridge: tapLink?.master ?? root.links.find((l) => l.name === cloud.config.providerInterface)?.master ?? names.bridgeName(port.networkId),
  };
}

/** The single router of a seeded cloud, or the first one with a gateway. */
export function theRouter(cloud: Cloud): Router {
  const routers = Object.values(cloud.db.routers);
  return routers.find((r) => r.gateway) ?? routers[0]!;
}

/** `-A …` lines of a table in the router namespace, as `iptables -t T -S` prints them. */
export function tableRules(w: World<unknown>, routerId: string, table: 'nat' | 'mangle' | 'filter' = 'nat'): string[] {
  return w.run('controller', `ip netns exec ${names.routerNamespace(routerId)} iptables -t ${table} -S`).split('\n').filter((l) => l.startsWith('-A '));
}

/** The same, for a cloud that is not the world's (a clone after a change). */
export function tableRulesOf(cloud: Cloud, routerId: string, table: 'nat' | 'mangle' = 'nat'): string[] {
  const r = execOnHost(cloud, 'controller', `ip netns exec ${names.routerNamespace(routerId)} iptables -t ${table} -S`);
  return r.stdout.split('\n').filter((l) => l.startsWith('-A '));
}

/** Runs an API command on a copy of the cloud and returns the copy (and what the command printed). */
export function afterCommand(cloud: Cloud, command: string): { cloud: Cloud; stdout: string; stderr: string; exitCode: number } {
  return afterCommands(cloud, [command]);
}

/** Runs API commands one after another on a single copy of the cloud (copying costs more than most commands). */
export function afterCommands(cloud: Cloud, commands: string[]): { cloud: Cloud; stdout: string; stderr: string; exitCode: number } {
  const copy = structuredClone(cloud);
  let last = { stdout: '', stderr: '', exitCode: 0 };
  for (const command of commands) last = execOnHost(copy, 'controller', command);
  return { cloud: copy, ...last };
}

export function serverByName(cloud: Cloud, name: string): Server {
  return Object.values(cloud.db.servers).find((s) => s.name === name)!;
}

export function fixedIpOf(cloud: Cloud, server: Server): string {
  return cloud.db.ports[server.portIds[0]!]!.fixedIps[0]!.ipAddress;
}

export function floatingIpOfServer(cloud: Cloud, server: Server): FloatingIp | undefined {
  return Object.values(cloud.db.floatingIps).find((f) => f.portId !== null && server.portIds.includes(f.portId));
}

/** The stage where the router rewrote the source (SNAT), if any. */
export function snatStage(walk: RoutedWalk): Stage | undefined {
  return walk.packets.flatMap((p) => p.stages).find((s) => s.note.startsWith('nat POSTROUTING: SNAT'));
}

export function dnatStage(walk: RoutedWalk): Stage | undefined {
  return walk.packets.flatMap((p) => p.stages).find((s) => s.note.startsWith('nat PREROUTING: DNAT'));
}

/** First stage on a device whose name starts with `prefix` in a router namespace. */
export function stageOn(walk: RoutedWalk, prefix: string): Stage | undefined {
  return walk.packets.flatMap((p) => p.stages).find((s) => s.netns.startsWith('qrouter-') && s.dev.startsWith(prefix));
}

export function lastStage(walk: RoutedWalk): Stage {
  return walk.packets.at(-1)!.stages.at(-1)!;
}

/** "qrouter-…: icmp src=A dst=B src=C dst=D" -> both tuples. */
export function conntrackTuples(line: string): { orig: { src: string; dst: string }; reply: { src: string; dst: string } } {
  const m = /src=(\S+) dst=(\S+) src=(\S+) dst=(\S+)/.exec(line);
  if (!m) throw new Error(`not a conntrack line: ${line}`);
  return { orig: { src: m[1]!, dst: m[2]! }, reply: { src: m[3]!, dst: m[4]! } };
}

export function linkIn(cloud: Cloud, netns: string, name: string): Link | undefined {
  const host = cloud.hosts['controller']!;
  const ns = netns ? host.namespaces[netns] : host.root;
  return ns?.links.find((l) => l.name === name);
}

/** Interfaces enslaved to `bridge` on a host, by name. */
export function bridgePorts(cloud: Cloud, host: string, bridge: string): string[] {
  return cloud.hosts[host]!.root.links.filter((l) => l.master === bridge).map((l) => l.name).sort();
}

/**
 * fieldsFamily, with wrong-answer messages that use the Chinese label in the Chinese text (the
 * shared whereToLook gets only the English label) and add a note when the learner gave a
 * well-known wrong value (br-ex, the VXLAN MTU, the floating IP port's MAC, …).
 */
export function fieldsFamilyExplained<F>(story: FieldsStory<F>, misconception: (w: World<F>, blank: string, given: string) => Text | undefined): Family<F> {
  const base = fieldsFamily(story);
  return {
    ...base,
    grade(world, asked, answer) {
      const items = base.grade(world, asked, answer);
      const blanks = story.blanks(world);
      return items.map((item, i) => {
        const b = blanks[i];
        if (!b || item.verdict === 'correct') return item;
        const see = b.source ? ` (\`${b.source.host}$ ${b.source.command}\`)` : '';
        const note = item.given ? misconception(world, b.id, item.given) : undefined;
        return {
          ...item,
          message: {
            en: `${b.label.en}: the cloud has ${b.expected}${see}; you wrote ${item.given || '(nothing)'}.${note ? ` ${note.en}` : ''}`,
            zh: `${b.label.zh}：这个环境里实际是 ${b.expected}${see}；你写的是 ${item.given || '（空）'}。${note ? note.zh : ''}`,
          },
        };
      });
    },
  };
}

/** Where the interview material for flows 7 and 8 simplifies or is wrong (reference §8.3, §9.3, §10). */
export const SEED_NOTES: Record<string, Text> = {
  snatRule: {
    en: 'Where the seed is loose: its Flow 7 step 4 only says the source is rewritten to "the router\'s interface address". Precisely, the rule is `-o qg-… -j SNAT --to-source <gateway port IP> --random-fully` in neutron-l3-agent-snat, reached from POSTROUTING through neutron-postrouting-bottom (comment "Perform source NAT on outgoing traffic."), after the jump to neutron-l3-agent-float-snat. It is SNAT, not MASQUERADE, and a second, hairpin SNAT rule (mark 0x2) sits next to it.',
    zh: '资料不够准确的地方：第七部分第 4 步只说“把源地址改成 router 的接口地址”。准确地说，规则是 neutron-l3-agent-snat 链里的 `-o qg-… -j SNAT --to-source <网关端口IP> --random-fully`，路径是 POSTROUTING → neutron-postrouting-bottom（注释 "Perform source NAT on outgoing traffic."）→ neutron-l3-agent-snat，而且排在跳转 neutron-l3-agent-float-snat 之后。用的是 SNAT 不是 MASQUERADE，旁边还有一条带 mark 0x2 的 hairpin SNAT 规则。',
  },
  extBridge: {
    en: 'Where the seed is loose: Flow 7 steps 2–3 speak of "a tap on the bridge" and an "atp" device in the router namespace. Precisely: qg-<port[:11]> in qrouter-<router> is one end of a veth pair; its peer tap<port[:11]> is a port of brq<external network[:11]>, which also holds the physical NIC (eth1 for a flat network, eth1.<vlan> for VLAN). There is no br-ex with Linux bridge: the L3 agent option external_network_bridge was removed in Stein (14.0.0).',
    zh: '资料不够准确的地方：第七部分第 2、3 步说“bridge 上多了 tap”“namespace 里生成 atp 设备”。准确地说：qrouter-<router> 里的 qg-<port[:11]> 是 veth 的一端，另一端 tap<port[:11]> 挂在 brq<外部网络ID前11位> 网桥上，这个网桥里还有物理网卡（flat 网络是 eth1，VLAN 网络是 eth1.<vlan>）。Linux bridge 方案里没有 br-ex：L3 agent 的 external_network_bridge 选项在 Stein（14.0.0）就删掉了。',
  },
  gatewayIp: {
    en: 'Interviewers often say the gateway takes "the first address of the external pool". It takes a random free address from the allocation pool (AnyAddressRequest) unless `--fixed-ip subnet=…,ip-address=…` is given; the lowest free address usually goes to the external network\'s DHCP port.',
    zh: '面试里常说网关拿“外部地址池的第一个地址”。实际上除非指定 `--fixed-ip subnet=…,ip-address=…`，它是从地址池里随机挑一个空闲地址（AnyAddressRequest）；最小的空闲地址一般被外部网络的 DHCP 端口占了。',
  },
  randomFully: {
    en: '`--random-fully` is appended to every SNAT rule since Train (15.0.0) when iptables is 1.6.0 or newer and [AGENT] use_random_fully is True (the default); it randomises source ports to avoid conntrack collisions. Older dumps and blog posts lack it.',
    zh: '从 Train（15.0.0）起，只要 iptables ≥ 1.6.0 且 [AGENT] use_random_fully = True（默认），每条 SNAT 规则后面都会带 `--random-fully`，用来随机化源端口、避免 conntrack 冲突。老版本的输出和网上的博客里没有它。',
  },
  disableSnat: {
    en: 'With `--disable-snat` only the `-o qg-… -j SNAT` rule (and its mangle CONNMARK companion) disappears; the POSTROUTING ACCEPT rule, the hairpin SNAT rule, the metadata REDIRECT and every floating-IP rule stay. Instances without a floating IP then leave with their private source address and only work if the upstream network routes the tenant range back.',
    zh: '加了 `--disable-snat` 之后，只有 `-o qg-… -j SNAT` 这条（以及 mangle 里配套的 CONNMARK 规则）没了；POSTROUTING 的 ACCEPT、hairpin SNAT、元数据 REDIRECT 和所有浮动 IP 规则都还在。没有浮动 IP 的实例会带着私网源地址出去，只有上游网络有回程路由时才通。',
  },
  ipv6: {
    en: 'All of this is IPv4: neutron never NATs IPv6; an IPv6 tenant subnet is routed as is.',
    zh: '以上都只针对 IPv4：neutron 从不对 IPv6 做 NAT，IPv6 租户子网直接路由。',
  },
  fip: {
    en: 'Where the seed is loose: its Flow 8 says "an IP is added on the qg port" and "NAT is done on the router". Precisely: the L3 agent first installs three rules — `-d FIP/32 -j DNAT` in neutron-l3-agent-PREROUTING and in neutron-l3-agent-OUTPUT, and `-s fixed/32 -j SNAT --to-source FIP --random-fully` in neutron-l3-agent-float-snat — then adds FIP/32 (brd FIP) to qg-, sends gratuitous ARPs (3 rounds of arping -U and -A) with the qg- MAC, and reports the floating IP ACTIVE (it was DOWN).',
    zh: '资料不够准确的地方：第八部分只说“在 qg 端口上加了一条 IP”“在 router 上做了 NAT”。准确地说：L3 agent 先装三条规则——neutron-l3-agent-PREROUTING 和 neutron-l3-agent-OUTPUT 里各一条 `-d FIP/32 -j DNAT`，neutron-l3-agent-float-snat 里一条 `-s 固定IP/32 -j SNAT --to-source FIP --random-fully`——然后才把 FIP/32（brd 就是 FIP 本身）加到 qg- 上，用 qg- 的 MAC 发免费 ARP（arping -U 和 -A 各 3 轮），最后把浮动 IP 状态从 DOWN 上报为 ACTIVE。',
  },
  fipPort: {
    en: 'The floating IP lives on a port with device_owner network:floatingip that is never bound (no binding_host_id, no tap, never in a DHCP host file); its own MAC is never used on the wire. The guest OS never sees the floating IP: `ip addr` inside the instance shows only the fixed IP.',
    zh: '浮动 IP 挂在一个 device_owner 为 network:floatingip 的端口上，这个端口从不绑定（没有 binding_host_id，没有 tap，也不会出现在任何 DHCP host 文件里），它自己的 MAC 从来不会出现在线路上。虚拟机操作系统看不到浮动 IP：实例里 `ip addr` 只有固定 IP。',
  },
  dvr: {
    en: 'This is a legacy (centralized) router: the NAT happens in qrouter-… on the network node. With DVR (OVS only) floating IPs are handled on the compute node through the fip-<extnet> namespace and fg-/rfp-/fpr- devices.',
    zh: '这里是传统的集中式路由器，NAT 都在网络节点的 qrouter-… 里做。DVR（只有 OVS 支持）下浮动 IP 在计算节点上处理，经过 fip-<外部网络> 命名空间和 fg-/rfp-/fpr- 设备。',
  },
};
