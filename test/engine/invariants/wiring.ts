/** What the database says must be wired on the hosts: bound ports, router ports, floating IPs. */
import type { Cloud, Netns } from '../../../engine/core/types';
import { OWNER_ROUTER_GATEWAY, OWNER_ROUTER_INTERFACE, brq, findLink, hasAddress, namespaceEnd, peerOf, prefixOf, qrouter, short, tap } from './common';

/**
 * Every ACTIVE port bound to a host has `tap<port[:11]>` there, enslaved to
 * `brq<net[:11]>`. Compute ports: the TAP itself. DHCP/router ports: the root
 * end of a veth whose peer is ns-/qr-/qg- in the right namespace, carrying the
 * port's MAC (reference §1 table, §3.1 step 3, §7.1 step 2, §8.1).
 */
export function checkBoundPortsWired(cloud: Cloud): string[] {
  const out: string[] = [];
  for (const port of Object.values(cloud.db.ports)) {
    if (port.status !== 'ACTIVE' || !port.bindingHostId) continue;
    const host = cloud.hosts[port.bindingHostId];
    if (!host) {
      out.push(`port ${port.id} is bound to unknown host ${port.bindingHostId}`);
      continue;
    }
    const t = findLink(host.root, tap(port.id));
    if (!t) {
      out.push(`${host.name}: ACTIVE port ${port.id} (${port.deviceOwner}) has no ${tap(port.id)}`);
      continue;
    }
    if (t.master !== brq(port.networkId)) out.push(`${host.name}: ${t.name} is enslaved to ${t.master ?? 'nothing'}, not ${brq(port.networkId)}`);
    if (!findLink(host.root, brq(port.networkId))) out.push(`${host.name}: ${brq(port.networkId)} missing for ACTIVE port ${port.id}`);
    const inner = namespaceEnd(port);
    if (inner) {
      if (t.kind !== 'veth') out.push(`${host.name}: ${t.name} of ${port.deviceOwner} port is a ${t.kind}, not a veth`);
      const peer = peerOf(host, t);
      if (!peer.link || peer.ns?.name !== inner.netns || peer.link.name !== inner.dev) {
        out.push(`${host.name}: ${t.name}'s peer is ${peer.ns?.name ?? '?'}/${peer.link?.name ?? '?'}, expected ${inner.netns}/${inner.dev}`);
      } else if (peer.link.mac !== port.macAddress) {
        out.push(`${host.name}: ${inner.dev} has MAC ${peer.link.mac}, the port has ${port.macAddress}`);
      }
    } else if (port.deviceOwner.startsWith('compute:')) {
      const server = cloud.db.servers[port.deviceId];
      if (!server || server.host !== host.name) out.push(`${host.name}: compute port ${port.id} bound here but its server ${port.deviceId} is on ${server?.host ?? 'no host'}`);
    }
  }
  return out;
}

/** Every router interface has its qr- in qrouter-<router> with the port's IP/prefix; every gateway port its qg- (reference §7.2, §8.1). */
export function checkRouterPorts(cloud: Cloud): string[] {
  const out: string[] = [];
  for (const router of Object.values(cloud.db.routers)) {
    const host = cloud.hosts[router.l3AgentHost];
    const ns = host?.namespaces[qrouter(router.id)];
    if (!ns) {
      out.push(`router ${router.id}: no ${qrouter(router.id)} on ${router.l3AgentHost}`);
      continue;
    }
    const ports = Object.values(cloud.db.ports).filter((p) => p.deviceId === router.id && (p.deviceOwner === OWNER_ROUTER_INTERFACE || p.deviceOwner === OWNER_ROUTER_GATEWAY));
    for (const port of ports) {
      const dev = `${port.deviceOwner === OWNER_ROUTER_INTERFACE ? 'qr' : 'qg'}-${short(port.id)}`;
      if (!findLink(ns, dev)) {
        out.push(`${ns.name}: no ${dev} for ${port.deviceOwner} port ${port.id}`);
        continue;
      }
      for (const f of port.fixedIps) {
        const cidr = `${f.ipAddress}/${prefixOf(cloud, f.subnetId)}`;
        if (!hasAddress(ns, dev, cidr)) out.push(`${ns.name}: ${dev} lacks ${cidr}`);
      }
    }
    if (router.gateway && !ports.some((p) => p.id === router.gateway!.portId && p.deviceOwner === OWNER_ROUTER_GATEWAY)) {
      out.push(`router ${router.id}: gateway port ${router.gateway.portId} missing or not network:router_gateway`);
    }
    const wanted = new Set(ports.map((p) => `${p.deviceOwner === OWNER_ROUTER_INTERFACE ? 'qr' : 'qg'}-${short(p.id)}`));
    for (const link of ns.links) {
      if ((link.name.startsWith('qr-') || link.name.startsWith('qg-')) && !wanted.has(link.name)) out.push(`${ns.name}: stale ${link.name}`);
    }
  }
  return out;
}

function natRules(ns: Netns | undefined, chain: string): string[] {
  return (ns?.iptables.nat?.rules ?? []).filter((r) => r.chain === chain).map((r) => r.spec);
}

/**
 * A floating IP with a port: exactly one DNAT in neutron-l3-agent-PREROUTING,
 * one in neutron-l3-agent-OUTPUT, one SNAT in neutron-l3-agent-float-snat of
 * its router's namespace, and FIP/32 on that router's qg- (reference §9.2).
 * A floating IP without a port: no rule and no address anywhere.
 */
export function checkFloatingIps(cloud: Cloud): string[] {
  const out: string[] = [];
  const allNs = Object.values(cloud.hosts).flatMap((h) => Object.values(h.namespaces));
  for (const fip of Object.values(cloud.db.floatingIps)) {
    const addr = fip.floatingIpAddress;
    const dnat = `-d ${addr}/32 -j DNAT --to-destination ${fip.fixedIpAddress}`;
    const snatPrefix = `-s ${fip.fixedIpAddress}/32 -j SNAT --to-source ${addr}`;
    const mentions = (ns: Netns) => Object.values(ns.iptables).some((t) => t?.rules.some((r) => r.spec.includes(`${addr}/32`) || r.spec.endsWith(`--to-source ${addr}`) || r.spec.includes(`--to-source ${addr} `)));
    const holders = allNs.filter((ns) => ns.addresses.some((a) => a.cidr === `${addr}/32`));
    // DOWN on create and disassociate, ACTIVE once the L3 agent configured it (reference §9.4 Q6).
    if (fip.status !== (fip.portId ? 'ACTIVE' : 'DOWN')) out.push(`floating IP ${addr} is ${fip.status} ${fip.portId ? 'while associated' : 'without a port'}`);
    if (!fip.portId) {
      for (const ns of allNs) if (mentions(ns)) out.push(`${ns.name}: rules for unassociated floating IP ${addr}`);
      for (const ns of holders) out.push(`${ns.name}: holds unassociated floating IP ${addr}/32`);
      continue;
    }
    if (!fip.routerId) {
      out.push(`floating IP ${addr} has port ${fip.portId} but no router`);
      continue;
    }
    const router = cloud.db.routers[fip.routerId];
    const ns = router && cloud.hosts[router.l3AgentHost]?.namespaces[qrouter(router.id)];
    if (!router || !ns) {
      out.push(`floating IP ${addr}: router ${fip.routerId} or its namespace is missing`);
      continue;
    }
    const count = (chain: string, match: (s: string) => boolean) => natRules(ns, chain).filter(match).length;
    const pre = count('neutron-l3-agent-PREROUTING', (s) => s === dnat);
    const outp = count('neutron-l3-agent-OUTPUT', (s) => s === dnat);
    const snat = count('neutron-l3-agent-float-snat', (s) => s === snatPrefix || s.startsWith(`${snatPrefix} `));
    if (pre !== 1) out.push(`${ns.name}: ${pre} PREROUTING rules "${dnat}", expected 1`);
    if (outp !== 1) out.push(`${ns.name}: ${outp} OUTPUT rules "${dnat}", expected 1`);
    if (snat !== 1) out.push(`${ns.name}: ${snat} float-snat rules "${snatPrefix}", expected 1`);
    const all = (ns.iptables.nat?.rules ?? []).filter((r) => r.spec.includes(`${addr}/32`) || r.spec.split(' ').includes(addr));
    if (all.length !== 3) out.push(`${ns.name}: ${all.length} nat rules name ${addr}, expected its 3 (${all.map((r) => r.spec).join(' | ')})`);
    const gwPort = router.gateway ? cloud.db.ports[router.gateway.portId] : undefined;
    const qg = gwPort ? `qg-${short(gwPort.id)}` : '(no gateway)';
    if (!hasAddress(ns, qg, `${addr}/32`)) out.push(`${ns.name}: ${qg} lacks ${addr}/32`);
    for (const other of holders) if (other !== ns) out.push(`${other.name}: also holds ${addr}/32`);
    for (const other of allNs) if (other !== ns && mentions(other)) out.push(`${other.name}: has rules for ${addr}, which belongs to ${ns.name}`);
  }
  return out;
}

