/**
 * Cross-layer invariants of an emulated cloud: what the API database says
 * must be wired on the hosts, and nothing more. Each check returns the
 * violations it found as readable strings (empty = the invariant holds), so a
 * failing property prints what is wrong instead of a bare `false`.
 *
 * The rules are the ones in /work/shared/reference/openstack-ground-truth.md
 * §1 (naming), §3 (DHCP agent and bridges), §7-§9 (router, SNAT, floating IP).
 */
import type { Cloud, Host, Link, Netns, Port } from '../../engine/core/types';
import { buildCloud, execOnHost } from '../../engine/index';

const OWNER_DHCP = 'network:dhcp';
const OWNER_ROUTER_INTERFACE = 'network:router_interface';
const OWNER_ROUTER_GATEWAY = 'network:router_gateway';

/** Linux IFNAMSIZ is 16 bytes, so a device name has at most 15 characters (reference §1). */
export const IFNAMSIZ_MAX = 15;

const short = (uuid: string) => uuid.slice(0, 11);
export const brq = (networkId: string) => `brq${short(networkId)}`;
export const tap = (portId: string) => `tap${short(portId)}`;
export const qdhcp = (networkId: string) => `qdhcp-${networkId}`;
export const qrouter = (routerId: string) => `qrouter-${routerId}`;
export const dhcpDir = (networkId: string) => `/var/lib/neutron/dhcp/${networkId}`;
export const DHCP_FILES = ['host', 'addn_hosts', 'opts', 'leases', 'interface', 'pid'] as const;

function prefixOf(cloud: Cloud, subnetId: string): string {
  return cloud.db.subnets[subnetId]?.cidr.split('/')[1] ?? '?';
}

function findLink(ns: Netns | undefined, name: string): Link | undefined {
  return ns?.links.find((l) => l.name === name);
}

function peerOf(host: Host, link: Link): { ns: Netns | undefined; link: Link | undefined } {
  if (!link.peer) return { ns: undefined, link: undefined };
  const ns = link.peer.netns === '' ? host.root : host.namespaces[link.peer.netns];
  return { ns, link: ns?.links.find((l) => l.ifindex === link.peer!.ifindex) };
}

function hasAddress(ns: Netns | undefined, dev: string, cidr: string): boolean {
  return !!ns?.addresses.some((a) => a.dev === dev && a.cidr === cidr);
}

/** Where a namespace port's inner end must live, by device owner. */
function namespaceEnd(port: Port): { netns: string; dev: string } | null {
  if (port.deviceOwner === OWNER_DHCP) return { netns: qdhcp(port.networkId), dev: `ns-${short(port.id)}` };
  if (port.deviceOwner === OWNER_ROUTER_INTERFACE) return { netns: qrouter(port.deviceId), dev: `qr-${short(port.id)}` };
  if (port.deviceOwner === OWNER_ROUTER_GATEWAY) return { netns: qrouter(port.deviceId), dev: `qg-${short(port.id)}` };
  return null;
}

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

/**
 * References between API objects point at live objects: a floating IP's port
 * holds its fixed IP, a server's ports exist and name it as their device, a
 * compute port's server lists it.
 */
export function checkReferences(cloud: Cloud): string[] {
  const out: string[] = [];
  const { db } = cloud;
  for (const fip of Object.values(db.floatingIps)) {
    if (!db.ports[fip.fipPortId]) out.push(`floating IP ${fip.floatingIpAddress}: its network:floatingip port ${fip.fipPortId} is gone`);
    if (fip.portId === null) continue;
    const port = db.ports[fip.portId];
    if (!port) out.push(`floating IP ${fip.floatingIpAddress} is associated with deleted port ${fip.portId}`);
    else if (!port.fixedIps.some((f) => f.ipAddress === fip.fixedIpAddress)) out.push(`floating IP ${fip.floatingIpAddress}: port ${port.id} no longer holds ${fip.fixedIpAddress}`);
  }
  for (const server of Object.values(db.servers)) {
    for (const id of server.portIds) {
      const port = db.ports[id];
      if (!port) out.push(`server ${server.name} lists deleted port ${id}`);
      else if (port.deviceId !== server.id) out.push(`server ${server.name} lists port ${id}, whose device is "${port.deviceId}"`);
    }
  }
  for (const port of Object.values(db.ports)) {
    if (!port.deviceOwner.startsWith('compute:')) continue;
    const server = db.servers[port.deviceId];
    if (!server) out.push(`compute port ${port.id} belongs to deleted server ${port.deviceId}`);
    else if (!server.portIds.includes(port.id)) out.push(`compute port ${port.id} is not among the ports of server ${server.name}`);
  }
  return out;
}

/** No two ports share an IP on a subnet or a MAC on a network (reference §4.1). */
export function checkUniqueAddresses(cloud: Cloud): string[] {
  const out: string[] = [];
  const ips = new Map<string, string>();
  const macs = new Map<string, string>();
  for (const port of Object.values(cloud.db.ports)) {
    const macKey = `${port.networkId} ${port.macAddress}`;
    if (macs.has(macKey)) out.push(`MAC ${port.macAddress} on network ${port.networkId}: ports ${macs.get(macKey)} and ${port.id}`);
    macs.set(macKey, port.id);
    for (const f of port.fixedIps) {
      const subnet = cloud.db.subnets[f.subnetId];
      if (!subnet) out.push(`port ${port.id} holds ${f.ipAddress} on deleted subnet ${f.subnetId}`);
      else if (subnet.networkId !== port.networkId) out.push(`port ${port.id} holds ${f.ipAddress} from subnet ${subnet.id} of another network`);
      const key = `${port.networkId} ${f.ipAddress}`;
      if (ips.has(key)) out.push(`IP ${f.ipAddress} on network ${port.networkId}: ports ${ips.get(key)} and ${port.id}`);
      ips.set(key, port.id);
    }
  }
  return out;
}

/**
 * A network with a DHCP-enabled subnet has exactly one dnsmasq (in its qdhcp
 * namespace, pid file matching) and every file under
 * /var/lib/neutron/dhcp/<net>/; a network without one has none of these
 * (reference §3.1, §5.1, §5.2).
 */
export function checkDhcp(cloud: Cloud): string[] {
  const out: string[] = [];
  for (const host of Object.values(cloud.hosts)) {
    for (const network of Object.values(cloud.db.networks)) {
      const dir = dhcpDir(network.id);
      const dhcp = Object.values(cloud.db.subnets).some((s) => s.networkId === network.id && s.enableDhcp);
      const procs = host.processes.filter((p) => p.args.startsWith('dnsmasq ') && p.args.includes(`--pid-file=${dir}/pid`));
      const files = Object.keys(host.files).filter((f) => f.startsWith(`${dir}/`));
      const ns = host.namespaces[qdhcp(network.id)];
      const served = dhcp && host.role === 'controller';
      if (!served) {
        if (procs.length) out.push(`${host.name}: dnsmasq for ${network.id}, which has no DHCP subnet here`);
        if (files.length) out.push(`${host.name}: files ${files.join(', ')} for ${network.id} without DHCP`);
        if (ns) out.push(`${host.name}: ${ns.name} exists without a DHCP subnet`);
        continue;
      }
      if (procs.length !== 1) out.push(`${host.name}: ${procs.length} dnsmasq processes for ${network.id}, expected 1`);
      for (const f of DHCP_FILES) if (host.files[`${dir}/${f}`] === undefined) out.push(`${host.name}: ${dir}/${f} missing`);
      if (!ns) out.push(`${host.name}: ${qdhcp(network.id)} missing`);
      const proc = procs[0];
      if (proc) {
        if (proc.netns !== qdhcp(network.id)) out.push(`${host.name}: dnsmasq ${proc.pid} runs in "${proc.netns}", not ${qdhcp(network.id)}`);
        const pidFile = host.files[`${dir}/pid`];
        if (pidFile !== undefined && pidFile.trim() !== String(proc.pid)) out.push(`${host.name}: ${dir}/pid says ${pidFile.trim()}, dnsmasq is ${proc.pid}`);
        const ranges = proc.args.split(' ').filter((a) => a.startsWith('--dhcp-range=')).length;
        const wanted = Object.values(cloud.db.subnets).filter((s) => s.networkId === network.id && s.enableDhcp).length;
        if (ranges !== wanted) out.push(`${host.name}: dnsmasq for ${network.id} has ${ranges} --dhcp-range, ${wanted} DHCP subnets`);
      }
      const dhcpPort = Object.values(cloud.db.ports).find((p) => p.networkId === network.id && p.deviceOwner === OWNER_DHCP);
      const iface = host.files[`${dir}/interface`];
      if (!dhcpPort) out.push(`network ${network.id} has DHCP but no network:dhcp port`);
      else {
        if (iface !== undefined && iface !== `ns-${short(dhcpPort.id)}`) out.push(`${dir}/interface is "${iface}", the DHCP port's device is ns-${short(dhcpPort.id)}`);
        for (const s of Object.values(cloud.db.subnets).filter((x) => x.networkId === network.id && x.enableDhcp)) {
          const f = dhcpPort.fixedIps.filter((x) => x.subnetId === s.id);
          if (f.length !== 1) out.push(`DHCP port ${dhcpPort.id} has ${f.length} addresses on DHCP subnet ${s.id}, expected 1`);
          else if (!hasAddress(ns, `ns-${short(dhcpPort.id)}`, `${f[0]!.ipAddress}/${prefixOf(cloud, s.id)}`)) out.push(`${qdhcp(network.id)}: ns-${short(dhcpPort.id)} lacks ${f[0]!.ipAddress}`);
        }
      }
    }
    // dnsmasq or DHCP files of networks that no longer exist.
    for (const p of host.processes.filter((x) => x.args.startsWith('dnsmasq '))) {
      const m = /--pid-file=\/var\/lib\/neutron\/dhcp\/([^/]+)\/pid/.exec(p.args);
      if (!m || !cloud.db.networks[m[1]!]) out.push(`${host.name}: dnsmasq ${p.pid} for unknown network ${m?.[1]}`);
    }
    for (const f of Object.keys(host.files)) {
      const m = /^\/var\/lib\/neutron\/dhcp\/([^/]+)\//.exec(f);
      if (m && !cloud.db.networks[m[1]!]) out.push(`${host.name}: ${f} left behind by a deleted network`);
    }
  }
  return out;
}

/**
 * Nothing on a host outlives its API object: every brq belongs to an
 * existing network, every tap to a port bound to this host, every qdhcp/
 * qrouter namespace to a network/router, every vxlan-N to a VXLAN network with
 * VNI N (and carries that VNI), every domain and guest to a server.
 */
export function checkNoOrphans(cloud: Cloud): string[] {
  const out: string[] = [];
  const nets = Object.values(cloud.db.networks);
  const ports = Object.values(cloud.db.ports);
  for (const host of Object.values(cloud.hosts)) {
    for (const link of host.root.links) {
      if (link.name.startsWith('brq')) {
        const net = nets.find((n) => brq(n.id) === link.name);
        if (!net) out.push(`${host.name}: ${link.name} of a deleted network`);
        else if (link.kind !== 'bridge') out.push(`${host.name}: ${link.name} is a ${link.kind}`);
      }
      if (link.name.startsWith('tap')) {
        const port = ports.find((p) => tap(p.id) === link.name);
        if (!port) out.push(`${host.name}: ${link.name} of a deleted port`);
        else if (port.bindingHostId !== host.name) out.push(`${host.name}: ${link.name} of port ${port.id} bound to "${port.bindingHostId}"`);
      }
      if (link.kind === 'vxlan' || link.name.startsWith('vxlan-')) {
        const vni = Number(link.name.slice('vxlan-'.length));
        if (link.vxlan?.vni !== vni) out.push(`${host.name}: ${link.name} carries VNI ${link.vxlan?.vni}`);
        const net = nets.find((n) => n.networkType === 'vxlan' && n.segmentationId === vni);
        if (!net) out.push(`${host.name}: ${link.name} without a VXLAN network of VNI ${vni}`);
        else if (link.master !== brq(net.id)) out.push(`${host.name}: ${link.name} is in ${link.master ?? 'no bridge'}, not ${brq(net.id)}`);
      }
    }
    for (const name of Object.keys(host.namespaces)) {
      if (name.startsWith('qdhcp-') && !cloud.db.networks[name.slice(6)]) out.push(`${host.name}: ${name} of a deleted network`);
      if (name.startsWith('qrouter-') && !cloud.db.routers[name.slice(8)]) out.push(`${host.name}: ${name} of a deleted router`);
    }
    for (const d of host.domains) {
      const server = cloud.db.servers[d.uuid];
      if (!server) out.push(`${host.name}: domain ${d.name} of deleted server ${d.uuid}`);
      else if (server.host !== host.name) out.push(`${host.name}: domain ${d.name} of a server on ${server.host}`);
    }
    const haproxies = host.processes.filter((p) => p.args.startsWith('haproxy '));
    for (const p of haproxies) if (!host.namespaces[p.netns]) out.push(`${host.name}: haproxy ${p.pid} in missing namespace ${p.netns}`);
  }
  for (const [id, guest] of Object.entries(cloud.guests)) if (!cloud.db.servers[id]) out.push(`guest ${guest.name} of deleted server ${id}`);
  for (const server of Object.values(cloud.db.servers)) {
    if (server.status !== 'ACTIVE') continue;
    const host = server.host ? cloud.hosts[server.host] : undefined;
    const domain = host?.domains.find((d) => d.uuid === server.id);
    if (!domain || domain.state !== 'running') out.push(`ACTIVE server ${server.name} has no running domain on ${server.host}`);
  }
  return out;
}

/** `host network` pairs where a port of the network is bound to the host right now. */
export function boundPairs(cloud: Cloud): string[] {
  return Object.values(cloud.db.ports).filter((p) => p.bindingHostId).map((p) => `${p.bindingHostId} ${p.networkId}`);
}

/**
 * Bridges appear on a compute node only when a port of their network is bound
 * there (reference §3.1 end, §10 row 20). They may stay once empty: the agent's
 * automatic removal of empty bridges is disabled upstream, so `everBound` holds
 * every `host network` pair that has had a bound port so far.
 */
export function checkComputeBridges(cloud: Cloud, everBound: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const host of Object.values(cloud.hosts)) {
    if (host.role !== 'compute') continue;
    for (const link of host.root.links.filter((l) => l.kind === 'bridge')) {
      const net = Object.values(cloud.db.networks).find((n) => brq(n.id) === link.name);
      if (net && !everBound.has(`${host.name} ${net.id}`)) out.push(`${host.name}: ${link.name} although no port of ${net.id} was ever bound here`);
    }
  }
  return out;
}

/**
 * Once a line has been applied, no server waits: nova resumes a guest when its
 * last network-vif-plugged event arrives, and a guest with no vif waits for
 * nothing, so every scheduled server is ACTIVE or ERROR (reference §2.1 steps
 * 14-18).
 */
export function checkServersSettled(cloud: Cloud): string[] {
  return Object.values(cloud.db.servers)
    .filter((s) => s.status === 'BUILD')
    .map((s) => `server ${s.name} is still BUILD (${s.portIds.length} ports, waiting for ${s.pendingVifEvents.length} vif events)`);
}

/**
 * l2population on `vxlan-<VNI>` of every host with an ACTIVE port of the
 * network: one `00:00:00:00:00:00 dst <VTEP>` per other host with an ACTIVE
 * port there, one `<MAC> dst <VTEP>` per ACTIVE port (with an address) on
 * another host, nothing else (reference README "How the real tools print";
 * §3.1 step 5; order is not meaningful).
 */
export function checkL2pop(cloud: Cloud): string[] {
  const out: string[] = [];
  for (const net of Object.values(cloud.db.networks)) {
    if (net.networkType !== 'vxlan' || net.segmentationId === null) continue;
    const active = Object.values(cloud.db.ports).filter((p) => p.networkId === net.id && p.status === 'ACTIVE' && p.bindingHostId);
    const hostsWithPorts = [...new Set(active.map((p) => p.bindingHostId))];
    for (const hostName of hostsWithPorts) {
      const host = cloud.hosts[hostName];
      const dev = findLink(host?.root, `vxlan-${net.segmentationId}`);
      if (!host || !dev) {
        out.push(`${hostName}: no vxlan-${net.segmentationId} although a port of ${net.id} is ACTIVE here`);
        continue;
      }
      const expected: string[] = [];
      for (const other of hostsWithPorts.filter((h) => h !== hostName)) {
        const vtep = cloud.hosts[other]!.managementIp;
        expected.push(`00:00:00:00:00:00 dst ${vtep}`);
        for (const p of active.filter((x) => x.bindingHostId === other && x.fixedIps.length)) expected.push(`${p.macAddress} dst ${vtep}`);
      }
      const actual = (dev.fdb ?? []).map((e) => `${e.mac} dst ${e.dst}`);
      const missing = expected.filter((e) => !actual.includes(e));
      const extra = actual.filter((e) => !expected.includes(e));
      const dupes = actual.filter((e, i) => actual.indexOf(e) !== i);
      if (missing.length || extra.length || dupes.length) {
        out.push(`${hostName}: vxlan-${net.segmentationId} fdb${missing.length ? ` lacks [${missing.join('; ')}]` : ''}${extra.length ? ` has extra [${extra.join('; ')}]` : ''}${dupes.length ? ` repeats [${dupes.join('; ')}]` : ''}`);
      }
    }
  }
  return out;
}

/**
 * MTU: 1450 for VXLAN networks, 1500 for flat ones (reference §1 "MTU
 * constants"), on the vxlan device, both ends of every neutron veth, the
 * instance TAP, the libvirt interface and the guest NIC.
 */
export function checkMtu(cloud: Cloud): string[] {
  const out: string[] = [];
  for (const net of Object.values(cloud.db.networks)) {
    const want = net.networkType === 'vxlan' ? 1450 : 1500;
    if (net.mtu !== want) out.push(`network ${net.id} (${net.networkType}) has MTU ${net.mtu}, expected ${want}`);
  }
  for (const port of Object.values(cloud.db.ports)) {
    const net = cloud.db.networks[port.networkId];
    const host = cloud.hosts[port.bindingHostId];
    if (!net || !host || port.status !== 'ACTIVE') continue;
    const t = findLink(host.root, tap(port.id));
    if (t && t.mtu !== net.mtu) out.push(`${host.name}: ${t.name} mtu ${t.mtu}, network ${net.mtu}`);
    const peer = t && peerOf(host, t).link;
    if (peer && peer.mtu !== net.mtu) out.push(`${host.name}: ${peer.name} mtu ${peer.mtu}, network ${net.mtu}`);
  }
  for (const host of Object.values(cloud.hosts)) {
    for (const link of host.root.links.filter((l) => l.kind === 'vxlan')) {
      const net = Object.values(cloud.db.networks).find((n) => n.networkType === 'vxlan' && n.segmentationId === link.vxlan?.vni);
      if (net && link.mtu !== net.mtu) out.push(`${host.name}: ${link.name} mtu ${link.mtu}, network ${net.mtu}`);
    }
    for (const d of host.domains) {
      for (const i of d.interfaces) {
        const net = Object.values(cloud.db.networks).find((n) => brq(n.id) === i.bridge);
        if (net && i.mtu !== net.mtu) out.push(`${host.name}: domain ${d.name} <mtu size='${i.mtu}'/> on ${i.bridge}, network ${net.mtu}`);
      }
    }
  }
  for (const guest of Object.values(cloud.guests)) {
    const server = cloud.db.servers[guest.serverId];
    server?.portIds.forEach((id, i) => {
      const net = cloud.db.networks[cloud.db.ports[id]?.networkId ?? ''];
      const eth = guest.links.find((l) => l.name === `eth${i}`);
      if (net && eth && eth.mtu !== net.mtu) out.push(`guest ${guest.name}: eth${i} mtu ${eth.mtu}, network ${net.mtu}`);
    });
  }
  return out;
}

/** Device names fit IFNAMSIZ (15 characters) in every namespace; namespaces themselves keep the full UUID (reference §1). */
export function checkNameLengths(cloud: Cloud): string[] {
  const out: string[] = [];
  for (const host of Object.values(cloud.hosts)) {
    for (const ns of [host.root, ...Object.values(host.namespaces)]) {
      for (const link of ns.links) if (link.name.length > IFNAMSIZ_MAX) out.push(`${host.name}/${ns.name || 'root'}: device ${link.name} is ${link.name.length} characters`);
    }
    for (const name of Object.keys(host.namespaces)) {
      if (!/^(qdhcp|qrouter)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(name)) out.push(`${host.name}: unexpected namespace name ${name}`);
    }
  }
  for (const guest of Object.values(cloud.guests)) {
    for (const link of guest.links) if (link.name.length > IFNAMSIZ_MAX) out.push(`guest ${guest.name}: device ${link.name} too long`);
  }
  return out;
}

/** Every invariant, each violation prefixed by the check that found it. */
export function checkInvariants(cloud: Cloud): string[] {
  const checks: Array<[string, (c: Cloud) => string[]]> = [
    ['bound ports wired', checkBoundPortsWired],
    ['router ports', checkRouterPorts],
    ['floating IPs', checkFloatingIps],
    ['unique addresses', checkUniqueAddresses],
    ['references', checkReferences],
    ['dhcp', checkDhcp],
    ['no orphans', checkNoOrphans],
    ['name lengths', checkNameLengths],
    ['l2pop', checkL2pop],
    ['mtu', checkMtu],
    ['servers settled', checkServersSettled],
  ];
  return checks.flatMap(([name, check]) => check(cloud).map((v) => `[${name}] ${v}`));
}

// ------------------------------------------------------------------ scenario helpers


/** Builds a scenario that must succeed; a failing line throws with the client's message. */
export function buildOk(lines: readonly string[], options: { computes?: number; seed?: string } = {}): Cloud {
  const built = buildCloud(lines, options);
  if (!built.ok) throw new Error(`scenario line ${built.error.line} failed: ${built.error.text}\n${built.error.message}`);
  return built.cloud;
}

/** Runs a read-only command on a node or in a guest; it must succeed. Returns stdout. */
export function sh(cloud: Cloud, host: string, command: string): string {
  const r = execOnHost(cloud, host, command);
  if (r.exitCode !== 0) throw new Error(`${host}$ ${command} exited ${r.exitCode}: ${r.stderr}`);
  return r.stdout;
}

/** Finds one API object by name (the scenario helpers' way to learn generated IDs). */
export function byName<T extends { name: string }>(rows: Record<string, T>, name: string): T {
  const hits = Object.values(rows).filter((r) => r.name === name);
  if (hits.length !== 1) throw new Error(`${hits.length} objects named ${name}`);
  return hits[0]!;
}
