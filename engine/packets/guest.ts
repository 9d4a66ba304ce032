/**
 * Inside the instance: at boot the guest brings up eth0 and asks for an
 * address with DHCP. Whatever the exchange yields (or not) is what `ip addr`
 * and `ip route` show in the guest; it does not change until the next boot.
 */
import type { Ctx } from '../core/context.js';
import { broadcastOf, cidrParts, cidrString, formatIp } from '../core/ip.js';
import type { Cloud, Guest, Server } from '../core/types.js';
import { recordLease } from '../agents/dhcp.js';
import { dhcpExchange } from './dhcp.js';

export function bootGuest(ctx: Ctx, server: Server): void {
  const guest: Guest = { serverId: server.id, name: server.name, host: server.host!, links: [], addresses: [], routes: [] };
  guest.links.push({ ifindex: 1, name: 'lo', kind: 'loopback', mac: '00:00:00:00:00:00', mtu: 65536, up: true, master: null, ipv6: true });
  guest.addresses.push({ dev: 'lo', cidr: '127.0.0.1/8', broadcast: null, scope: 'host' });
  server.portIds.forEach((portId, i) => {
    const port = ctx.cloud.db.ports[portId];
    if (!port) return;
    const dev = `eth${i}`;
    const network = ctx.cloud.db.networks[port.networkId]!;
    // libvirt's <mtu size=.../> reaches virtio-net as host_mtu, so the guest NIC starts at the network MTU.
    guest.links.push({ ifindex: i + 2, name: dev, kind: 'ether', mac: port.macAddress, mtu: network.mtu, up: true, master: null, ipv6: true });
    const exchange = dhcpExchange(ctx.cloud, server, port);
    for (const p of exchange.packets) {
      ctx.emit({
        from: p.name === 'DHCPDISCOVER' || p.name === 'DHCPREQUEST' ? `guest ${server.name}` : `dnsmasq@${exchange.packets[0]!.hops.at(-1)?.host ?? 'controller'}`,
        to: p.name === 'DHCPDISCOVER' || p.name === 'DHCPREQUEST' ? 'dnsmasq' : `guest ${server.name}`,
        channel: 'DHCP', name: p.name,
        detail: `${p.ethSrc} > ${p.ethDst}, ${p.ipSrc}:${p.sport} > ${p.ipDst}:${p.dport}; ${p.options.join('; ')}; path ${p.hops.map((h) => `${h.host}:${h.netns ? `${h.netns}:` : ''}${h.dev}`).join(' > ')}`,
        flows: [5], subjects: [server.id, port.id, port.networkId], seedStep: 19,
      });
    }
    if (!exchange.lease) {
      ctx.emit({ from: `guest ${server.name}`, to: `guest ${server.name}`, channel: 'DHCP', name: 'no lease', detail: exchange.failure ?? 'no answer', flows: [5], subjects: [server.id, port.id] });
      return;
    }
    const lease = exchange.lease;
    const cidr = `${lease.ip}/${lease.prefix}`;
    const net = cidrParts(cidr);
    guest.links.at(-1)!.mtu = lease.mtu;
    guest.addresses.push({ dev, cidr, broadcast: formatIp(broadcastOf(net.network, net.prefix)), scope: 'global' });
    // RFC 3442: with option 121 the client ignores the router option.
    if (lease.routes.length) {
      for (const [dst, via] of lease.routes) {
        if (via === '0.0.0.0') guest.routes.push({ dst, dev, scope: 'link' });
        else guest.routes.push({ dst: dst === '0.0.0.0/0' ? 'default' : dst.replace(/\/32$/, ''), via, dev });
      }
    } else if (lease.router) {
      guest.routes.push({ dst: 'default', via: lease.router, dev });
    }
    guest.routes.push({ dst: cidrString(net.network, net.prefix), dev, proto: 'kernel', scope: 'link', src: lease.ip });
    recordLease(ctx, port.networkId, port.macAddress, lease.ip, lease.hostname, `01:${port.macAddress}`);
  });
  ctx.cloud.guests[server.id] = guest;
  (ctx.cloud.guestsByName[server.name] ??= []).push(server.id);
}

/** The guest OS is gone (instance stopped or deleted): nothing answers inside it any more. */
export function forgetGuest(cloud: Cloud, server: Server): void {
  delete cloud.guests[server.id];
  const named = (cloud.guestsByName[server.name] ?? []).filter((g) => g !== server.id);
  if (named.length) cloud.guestsByName[server.name] = named;
  else delete cloud.guestsByName[server.name];
}
