/**
 * Regressions: each test is a bug the property and scenario tests found,
 * written as the reference says the engine should behave (flat provider
 * segments shared by all nodes, floating IPs released with their port,
 * builds that fail to allocate a port, budgets that stop a line half-way,
 * error URLs, stale l2pop entries).
 */
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../../engine/core/types.js';
import { createCloud } from '../../../engine/core/cloud.js';
import { applyLine } from '../../../engine/scenario/apply.js';
import { execOnHost } from '../../../engine/index.js';
import { buildOk, byName, checkInvariants, cloudState as state, sh } from '../invariants.js';

const s11 = (id: string) => id.slice(0, 11);
const EXT = [
  'openstack network create --share --external --provider-physical-network provider --provider-network-type flat public',
  'openstack subnet create --network public --subnet-range 198.51.100.0/24 --gateway 198.51.100.1 --no-dhcp public-v4',
];
const TENANT = [
  ...EXT,
  'openstack network create blue',
  'openstack subnet create --network blue --subnet-range 10.20.30.0/26 blue-v4',
  'openstack router create edge',
  'openstack router add subnet edge blue-v4',
  'openstack router set edge --external-gateway public',
];

describe('engine bugs (expected to fail until fixed)', () => {
  it('B1 flat provider network: an instance on a compute node gets its address by DHCP (eth1 to eth1)', () => {
    const cloud = buildOk([
      'openstack network create --share --provider-physical-network provider --provider-network-type flat prov',
      'openstack subnet create --network prov --subnet-range 172.24.4.0/24 prov-v4',
      'openstack server create --flavor m1.nano --image cirros --nic net-id=prov --availability-zone nova:compute1 vm',
    ]);
    const ip = cloud.db.ports[byName(cloud.db.servers, 'vm').portIds[0]!]!.fixedIps[0]!.ipAddress;
    expect(sh(cloud, 'vm', 'ip addr show eth0')).toContain(`inet ${ip}/24 brd 172.24.4.255 scope global eth0`);
  });

  it('B2 server delete: a floating IP on the instance\'s nova-created port is disassociated, its NAT rules and /32 removed', () => {
    const cloud = buildOk([...TENANT, 'openstack server create --flavor m1.nano --image cirros --nic net-id=blue vm', 'openstack floating ip create --floating-ip-address 198.51.100.150 public', 'openstack server add floating ip vm 198.51.100.150', 'openstack server delete vm']);
    expect(Object.values(cloud.db.floatingIps)[0]).toMatchObject({ portId: null, fixedIpAddress: null, status: 'DOWN' });
    expect(sh(cloud, 'controller', `ip netns exec qrouter-${byName(cloud.db.routers, 'edge').id} iptables -t nat -S`)).not.toContain('198.51.100.150');
  });

  it('B3 port delete of an instance\'s port: its TAP goes, the server forgets it, its floating IP is disassociated', () => {
    const cloud = buildOk([...TENANT, 'openstack port create --network blue p', 'openstack server create --flavor m1.nano --image cirros --nic port-id=p --availability-zone nova:compute1 vm', 'openstack floating ip create --floating-ip-address 198.51.100.150 public', 'openstack server add floating ip vm 198.51.100.150']);
    const port = byName(cloud.db.ports, 'p');
    expect(applyLine(cloud, 'openstack port delete p').exitCode).toBe(0);
    expect(sh(cloud, 'compute1', 'ip link')).not.toContain(`tap${s11(port.id)}`);
    expect(byName(cloud.db.servers, 'vm').portIds).toEqual([]);
    expect(Object.values(cloud.db.floatingIps)[0]).toMatchObject({ portId: null, status: 'DOWN' });
  });

  it('B4 server create with a port that cannot be made (v4-fixed-ip not on the network): no half-built server stays in BUILD', () => {
    const cloud = buildOk(['openstack network create n', 'openstack subnet create --network n --subnet-range 10.20.30.0/26 s']);
    const before = state(cloud);
    const r = applyLine(cloud, 'openstack server create --flavor m1.nano --image cirros --nic net-id=n,v4-fixed-ip=10.99.0.5 vm');
    if (r.exitCode !== 0) expect(state(cloud)).toBe(before);
    else expect(byName(cloud.db.servers, 'vm').status).toBe('ERROR');
  });

  it('B4b server create on an exhausted pool: the build fails into ERROR (nova-api already answered 202), no bound port left', () => {
    const cloud = buildOk(['openstack network create n', 'openstack subnet create --network n --subnet-range 10.20.30.0/29 --allocation-pool start=10.20.30.2,end=10.20.30.2 s']);
    const r = applyLine(cloud, 'openstack server create --flavor m1.nano --image cirros --nic net-id=n vm');
    expect(r.exitCode).toBe(0);
    expect(byName(cloud.db.servers, 'vm').status).toBe('ERROR');
    expect(Object.values(cloud.db.ports).filter((p) => p.deviceOwner.startsWith('compute:'))).toEqual([]);
  });

  it('B5 server create with no network at all becomes ACTIVE (no vif event to wait for)', () => {
    const cloud = createCloud({});
    expect(applyLine(cloud, 'openstack server create --flavor m1.nano --image cirros vm').exitCode).toBe(0);
    expect(byName(cloud.db.servers, 'vm').status).toBe('ACTIVE');
  });

  it('B6 server create --nic port-id=P --nic port-id=P: refused with a message, no exception, nothing changed', () => {
    const cloud = buildOk(['openstack network create n', 'openstack subnet create --network n --subnet-range 10.20.30.0/26 s', 'openstack port create --network n p']);
    const before = state(cloud);
    const r = applyLine(cloud, 'openstack server create --flavor m1.nano --image cirros --nic port-id=p --nic port-id=p vm');
    expect(r.exitCode).not.toBe(0);
    expect(state(cloud)).toBe(before);
  });

  it('B7 floating ip create --port that cannot be associated: refused, and no floating IP is left allocated', () => {
    const cloud = buildOk([...EXT, 'openstack network create orange', 'openstack subnet create --network orange --subnet-range 10.40.0.0/24 o', 'openstack port create --network orange p']);
    const before = state(cloud);
    const r = applyLine(cloud, 'openstack floating ip create --port p public');
    expect(r.exitCode).not.toBe(0);
    expect(state(cloud)).toBe(before);
  });

  it('B8 router set --fixed-ip with an address not on the external network: refused, the gateway stays', () => {
    const cloud = buildOk(TENANT);
    const before = state(cloud);
    const r = applyLine(cloud, 'openstack router set edge --external-gateway public --fixed-ip ip-address=10.99.0.5');
    expect(r.exitCode).not.toBe(0);
    expect(state(cloud)).toBe(before);
    expect(byName(cloud.db.routers, 'edge').gateway).not.toBeNull();
  });

  it('B9 a line stopped by the step budget leaves the cloud as it was', () => {
    const cloud = buildOk(['openstack network create n']);
    const before = state(cloud);
    const r = applyLine(cloud, 'openstack subnet create --network n --subnet-range 10.20.30.0/26 s', 2);
    expect(r.stderr).toContain('step budget of 2 exceeded');
    expect(state(cloud)).toBe(before);
  });

  it('B10 deleting a network\'s last DHCP subnet removes the DHCP port\'s MAC from the other hosts\' l2pop FDB', () => {
    const cloud = buildOk(['openstack network create n', 'openstack subnet create --network n --subnet-range 10.20.30.0/26 --no-dhcp plain', 'openstack subnet create --network n --subnet-range 10.20.31.0/28 dhcp', 'openstack server create --flavor m1.nano --image cirros --nic net-id=n,v4-fixed-ip=10.20.30.5 --availability-zone nova:compute1 vm', 'openstack subnet delete dhcp']);
    const vni = byName(cloud.db.networks, 'n').segmentationId;
    expect(sh(cloud, 'compute1', `bridge fdb show dev vxlan-${vni}`)).not.toContain(' dst ');
    expect(checkInvariants(cloud)).toEqual([]);
  });

  it('B11 a refused delete quotes the URL of the object it tried to delete', () => {
    const cloud = buildOk([...TENANT, 'openstack port create --network blue p']);
    const net = byName(cloud.db.networks, 'blue').id;
    expect(applyLine(cloud, 'openstack network delete blue').stderr).toContain(`ConflictException: 409: Client Error for url: http://controller:9696/v2.0/networks/${net}, Unable to complete operation on network ${net}.`);
  });
});

describe('names that are Object.prototype keys', () => {
  it('are unknown hosts, namespaces, files and resources, never a crash', () => {
    const cloud = buildOk(['openstack network create n'], { computes: 1 });
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(execOnHost(cloud, name, 'ip addr').exitCode, name).toBe(255);
      expect(execOnHost(cloud, 'controller', `cat ${name}`).stderr).toBe(`cat: ${name}: No such file or directory\n`);
      expect(execOnHost(cloud, 'controller', `ip netns exec ${name} ip addr`).exitCode, name).toBe(1);
      expect(execOnHost(cloud, 'controller', `openstack network show ${name}`).stderr).toBe(`Error while executing command: No Network found for ${name}\n`);
    }
  });
});
