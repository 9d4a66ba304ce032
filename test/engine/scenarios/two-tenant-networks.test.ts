/**
 * Two tenant VXLAN networks on one router, a flat external network, four
 * compute nodes, instances forced onto compute1 and compute3. Every expected
 * value follows from the rules in the reference (openstack-ground-truth.md),
 * with this scenario's own identifiers and addresses.
 */
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../../engine/core/types';
import { packetWalk } from '../../../engine/packets/walks';
import { applyLine } from '../../../engine/scenario/apply';
import { buildOk, byName, sh } from '../invariants';

const SCENARIO = [
  '. admin-openrc',
  'openstack network create --share --external --provider-physical-network provider --provider-network-type flat public',
  'openstack subnet create --network public --subnet-range 198.51.100.0/24 --gateway 198.51.100.1 --allocation-pool start=198.51.100.100,end=198.51.100.199 --no-dhcp public-v4',
  '. demo-openrc',
  'openstack network create blue',
  'openstack subnet create --network blue --subnet-range 10.20.30.0/26 blue-v4',
  'openstack network create green',
  'openstack subnet create --network green --subnet-range 10.20.30.64/26 --allocation-pool start=10.20.30.80,end=10.20.30.120 --dns-nameserver 9.9.9.9 green-v4',
  'openstack router create edge',
  'openstack router add subnet edge blue-v4',
  'openstack router add subnet edge green-v4',
  'openstack router set edge --external-gateway public',
  '. admin-openrc',
  'openstack server create --flavor m1.nano --image cirros --nic net-id=blue --availability-zone nova:compute1 vm-blue',
  'openstack server create --flavor m1.nano --image cirros --nic net-id=green --availability-zone nova:compute3 vm-green',
];

const s11 = (id: string) => id.slice(0, 11);
/** Management addresses of the install guide's nodes: the VXLAN VTEPs. */
const VTEP: Record<string, string> = { controller: '10.0.0.11', compute1: '10.0.0.31', compute2: '10.0.0.32', compute3: '10.0.0.33', compute4: '10.0.0.34' };

function ids(cloud: Cloud) {
  const { db } = cloud;
  const blue = byName(db.networks, 'blue');
  const green = byName(db.networks, 'green');
  const router = byName(db.routers, 'edge');
  const ports = Object.values(db.ports);
  const iface = (netId: string) => ports.find((p) => p.networkId === netId && p.deviceOwner === 'network:router_interface')!;
  const dhcp = (netId: string) => ports.find((p) => p.networkId === netId && p.deviceOwner === 'network:dhcp')!;
  const vm = (name: string) => db.ports[byName(db.servers, name).portIds[0]!]!;
  return {
    blue, green, router, public: byName(db.networks, 'public'),
    blueSubnet: byName(db.subnets, 'blue-v4'), greenSubnet: byName(db.subnets, 'green-v4'),
    qrBlue: iface(blue.id), qrGreen: iface(green.id), gw: db.ports[router.gateway!.portId]!,
    dhcpBlue: dhcp(blue.id), dhcpGreen: dhcp(green.id), vmBlue: vm('vm-blue'), vmGreen: vm('vm-green'),
    qrouter: `qrouter-${router.id}`,
  };
}

/** `ip addr` output split per device: "name" -> its block of lines. */
function devices(ipAddr: string): Map<string, string> {
  const out = new Map<string, string>();
  let current = '';
  for (const line of ipAddr.split('\n')) {
    const m = /^\d+: ([^:@]+)[@:]/.exec(line);
    if (m) {
      current = m[1]!;
      out.set(current, '');
    }
    if (current) out.set(current, `${out.get(current)}${line}\n`);
  }
  return out;
}

describe('two tenant networks on one router, four computes', () => {
  const cloud = buildOk(SCENARIO, { computes: 4, seed: 'two-tenant-networks' });
  const x = ids(cloud);

  it('creates the namespaces on the network node only: one qdhcp per DHCP network (full UUID), one qrouter', () => {
    const names = sh(cloud, 'controller', 'ip netns').trim().split('\n').map((l) => l.replace(/ \(id: \d+\)$/, '')).sort();
    expect(names).toEqual([`qdhcp-${x.blue.id}`, `qdhcp-${x.green.id}`, x.qrouter].sort());
    for (const c of ['compute1', 'compute2', 'compute3', 'compute4']) expect(sh(cloud, c, 'ip netns')).toBe('');
  });

  it('gives each network its MTU: 1450 for VXLAN, 1500 for the flat external network', () => {
    expect([x.blue.mtu, x.green.mtu, x.public.mtu]).toEqual([1450, 1450, 1500]);
  });

  it('puts the gateway IPs on qr-<port[:11]> (mtu 1450) and a pool address on qg-<port[:11]> (mtu 1500), lo first', () => {
    const out = sh(cloud, 'controller', `ip netns exec ${x.qrouter} ip addr`);
    const devs = devices(out);
    expect([...devs.keys()]).toEqual(['lo', `qr-${s11(x.qrBlue.id)}`, `qr-${s11(x.qrGreen.id)}`, `qg-${s11(x.gw.id)}`]);
    const qrBlue = devs.get(`qr-${s11(x.qrBlue.id)}`)!;
    expect(qrBlue).toContain(' mtu 1450 ');
    expect(qrBlue).toContain(`link/ether ${x.qrBlue.macAddress} brd ff:ff:ff:ff:ff:ff`);
    expect(qrBlue).toContain(`inet 10.20.30.1/26 brd 10.20.30.63 scope global qr-${s11(x.qrBlue.id)}`);
    expect(devs.get(`qr-${s11(x.qrGreen.id)}`)).toContain(`inet 10.20.30.65/26 brd 10.20.30.127 scope global qr-${s11(x.qrGreen.id)}`);
    const qg = devs.get(`qg-${s11(x.gw.id)}`)!;
    expect(qg).toContain(' mtu 1500 ');
    const gwIp = x.gw.fixedIps[0]!.ipAddress;
    expect(Number(gwIp.split('.')[3])).toBeGreaterThanOrEqual(100);
    expect(Number(gwIp.split('.')[3])).toBeLessThanOrEqual(199);
    expect(qg).toContain(`inet ${gwIp}/24 brd 198.51.100.255 scope global qg-${s11(x.gw.id)}`);
  });

  it('routes in qrouter: connected routes plus default via the external gateway, proto static', () => {
    const qg = `qg-${s11(x.gw.id)}`;
    const gwIp = x.gw.fixedIps[0]!.ipAddress;
    expect(sh(cloud, 'controller', `ip netns exec ${x.qrouter} ip route`)).toBe([
      `default via 198.51.100.1 dev ${qg} proto static`,
      `10.20.30.0/26 dev qr-${s11(x.qrBlue.id)} proto kernel scope link src 10.20.30.1`,
      `10.20.30.64/26 dev qr-${s11(x.qrGreen.id)} proto kernel scope link src 10.20.30.65`,
      `198.51.100.0/24 dev ${qg} proto kernel scope link src ${gwIp}`,
      '',
    ].join('\n'));
  });

  it('prints the reference SNAT table for a router with a gateway and no floating IP', () => {
    const qg = `qg-${s11(x.gw.id)}`;
    const gwIp = x.gw.fixedIps[0]!.ipAddress;
    expect(sh(cloud, 'controller', `ip netns exec ${x.qrouter} iptables -t nat -S`)).toBe([
      '-P PREROUTING ACCEPT', '-P INPUT ACCEPT', '-P OUTPUT ACCEPT', '-P POSTROUTING ACCEPT',
      '-N neutron-l3-agent-OUTPUT', '-N neutron-l3-agent-POSTROUTING', '-N neutron-l3-agent-PREROUTING', '-N neutron-l3-agent-float-snat', '-N neutron-l3-agent-snat', '-N neutron-postrouting-bottom',
      '-A PREROUTING -j neutron-l3-agent-PREROUTING', '-A OUTPUT -j neutron-l3-agent-OUTPUT', '-A POSTROUTING -j neutron-l3-agent-POSTROUTING', '-A POSTROUTING -j neutron-postrouting-bottom',
      `-A neutron-l3-agent-POSTROUTING ! -o ${qg} -m conntrack ! --ctstate DNAT -j ACCEPT`,
      '-A neutron-l3-agent-PREROUTING -d 169.254.169.254/32 -i qr-+ -p tcp -m tcp --dport 80 -j REDIRECT --to-ports 9697',
      '-A neutron-l3-agent-snat -j neutron-l3-agent-float-snat',
      `-A neutron-l3-agent-snat -o ${qg} -j SNAT --to-source ${gwIp} --random-fully`,
      `-A neutron-l3-agent-snat -m mark ! --mark 0x2/0xffff -m conntrack --ctstate DNAT -j SNAT --to-source ${gwIp} --random-fully`,
      '-A neutron-postrouting-bottom -m comment --comment "Perform source NAT on outgoing traffic." -j neutron-l3-agent-snat',
      '',
    ].join('\n'));
  });

  it('marks every router port for the default address scope and drops unmarked traffic out of each qr-', () => {
    const mangle = sh(cloud, 'controller', `ip netns exec ${x.qrouter} iptables -t mangle -S`);
    const filter = sh(cloud, 'controller', `ip netns exec ${x.qrouter} iptables -t filter -S`);
    for (const dev of [`qr-${s11(x.qrBlue.id)}`, `qr-${s11(x.qrGreen.id)}`, `qg-${s11(x.gw.id)}`]) {
      expect(mangle).toContain(`-A neutron-l3-agent-scope -i ${dev} -j MARK --set-xmark 0x4000000/0xffff0000\n`);
    }
    expect(mangle).toContain(`-A neutron-l3-agent-mark -i qg-${s11(x.gw.id)} -j MARK --set-xmark 0x2/0xffff\n`);
    for (const dev of [`qr-${s11(x.qrBlue.id)}`, `qr-${s11(x.qrGreen.id)}`]) {
      expect(filter).toContain(`-A neutron-l3-agent-scope -o ${dev} -m mark ! --mark 0x4000000/0xffff0000 -j DROP\n`);
    }
    expect(filter).toContain('-A neutron-l3-agent-INPUT -p tcp -m tcp --dport 9697 -j DROP\n');
  });

  it('gives each DHCP port the lowest free address of its pool, on ns-<port[:11]>, with a static default route', () => {
    expect(x.dhcpBlue.fixedIps.map((f) => f.ipAddress)).toEqual(['10.20.30.2']);
    expect(x.dhcpGreen.fixedIps.map((f) => f.ipAddress)).toEqual(['10.20.30.80']);
    const ns = `ns-${s11(x.dhcpGreen.id)}`;
    const addr = sh(cloud, 'controller', `ip netns exec qdhcp-${x.green.id} ip addr`);
    expect(devices(addr).get(ns)).toContain(`inet 10.20.30.80/26 brd 10.20.30.127 scope global ${ns}`);
    expect(devices(addr).get(ns)).toContain(`link/ether ${x.dhcpGreen.macAddress} `);
    expect(sh(cloud, 'controller', `ip netns exec qdhcp-${x.green.id} ip route`)).toBe(
      `default via 10.20.30.65 dev ${ns} proto static\n10.20.30.64/26 dev ${ns} proto kernel scope link src 10.20.30.80\n`,
    );
    const mangle = sh(cloud, 'controller', `ip netns exec qdhcp-${x.green.id} iptables -t mangle -S`);
    expect(mangle).toContain('-A neutron-dhcp-age-POSTROUTING -p udp -m udp --dport 68 -j CHECKSUM --checksum-fill\n');
  });

  it('runs one dnsmasq per network with the 2024.1 command line', () => {
    const ps = sh(cloud, 'controller', 'ps -eo user,args').split('\n').filter((l) => l.includes('dnsmasq'));
    expect(ps).toHaveLength(2);
    for (const [net, subnet, range] of [[x.blue, x.blueSubnet, '10.20.30.0'], [x.green, x.greenSubnet, '10.20.30.64']] as const) {
      const dir = `/var/lib/neutron/dhcp/${net.id}`;
      expect(ps).toContain(`nobody   dnsmasq --no-hosts --no-resolv --pid-file=${dir}/pid --dhcp-hostsfile=${dir}/host --addn-hosts=${dir}/addn_hosts --dhcp-optsfile=${dir}/opts --dhcp-leasefile=${dir}/leases --dhcp-match=set:ipxe,175 --dhcp-userclass=set:ipxe6,iPXE --local-service --bind-dynamic --dhcp-range=set:subnet-${subnet.id},${range},static,255.255.255.192,86400s --dhcp-option-force=option:mtu,1450 --dhcp-lease-max=64 --conf-file=/dev/null --domain=openstacklocal`);
    }
  });

  it('writes opts with the metadata route via the router-owned gateway, DNS only where the subnet has servers, no final newline', () => {
    const b = `tag:subnet-${x.blueSubnet.id}`;
    expect(sh(cloud, 'controller', `cat /var/lib/neutron/dhcp/${x.blue.id}/opts`)).toBe([
      `${b},option:classless-static-route,169.254.169.254/32,10.20.30.1,0.0.0.0/0,10.20.30.1`,
      `${b},249,169.254.169.254/32,10.20.30.1,0.0.0.0/0,10.20.30.1`,
      `${b},option:router,10.20.30.1`,
    ].join('\n'));
    const g = `tag:subnet-${x.greenSubnet.id}`;
    expect(sh(cloud, 'controller', `cat /var/lib/neutron/dhcp/${x.green.id}/opts`)).toBe([
      `${g},option:dns-server,9.9.9.9`,
      `${g},option:classless-static-route,169.254.169.254/32,10.20.30.65,0.0.0.0/0,10.20.30.65`,
      `${g},249,169.254.169.254/32,10.20.30.65,0.0.0.0/0,10.20.30.65`,
      `${g},option:router,10.20.30.65`,
    ].join('\n'));
  });

  it('lists the router port and the instance (not the DHCP port) in host and addn_hosts, in creation order', () => {
    const vmIp = x.vmGreen.fixedIps[0]!.ipAddress;
    const dashed = (ip: string) => ip.replace(/\./g, '-');
    expect(sh(cloud, 'controller', `cat /var/lib/neutron/dhcp/${x.green.id}/host`)).toBe(
      `${x.qrGreen.macAddress},host-10-20-30-65.openstacklocal,10.20.30.65\n${x.vmGreen.macAddress},host-${dashed(vmIp)}.openstacklocal,${vmIp}\n`,
    );
    expect(sh(cloud, 'controller', `cat /var/lib/neutron/dhcp/${x.green.id}/addn_hosts`)).toBe(
      `10.20.30.65\thost-10-20-30-65.openstacklocal host-10-20-30-65\n${vmIp}\thost-${dashed(vmIp)}.openstacklocal host-${dashed(vmIp)}\n`,
    );
    expect(sh(cloud, 'controller', `cat /var/lib/neutron/dhcp/${x.green.id}/interface`)).toBe(`ns-${s11(x.dhcpGreen.id)}`);
  });

  it('creates bridges on a compute only where a port is bound: compute1 blue, compute3 green, none on compute2/4', () => {
    const header = 'bridge name\tbridge id\t\tSTP enabled\tinterfaces\n';
    const c1 = sh(cloud, 'compute1', 'brctl show');
    expect(c1).toMatch(new RegExp(`^${header}brq${s11(x.blue.id)}\\t\\t8000\\.[0-9a-f]{12}\\tno\\t\\ttap${s11(x.vmBlue.id)}\\n\\t\\t\\t\\t\\t\\t\\tvxlan-${x.blue.segmentationId}\\n$`));
    expect(sh(cloud, 'compute3', 'brctl show')).toContain(`brq${s11(x.green.id)}`);
    expect(sh(cloud, 'compute3', 'brctl show')).not.toContain(`brq${s11(x.blue.id)}`);
    expect(sh(cloud, 'compute2', 'brctl show')).toBe(header);
    expect(sh(cloud, 'compute4', 'brctl show')).toBe(header);
  });

  it('sorts bridges and their interfaces by name on the network node, the flat bridge holding eth1 and the qg- tap', () => {
    const out = sh(cloud, 'controller', 'brctl show');
    const bridges = [...out.matchAll(/^(brq\S+)/gm)].map((m) => m[1]!);
    expect(bridges).toEqual([...bridges].sort());
    expect(bridges.sort()).toEqual([`brq${s11(x.blue.id)}`, `brq${s11(x.green.id)}`, `brq${s11(x.public.id)}`].sort());
    const publicBlock = out.split(/\n(?=brq)/).find((b) => b.startsWith(`brq${s11(x.public.id)}`))!;
    expect(publicBlock.split(/\s+/).filter((w) => /^(eth|tap|vxlan)/.test(w))).toEqual(['eth1', `tap${s11(x.gw.id)}`]);
    const blueBlock = out.split(/\n(?=brq)/).find((b) => b.startsWith(`brq${s11(x.blue.id)}`))!;
    const blueIfs = blueBlock.split(/\s+/).filter((w) => /^(eth|tap|vxlan)/.test(w));
    expect(blueIfs.sort()).toEqual([`tap${s11(x.dhcpBlue.id)}`, `tap${s11(x.qrBlue.id)}`, `vxlan-${x.blue.segmentationId}`].sort());
    expect(blueIfs).toEqual([...blueIfs].sort());
  });

  it('programs l2pop FDB entries: a flooding entry per other host and a MAC entry per remote port', () => {
    const fdb = (host: string, vni: number | null) => sh(cloud, host, `bridge fdb show dev vxlan-${vni}`).trim().split('\n');
    const dst = (lines: string[]) => lines.filter((l) => l.includes(' dst ')).sort();
    const c1 = fdb('compute1', x.blue.segmentationId);
    expect(dst(c1)).toEqual([
      `00:00:00:00:00:00 dst ${VTEP['controller']} self permanent`,
      `${x.dhcpBlue.macAddress} dst ${VTEP['controller']} self permanent`,
      `${x.qrBlue.macAddress} dst ${VTEP['controller']} self permanent`,
    ].sort());
    expect(c1.filter((l) => / master brq\S+ permanent$/.test(l))).toHaveLength(1);
    expect(dst(fdb('controller', x.blue.segmentationId))).toEqual([
      `00:00:00:00:00:00 dst ${VTEP['compute1']} self permanent`,
      `${x.vmBlue.macAddress} dst ${VTEP['compute1']} self permanent`,
    ].sort());
    expect(dst(fdb('controller', x.green.segmentationId))).toEqual([
      `00:00:00:00:00:00 dst ${VTEP['compute3']} self permanent`,
      `${x.vmGreen.macAddress} dst ${VTEP['compute3']} self permanent`,
    ].sort());
  });

  it('sets up the vxlan device in unicast l2pop mode on port 8472 with the network\'s VNI', () => {
    const out = sh(cloud, 'compute3', `ip -d link show vxlan-${x.green.segmentationId}`);
    expect(out).toContain(' mtu 1450 ');
    expect(out).toContain(`master brq${s11(x.green.id)} `);
    expect(out).toContain(`vxlan id ${x.green.segmentationId} local ${VTEP['compute3']} dev eth0 srcport 0 0 dstport 8472 `);
    expect(out).not.toMatch(/vxlan id .* group \d/);
  });

  it('configures the guest from DHCP: its fixed IP, MTU 1450, default and metadata routes via the gateway', () => {
    const ip = x.vmBlue.fixedIps[0]!.ipAddress;
    const addr = devices(sh(cloud, 'vm-blue', 'ip addr')).get('eth0')!;
    expect(addr).toContain(' mtu 1450 ');
    expect(addr).toContain(`link/ether ${x.vmBlue.macAddress} `);
    expect(addr).toContain(`inet ${ip}/26 brd 10.20.30.63 scope global eth0`);
    const routes = sh(cloud, 'vm-blue', 'ip route');
    expect(routes).toContain('default via 10.20.30.1 dev eth0');
    expect(routes).toContain('169.254.169.254 via 10.20.30.1 dev eth0');
    expect(routes).toContain(`10.20.30.0/26 dev eth0 proto kernel scope link src ${ip}`);
  });

  it('answers the guest\'s DHCP with its own address, the subnet DNS server, MTU and routes', () => {
    const walk = packetWalk(cloud, 'dhcp', ['vm-green']);
    if (!('lease' in walk)) throw new Error('expected a DHCP exchange');
    expect(walk.lease).toMatchObject({
      ip: x.vmGreen.fixedIps[0]!.ipAddress, prefix: 26, router: '10.20.30.65', dns: ['9.9.9.9'], mtu: 1450, lease: 86400,
      serverId: '10.20.30.80', domain: 'openstacklocal', routes: [['169.254.169.254/32', '10.20.30.65'], ['0.0.0.0/0', '10.20.30.65']],
    });
    expect(walk.packets.map((p) => p.name)).toEqual(['DHCPDISCOVER', 'DHCPOFFER', 'DHCPREQUEST', 'DHCPACK']);
    const [discover, offer] = walk.packets;
    expect([discover!.ipSrc, discover!.sport, discover!.ipDst, discover!.dport, discover!.ethDst]).toEqual(['0.0.0.0', 68, '255.255.255.255', 67, 'ff:ff:ff:ff:ff:ff']);
    expect([offer!.ipSrc, offer!.sport, offer!.ipDst, offer!.dport, offer!.ethSrc, offer!.ethDst]).toEqual(['10.20.30.80', 67, x.vmGreen.fixedIps[0]!.ipAddress, 68, x.dhcpGreen.macAddress, x.vmGreen.macAddress]);
  });

  it('routes east-west between the two networks through both qr- devices, without NAT', () => {
    const walk = packetWalk(cloud, 'east-west', ['vm-blue', 'vm-green']);
    if (!('kind' in walk) || walk.kind !== 'routed') throw new Error('expected a routed walk');
    expect(walk.delivered).toBe(true);
    const stages = walk.packets[0]!.stages;
    const inRouter = stages.filter((s) => s.netns === x.qrouter).map((s) => s.dev);
    expect(inRouter[0]).toBe(`qr-${s11(x.qrBlue.id)}`);
    expect(inRouter.at(-1)).toBe(`qr-${s11(x.qrGreen.id)}`);
    expect(stages.every((s) => s.src === x.vmBlue.fixedIps[0]!.ipAddress && s.dst === x.vmGreen.fixedIps[0]!.ipAddress)).toBe(true);
    expect(stages.at(-1)).toMatchObject({ host: 'compute3', dev: `tap${s11(x.vmGreen.id)}` });
    expect(walk.rules.some((r) => r.includes('-j SNAT'))).toBe(false);
  });

  it('SNATs an instance without a floating IP to the router gateway address', () => {
    const walk = packetWalk(cloud, 'snat', ['vm-blue', '8.8.8.8']);
    if (!('kind' in walk) || walk.kind !== 'routed') throw new Error('expected a routed walk');
    const gwIp = x.gw.fixedIps[0]!.ipAddress;
    expect(walk.delivered).toBe(true);
    expect(walk.rules).toContain(`-A neutron-l3-agent-snat -o qg-${s11(x.gw.id)} -j SNAT --to-source ${gwIp} --random-fully`);
    const out = walk.packets[0]!.stages.filter((s) => s.host === 'controller' && s.netns === '' && s.dev === 'eth1');
    expect(out.length).toBeGreaterThan(0);
    expect(out.every((s) => s.src === gwIp && s.dst === '8.8.8.8')).toBe(true);
  });

  describe('with a floating IP on vm-green', () => {
    const withFip = buildOk([...SCENARIO, 'openstack floating ip create --floating-ip-address 198.51.100.150 public', 'openstack server add floating ip vm-green 198.51.100.150'], { computes: 4, seed: 'two-tenant-networks' });
    const y = ids(withFip);
    const fixed = y.vmGreen.fixedIps[0]!.ipAddress;
    const qg = `qg-${s11(y.gw.id)}`;

    it('adds the three floating IP rules, DNAT in PREROUTING after the metadata REDIRECT', () => {
      const nat = sh(withFip, 'controller', `ip netns exec ${y.qrouter} iptables -t nat -S`).split('\n');
      expect(nat.filter((l) => l.includes('198.51.100.150'))).toEqual([
        `-A neutron-l3-agent-OUTPUT -d 198.51.100.150/32 -j DNAT --to-destination ${fixed}`,
        `-A neutron-l3-agent-PREROUTING -d 198.51.100.150/32 -j DNAT --to-destination ${fixed}`,
        `-A neutron-l3-agent-float-snat -s ${fixed}/32 -j SNAT --to-source 198.51.100.150 --random-fully`,
      ]);
      const pre = nat.filter((l) => l.startsWith('-A neutron-l3-agent-PREROUTING'));
      expect(pre[0]).toContain('REDIRECT --to-ports 9697');
      expect(pre[1]).toContain('198.51.100.150/32 -j DNAT');
    });

    it('puts the floating IP as a /32 on qg- and nowhere in the guest', () => {
      expect(devices(sh(withFip, 'controller', `ip netns exec ${y.qrouter} ip addr`)).get(qg)).toContain(`inet 198.51.100.150/32 brd 198.51.100.150 scope global ${qg}`);
      expect(sh(withFip, 'vm-green', 'ip addr')).not.toContain('198.51.100.150');
      expect(Object.values(withFip.db.floatingIps)[0]).toMatchObject({ status: 'ACTIVE', fixedIpAddress: fixed, routerId: y.router.id });
    });

    it('delivers an external packet to the floating IP at the instance, DNATed in qrouter', () => {
      const walk = packetWalk(withFip, 'dnat', ['198.51.100.150']);
      if (!('kind' in walk) || walk.kind !== 'routed') throw new Error('expected a routed walk');
      expect(walk.delivered).toBe(true);
      expect(walk.rules).toContain(`-A neutron-l3-agent-PREROUTING -d 198.51.100.150/32 -j DNAT --to-destination ${fixed}`);
      expect(walk.packets[0]!.stages.at(-1)).toMatchObject({ host: 'compute3', dev: `tap${s11(y.vmGreen.id)}`, dst: fixed });
    });

    it('sources the instance\'s outbound traffic from its floating IP, not the gateway address', () => {
      const walk = packetWalk(withFip, 'snat', ['vm-green', '8.8.8.8']);
      if (!('kind' in walk) || walk.kind !== 'routed') throw new Error('expected a routed walk');
      expect(walk.rules).toContain(`-A neutron-l3-agent-float-snat -s ${fixed}/32 -j SNAT --to-source 198.51.100.150 --random-fully`);
      expect(walk.packets[0]!.stages.filter((s) => s.dev === 'eth1').every((s) => s.src === '198.51.100.150')).toBe(true);
    });

    it('does not deliver to a floating IP once it is disassociated', () => {
      const copy = structuredClone(withFip);
      expect(applyLine(copy, 'openstack server remove floating ip vm-green 198.51.100.150').exitCode).toBe(0);
      const walk = packetWalk(copy, 'dnat', ['198.51.100.150']);
      if (!('kind' in walk) || walk.kind !== 'routed') throw new Error('expected a routed walk');
      expect(walk.delivered).toBe(false);
      expect(sh(copy, 'controller', `ip netns exec ${y.qrouter} iptables -t nat -S`)).not.toContain('198.51.100.150');
      expect(sh(copy, 'controller', `ip netns exec ${y.qrouter} ip addr`)).not.toContain('198.51.100.150');
    });
  });
});
