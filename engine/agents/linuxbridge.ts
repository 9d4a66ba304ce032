/**
 * neutron-linuxbridge-agent, one per host. It notices new tap devices, makes
 * sure the network's bridge exists with its uplink (vxlan-<VNI> for VXLAN, the
 * provider NIC for flat), sets the MTU, enslaves the tap unless nova/libvirt
 * owns it, and reports the device up. It also applies l2pop FDB updates.
 */
import type { Ctx } from '../core/context.js';
import { bridgeName, tapName, vxlanName } from '../core/names.js';
import type { FdbEntry, Host, Network, Port } from '../core/types.js';
import { addLink, bridgePorts, deleteLink, enslave, findLink, refreshBridgeMac, release } from '../host/kernel.js';
import { isComputePort } from '../neutron/queries.js';
import { provisioningComplete, deviceDown } from '../neutron/provisioning.js';
import { removePortFilter, setupPortFilter } from './firewall.js';

export const agentName = (host: string) => `neutron-linuxbridge-agent@${host}`;

/** A new bridge starts at 1500; the kernel then follows the smallest MTU among its ports. */
export function refreshBridge(host: Host, bridge: string): void {
  const br = findLink(host.root, bridge);
  if (!br) return;
  const ports = bridgePorts(host.root, bridge);
  if (ports.length) br.mtu = Math.min(...ports.map((p) => p.mtu));
  refreshBridgeMac(host.root, bridge, ports);
}

function ensureBridge(ctx: Ctx, host: Host, network: Network, changes: string[]): string {
  const name = bridgeName(network.id);
  if (!findLink(host.root, name)) {
    addLink(host.root, { name, kind: 'bridge', mac: ctx.random.kernelMac(), mtu: 1500, up: true, ipv6: false });
    changes.push(`${host.name}: brctl addbr ${name}; brctl setfd ${name} 0; brctl stp ${name} off; ip link set ${name} up`);
  }
  return name;
}

function ensureUplink(ctx: Ctx, host: Host, network: Network, changes: string[]): void {
  const config = ctx.cloud.config;
  const bridge = bridgeName(network.id);
  if (network.networkType === 'vxlan') {
    const vx = vxlanName(network.segmentationId!);
    // ensure_vxlan_bridge creates the vxlan device before the bridge.
    if (!findLink(host.root, vx)) {
      const link = addLink(host.root, { name: vx, kind: 'vxlan', mac: ctx.random.kernelMac(), mtu: network.mtu, up: true, ipv6: false });
      link.vxlan = { vni: network.segmentationId!, local: host.managementIp, dev: config.managementInterface, dstport: config.vxlanUdpPort };
      link.fdb = [];
      changes.push(`${host.name}: ip link add ${vx} type vxlan id ${network.segmentationId} local ${host.managementIp} dev ${config.managementInterface} dstport ${config.vxlanUdpPort} (l2population: unicast, no multicast group); ip link set ${vx} mtu ${network.mtu} up`);
    }
    ensureBridge(ctx, host, network, changes);
    if (findLink(host.root, vx)!.master !== bridge) {
      enslave(host.root, vx, bridge);
      changes.push(`${host.name}: brctl addif ${bridge} ${vx}`);
    }
  } else {
    ensureBridge(ctx, host, network, changes);
    const nic = findLink(host.root, config.providerInterface);
    if (nic && nic.master !== bridge) {
      enslave(host.root, nic.name, bridge);
      changes.push(`${host.name}: brctl addif ${bridge} ${nic.name} (flat network: the provider NIC itself is the uplink)`);
    }
  }
}

/**
 * The agent's loop found `tap<port[:11]>` on this host (it polls every 2 s).
 * Mirrors LinuxBridgeManager.add_tap_interface.
 */
export function treatDeviceAdded(ctx: Ctx, hostName: string, port: Port, flows: number[]): void {
  const host = ctx.cloud.hosts[hostName]!;
  const network = ctx.cloud.db.networks[port.networkId]!;
  const tap = tapName(port.id);
  const changes: string[] = [];
  // process_network_devices: setup_port_filters runs before treat_devices_added_updated wires the tap.
  setupPortFilter(ctx, hostName, port, flows);
  ensureUplink(ctx, host, network, changes);
  const link = findLink(host.root, tap);
  if (link) {
    link.mtu = network.mtu;
    changes.push(`${hostName}: ip link set ${tap} mtu ${network.mtu}`);
    if (!isComputePort(port) && !link.master) {
      enslave(host.root, tap, bridgeName(network.id));
      changes.push(`${hostName}: brctl addif ${bridgeName(network.id)} ${tap}`);
    }
  }
  refreshBridge(host, bridgeName(network.id));
  ctx.emit({
    from: agentName(hostName), to: `kernel@${hostName}`, channel: 'netlink', name: 'add_tap_interface',
    detail: `found ${tap} (${port.deviceOwner || 'port'} ${port.id}), got its details over RPC (get_devices_details_list_and_failed_devices); ensured ${bridgeName(network.id)} with ${
      network.networkType === 'vxlan' ? vxlanName(network.segmentationId!) : ctx.cloud.config.providerInterface
    }${isComputePort(port) ? `; left ${tap} alone: libvirt already enslaved it (compute: owner)` : `; enslaved ${tap}`}`,
    flows, subjects: [network.id, port.id], changes,
  });
  ctx.emit({
    from: agentName(hostName), to: 'neutron-server', channel: 'RPC call', name: 'update_device_list (devices_up)',
    detail: `${tap} is wired: neutron lifts the port's L2 provisioning block`,
    flows, subjects: [network.id, port.id],
  });
  provisioningComplete(ctx, port.id, 'L2', flows);
}

/**
 * The tap disappeared (DHCP/L3 agent unplugged it, or libvirt destroyed the guest).
 * The port may already be gone from neutron: only its ID prefix (the tap name) is needed.
 */
export function treatDeviceRemoved(ctx: Ctx, hostName: string, port: Pick<Port, 'id' | 'networkId'>, flows: number[]): void {
  removePortFilter(ctx, hostName, port, flows);
  ctx.emit({
    from: agentName(hostName), to: 'neutron-server', channel: 'RPC call', name: 'update_device_list (devices_down)',
    detail: `${tapName(port.id)} is gone from ${hostName}`,
    flows, subjects: [port.networkId, port.id],
  });
  deviceDown(ctx, port, flows);
}

/** network_delete fanout: delete_bridge removes the vxlan device and frees the provider NIC. */
export function networkDelete(ctx: Ctx, network: Network): void {
  for (const host of Object.values(ctx.cloud.hosts)) {
    const bridge = bridgeName(network.id);
    if (!findLink(host.root, bridge)) continue;
    const changes: string[] = [];
    for (const port of bridgePorts(host.root, bridge)) {
      release(host.root, port.name);
      if (port.kind === 'vxlan') {
        deleteLink(host, '', port.name);
        changes.push(`${host.name}: ip link del ${port.name}`);
      } else {
        changes.push(`${host.name}: brctl delif ${bridge} ${port.name}`);
      }
    }
    deleteLink(host, '', bridge);
    changes.push(`${host.name}: ip link set ${bridge} down; brctl delbr ${bridge}`);
    ctx.emit({
      from: 'neutron-server', to: agentName(host.name), channel: 'RPC cast', name: 'network_delete',
      detail: `the agent deletes ${bridge} and its uplink`, flows: [2], subjects: [network.id], changes,
    });
  }
}

/** fdb_add / fdb_remove for one host: `bridge fdb append|replace|del ... dev vxlan-N dst VTEP`. */
export function applyFdb(ctx: Ctx, hostName: string, network: Network, op: 'add' | 'remove', vtep: string, macs: string[], changes: string[]): void {
  const host = ctx.cloud.hosts[hostName]!;
  if (network.networkType !== 'vxlan' || vtep === host.managementIp) return;
  const dev = findLink(host.root, vxlanName(network.segmentationId!));
  if (!dev) return;
  for (const mac of macs) {
    const fdb = dev.fdb ?? [];
    if (op === 'add') {
      // Unicast entries are replaced (a MAC lives behind one VTEP); flooding entries are appended per VTEP.
      const kept = fdb.filter((e) => !(e.mac === mac && (mac !== FLOOD_MAC || e.dst === vtep)));
      dev.fdb = [...kept, { mac, dst: vtep }];
      changes.push(`${hostName}: bridge fdb ${mac === FLOOD_MAC ? 'append' : 'replace'} ${mac} dev ${dev.name} dst ${vtep}`);
    } else {
      dev.fdb = fdb.filter((e) => !(e.mac === mac && e.dst === vtep));
      if (dev.fdb.length !== fdb.length) changes.push(`${hostName}: bridge fdb del ${mac} dev ${dev.name} dst ${vtep}`);
    }
  }
}

export const FLOOD_MAC = '00:00:00:00:00:00';
