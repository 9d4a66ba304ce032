/**
 * nova's power actions with the libvirt driver: stop (power_off destroys the
 * domain, and with it the TAP devices, so the Linux bridge agent reports the
 * ports down), start (power_on recreates the domain and its TAPs in the
 * bridges; the agent wires them again and neutron sets the ports ACTIVE; the
 * guest boots and asks DHCP again) and reboot (the guest restarts; soft keeps
 * the domain, hard recreates it, and either way the TAPs stay).
 */
import type { Ctx } from '../core/context.js';
import { ServiceError } from '../core/errors.js';
import { tapName } from '../core/names.js';
import type { Server } from '../core/types.js';
import { addLink, deleteLink, enslave } from '../host/kernel.js';
import { refreshBridge, treatDeviceAdded, treatDeviceRemoved } from '../agents/linuxbridge.js';
import { bootGuest, forgetGuest } from '../packets/guest.js';
import { computeName, hostTapMac } from './compute.js';

/** vm_state as nova's InstanceInvalidState message names it. */
const VM_STATE: Record<Server['status'], string> = { ACTIVE: 'active', SHUTOFF: 'stopped', BUILD: 'building', ERROR: 'error' };

function checkState(server: Server, action: string, allowed: Server['status']): void {
  if (server.status !== allowed || !server.host) {
    throw new ServiceError('nova', 409, 'InstanceInvalidState', `Cannot '${action}' instance ${server.id} while it is in vm_state ${VM_STATE[server.status]}`, `POST /v2.1/servers/${server.id}/action`);
  }
}

/** The server action (`{"os-stop": null}`, …) and the cast nova-api sends the compute node for it. */
function api(ctx: Ctx, server: Server, body: string, cast: string): void {
  ctx.api(`POST /v2.1/servers/${server.id}/action`);
  ctx.emit({ from: 'client', to: 'nova-api', channel: 'REST', name: `POST /v2.1/servers/${server.id}/action`, detail: body, flows: [1], subjects: [server.id] });
  ctx.emit({ from: 'nova-api', to: computeName(server.host!), channel: 'RPC cast', name: cast, detail: 'nova-api answers 202 at once', flows: [1], subjects: [server.id] });
}

export function stopServer(ctx: Ctx, server: Server): void {
  checkState(server, 'stop', 'ACTIVE');
  api(ctx, server, '{"os-stop": null}', 'stop_instance');
  const host = ctx.cloud.hosts[server.host!]!;
  const domain = host.domains.find((d) => d.uuid === server.id);
  const changes: string[] = [];
  for (const iface of domain?.interfaces ?? []) {
    deleteLink(host, '', iface.tap);
    refreshBridge(host, iface.bridge);
    changes.push(`${host.name}: ${iface.tap} disappears with the domain`);
  }
  if (domain) domain.state = 'shut off';
  forgetGuest(ctx.cloud, server);
  ctx.emit({ from: computeName(host.name), to: `libvirt@${host.name}`, channel: 'libvirt', name: 'shutdown, then destroy', detail: `${domain?.name ?? server.name} powered off (clean shutdown first, destroy after shutdown_timeout)`, flows: [1], subjects: [server.id], changes });
  for (const portId of server.portIds) {
    const port = ctx.cloud.db.ports[portId];
    if (port) treatDeviceRemoved(ctx, host.name, port, [1, 3]);
  }
  server.status = 'SHUTOFF';
  server.powerState = 'SHUTDOWN';
  server.updatedAt = ctx.now;
}

export function startServer(ctx: Ctx, server: Server): void {
  checkState(server, 'start', 'SHUTOFF');
  api(ctx, server, '{"os-start": null}', 'start_instance');
  const host = ctx.cloud.hosts[server.host!]!;
  const domain = host.domains.find((d) => d.uuid === server.id);
  const changes: string[] = [];
  for (const iface of domain?.interfaces ?? []) {
    addLink(host.root, { name: iface.tap, kind: 'tun', mac: hostTapMac(iface.mac), mtu: iface.mtu, up: true });
    enslave(host.root, iface.tap, iface.bridge);
    refreshBridge(host, iface.bridge);
    changes.push(`${host.name}: libvirt creates ${iface.tap} again in ${iface.bridge}`);
  }
  if (domain) domain.state = 'running';
  ctx.emit({ from: computeName(host.name), to: `libvirt@${host.name}`, channel: 'libvirt', name: 'create', detail: `${domain?.name ?? server.name} defined from its XML and started (the VIFs are already plugged: nova does not wait for network-vif-plugged)`, flows: [1], subjects: [server.id], changes });
  server.status = 'ACTIVE';
  server.powerState = 'RUNNING';
  server.updatedAt = ctx.now;
  for (const portId of server.portIds) {
    const port = ctx.cloud.db.ports[portId];
    if (port && domain?.interfaces.some((i) => i.tap === tapName(port.id))) treatDeviceAdded(ctx, host.name, port, [1, 3]);
  }
  bootGuest(ctx, server);
}

export function rebootServer(ctx: Ctx, server: Server, hard: boolean): void {
  checkState(server, 'reboot', 'ACTIVE');
  api(ctx, server, `{"reboot": {"type": "${hard ? 'HARD' : 'SOFT'}"}}`, 'reboot_instance');
  const host = ctx.cloud.hosts[server.host!]!;
  const domain = host.domains.find((d) => d.uuid === server.id);
  ctx.emit({ from: computeName(host.name), to: `libvirt@${host.name}`, channel: 'libvirt', name: hard ? 'destroy + create' : 'reboot', detail: `${domain?.name ?? server.name}: ${hard ? 'hard reboot, the domain is recreated' : 'ACPI reboot of the guest'}; the guest OS starts again and asks DHCP again`, flows: [1], subjects: [server.id] });
  forgetGuest(ctx.cloud, server);
  bootGuest(ctx, server);
}
