/** Database consistency, DHCP files and processes, and nothing left behind. */
import type { Cloud } from '../../../engine/core/types';
import { DHCP_FILES, OWNER_DHCP, brq, dhcpDir, hasAddress, prefixOf, qdhcp, qrouter, short, tap } from './common';

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

