/**
 * The DHCP agent with several subnets on one network, and with DHCP disabled.
 * Reference README "Details confirmed by running neutron's own agent code"
 * (one DHCP port for every DHCP subnet, one --dhcp-range per subnet by subnet
 * id, lease-max the sum of the sizes, <other cidr>,0.0.0.0 routes inserted at
 * the front, the metadata route only where a router owns the gateway), §3.1
 * and §5.
 */
import { describe, expect, it } from 'vitest';
import { packetWalk } from '../../../engine/packets/walks';
import { applyLine } from '../../../engine/scenario/apply';
import { buildOk, byName, sh } from '../invariants';

const s11 = (id: string) => id.slice(0, 11);
const A = 'ffffffff-0000-4000-8000-00000000000a';
const B = '11111111-0000-4000-8000-00000000000b';
const C = '88888888-0000-4000-8000-00000000000c';

describe('a network with two DHCP subnets and one without DHCP', () => {
  // Created in the order A, B, C; by subnet id the order is B, C, A.
  const cloud = buildOk([
    'openstack network create red',
    `openstack subnet create --network red --subnet-range 10.20.30.0/26 --id ${A} red-a`,
    `openstack subnet create --network red --subnet-range 172.16.8.0/28 --dns-nameserver 9.9.9.9 --id ${B} red-b`,
    `openstack subnet create --network red --subnet-range 192.168.50.0/27 --no-dhcp --id ${C} red-c`,
    'openstack router create r',
    'openstack router add subnet r red-a',
    'openstack server create --flavor m1.nano --image cirros --nic net-id=red --availability-zone nova:compute1 vm-red',
  ], { computes: 2, seed: 'multi-subnet' });
  const net = byName(cloud.db.networks, 'red');
  const dhcp = Object.values(cloud.db.ports).find((p) => p.deviceOwner === 'network:dhcp')!;
  const ns = `ns-${s11(dhcp.id)}`;
  const qdhcp = `qdhcp-${net.id}`;

  it('has one DHCP port holding the lowest free address of each DHCP subnet, both on one ns- device', () => {
    expect(Object.values(cloud.db.ports).filter((p) => p.deviceOwner === 'network:dhcp')).toHaveLength(1);
    expect(dhcp.fixedIps.map((f) => `${f.subnetId} ${f.ipAddress}`).sort()).toEqual([`${A} 10.20.30.2`, `${B} 172.16.8.2`].sort());
    const addr = sh(cloud, 'controller', `ip netns exec ${qdhcp} ip addr`);
    expect(addr).toContain(`inet 10.20.30.2/26 brd 10.20.30.63 scope global ${ns}\n`);
    expect(addr).toContain(`inet 172.16.8.2/28 brd 172.16.8.15 scope global ${ns}\n`);
    expect(addr.match(/^\d+: /gm)).toHaveLength(2); // lo and the one ns- device
  });

  it('keeps a single default route in qdhcp, via the first DHCP subnet\'s gateway', () => {
    const routes = sh(cloud, 'controller', `ip netns exec ${qdhcp} ip route`).split('\n').filter((l) => l.startsWith('default'));
    expect(routes).toEqual([`default via 172.16.8.1 dev ${ns} proto static`]);
  });

  it('starts dnsmasq with one --dhcp-range per DHCP subnet ordered by subnet id, lease-max the sum of their sizes', () => {
    const line = sh(cloud, 'controller', 'ps -eo user,args').split('\n').find((l) => l.includes('dnsmasq'))!;
    const ranges = line.split(' ').filter((w) => w.startsWith('--dhcp-range='));
    expect(ranges).toEqual([
      `--dhcp-range=set:subnet-${B},172.16.8.0,static,255.255.255.240,86400s`,
      `--dhcp-range=set:subnet-${A},10.20.30.0,static,255.255.255.192,86400s`,
    ]);
    expect(line).toContain(' --dhcp-lease-max=80 ');
  });

  it('writes opts: other subnets on-link at the front, the metadata route only for the router\'s subnet, a default route whenever a route is listed', () => {
    const a = `tag:subnet-${A}`;
    const b = `tag:subnet-${B}`;
    expect(sh(cloud, 'controller', `cat /var/lib/neutron/dhcp/${net.id}/opts`)).toBe([
      `${b},option:dns-server,9.9.9.9`,
      `${b},option:classless-static-route,10.20.30.0/26,0.0.0.0,192.168.50.0/27,0.0.0.0,0.0.0.0/0,172.16.8.1`,
      `${b},249,10.20.30.0/26,0.0.0.0,192.168.50.0/27,0.0.0.0,0.0.0.0/0,172.16.8.1`,
      `${b},option:router,172.16.8.1`,
      `${a},option:classless-static-route,192.168.50.0/27,0.0.0.0,172.16.8.0/28,0.0.0.0,169.254.169.254/32,10.20.30.1,0.0.0.0/0,10.20.30.1`,
      `${a},249,192.168.50.0/27,0.0.0.0,172.16.8.0/28,0.0.0.0,169.254.169.254/32,10.20.30.1,0.0.0.0/0,10.20.30.1`,
      `${a},option:router,10.20.30.1`,
    ].join('\n'));
  });

  it('lets the guest reach the other subnets on-link, as option 121 says', () => {
    const port = cloud.db.ports[byName(cloud.db.servers, 'vm-red').portIds[0]!]!;
    expect(port.fixedIps).toHaveLength(1);
    const own = cloud.db.subnets[port.fixedIps[0]!.subnetId]!;
    const routes = sh(cloud, 'vm-red', 'ip route');
    for (const other of ['10.20.30.0/26', '172.16.8.0/28', '192.168.50.0/27'].filter((c) => c !== own.cidr)) {
      expect(routes).toContain(`${other} dev eth0 scope link\n`);
    }
  });

  it('restarts dnsmasq with one range less when a DHCP subnet is deleted', () => {
    const copy = structuredClone(cloud);
    const before = sh(copy, 'controller', 'ps -eo user,args').split('\n').find((l) => l.includes('dnsmasq'))!;
    expect(applyLine(copy, 'openstack subnet delete red-b').exitCode).toBe(0);
    const after = sh(copy, 'controller', 'ps -eo user,args').split('\n').filter((l) => l.includes('dnsmasq'));
    expect(after).toHaveLength(1);
    expect(after[0]!.split(' ').filter((w) => w.startsWith('--dhcp-range='))).toEqual([`--dhcp-range=set:subnet-${A},10.20.30.0,static,255.255.255.192,86400s`]);
    expect(after[0]).toContain(' --dhcp-lease-max=64 ');
    expect(after[0]).not.toBe(before);
    expect(sh(copy, 'controller', `ip netns exec ${qdhcp} ip addr`)).not.toContain('172.16.8.2');
    expect(copy.db.ports[dhcp.id]!.fixedIps.map((f) => f.ipAddress)).toEqual(['10.20.30.2']);
  });
});

describe('a network whose only subnet has DHCP disabled', () => {
  const SCENARIO = [
    'openstack network create plain',
    'openstack subnet create --network plain --subnet-range 10.20.30.0/26 --no-dhcp plain-v4',
    'openstack server create --flavor m1.nano --image cirros --nic net-id=plain --availability-zone nova:compute2 vm-plain',
  ];
  const cloud = buildOk(SCENARIO, { computes: 2, seed: 'no-dhcp' });
  const net = byName(cloud.db.networks, 'plain');
  const vmPort = cloud.db.ports[byName(cloud.db.servers, 'vm-plain').portIds[0]!]!;

  it('has no DHCP port, no qdhcp namespace, no dnsmasq and no files', () => {
    expect(Object.values(cloud.db.ports).filter((p) => p.deviceOwner === 'network:dhcp')).toEqual([]);
    expect(sh(cloud, 'controller', 'ip netns')).toBe('');
    expect(sh(cloud, 'controller', 'ps -eo user,args')).not.toContain('dnsmasq');
    expect(Object.keys(cloud.hosts['controller']!.files).filter((f) => f.startsWith('/var/lib/neutron/dhcp/'))).toEqual([]);
  });

  it('still wires the instance: port ACTIVE without a DHCP block, server ACTIVE, bridge on compute2 only', () => {
    expect(vmPort.status).toBe('ACTIVE');
    expect(byName(cloud.db.servers, 'vm-plain').status).toBe('ACTIVE');
    expect(sh(cloud, 'compute2', 'brctl show')).toContain(`brq${s11(net.id)}`);
    expect(sh(cloud, 'controller', 'brctl show')).not.toContain(`brq${s11(net.id)}`);
    expect(sh(cloud, 'compute2', `bridge fdb show dev vxlan-${net.segmentationId}`)).not.toContain(' dst ');
  });

  it('leaves the guest without an IPv4 address (nobody answers DHCP) but with the MTU libvirt set', () => {
    const eth0 = sh(cloud, 'vm-plain', 'ip addr show eth0');
    expect(eth0).toContain(' mtu 1450 ');
    expect(eth0).not.toMatch(/inet \d/);
    const walk = packetWalk(cloud, 'dhcp', ['vm-plain']);
    if (!('lease' in walk)) throw new Error('expected a DHCP exchange');
    expect(walk.lease).toBeNull();
    expect(walk.failure).toBeTruthy();
  });

  it('schedules the network to the DHCP agent when a DHCP subnet is added, and tears it down when it goes', () => {
    const copy = structuredClone(cloud);
    expect(applyLine(copy, 'openstack subnet create --network plain --subnet-range 10.20.31.0/28 plain-dhcp').exitCode).toBe(0);
    const sub = byName(copy.db.subnets, 'plain-dhcp');
    const dhcp = Object.values(copy.db.ports).find((p) => p.deviceOwner === 'network:dhcp')!;
    expect(dhcp.fixedIps).toEqual([{ subnetId: sub.id, ipAddress: '10.20.31.2' }]);
    expect(sh(copy, 'controller', 'ip netns').replace(/ \(id: \d+\)/, '')).toBe(`qdhcp-${net.id}\n`);
    const line = sh(copy, 'controller', 'ps -eo user,args').split('\n').find((l) => l.includes('dnsmasq'))!;
    expect(line.split(' ').filter((w) => w.startsWith('--dhcp-range='))).toEqual([`--dhcp-range=set:subnet-${sub.id},10.20.31.0,static,255.255.255.240,86400s`]);
    expect(line).toContain(' --dhcp-lease-max=16 ');
    const tag = `tag:subnet-${sub.id}`;
    expect(sh(copy, 'controller', `cat /var/lib/neutron/dhcp/${net.id}/opts`)).toBe([
      `${tag},option:classless-static-route,10.20.30.0/26,0.0.0.0,0.0.0.0/0,10.20.31.1`,
      `${tag},249,10.20.30.0/26,0.0.0.0,0.0.0.0/0,10.20.31.1`,
      `${tag},option:router,10.20.31.1`,
    ].join('\n'));
    // The compute node learns where the DHCP port lives.
    expect(sh(copy, 'compute2', `bridge fdb show dev vxlan-${net.segmentationId}`).split('\n').filter((l) => l.includes(' dst ')).sort()).toEqual([
      '00:00:00:00:00:00 dst 10.0.0.11 self permanent', `${dhcp.macAddress} dst 10.0.0.11 self permanent`,
    ].sort());

    expect(applyLine(copy, 'openstack subnet delete plain-dhcp').exitCode).toBe(0);
    expect(sh(copy, 'controller', 'ip netns')).toBe('');
    expect(sh(copy, 'controller', 'ps -eo user,args')).not.toContain('dnsmasq');
    expect(Object.keys(copy.hosts['controller']!.files).filter((f) => f.startsWith('/var/lib/neutron/dhcp/'))).toEqual([]);
    expect(Object.values(copy.db.ports).filter((p) => p.deviceOwner === 'network:dhcp')).toEqual([]);
    expect(sh(copy, 'controller', 'ip link')).not.toContain(`tap${s11(dhcp.id)}`);
  });
});
