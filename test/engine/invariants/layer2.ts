/** Bridges on compute nodes, l2population FDB, MTUs, servers settled, name lengths. */
import type { Cloud } from '../../../engine/core/types';
import { IFNAMSIZ_MAX, brq, findLink, peerOf, qdhcp, qrouter, tap } from './common';

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

