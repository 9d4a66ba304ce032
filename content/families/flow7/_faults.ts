/**
 * Faults of the router gateway and floating IPs that content/faults.ts does
 * not have, defined the same way (inject into the built cloud, a symptom check
 * over a real packet walk, a fix the repair shell can apply), plus a helper
 * for "name the fault" drills whose options are the faults of one area.
 * Not a family: not listed in any index.
 */
import { bridgeName, routerGatewayName, routerNamespace, tapName } from '../../../engine/core/names.js';
import { release } from '../../../engine/host/kernel.js';
import { walkExternalToFloatingIp, walkInstanceToAddress } from '../../../engine/packets/routing.js';
import { type Fault, type FaultContext, faultById } from '../../faults.js';
import type { Family } from '../../family.js';
import { choiceFamily, type ChoiceStory } from '../../kinds/choice.js';
import type { TroubleFacts } from '../../kinds/troubleshoot.js';
import type { Text, World } from '../../types.js';

function gateway(c: FaultContext) {
  const port = c.cloud.db.ports[c.router!.gateway!.portId]!;
  const root = c.cloud.hosts['controller']!.root;
  const tap = tapName(port.id);
  // The external bridge, even when one of its ports has been pulled out: the tap's, else the provider NIC's, else the name the agent derives.
  const bridge = root.links.find((l) => l.name === tap)?.master ?? root.links.find((l) => l.name === c.cloud.config.providerInterface)?.master ?? bridgeName(port.networkId);
  return { port, ip: port.fixedIps[0]!.ipAddress, dev: routerGatewayName(port.id), tap, bridge, ns: routerNamespace(c.router!.id) };
}

function floatingIpOf(c: FaultContext) {
  return Object.values(c.cloud.db.floatingIps).find((f) => f.portId === c.port.id);
}

/** Out and back to the internet: delivered, and SNATed to an address the router's qg- device holds. */
export function egressWorks(c: FaultContext, dst = '8.8.8.8'): boolean {
  if (!c.router?.gateway) return false;
  const walk = walkInstanceToAddress(c.cloud, c.server, dst);
  if (!walk.delivered) return false;
  const ns = c.cloud.hosts['controller']!.namespaces[routerNamespace(c.router.id)];
  const owned = new Set((ns?.addresses ?? []).filter((a) => a.dev.startsWith('qg-')).map((a) => a.cidr.split('/')[0]));
  const snat = walk.packets.flatMap((p) => p.stages).find((s) => s.note.startsWith('nat POSTROUTING: SNAT'));
  return !!snat && owned.has(snat.src);
}

/** The instance leaves with its own floating IP as source, as float-snat intends. */
export function leavesWithFloatingIp(c: FaultContext, dst = '8.8.8.8'): boolean {
  const fip = floatingIpOf(c);
  if (!fip) return false;
  const walk = walkInstanceToAddress(c.cloud, c.server, dst);
  const snat = walk.packets.flatMap((p) => p.stages).find((s) => s.note.startsWith('nat POSTROUTING: SNAT'));
  return walk.delivered && snat?.src === fip.floatingIpAddress;
}

/**
 * From outside to the floating IP and into the instance. `delivered` alone is not enough: without
 * the DNAT rule the walk ends "delivered locally" in the router namespace, which owns the /32.
 */
export function inboundWorks(c: FaultContext): boolean {
  const fip = floatingIpOf(c);
  if (!fip) return false;
  const walk = walkExternalToFloatingIp(c.cloud, fip.floatingIpAddress);
  const last = walk.packets.at(-1)?.stages.at(-1);
  return walk.delivered && !!last && last.host === c.server.host && last.dev === tapName(c.port.id) && last.dst === fip.fixedIpAddress;
}

/**
 * content/faults.ts's fip-dnat-missing, with a symptom check that looks at where the packet ends:
 * its own check (walk.delivered) still passes after the rule is removed, because the router
 * namespace itself accepts packets for the /32 it holds.
 */
export const FIP_DNAT_MISSING: Fault = {
  ...faultById('fip-dnat-missing'),
  applies: (c) => inboundWorks(c),
  healthy: (c) => inboundWorks(c),
};

export const GATEWAY_TAP_OUT: Fault = {
  id: 'gateway-tap-out-of-bridge',
  name: { en: 'The router gateway\'s tap (peer of qg-…) is not in the external network\'s bridge', zh: '路由器网关的 tap（qg-… 的对端）没有挂在外部网络的网桥上' },
  symptom: { en: 'The instance reaches its gateway, but nothing on or beyond the external network answers.', zh: '实例能到网关，但外部网络上以及更远的地方都没有回应。' },
  applies: (c) => !!c.router?.gateway && egressWorks(c),
  inject: (c) => release(c.cloud.hosts['controller']!.root, gateway(c).tap),
  healthy: (c) => egressWorks(c),
  fix: (c) => {
    const g = gateway(c);
    return { host: 'controller', command: `brctl addif ${g.bridge} ${g.tap}` };
  },
};

export const PROVIDER_NIC_OUT: Fault = {
  id: 'provider-nic-out-of-bridge',
  name: { en: 'The provider NIC is not in the external network\'s bridge', zh: '物理网卡（provider 接口）没有挂在外部网络的网桥上' },
  symptom: { en: 'The instance reaches its gateway, but nothing on or beyond the external network answers.', zh: '实例能到网关，但外部网络上以及更远的地方都没有回应。' },
  applies: (c) => !!c.router?.gateway && egressWorks(c),
  inject: (c) => release(c.cloud.hosts['controller']!.root, c.cloud.config.providerInterface),
  healthy: (c) => egressWorks(c),
  fix: (c) => ({ host: 'controller', command: `brctl addif ${gateway(c).bridge} ${c.cloud.config.providerInterface}` }),
};

export const FLOAT_SNAT_MISSING: Fault = {
  id: 'float-snat-missing',
  name: { en: 'The floating IP\'s float-snat rule (-s fixed/32 -j SNAT --to-source FIP) is missing', zh: '浮动 IP 的 float-snat 规则（-s 固定IP/32 -j SNAT --to-source FIP）丢了' },
  symptom: { en: 'Inbound connections to the floating IP work, but the instance\'s own outgoing connections arrive from the router\'s gateway address instead of its floating IP (remote allow-lists reject it).', zh: '从外面访问浮动 IP 正常，但实例自己主动出去的连接，对端看到的源地址是路由器网关地址而不是它的浮动 IP（对方的白名单就拒掉了）。' },
  applies: (c) => leavesWithFloatingIp(c),
  inject(c) {
    const fip = floatingIpOf(c)!;
    const t = c.cloud.hosts['controller']!.namespaces[routerNamespace(c.router!.id)]!.iptables.nat!;
    t.rules = t.rules.filter((r) => !(r.chain === 'neutron-l3-agent-float-snat' && r.spec.startsWith(`-s ${fip.fixedIpAddress}/32 -j SNAT`)));
  },
  healthy: (c) => leavesWithFloatingIp(c) && inboundWorks(c),
  fix: (c) => {
    const fip = floatingIpOf(c)!;
    const random = c.cloud.config.useRandomFully ? ' --random-fully' : '';
    return { host: 'controller', command: `ip netns exec ${routerNamespace(c.router!.id)} iptables -t nat -A neutron-l3-agent-float-snat -s ${fip.fixedIpAddress}/32 -j SNAT --to-source ${fip.floatingIpAddress}${random}` };
  },
};

/**
 * The floating IP's /32 is gone from qg-: the rules are there but nobody answers ARP for it.
 * The repair shell has no `ip addr add`, so this fault suits "name" drills only; its fix is
 * given as the command an operator would type (or: restart the L3 agent / update the router).
 */
export const FIP_ADDRESS_MISSING: Fault = {
  id: 'fip-address-missing',
  name: { en: 'The floating IP\'s /32 address is missing from the router\'s qg- device', zh: '路由器 qg- 设备上少了浮动 IP 的 /32 地址' },
  symptom: { en: 'Nothing from outside reaches the floating IP: the upstream router gets no ARP answer for it.', zh: '外面访问不了浮动 IP：上游路由器 ARP 请求它时没人应答。' },
  applies: (c) => inboundWorks(c),
  inject(c) {
    const fip = floatingIpOf(c)!;
    const ns = c.cloud.hosts['controller']!.namespaces[routerNamespace(c.router!.id)]!;
    ns.addresses = ns.addresses.filter((a) => a.cidr !== `${fip.floatingIpAddress}/32`);
  },
  healthy: inboundWorks,
  fix: (c) => {
    const fip = floatingIpOf(c)!;
    return { host: 'controller', command: `ip netns exec ${routerNamespace(c.router!.id)} ip addr add ${fip.floatingIpAddress}/32 dev ${gateway(c).dev}` };
  },
};

export interface NameDrillFacts extends TroubleFacts {
  /** The faults offered as answers (the injected one among them), by id. */
  offered: string[];
}

/**
 * "Name the fault" over a chosen set of faults: the options are those faults'
 * names, so every distractor is a plausible failure of the same area, and the
 * lab sees one symptom text for all of them.
 */
export function nameDrill<F extends NameDrillFacts>(story: Omit<ChoiceStory<F>, 'options' | 'multiple'> & { faults: Fault[]; symptom: (w: World<F>) => Text }): Family<F> {
  const byId = (id: string) => story.faults.find((f) => f.id === id)!;
  const base = choiceFamily<F>({
    ...story,
    options: (w) => ({ right: [w.facts.fault.name.en], wrong: w.facts.offered.filter((id) => id !== w.facts.fault.id).map((id) => byId(id).name.en) }),
    whyWrong: (w, option) => {
      const f = story.faults.find((x) => x.name.en === option);
      const own = story.whyWrong?.(w, option);
      if (own) return own;
      return f ? { en: `Not this one: ${f.name.en} — the outputs above show it intact.`, zh: `不是这个：${f.name.zh}——上面的输出里它是好的。` } : undefined;
    },
  });
  return { ...base, kind: 'troubleshooting', ask: (w, p) => ({ ...base.ask(w, p), fault: story.symptom(w) }) };
}
