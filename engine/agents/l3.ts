/**
 * neutron-l3-agent on the controller (legacy, centralized routers). On
 * `routers_updated` it reconciles the qrouter-<id> namespace with the router
 * the server describes: qr- ports, the qg- gateway port and its default route,
 * SNAT, floating IP rules and /32 addresses, in the agent's own order.
 */
import type { Ctx } from '../core/context.js';
import { cidrParts, ipInCidr } from '../core/ip.js';
import { metadataProxyConf, routerGatewayName, routerInterfaceName, routerNamespace, tapName } from '../core/names.js';
import type { Host, Netns, Port, Route, Router } from '../core/types.js';
import { addAddress, addNamespace, addRoute, addVethPair, deleteAddress, deleteLink, deleteNamespace, deleteRoute, findLink } from '../host/kernel.js';
import { type IptablesManager, initIptablesManager, wrapNameOf } from '../host/iptables.js';
import { killProcess, spawnProcess } from '../host/processes.js';
import { floatingIpsOfRouter, routerGatewayPort, routerInterfacePorts } from '../neutron/queries.js';
import { addMetadataRules, applyAddressScopes, applyFloatingNat, applyGatewayNat, initRouterIptables } from './l3-iptables.js';
import { treatDeviceAdded, treatDeviceRemoved } from './linuxbridge.js';

export const L3_HOST = 'controller';
const AGENT = `neutron-l3-agent@${L3_HOST}`;

function l3Host(ctx: Ctx): Host {
  return ctx.cloud.hosts[L3_HOST]!;
}

function manager(ns: Netns): IptablesManager {
  return { ns, wrap: wrapNameOf('neutron-l3-agent') };
}

function cidrOf(ctx: Ctx, subnetId: string, ip: string): string {
  return `${ip}/${cidrParts(ctx.cloud.db.subnets[subnetId]!.cidr).prefix}`;
}

/** BridgeInterfaceDriver.plug + init_router_port, then a gratuitous ARP per address. */
function plugRouterPort(ctx: Ctx, router: Router, ns: Netns, port: Port, device: string, flows: number[]): void {
  const host = l3Host(ctx);
  const network = ctx.cloud.db.networks[port.networkId]!;
  const tap = tapName(port.id);
  const changes: string[] = [];
  addVethPair(host, { netns: '', name: tap, mac: ctx.random.kernelMac() }, { netns: ns.name, name: device, mac: port.macAddress }, network.mtu);
  const rootEnd = findLink(host.root, tap)!;
  rootEnd.ipv6 = false;
  rootEnd.up = true;
  findLink(ns, device)!.up = true;
  changes.push(`${L3_HOST}: ip link add ${tap} type veth peer name ${device} netns ${ns.name}; ${device} address ${port.macAddress}; mtu ${network.mtu}; up`);
  for (const f of port.fixedIps) {
    const cidr = cidrOf(ctx, f.subnetId, f.ipAddress);
    addAddress(ns, device, cidr);
    changes.push(`${L3_HOST}: ip netns exec ${ns.name} ip addr add ${cidr} dev ${device}`);
  }
  ctx.emit({
    from: AGENT, to: `kernel@${L3_HOST}`, channel: 'netlink', name: device.startsWith('qg-') ? 'external_gateway_added' : 'internal_network_added',
    detail: `${device} (${port.fixedIps.map((f) => f.ipAddress).join(', ')}, ${port.macAddress}) in ${ns.name}, its peer ${tap} in the root namespace`,
    flows, subjects: [router.id, port.id, port.networkId], changes,
  });
  sendGarp(ctx, router, ns, device, port.fixedIps.map((f) => f.ipAddress), port.macAddress, flows, [port.id]);
}

/** send_ip_addr_adv_notif: 3 rounds of `arping -U` and `arping -A`, 2 s apart, from the port's MAC. */
function sendGarp(ctx: Ctx, router: Router, ns: Netns, device: string, ips: string[], mac: string, flows: number[], subjects: string[] = []): void {
  for (const ip of ips) {
    ctx.emit({
      from: AGENT, to: 'external segment', channel: 'ARP', name: 'gratuitous ARP',
      detail: `ip netns exec ${ns.name} arping -U -I ${device} -c 1 -w 2 ${ip}; arping -A -I ${device} -c 1 -w 2 ${ip} (3 rounds, 2 s apart): "${ip} is-at ${mac}"`,
      flows, subjects: [router.id, ...subjects],
    });
  }
}

function unplugRouterPort(ctx: Ctx, router: Router, ns: Netns, device: string, flows: number[]): void {
  const host = l3Host(ctx);
  const link = findLink(ns, device);
  if (!link) return;
  const portPrefix = device.slice(3);
  // The port is usually already deleted in neutron; the tap name carries its ID prefix.
  const port = Object.values(ctx.cloud.db.ports).find((p) => p.id.startsWith(portPrefix)) ?? { id: portPrefix, networkId: '' };
  deleteLink(host, ns.name, device);
  ctx.emit({
    from: AGENT, to: `kernel@${L3_HOST}`, channel: 'netlink', name: device.startsWith('qg-') ? 'external_gateway_removed' : 'internal_network_removed',
    detail: `${device} and its peer tap${portPrefix} deleted`, flows, subjects: [router.id],
    changes: [`${L3_HOST}: ip netns exec ${ns.name} ip link del ${device}`],
  });
  treatDeviceRemoved(ctx, L3_HOST, port, flows);
}

function processInternalPorts(ctx: Ctx, router: Router, ns: Netns): string[] {
  const ports = routerInterfacePorts(ctx.cloud.db, router.id);
  const wanted = ports.map((p) => routerInterfaceName(p.id));
  const keep = new Set(wanted);
  for (const link of ns.links.filter((l) => l.name.startsWith('qr-') && !keep.has(l.name))) {
    unplugRouterPort(ctx, router, ns, link.name, [6]);
  }
  for (const port of ports) {
    const dev = routerInterfaceName(port.id);
    if (findLink(ns, dev)) continue;
    plugRouterPort(ctx, router, ns, port, dev, [6]);
    treatDeviceAdded(ctx, L3_HOST, port, [6]);
  }
  return wanted;
}

function processGateway(ctx: Ctx, router: Router, ns: Netns): { device: string; enableSnat: boolean } | null {
  const gwPort = routerGatewayPort(ctx.cloud.db, router);
  const wanted = gwPort ? routerGatewayName(gwPort.id) : null;
  for (const link of ns.links.filter((l) => l.name.startsWith('qg-') && l.name !== wanted)) unplugRouterPort(ctx, router, ns, link.name, [7]);
  if (!gwPort || !wanted) return null;
  if (!findLink(ns, wanted)) {
    plugRouterPort(ctx, router, ns, gwPort, wanted, [7]);
    const extSubnet = ctx.cloud.db.subnets[gwPort.fixedIps[0]?.subnetId ?? ''];
    if (extSubnet?.gatewayIp) {
      addRoute(ns, { dst: 'default', via: extSubnet.gatewayIp, dev: wanted, proto: 'static' });
      ctx.emit({
        from: AGENT, to: `kernel@${L3_HOST}`, channel: 'netlink', name: 'add_gateway',
        detail: `default route of ${ns.name} via the external subnet's gateway ${extSubnet.gatewayIp}`,
        flows: [7], subjects: [router.id, gwPort.id],
        changes: [`${L3_HOST}: ip netns exec ${ns.name} ip route replace default via ${extSubnet.gatewayIp} dev ${wanted} proto static`],
      });
    }
    treatDeviceAdded(ctx, L3_HOST, gwPort, [7]);
  }
  return { device: wanted, enableSnat: router.gateway!.enableSnat };
}

/**
 * routes_updated: each extra route goes into the namespace as a `proto static`
 * route through the device whose subnet holds the next hop; routes no longer
 * wanted are deleted.
 */
function processRoutes(ctx: Ctx, router: Router, ns: Netns): void {
  const isExtra = (r: Route) => r.proto === 'static' && r.dst !== 'default' && r.via !== undefined;
  const wanted = new Set(router.routes.map((r) => `${r.destination} ${r.nexthop}`));
  const changes: string[] = [];
  for (const r of ns.routes.filter((x) => isExtra(x) && !wanted.has(`${x.dst} ${x.via}`))) {
    deleteRoute(ns, (x) => x === r);
    changes.push(`${L3_HOST}: ip netns exec ${ns.name} ip route delete ${r.dst} via ${r.via}`);
  }
  for (const r of router.routes) {
    if (ns.routes.some((x) => isExtra(x) && x.dst === r.destination && x.via === r.nexthop)) continue;
    const dev = ns.routes.find((x) => x.proto === 'kernel' && ipInCidr(r.nexthop, x.dst))?.dev;
    if (!dev) continue;
    addRoute(ns, { dst: r.destination, via: r.nexthop, dev, proto: 'static' });
    changes.push(`${L3_HOST}: ip netns exec ${ns.name} ip route replace ${r.destination} via ${r.nexthop} dev ${dev} proto static`);
  }
  if (!changes.length) return;
  ctx.emit({
    from: AGENT, to: `kernel@${L3_HOST}`, channel: 'netlink', name: 'routes_updated',
    detail: `${ns.name}: the router's extra routes, as static routes through the interface on each next hop's subnet`,
    flows: [6], subjects: [router.id], changes,
  });
}

/** configure_fip_addresses: /32 per floating IP on qg-, added after the NAT rules are in place. */
function processFloatingIpAddresses(ctx: Ctx, router: Router, ns: Netns, device: string | null): void {
  const fips = device ? floatingIpsOfRouter(ctx.cloud.db, router.id) : [];
  const wanted = fips.map((f) => `${f.floatingIpAddress}/32`);
  for (const a of ns.addresses.filter((x) => x.dev === device && x.cidr.endsWith('/32') && !wanted.includes(x.cidr))) {
    deleteAddress(ns, a.dev, a.cidr);
    ctx.emit({
      from: AGENT, to: `kernel@${L3_HOST}`, channel: 'netlink', name: 'remove_floating_ip',
      detail: `${a.cidr} removed from ${a.dev}`, flows: [8], subjects: [router.id],
      changes: [`${L3_HOST}: ip netns exec ${ns.name} ip addr del ${a.cidr} dev ${a.dev}`],
    });
  }
  if (!device) return;
  const qg = findLink(ns, device)!;
  for (const fip of fips) {
    const cidr = `${fip.floatingIpAddress}/32`;
    if (!ns.addresses.some((a) => a.dev === device && a.cidr === cidr)) {
      addAddress(ns, device, cidr);
      ctx.emit({
        from: AGENT, to: `kernel@${L3_HOST}`, channel: 'netlink', name: 'add_floating_ip',
        detail: `${cidr} on ${device}, after its NAT rules`, flows: [8], subjects: [router.id, fip.id],
        changes: [`${L3_HOST}: ip netns exec ${ns.name} ip addr add ${cidr} dev ${device}`],
      });
      sendGarp(ctx, router, ns, device, [fip.floatingIpAddress], qg.mac, [8], [fip.id]);
    }
    if (fip.status !== 'ACTIVE') {
      fip.status = 'ACTIVE';
      ctx.emit({
        from: AGENT, to: 'neutron-server', channel: 'RPC call', name: 'update_floatingip_statuses',
        detail: `{${fip.id}: ACTIVE}`, flows: [8], subjects: [router.id, fip.id],
      });
    }
  }
}

/** RouterInfo.process(): internal ports, external gateway and NAT, FIP addresses, address scopes. */
export function processRouter(ctx: Ctx, router: Router): void {
  const ns = l3Host(ctx).namespaces[routerNamespace(router.id)];
  if (!ns) return;
  const m = manager(ns);
  const internal = processInternalPorts(ctx, router, ns);
  const gateway = processGateway(ctx, router, ns);
  processRoutes(ctx, router, ns);
  const gwPort = routerGatewayPort(ctx.cloud.db, router);
  const gwIp = gwPort?.fixedIps[0]?.ipAddress;
  applyGatewayNat(m, ctx.cloud.config, gateway && gwIp ? { device: gateway.device, ip: gwIp, enableSnat: gateway.enableSnat } : null);
  const fips = gateway ? floatingIpsOfRouter(ctx.cloud.db, router.id).filter((f) => f.fixedIpAddress) : [];
  applyFloatingNat(m, ctx.cloud.config, fips.map((f) => ({ floatingIp: f.floatingIpAddress, fixedIp: f.fixedIpAddress! })));
  ctx.emit({
    from: AGENT, to: `kernel@${L3_HOST}`, channel: 'netlink', name: 'iptables-restore (process_external)',
    detail: gateway
      ? `${ns.name}: SNAT ${gateway.enableSnat ? `-o ${gateway.device} to ${gwIp}` : 'disabled (no -o qg- SNAT rule)'}, hairpin SNAT, ${fips.length} floating IP rule set(s)`
      : `${ns.name}: no gateway, only the float-snat jump in the snat chain`,
    flows: fips.length ? [7, 8] : [7], subjects: [router.id, ...fips.map((f) => f.id)],
  });
  processFloatingIpAddresses(ctx, router, ns, gateway?.device ?? null);
  applyAddressScopes(m, internal, gateway);
}

/** Router scheduled to this agent: namespace, sysctls, iptables skeleton, then the metadata proxy. */
export function routerAdded(ctx: Ctx, router: Router): void {
  const host = l3Host(ctx);
  const nsName = routerNamespace(router.id);
  const ns = addNamespace(host, nsName);
  ns.sysctl['net.ipv4.ip_forward'] = '1';
  ns.sysctl['net.ipv4.conf.all.arp_ignore'] = '1';
  ns.sysctl['net.ipv4.conf.all.arp_announce'] = '2';
  const m = initIptablesManager(ns, 'neutron-l3-agent');
  initRouterIptables(m);
  ctx.emit({
    from: AGENT, to: `kernel@${L3_HOST}`, channel: 'netlink', name: '_process_added_router',
    detail: `namespace ${nsName} with ip_forward=1, arp_ignore=1, arp_announce=2 and the iptables skeleton, before any interface exists`,
    flows: [6], subjects: [router.id],
    changes: [`${L3_HOST}: ip netns add ${nsName}; sysctl -w net.ipv4.ip_forward=1 net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2`],
  });
  processRouter(ctx, router);
  addMetadataRules(m);
  const conf = metadataProxyConf(router.id);
  host.files[conf] = haproxyConfig(router.id);
  const proc = spawnProcess(host, { user: 'neutron', args: `haproxy -f ${conf}`, netns: nsName });
  ctx.emit({
    from: AGENT, to: `kernel@${L3_HOST}`, channel: 'local', name: 'metadata proxy (AFTER_CREATE)',
    detail: `nat REDIRECT of 169.254.169.254:80 to 9697 and haproxy (pid ${proc.pid}) listening on 9697 in ${nsName}`,
    flows: [6], subjects: [router.id],
    changes: [`${L3_HOST}: iptables nat -A neutron-l3-agent-PREROUTING -d 169.254.169.254/32 -i qr-+ -p tcp -m tcp --dport 80 -j REDIRECT --to-ports 9697; ip netns exec ${nsName} haproxy -f ${conf}`],
  });
}

export function routerRemoved(ctx: Ctx, router: Router): void {
  const host = l3Host(ctx);
  const nsName = routerNamespace(router.id);
  const ns = host.namespaces[nsName];
  if (!ns) return;
  const conf = metadataProxyConf(router.id);
  const proxy = host.processes.find((p) => p.netns === nsName && p.args.includes(conf));
  if (proxy) killProcess(host, proxy.pid);
  delete host.files[conf];
  for (const link of ns.links.filter((l) => l.name.startsWith('qr-') || l.name.startsWith('qg-'))) unplugRouterPort(ctx, router, ns, link.name, [6]);
  deleteNamespace(host, nsName);
  ctx.emit({
    from: AGENT, to: `kernel@${L3_HOST}`, channel: 'netlink', name: 'router_deleted',
    detail: `metadata proxy stopped, ${nsName} deleted`, flows: [6], subjects: [router.id],
    changes: [`${L3_HOST}: ip netns del ${nsName}`],
  });
}

function haproxyConfig(routerId: string): string {
  return [
    'global',
    '    log         /dev/log local0 debug',
    '    log-tag     haproxy-metadata-proxy-' + routerId,
    '    user        neutron',
    '    group       neutron',
    '    maxconn     1024',
    `    pidfile     /var/lib/neutron/external/pids/${routerId}.pid.haproxy`,
    '    daemon',
    '',
    'defaults',
    '    log global',
    '    mode http',
    '    option httplog',
    '    option dontlognull',
    '    option http-server-close',
    '    option forwardfor',
    '    retries                 3',
    '    timeout http-request    30s',
    '    timeout connect         30s',
    '    timeout client          32s',
    '    timeout server          32s',
    '    timeout http-keep-alive 30s',
    '',
    'listen listener',
    '    bind 0.0.0.0:9697',
    '    server metadata /var/lib/neutron/metadata_proxy',
    '    http-request del-header X-Neutron-Network-ID',
    `    http-request set-header X-Neutron-Router-ID ${routerId}`,
    '',
  ].join('\n');
}
