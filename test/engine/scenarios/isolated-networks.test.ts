/**
 * Two tenant networks with no router: each subnet is isolated. Reference §5.3
 * variant A (opts holds only option:router; dnsmasq is the DNS server), §6.1
 * and §4.2 (VXLAN between compute nodes, UDP 8472), §7.3 (east-west needs a
 * router).
 */
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../../engine/core/types';
import { packetWalk } from '../../../engine/packets/walks';
import type { RoutedWalk } from '../../../engine/packets/routing';
import { buildOk, byName, sh } from '../invariants';

const SCENARIO = [
  'openstack network create blue',
  'openstack subnet create --network blue --subnet-range 10.20.30.0/26 blue-v4',
  'openstack network create green',
  'openstack subnet create --network green --subnet-range 10.20.30.64/26 green-v4',
  'openstack server create --flavor m1.nano --image cirros --nic net-id=blue --availability-zone nova:compute1 vm-blue',
  'openstack server create --flavor m1.nano --image cirros --nic net-id=green --availability-zone nova:compute2 vm-green',
  'openstack server create --flavor m1.nano --image cirros --nic net-id=blue --availability-zone nova:compute3 vm-blue2',
];

function routed(cloud: Cloud, kind: string, args: string[]): RoutedWalk {
  const walk = packetWalk(cloud, kind, args);
  if (!('kind' in walk) || walk.kind !== 'routed') throw new Error(`expected a routed walk, got ${JSON.stringify(walk).slice(0, 200)}`);
  return walk;
}

describe('tenant networks without a router', () => {
  const cloud = buildOk(SCENARIO, { computes: 3, seed: 'isolated' });
  const blue = byName(cloud.db.networks, 'blue');
  const sub = byName(cloud.db.subnets, 'blue-v4');
  const dhcp = Object.values(cloud.db.ports).find((p) => p.networkId === blue.id && p.deviceOwner === 'network:dhcp')!;
  const ip = (vm: string) => cloud.db.ports[byName(cloud.db.servers, vm).portIds[0]!]!.fixedIps[0]!.ipAddress;

  it('writes only the router option for an isolated subnet without DNS servers', () => {
    expect(sh(cloud, 'controller', `cat /var/lib/neutron/dhcp/${blue.id}/opts`)).toBe(`tag:subnet-${sub.id},option:router,10.20.30.1`);
  });

  it('hands out dnsmasq itself as DNS server, no classless routes, and the guest routes by the router option', () => {
    const walk = packetWalk(cloud, 'dhcp', ['vm-blue']);
    if (!('lease' in walk)) throw new Error('expected a DHCP exchange');
    expect(walk.lease).toMatchObject({ router: '10.20.30.1', dns: [dhcp.fixedIps[0]!.ipAddress], routes: [], mtu: 1450 });
    const routes = sh(cloud, 'vm-blue', 'ip route');
    expect(routes).toContain('default via 10.20.30.1 dev eth0');
    expect(routes).not.toContain('169.254.169.254');
  });

  it('creates no router namespace', () => {
    expect(sh(cloud, 'controller', 'ip netns')).not.toContain('qrouter-');
  });

  it('does not deliver east-west traffic: nobody answers ARP for the gateway', () => {
    const walk = routed(cloud, 'east-west', ['vm-blue', 'vm-green']);
    expect(walk.delivered).toBe(false);
    expect(walk.failure).toContain('10.20.30.1');
    expect(routed(cloud, 'snat', ['vm-blue', '8.8.8.8']).delivered).toBe(false);
  });

  it('carries traffic between instances of one network across VXLAN: VNI, VTEPs, UDP 8472', () => {
    const walk = routed(cloud, 'vxlan', ['vm-blue', 'vm-blue2']);
    expect(walk.delivered).toBe(true);
    const stages = walk.packets[0]!.stages;
    expect(stages.some((s) => s.host === 'compute1' && s.dev === `vxlan-${blue.segmentationId}` && s.note.includes(`VNI ${blue.segmentationId}`) && s.note.includes('10.0.0.31 -> 10.0.0.33') && s.note.includes('8472'))).toBe(true);
    expect(stages.at(-1)).toMatchObject({ host: 'compute3', src: ip('vm-blue'), dst: ip('vm-blue2') });
    expect(stages.every((s) => s.host !== 'controller')).toBe(true);
  });
});

describe('one network spread over five compute nodes', () => {
  const cloud = buildOk([
    'openstack network create wide',
    'openstack subnet create --network wide --subnet-range 10.20.30.0/26 wide-v4',
    ...[1, 3, 5].map((n) => `openstack server create --flavor m1.nano --image cirros --nic net-id=wide --availability-zone nova:compute${n} vm-${n}`),
  ], { computes: 5, seed: 'five-computes' });
  const net = byName(cloud.db.networks, 'wide');
  const mac = (vm: string) => cloud.db.ports[byName(cloud.db.servers, vm).portIds[0]!]!.macAddress;
  const dhcpMac = Object.values(cloud.db.ports).find((p) => p.deviceOwner === 'network:dhcp')!.macAddress;
  const vtep = (n: number) => `10.0.0.${30 + n}`;

  it('gives each host a flooding entry per other host of the network and a MAC entry per remote port', () => {
    const dst = (host: string) => sh(cloud, host, `bridge fdb show dev vxlan-${net.segmentationId}`).split('\n').filter((l) => l.includes(' dst ')).sort();
    expect(dst('compute5')).toEqual([
      '00:00:00:00:00:00 dst 10.0.0.11 self permanent', `${dhcpMac} dst 10.0.0.11 self permanent`,
      `00:00:00:00:00:00 dst ${vtep(1)} self permanent`, `${mac('vm-1')} dst ${vtep(1)} self permanent`,
      `00:00:00:00:00:00 dst ${vtep(3)} self permanent`, `${mac('vm-3')} dst ${vtep(3)} self permanent`,
    ].sort());
    expect(dst('controller')).toEqual([1, 3, 5].flatMap((n) => [`00:00:00:00:00:00 dst ${vtep(n)} self permanent`, `${mac(`vm-${n}`)} dst ${vtep(n)} self permanent`]).sort());
  });

  it('leaves the compute nodes without an instance of the network without its bridge or vxlan device', () => {
    for (const host of ['compute2', 'compute4']) {
      expect(sh(cloud, host, 'ip -d link')).not.toContain('vxlan');
      expect(sh(cloud, host, 'brctl show')).not.toContain('brq');
    }
  });
});
