/**
 * neutron-dhcp-agent on the controller: per network with a DHCP-enabled
 * subnet, a DHCP port, the qdhcp-<net> namespace joined to the bridge by a
 * veth (tap… outside, ns-… inside), the files under /var/lib/neutron/dhcp/<net>/
 * and a dnsmasq process. Port changes rewrite the files and SIGHUP dnsmasq.
 */
import type { Ctx } from '../core/context.js';
import { cidrParts } from '../core/ip.js';
import { dhcpConfDir, dhcpDeviceName, dhcpNamespace, tapName } from '../core/names.js';
import { uuid5Dns } from '../core/uuid5.js';
import type { Host, Network, Port } from '../core/types.js';
import { addAddress, addNamespace, addRoute, addVethPair, deleteAddress, deleteNamespace, findLink, netnsOf } from '../host/kernel.js';
import { addRule, initIptablesManager } from '../host/iptables.js';
import { createPort, deletePort } from '../neutron/port.js';
import { allocateFixedIps } from '../neutron/ipam.js';
import { dhcpPortOf, subnetsOf } from '../neutron/queries.js';
import { provisioningComplete } from '../neutron/provisioning.js';
import { dnsmasqArgs, hostEntries, renderAddnHostsFile, renderHostsFile, renderInitialLeases, renderOptsFile } from './dnsmasq.js';
import { treatDeviceAdded, treatDeviceRemoved } from './linuxbridge.js';
import { killProcess, spawnProcess } from '../host/processes.js';

export const DHCP_HOST = 'controller';
const AGENT = `neutron-dhcp-agent@${DHCP_HOST}`;

function dhcpHost(ctx: Ctx): Host {
  return ctx.cloud.hosts[DHCP_HOST]!;
}

export function hasDhcp(ctx: Ctx, networkId: string): boolean {
  return subnetsOf(ctx.cloud.db, networkId).some((s) => s.enableDhcp);
}

export function isEnabled(ctx: Ctx, networkId: string): boolean {
  return dhcpHost(ctx).namespaces[dhcpNamespace(networkId)] !== undefined;
}

function writeFile(ctx: Ctx, path: string, content: string, changes: string[]): void {
  const host = dhcpHost(ctx);
  if (host.files[path] === content) return;
  host.files[path] = content;
  changes.push(`${DHCP_HOST}: write ${path}`);
}

/** host, addn_hosts and opts: rewritten on every change (the leases file belongs to dnsmasq). */
function writeConfigFiles(ctx: Ctx, network: Network, changes: string[]): void {
  const dir = dhcpConfDir(network.id);
  const { db, config } = ctx.cloud;
  const entries = hostEntries(db, config, network.id);
  writeFile(ctx, `${dir}/host`, renderHostsFile(db, config, network.id, entries), changes);
  writeFile(ctx, `${dir}/addn_hosts`, renderAddnHostsFile(db, config, network.id, entries), changes);
  writeFile(ctx, `${dir}/opts`, renderOptsFile(db, network.id), changes);
}

/** The DHCP port's address on every DHCP subnet, and the ns- device configured to match. */
function configureDhcpDevice(ctx: Ctx, network: Network, port: Port, changes: string[]): void {
  const ns = netnsOf(dhcpHost(ctx), dhcpNamespace(network.id));
  const dev = dhcpDeviceName(port.id);
  const wanted = port.fixedIps.map((f) => `${f.ipAddress}/${cidrParts(ctx.cloud.db.subnets[f.subnetId]!.cidr).prefix}`);
  for (const a of ns.addresses.filter((x) => x.dev === dev && !wanted.includes(x.cidr))) {
    deleteAddress(ns, dev, a.cidr);
    changes.push(`${DHCP_HOST}: ip netns exec ${ns.name} ip addr del ${a.cidr} dev ${dev}`);
  }
  for (const cidr of wanted) {
    if (ns.addresses.some((a) => a.dev === dev && a.cidr === cidr)) continue;
    addAddress(ns, dev, cidr);
    changes.push(`${DHCP_HOST}: ip netns exec ${ns.name} ip addr add ${cidr} dev ${dev}`);
  }
  // _set_default_route: one default route, via the first DHCP subnet that has a gateway.
  const gateway = subnetsOf(ctx.cloud.db, network.id).find((s) => s.enableDhcp && s.gatewayIp)?.gatewayIp;
  ns.routes = ns.routes.filter((r) => r.dst !== 'default');
  if (gateway) {
    addRoute(ns, { dst: 'default', via: gateway, dev, proto: 'static' });
    changes.push(`${DHCP_HOST}: ip netns exec ${ns.name} ip route replace default via ${gateway} dev ${dev} proto static`);
  }
}

/** setup_dhcp_port: the DHCP port holds the lowest free address of each DHCP subnet. */
function ensureDhcpPort(ctx: Ctx, network: Network): Port {
  const db = ctx.cloud.db;
  const dhcpSubnets = subnetsOf(db, network.id).filter((s) => s.enableDhcp);
  const existing = dhcpPortOf(db, network.id);
  if (existing) {
    const missing = dhcpSubnets.filter((s) => !existing.fixedIps.some((f) => f.subnetId === s.id));
    if (missing.length) {
      existing.fixedIps.push(...allocateFixedIps(ctx, network.id, missing.map((s) => ({ kind: 'lowest' as const, subnetId: s.id }))));
      existing.revision += 1;
      ctx.emit({
        from: AGENT, to: 'neutron-server', channel: 'RPC call', name: 'update_dhcp_port',
        detail: `the DHCP port gains the lowest free address of ${missing.map((s) => s.cidr).join(', ')}`,
        flows: [2, 4], subjects: [network.id, existing.id],
      });
    }
    return existing;
  }
  const port = createPort(ctx, {
    networkId: network.id,
    deviceOwner: 'network:dhcp',
    deviceId: `dhcp${uuid5Dns(DHCP_HOST)}-${network.id}`,
    fixedIps: dhcpSubnets.map((s) => ({ subnetId: s.id })),
    prefer: 'lowest',
    caller: AGENT,
    flows: [2],
  });
  port.bindingHostId = DHCP_HOST;
  port.vifType = 'bridge';
  port.provisioningBlocks = ['L2'];
  return port;
}

/** Dnsmasq.enable(): port, namespace, veth, addresses, CHECKSUM rule, files, dnsmasq. */
function enable(ctx: Ctx, network: Network): void {
  const host = dhcpHost(ctx);
  const port = ensureDhcpPort(ctx, network);
  const nsName = dhcpNamespace(network.id);
  const changes: string[] = [];
  const ns = addNamespace(host, nsName);
  changes.push(`${DHCP_HOST}: ip netns add ${nsName}; ip netns exec ${nsName} ip link set lo up`);
  const tap = tapName(port.id);
  const dev = dhcpDeviceName(port.id);
  addVethPair(host, { netns: '', name: tap, mac: ctx.random.kernelMac() }, { netns: nsName, name: dev, mac: port.macAddress }, network.mtu);
  findLink(host.root, tap)!.ipv6 = false;
  findLink(host.root, tap)!.up = true;
  findLink(ns, dev)!.up = true;
  changes.push(`${DHCP_HOST}: ip link add ${tap} type veth peer name ${dev} netns ${nsName}; ip link set ${dev} address ${port.macAddress}; mtu ${network.mtu} on both ends; both up`);
  configureDhcpDevice(ctx, network, port, changes);
  const ipt = initIptablesManager(ns, 'neutron-dhcp-agent');
  addRule(ipt, 'mangle', 'POSTROUTING', '-p udp -m udp --dport 68 -j CHECKSUM --checksum-fill');
  changes.push(`${DHCP_HOST}: iptables-restore in ${nsName}: mangle -A neutron-dhcp-age-POSTROUTING -p udp -m udp --dport 68 -j CHECKSUM --checksum-fill`);
  const dir = dhcpConfDir(network.id);
  writeConfigFiles(ctx, network, changes);
  writeFile(ctx, `${dir}/interface`, dev, changes);
  spawnDnsmasq(ctx, network, changes);
  ctx.emit({
    from: AGENT, to: `kernel@${DHCP_HOST}`, channel: 'netlink', name: 'Dnsmasq.enable',
    detail: `network ${network.name || network.id} scheduled to this agent: namespace ${nsName}, veth ${tap} <-> ${dev} (${port.fixedIps.map((f) => f.ipAddress).join(', ')}), dnsmasq started`,
    flows: [2, 4], subjects: [network.id, port.id], changes,
  });
  treatDeviceAdded(ctx, DHCP_HOST, port, [2]);
}

function spawnDnsmasq(ctx: Ctx, network: Network, changes: string[]): void {
  const host = dhcpHost(ctx);
  const dir = dhcpConfDir(network.id);
  const { db, config } = ctx.cloud;
  // The agent seeds the lease file, then dnsmasq loads it and writes it back with the hostnames it knows.
  const seeded = renderInitialLeases(db, config, network.id, ctx.now);
  host.files[`${dir}/leases`] = seeded.replace(/^(\S+ \S+ (\S+)) \* \*$/gm, (_, head: string, ip: string) => `${head} host-${ip.replace(/\./g, '-')} *`);
  const proc = spawnProcess(host, { user: 'nobody', args: dnsmasqArgs(db, config, network).join(' '), netns: dhcpNamespace(network.id) });
  host.files[`${dir}/pid`] = `${proc.pid}\n`;
  changes.push(`${DHCP_HOST}: ip netns exec ${dhcpNamespace(network.id)} dnsmasq ... (pid ${proc.pid}, runs as nobody)`);
}

function dnsmasqPid(ctx: Ctx, networkId: string): number | undefined {
  const pidText = dhcpHost(ctx).files[`${dhcpConfDir(networkId)}/pid`];
  return pidText ? Number(pidText.trim()) : undefined;
}

/** Dnsmasq.disable(): stop dnsmasq, unplug, remove the namespace and the files. */
function disable(ctx: Ctx, network: Network, options: { deletePort: boolean }): void {
  const host = dhcpHost(ctx);
  const nsName = dhcpNamespace(network.id);
  const changes: string[] = [];
  const pid = dnsmasqPid(ctx, network.id);
  if (pid !== undefined) killProcess(host, pid);
  const dir = dhcpConfDir(network.id);
  for (const path of Object.keys(host.files)) if (path.startsWith(`${dir}/`)) delete host.files[path];
  const port = dhcpPortOf(ctx.cloud.db, network.id);
  deleteNamespace(host, nsName);
  changes.push(`${DHCP_HOST}: kill ${pid ?? '(no dnsmasq)'}; ip link del ${port ? tapName(port.id) : 'tap…'}; ip netns del ${nsName}; rm -r ${dir}`);
  ctx.emit({
    from: AGENT, to: `kernel@${DHCP_HOST}`, channel: 'netlink', name: 'Dnsmasq.disable',
    detail: `DHCP for ${network.name || network.id} torn down`, flows: [2, 4], subjects: [network.id], changes,
  });
  if (port) {
    treatDeviceRemoved(ctx, DHCP_HOST, port, [2]);
    if (options.deletePort) deletePort(ctx, port.id, { internal: true, caller: AGENT, flows: [2] });
  }
}

/** reload_allocations: rewrite host/addn_hosts/opts, SIGHUP dnsmasq, report dhcp_ready_on_ports. */
function reloadAllocations(ctx: Ctx, network: Network, reason: string, readyPorts: Port[]): void {
  const changes: string[] = [];
  writeConfigFiles(ctx, network, changes);
  const pid = dnsmasqPid(ctx, network.id);
  changes.push(`${DHCP_HOST}: kill -HUP ${pid} (dnsmasq rereads host and opts; leases survive)`);
  ctx.emit({
    from: AGENT, to: `dnsmasq@${DHCP_HOST}`, channel: 'local', name: 'reload_allocations',
    detail: `${reason}: files rewritten, SIGHUP to dnsmasq ${pid}`, flows: [4], subjects: [network.id, ...readyPorts.map((p) => p.id)], changes,
  });
  for (const port of readyPorts) {
    if (!port.provisioningBlocks.includes('DHCP')) continue;
    ctx.emit({
      from: AGENT, to: 'neutron-server', channel: 'RPC call', name: 'dhcp_ready_on_ports',
      detail: `host entry for ${port.macAddress} is in place: neutron lifts the port's DHCP provisioning block`,
      flows: [3, 4], subjects: [network.id, port.id],
    });
    provisioningComplete(ctx, port.id, 'DHCP', [3, 4]);
  }
}

/** restart(): a subnet came or went, so the --dhcp-range list changes and dnsmasq must restart. */
function restart(ctx: Ctx, network: Network): void {
  const host = dhcpHost(ctx);
  const port = ensureDhcpPort(ctx, network);
  const changes: string[] = [];
  configureDhcpDevice(ctx, network, port, changes);
  const pid = dnsmasqPid(ctx, network.id);
  if (pid !== undefined) killProcess(host, pid);
  writeConfigFiles(ctx, network, changes);
  spawnDnsmasq(ctx, network, changes);
  ctx.emit({
    from: AGENT, to: `dnsmasq@${DHCP_HOST}`, channel: 'local', name: 'restart',
    detail: `subnets of ${network.name || network.id} changed: dnsmasq ${pid} stopped and started again with one --dhcp-range per DHCP subnet`,
    flows: [4], subjects: [network.id], changes,
  });
}

/** subnet_create_end / subnet_update_end / subnet_delete_end from neutron-server. */
export function subnetsChanged(ctx: Ctx, network: Network): void {
  if (!hasDhcp(ctx, network.id)) {
    if (isEnabled(ctx, network.id)) disable(ctx, network, { deletePort: true });
    return;
  }
  if (!isEnabled(ctx, network.id)) enable(ctx, network);
  else restart(ctx, network);
}

/**
 * subnet_update_end (refresh_dhcp_helper): the same DHCP subnets mean a reload
 * of the files (dns-server, routes, names); a subnet switched on or off changes
 * the --dhcp-range list, so dnsmasq restarts (or goes, or comes).
 */
export function subnetUpdated(ctx: Ctx, network: Network, dhcpSwitched: boolean): void {
  if (dhcpSwitched || !isEnabled(ctx, network.id)) subnetsChanged(ctx, network);
  else reloadAllocations(ctx, network, 'subnet_update_end', []);
}

/** port_create_end / port_update_end / port_delete_end. */
export function portsChanged(ctx: Ctx, network: Network, reason: string, readyPorts: Port[] = []): void {
  if (isEnabled(ctx, network.id)) reloadAllocations(ctx, network, reason, readyPorts);
}

/** network_delete_end: everything goes, the DHCP port with it. */
export function networkDeleted(ctx: Ctx, network: Network): void {
  if (isEnabled(ctx, network.id)) disable(ctx, network, { deletePort: false });
}

/** dnsmasq handed out a lease: newest first, as dnsmasq writes its lease database. */
export function recordLease(ctx: Ctx, networkId: string, mac: string, ip: string, hostname: string, clientId: string): void {
  const host = dhcpHost(ctx);
  const path = `${dhcpConfDir(networkId)}/leases`;
  const others = (host.files[path] ?? '').split('\n').filter((l) => l && l.split(' ')[1] !== mac && l.split(' ')[2] !== ip);
  const expiry = ctx.cloud.config.dhcpLeaseDuration === -1 ? 0 : ctx.now + ctx.cloud.config.dhcpLeaseDuration;
  host.files[path] = [`${expiry} ${mac} ${ip} ${hostname} ${clientId}`, ...others].map((l) => `${l}\n`).join('');
}

/** dhcp_release for ports that went away. */
export function releaseLeases(ctx: Ctx, networkId: string, macs: string[]): void {
  const host = dhcpHost(ctx);
  const path = `${dhcpConfDir(networkId)}/leases`;
  const text = host.files[path];
  if (text === undefined) return;
  host.files[path] = text.split('\n').filter((l) => l && !macs.includes(l.split(' ')[1]!)).map((l) => `${l}\n`).join('');
}
