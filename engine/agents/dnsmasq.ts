/**
 * What the DHCP agent writes for dnsmasq, as pure functions of the API state
 * (neutron/agent/linux/dhcp.py, 2024.1): the `host`, `addn_hosts` and `opts`
 * files, the initial `leases` file and the dnsmasq command line.
 */
import { cidrParts, formatIp, netmaskString } from '../core/ip.js';
import { dhcpConfDir, dhcpHostname } from '../core/names.js';
import type { CloudConfig, Database, Network, Port, Subnet } from '../core/types.js';
import { OWNER_DHCP, OWNER_FLOATINGIP, OWNER_ROUTER_INTERFACE, portsOf, subnetsOf } from '../neutron/queries.js';

/** Owners dnsmasq never hands leases to (port_requires_dhcp_configuration). */
const NO_DHCP_OWNERS = [OWNER_DHCP, OWNER_FLOATINGIP, 'network:router_ha_interface', 'network:distributed'];
const ROUTER_INTERFACE_OWNERS = [OWNER_ROUTER_INTERFACE, 'network:ha_router_replicated_interface', 'network:router_interface_distributed'];
const METADATA_CIDR = '169.254.169.254/32';

export interface HostEntry {
  port: Port;
  ip: string;
  subnetId: string;
  hostname: string;
  fqdn: string;
}

/** One entry per (port, fixed IP), ports in the order the agent learned them. */
export function hostEntries(db: Database, config: CloudConfig, networkId: string): HostEntry[] {
  const entries: HostEntry[] = [];
  for (const port of portsOf(db, networkId)) {
    if (NO_DHCP_OWNERS.includes(port.deviceOwner)) continue;
    for (const f of port.fixedIps) {
      const hostname = dhcpHostname(f.ipAddress);
      entries.push({ port, ip: f.ipAddress, subnetId: f.subnetId, hostname, fqdn: `${hostname}.${config.dnsDomain}` });
    }
  }
  return entries;
}

function dhcpSubnetIds(db: Database, networkId: string): Set<string> {
  return new Set(subnetsOf(db, networkId).filter((s) => s.enableDhcp).map((s) => s.id));
}

/** `host`: `<mac>,<fqdn>,<ip>` per address on a DHCP-enabled subnet; ends with a newline. */
export function renderHostsFile(db: Database, config: CloudConfig, networkId: string, entries = hostEntries(db, config, networkId)): string {
  const enabled = dhcpSubnetIds(db, networkId);
  return entries
    .filter((e) => enabled.has(e.subnetId))
    .map((e) => `${e.port.macAddress},${e.fqdn},${e.ip}\n`)
    .join('');
}

/** `addn_hosts`: `<ip>\t<fqdn> <hostname>`, FQDN first so PTR answers carry it. */
export function renderAddnHostsFile(db: Database, config: CloudConfig, networkId: string, entries = hostEntries(db, config, networkId)): string {
  return entries.map((e) => `${e.ip}\t${e.fqdn} ${e.hostname}\n`).join('');
}

/** A subnet is isolated unless a router interface owns its gateway address. */
export function isIsolated(db: Database, subnet: Subnet): boolean {
  return !portsOf(db, subnet.networkId).some(
    (p) => ROUTER_INTERFACE_OWNERS.includes(p.deviceOwner) && p.fixedIps.some((f) => f.subnetId === subnet.id && f.ipAddress === subnet.gatewayIp),
  );
}

/** `opts`: per DHCP subnet dns-server, classless routes (121 and 249), router; no trailing newline. */
export function renderOptsFile(db: Database, networkId: string, options: { enableIsolatedMetadata?: boolean } = {}): string {
  const all = subnetsOf(db, networkId);
  const dhcpPort = portsOf(db, networkId).find((p) => p.deviceOwner === OWNER_DHCP);
  const lines: string[] = [];
  const withoutDns: string[] = [];
  for (const subnet of all) {
    if (!subnet.enableDhcp) continue;
    const tag = `tag:subnet-${subnet.id}`;
    if (subnet.dnsNameservers.length) {
      const anyAddress = subnet.dnsNameservers.every((d) => d === '0.0.0.0');
      lines.push(anyAddress ? `${tag},option:dns-server` : `${tag},option:dns-server,${subnet.dnsNameservers.join(',')}`);
    } else {
      withoutDns.push(subnet.id);
    }
    let gateway = subnet.gatewayIp;
    const routes: string[] = [];
    for (const hr of subnet.hostRoutes) {
      if (hr.destination === '0.0.0.0/0') {
        if (!gateway) gateway = hr.nexthop;
      } else routes.push(`${hr.destination},${hr.nexthop}`);
    }
    const isolated = isIsolated(db, subnet);
    let metadataNextHop: string | null = null;
    if (isolated && options.enableIsolatedMetadata) {
      metadataNextHop = dhcpPort?.fixedIps.find((f) => f.subnetId === subnet.id)?.ipAddress ?? null;
    } else if (!isolated && gateway) metadataNextHop = gateway;
    if (metadataNextHop) routes.push(`${METADATA_CIDR},${metadataNextHop}`);
    // Each other IPv4 subnet of the network is on-link: inserted at the front, one by one.
    for (const other of all) if (other.cidr !== subnet.cidr) routes.unshift(`${other.cidr},0.0.0.0`);
    if (routes.length) {
      if (gateway) routes.push(`0.0.0.0/0,${gateway}`);
      lines.push(`${tag},option:classless-static-route,${routes.join(',')}`);
      lines.push(`${tag},249,${routes.join(',')}`);
    }
    lines.push(gateway ? `${tag},option:router,${gateway}` : `${tag},option:router`);
  }
  return lines.join('\n');
}

/** The agent's bootstrap lease file: `<expiry> <mac> <ip> * *` per host entry on a DHCP subnet. */
export function renderInitialLeases(db: Database, config: CloudConfig, networkId: string, now: number): string {
  const enabled = dhcpSubnetIds(db, networkId);
  const expiry = config.dhcpLeaseDuration === -1 ? 0 : now + config.dhcpLeaseDuration;
  return hostEntries(db, config, networkId)
    .filter((e) => enabled.has(e.subnetId))
    .map((e) => `${expiry} ${e.port.macAddress} ${e.ip} * *\n`)
    .join('');
}

/** The argument list _build_cmdline_callback produces (one --dhcp-range per DHCP subnet, by subnet id). */
export function dnsmasqArgs(db: Database, config: CloudConfig, network: Network): string[] {
  const dir = dhcpConfDir(network.id);
  const args = [
    'dnsmasq', '--no-hosts', '--no-resolv', `--pid-file=${dir}/pid`, `--dhcp-hostsfile=${dir}/host`,
    `--addn-hosts=${dir}/addn_hosts`, `--dhcp-optsfile=${dir}/opts`, `--dhcp-leasefile=${dir}/leases`,
    '--dhcp-match=set:ipxe,175', '--dhcp-userclass=set:ipxe6,iPXE', '--local-service', '--bind-dynamic',
  ];
  const lease = config.dhcpLeaseDuration === -1 ? 'infinite' : `${config.dhcpLeaseDuration}s`;
  let possibleLeases = 0;
  for (const subnet of subnetsOf(db, network.id)) {
    if (!subnet.enableDhcp) continue;
    const { network: net, prefix } = cidrParts(subnet.cidr);
    args.push(`--dhcp-range=set:subnet-${subnet.id},${formatIp(net)},static,${netmaskString(prefix)},${lease}`);
    possibleLeases += 2 ** (32 - prefix);
  }
  if (network.mtu > 0) args.push(`--dhcp-option-force=option:mtu,${network.mtu}`);
  args.push(`--dhcp-lease-max=${Math.min(possibleLeases, 16777216)}`);
  args.push('--conf-file=/dev/null');
  args.push(`--domain=${config.dnsDomain}`);
  return args;
}
