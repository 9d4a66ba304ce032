/**
 * `subnet set`: DNS servers and host routes reach dnsmasq's opts file by a
 * reload (same dnsmasq process), switching DHCP off takes the namespace,
 * dnsmasq and the DHCP port away and switching it on brings them back; bad
 * input changes nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../../engine/core/types';
import { applyLine } from '../../../engine/scenario/apply';
import { applyOk, buildOk, byName, expectRefused, sh } from '../invariants';

const SCENARIO = [
  'openstack network create lan',
  'openstack subnet create --network lan --subnet-range 10.9.0.0/24 lan-v4',
  'openstack server create --flavor m1.nano --image cirros --nic net-id=lan vm1',
];
const base = buildOk(SCENARIO, { computes: 1, seed: 'subnet-set' });
const net = byName(base.db.networks, 'lan');
const subnetId = byName(base.db.subnets, 'lan-v4').id;
const opts = (c: Cloud) => sh(c, 'controller', `cat /var/lib/neutron/dhcp/${net.id}/opts`);
const dnsmasqPids = (c: Cloud) => c.hosts['controller']!.processes.filter((p) => p.args.startsWith('dnsmasq')).map((p) => p.pid);

const run = applyOk;

describe('openstack subnet set', () => {
  it('rewrites opts with the DNS servers and host routes and reloads the same dnsmasq', () => {
    const cloud = structuredClone(base);
    const pids = dnsmasqPids(cloud);
    run(cloud, 'openstack subnet set --dns-nameserver 9.9.9.9 --dns-nameserver 1.1.1.1 --host-route destination=10.10.0.0/16,gateway=10.9.0.254 lan-v4');
    expect(opts(cloud)).toBe([
      `tag:subnet-${subnetId},option:dns-server,9.9.9.9,1.1.1.1`,
      `tag:subnet-${subnetId},option:classless-static-route,10.10.0.0/16,10.9.0.254,0.0.0.0/0,10.9.0.1`,
      `tag:subnet-${subnetId},249,10.10.0.0/16,10.9.0.254,0.0.0.0/0,10.9.0.1`,
      `tag:subnet-${subnetId},option:router,10.9.0.1`,
    ].join('\n'));
    expect(dnsmasqPids(cloud)).toEqual(pids);
    run(cloud, 'openstack subnet set --no-dns-nameservers --no-host-route lan-v4');
    expect(opts(cloud)).toBe(`tag:subnet-${subnetId},option:router,10.9.0.1`);
    expect(cloud.db.subnets[subnetId]!.revision).toBe(base.db.subnets[subnetId]!.revision + 2);
  });

  it('adds to the DNS servers already set, without doubling a host route', () => {
    const cloud = structuredClone(base);
    run(cloud, 'openstack subnet set --dns-nameserver 9.9.9.9 --host-route destination=10.10.0.0/16,gateway=10.9.0.254 lan-v4');
    run(cloud, 'openstack subnet set --dns-nameserver 1.1.1.1 --host-route destination=10.10.0.0/16,gateway=10.9.0.254 lan-v4');
    expect(cloud.db.subnets[subnetId]!.dnsNameservers).toEqual(['9.9.9.9', '1.1.1.1']);
    expect(cloud.db.subnets[subnetId]!.hostRoutes).toHaveLength(1);
  });

  it('switching DHCP off removes the namespace, dnsmasq and the DHCP port; switching it on restores them', () => {
    const cloud = structuredClone(base);
    run(cloud, 'openstack subnet set --no-dhcp lan-v4');
    expect(sh(cloud, 'controller', 'ip netns')).not.toContain(`qdhcp-${net.id}`);
    expect(dnsmasqPids(cloud)).toEqual([]);
    expect(Object.values(cloud.db.ports).filter((p) => p.deviceOwner === 'network:dhcp')).toEqual([]);
    run(cloud, 'openstack subnet set --dhcp lan-v4');
    expect(sh(cloud, 'controller', 'ip netns')).toContain(`qdhcp-${net.id}`);
    expect(dnsmasqPids(cloud)).toHaveLength(1);
    expect(sh(cloud, 'controller', `cat /var/lib/neutron/dhcp/${net.id}/host`)).toContain(cloud.db.ports[cloud.db.servers[Object.keys(cloud.db.servers)[0]!]!.portIds[0]!]!.macAddress);
  });

  it('refuses a bad DNS server and says what it does not model, changing nothing', () => {
    const cloud = structuredClone(base);
    const bad = expectRefused(cloud, 'openstack subnet set --dns-nameserver 9.9.9 lan-v4');
    expect([bad.exitCode, bad.status]).toEqual([1, 400]);
    expect(bad.stderr).toContain('Invalid input for operation: Error parsing dns address 9.9.9.');
    const gateway = expectRefused(cloud, 'openstack subnet set --gateway 10.9.0.254 lan-v4');
    expect(gateway.exitCode).toBe(1);
    expect(gateway.stderr).toMatch(/does not model changing a subnet's gateway/);
  });
});
