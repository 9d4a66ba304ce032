/**
 * nova-compute with the libvirt driver and os-vif's linux_bridge plugin.
 * Boot: claim, ports (POST, then PUT binding), image from the _base cache or
 * glance, os-vif ensures the bridge, libvirt defines the guest paused and
 * creates the TAP in the bridge; the guest resumes on network-vif-plugged.
 */
import type { Ctx } from '../core/context.js';
import { bridgeName, domainName, tapName } from '../core/names.js';
import type { Domain, Host, Port, Server } from '../core/types.js';
import { addLink, deleteLink, enslave, findLink } from '../host/kernel.js';
import { refreshBridge, treatDeviceAdded, treatDeviceRemoved } from '../agents/linuxbridge.js';
import { bindPort, createPort, deletePort } from '../neutron/port.js';
import { notifyPortUpdated } from '../neutron/notify.js';
import type { NicRequest } from './server.js';
import { ServiceError } from '../core/errors.js';
import { sha1Hex } from '../core/uuid5.js';
import { bootGuest } from '../packets/guest.js';
import { detachAllVolumes } from '../cinder/volume.js';

export const computeName = (host: string) => `nova-compute@${host}`;

/** libvirt gives the host side of a guest NIC the guest MAC with the first octet set to fe. */
export function hostTapMac(guestMac: string): string {
  return `fe${guestMac.slice(2)}`;
}

function allocateNetwork(ctx: Ctx, server: Server, nics: NicRequest[]): Port[] {
  const caller = computeName(server.host!);
  const ports: Port[] = [];
  // The ports bound so far, so an abort can unbind them.
  server.portIds = [];
  for (const nic of nics) {
    let port: Port;
    if ('portId' in nic) {
      port = ctx.cloud.db.ports[nic.portId]!;
    } else {
      port = createPort(ctx, {
        networkId: nic.netId, deviceId: server.id, caller, flows: [1, 3],
        ...('fixedIp' in nic && nic.fixedIp ? { fixedIps: [{ ipAddress: nic.fixedIp }] } : {}),
      });
      server.ownedPortIds.push(port.id);
    }
    bindPort(ctx, port.id, { host: server.host!, deviceOwner: `compute:${server.availabilityZone}`, deviceId: server.id, caller, flows: [1, 3] });
    ports.push(port);
    server.portIds.push(port.id);
  }
  return ports;
}

/** os-vif linux_bridge plug(): the bridge exists and is up before libvirt needs it. */
function plugVif(ctx: Ctx, host: Host, port: Port): string[] {
  const bridge = bridgeName(port.networkId);
  if (findLink(host.root, bridge)) return [];
  addLink(host.root, { name: bridge, kind: 'bridge', mac: ctx.random.kernelMac(), mtu: 1500, up: true, ipv6: false });
  return [`${host.name}: os-vif ensures ${bridge}: ip link add ${bridge} type bridge; forward_delay 0; stp off; IPv6 off; up`];
}

function defineDomain(ctx: Ctx, host: Host, server: Server, ports: Port[]): { domain: Domain; changes: string[] } {
  const flavor = ctx.cloud.db.flavors[server.flavorId]!;
  const changes: string[] = [];
  const domain: Domain = {
    id: host.nextDomainId++, name: domainName(server.instanceNumber), uuid: server.id, state: 'paused',
    memoryKiB: flavor.ram * 1024, vcpus: flavor.vcpus, interfaces: [],
    disks: [{ target: 'vda', source: `/var/lib/nova/instances/${server.id}/disk`, kind: 'file' }],
  };
  for (const port of ports) {
    const network = ctx.cloud.db.networks[port.networkId]!;
    const tap = tapName(port.id);
    const bridge = bridgeName(port.networkId);
    addLink(host.root, { name: tap, kind: 'tun', mac: hostTapMac(port.macAddress), mtu: network.mtu, up: true });
    enslave(host.root, tap, bridge);
    refreshBridge(host, bridge);
    domain.interfaces.push({ mac: port.macAddress, bridge, tap, mtu: network.mtu });
    changes.push(`${host.name}: libvirt creates TAP ${tap} (${hostTapMac(port.macAddress)}, mtu ${network.mtu}) and enslaves it to ${bridge}`);
  }
  host.domains.push(domain);
  return { domain, changes };
}

/** libvirt detach-device of one NIC: the TAP goes, the guest loses that NIC. */
export function detachInterface(ctx: Ctx, server: Server, port: Port): void {
  server.portIds = server.portIds.filter((p) => p !== port.id);
  server.ownedPortIds = server.ownedPortIds.filter((p) => p !== port.id);
  server.pendingVifEvents = server.pendingVifEvents.filter((p) => p !== port.id);
  if (!server.host) return;
  const host = ctx.cloud.hosts[server.host]!;
  const tap = tapName(port.id);
  const domain = host.domains.find((d) => d.uuid === server.id);
  if (domain) domain.interfaces = domain.interfaces.filter((i) => i.tap !== tap);
  deleteLink(host, '', tap);
  refreshBridge(host, bridgeName(port.networkId));
  const guest = ctx.cloud.guests[server.id];
  if (guest) {
    const nic = guest.links.find((l) => l.mac === port.macAddress);
    if (nic) {
      guest.links = guest.links.filter((l) => l !== nic);
      guest.addresses = guest.addresses.filter((a) => a.dev !== nic.name);
      guest.routes = guest.routes.filter((r) => r.dev !== nic.name);
    }
  }
  ctx.emit({
    from: computeName(host.name), to: `libvirt@${host.name}`, channel: 'libvirt', name: 'detachDeviceFlags',
    detail: `interface ${port.macAddress} detached from ${domain?.name ?? server.name}`, flows: [1, 3], subjects: [server.id, port.id],
    changes: [`${host.name}: libvirt removes ${tap}`],
  });
}

/** nova-compute gives up on the build: the ports it made are deleted, the others unbound, the server goes ERROR. */
function abortBuild(ctx: Ctx, server: Server, reason: string): void {
  for (const portId of [...server.ownedPortIds]) if (ctx.cloud.db.ports[portId]) deletePort(ctx, portId, { internal: true, caller: computeName(server.host!), flows: [1] });
  for (const portId of server.portIds) {
    const port = ctx.cloud.db.ports[portId];
    if (port && !server.ownedPortIds.includes(portId)) {
      Object.assign(port, { deviceId: '', deviceOwner: '', bindingHostId: '', vifType: 'unbound', status: 'DOWN', provisioningBlocks: [] });
    }
  }
  server.portIds = [];
  server.ownedPortIds = [];
  server.status = 'ERROR';
  server.fault = { code: 500, message: `Build of instance ${server.id} aborted: Failed to allocate the network(s), not rescheduling.` };
  ctx.emit({ from: computeName(server.host!), to: 'nova-conductor', channel: 'RPC call', name: 'instance.save', detail: `vm_state error: ${reason}`, flows: [1], subjects: [server.id] });
}

export function buildAndRunInstance(ctx: Ctx, server: Server, nics: NicRequest[]): void {
  const hostName = server.host!;
  const host = ctx.cloud.hosts[hostName]!;
  const me = computeName(hostName);
  const image = ctx.cloud.db.images[server.imageId]!;
  const subjects = [server.id];
  const defaults = { flows: [1], subjects };
  const emit = (e: Parameters<Ctx['emit']>[0]) => ctx.emit(e, defaults);
  emit({ from: me, to: me, channel: 'local', name: 'instance_claim', detail: 'the resource tracker claims the flavor on this node; task_state networking', seedStep: 9 });
  let ports: Port[];
  try {
    ports = allocateNetwork(ctx, server, nics);
  } catch (e) {
    if (!(e instanceof ServiceError)) throw e;
    abortBuild(ctx, server, e.fault);
    return;
  }
  server.portIds = ports.map((p) => p.id);
  emit({ from: me, to: 'neutron-server', channel: 'REST', name: 'allocate_for_instance done', detail: `ports ${ports.map((p) => `${p.id} (${p.fixedIps.map((f) => f.ipAddress).join(', ')})`).join(', ')}: the IP and MAC come from neutron IPAM now, long before the guest sends any DHCP`, flows: [1, 3], subjects: [server.id, ...server.portIds], seedStep: 13, note: 'Seed steps 13-15: right that compute asks neutron, but it creates the port (POST) and then binds it (PUT binding:host_id), asynchronously, while block devices are prepared.' });
  if (host.imageCache.includes(image.id)) {
    emit({ from: me, to: me, channel: 'local', name: 'image cache hit', detail: `${image.name} is already in /var/lib/nova/instances/_base: no download from glance`, seedStep: 10, note: 'The seed always fetches the image from glance; nova only does on a cache miss.' });
  } else {
    host.imageCache.push(image.id);
    // imagebackend names the cached base image after the SHA-1 of the image ID.
    host.files[`/var/lib/nova/instances/_base/${sha1Hex(image.id)}`] = '';
    emit({ from: me, to: 'glance-api', channel: 'REST', name: `GET /v2/images/${image.id}/file`, detail: `cache miss: ${image.name} (${image.size} bytes, ${image.diskFormat}) downloaded into /var/lib/nova/instances/_base; task_state spawning`, seedStep: 10, note: 'Steps 10-12 of the seed happen only when the image is not cached on this node yet.' });
  }
  const vifChanges = ports.flatMap((p) => plugVif(ctx, host, p));
  emit({ from: me, to: `os-vif@${hostName}`, channel: 'local', name: 'plug_vifs', detail: `vif_type bridge: the linux_bridge plugin makes sure ${[...new Set(ports.map((p) => bridgeName(p.networkId)))].join(', ')} exist`, flows: [1, 3], changes: vifChanges, seedStep: 19 });
  const { domain, changes } = defineDomain(ctx, host, server, ports);
  server.pendingVifEvents = ports.map((p) => p.id);
  emit({ from: me, to: `libvirt@${hostName}`, channel: 'libvirt', name: 'defineXML + create (paused)', detail: `domain ${domain.name} with <interface type='bridge'> per port; created paused until neutron reports network-vif-plugged (vif_plugging_timeout 300 s, fatal)`, flows: [1, 3], subjects: [server.id, ...server.portIds], changes, seedStep: 19 });
  for (const port of ports) treatDeviceAdded(ctx, hostName, ctx.cloud.db.ports[port.id]!, [1, 3]);
  // No NIC, no event to wait for.
  if (ports.length === 0) resumeGuest(ctx, server, (s) => bootGuest(ctx, s));
}

/** Every vif event arrived: libvirt resumes the guest and the server goes ACTIVE. */
export function resumeGuest(ctx: Ctx, server: Server, onResumed: (server: Server) => void): void {
  const host = ctx.cloud.hosts[server.host!]!;
  const domain = host.domains.find((d) => d.uuid === server.id);
  if (domain) domain.state = 'running';
  server.status = 'ACTIVE';
  server.powerState = 'RUNNING';
  server.updatedAt = ctx.now;
  ctx.emit({ from: computeName(host.name), to: `libvirt@${host.name}`, channel: 'libvirt', name: 'resume', detail: `all network-vif-plugged events received: ${domain?.name} runs`, flows: [1], subjects: [server.id] });
  ctx.emit({ from: computeName(host.name), to: 'nova-conductor', channel: 'RPC call', name: 'instance.save', detail: 'vm_state active, task_state None, power_state running: the server shows ACTIVE. nova-compute never writes the database itself.', flows: [1], subjects: [server.id], note: 'Missing from the seed: compute reaches the database only through the conductor.' });
  onResumed(server);
}

/** nova's _shutdown_instance + _try_deallocate_network. */
export function terminateInstance(ctx: Ctx, server: Server): void {
  const db = ctx.cloud.db;
  if (server.host) {
    const host = ctx.cloud.hosts[server.host]!;
    const me = computeName(host.name);
    detachAllVolumes(ctx, server);
    const domain = host.domains.find((d) => d.uuid === server.id);
    const changes: string[] = [];
    for (const iface of domain?.interfaces ?? []) {
      deleteLink(host, '', iface.tap);
      refreshBridge(host, iface.bridge);
      changes.push(`${host.name}: libvirt destroys ${iface.tap}`);
    }
    host.domains = host.domains.filter((d) => d !== domain);
    ctx.emit({ from: me, to: `libvirt@${host.name}`, channel: 'libvirt', name: 'destroy + undefine', detail: `${domain?.name ?? 'domain'} gone with its TAP devices`, flows: [1], subjects: [server.id], changes });
    for (const portId of server.portIds) {
      const port = db.ports[portId];
      if (port) treatDeviceRemoved(ctx, host.name, port, [1, 3]);
    }
  }
  for (const portId of server.portIds) {
    const port = db.ports[portId];
    if (!port) continue;
    if (server.ownedPortIds.includes(portId)) {
      deletePort(ctx, portId, { internal: true, caller: server.host ? computeName(server.host) : 'nova-api', flows: [1, 3] });
    } else {
      Object.assign(port, { deviceId: '', deviceOwner: '', bindingHostId: '', vifType: 'unbound', status: 'DOWN', provisioningBlocks: [] });
      notifyPortUpdated(ctx, port);
    }
  }
}
