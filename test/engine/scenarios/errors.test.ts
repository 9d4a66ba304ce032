/**
 * Refused operations: the text neutron (or nova) answers, the way the
 * openstack client prints it, the exit status, and a cloud left exactly as it
 * was. The neutron texts are neutron-lib's and l3_db's messages (2024.1).
 */
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../../engine/core/types';
import { applyLine } from '../../../engine/scenario/apply';
import { buildOk, byName, expectRefused, sh } from '../invariants';
import { execOnHost } from '../../../engine/index';

const SCENARIO = [
  'openstack network create --share --external --provider-physical-network provider --provider-network-type flat public',
  'openstack subnet create --network public --subnet-range 198.51.100.0/24 --gateway 198.51.100.1 --allocation-pool start=198.51.100.100,end=198.51.100.102 --no-dhcp public-v4',
  'openstack network create blue',
  'openstack subnet create --network blue --subnet-range 10.20.30.0/28 --allocation-pool start=10.20.30.2,end=10.20.30.5 blue-v4',
  'openstack network create orange',
  'openstack subnet create --network orange --subnet-range 10.40.0.0/24 orange-v4',
  'openstack router create edge',
  'openstack router add subnet edge blue-v4',
  'openstack router set edge --external-gateway public',
  'openstack port create --network blue blue-port',
  'openstack port create --network orange orange-port',
  'openstack floating ip create --floating-ip-address 198.51.100.101 public',
  'openstack floating ip set --port blue-port 198.51.100.101',
];

const URL = 'http://controller:9696/v2.0';
const base = buildOk(SCENARIO, { computes: 2, seed: 'errors' });
const id = {
  public: byName(base.db.networks, 'public').id,
  blue: byName(base.db.networks, 'blue').id,
  orange: byName(base.db.networks, 'orange').id,
  blueSubnet: byName(base.db.subnets, 'blue-v4').id,
  orangeSubnet: byName(base.db.subnets, 'orange-v4').id,
  router: byName(base.db.routers, 'edge').id,
  orangePort: byName(base.db.ports, 'orange-port').id,
};
/** Runs a line that must fail on a copy of the scenario (after `setup`), checks that nothing changed, returns the result. */
function refused(line: string, setup: string[] = []) {
  const cloud = structuredClone(base);
  for (const l of setup) expect(applyLine(cloud, l).exitCode, l).toBe(0);
  return expectRefused(cloud, line);
}

describe('refused operations', () => {
  it('a tenant pool with no free address left: 409 IpAddressGenerationFailure', () => {
    // The pool .2-.5 holds the DHCP port (.2) and blue-port; two more fit, the third does not.
    const r = refused('openstack port create --network blue p5', ['openstack port create --network blue p3', 'openstack port create --network blue p4']);
    expect(r.stderr).toBe(`ConflictException: 409: Client Error for url: ${URL}/ports, No more IP addresses available on network ${id.blue}.\n`);
    expect([r.exitCode, r.status]).toEqual([1, 409]);
  });

  it('an external pool with no free address left: the floating IP is refused', () => {
    // .100-.102: the router gateway and 198.51.100.101 hold two, one more fits.
    const r = refused('openstack floating ip create public', ['openstack floating ip create public']);
    expect(r.stderr).toContain(`Unable to find any IP address on external network ${id.public}.`);
    expect(r.status).toBe(400);
  });

  it('an address outside the requested subnet: 400 InvalidIpForSubnet', () => {
    const r = refused('openstack port create --network orange --fixed-ip subnet=orange-v4,ip-address=10.20.30.9 bad');
    expect(r.stderr).toBe(`BadRequestException: 400: Client Error for url: ${URL}/ports, IP address 10.20.30.9 is not a valid IP for the specified subnet.\n`);
  });

  it('an address on no subnet of the network: 400 InvalidIpForNetwork', () => {
    const r = refused('openstack port create --network orange --fixed-ip ip-address=10.99.0.5 bad');
    expect(r.stderr).toBe(`BadRequestException: 400: Client Error for url: ${URL}/ports, IP address 10.99.0.5 is not a valid IP for any of the subnets on the specified network.\n`);
  });

  it('the router\'s own address: 409 IpAddressInUse', () => {
    const r = refused('openstack port create --network blue --fixed-ip ip-address=10.20.30.1 bad');
    expect(r.stderr).toBe(`ConflictException: 409: Client Error for url: ${URL}/ports, Unable to complete operation for network ${id.blue}. The IP address 10.20.30.1 is in use.\n`);
    expect(r.status).toBe(409);
  });

  it('a subnet overlapping another subnet of the same network', () => {
    const r = refused('openstack subnet create --network blue --subnet-range 10.20.30.8/29 overlap');
    expect(r.stderr).toBe(`BadRequestException: 400: Client Error for url: ${URL}/subnets, Invalid input for operation: Requested subnet with cidr: 10.20.30.8/29 for network: ${id.blue} overlaps with another subnet.\n`);
  });

  it('the same CIDR on another network is fine, but not on the same router', () => {
    const r = refused('openstack router add subnet edge twin-v4', ['openstack network create twin', 'openstack subnet create --network twin --subnet-range 10.20.30.0/26 twin-v4']);
    expect(r.stderr).toMatch(new RegExp(`^BadRequestException: 400: Client Error for url: ${URL}/routers/${id.router}/add_router_interface, Bad router request: Cidr 10\\.20\\.30\\.0/26 of subnet \\S+ overlaps with cidr 10\\.20\\.30\\.0/28 of subnet ${id.blueSubnet}\\.\\n$`));
  });

  it('a floating IP for a port whose subnet has no router to the external network: 404', () => {
    const r = refused('openstack floating ip set --port orange-port 198.51.100.101');
    expect(r.stderr).toContain(`External network ${id.public} is not reachable from subnet ${id.orangeSubnet}.  Therefore, cannot associate Port ${id.orangePort} with a Floating IP.`);
    expect(r.status).toBe(404);
  });

  it('a network that still has ports cannot be deleted', () => {
    const r = refused('openstack network delete blue');
    expect(r.stderr).toContain(`Failed to delete network with name or ID 'blue': ConflictException: 409: Client Error for url: ${URL}`);
    expect(r.stderr).toContain(`Unable to complete operation on network ${id.blue}. There are one or more ports still in use on the network.\n`);
    expect(r.stderr.endsWith('1 of 1 networks failed to delete.\n')).toBe(true);
    expect(r.exitCode).toBe(1);
  });

  it('a router interface that a floating IP needs cannot be removed', () => {
    const r = refused('openstack router remove subnet edge blue-v4');
    expect(r.stderr).toBe(`ConflictException: 409: Client Error for url: ${URL}/routers/${id.router}/remove_router_interface, Router interface for subnet ${id.blueSubnet} on router ${id.router} cannot be deleted, as it is required by one or more floating IPs.\n`);
    expect(sh(base, 'controller', `ip netns exec qrouter-${id.router} ip addr`)).toContain('inet 10.20.30.1/28');
  });

  it('a gateway that a floating IP needs cannot be removed', () => {
    const r = refused('openstack router unset --external-gateway edge');
    expect(r.stderr).toContain(`Gateway cannot be updated for router ${id.router}, since a gateway to external network ${id.public} is required by one or more floating IPs.`);
    expect(r.status).toBe(409);
  });

  it('a router with interfaces cannot be deleted', () => {
    const r = refused('openstack router delete edge');
    expect(r.stderr).toMatch(/^Failed to delete router with name or ID 'edge': ConflictException: 409: /);
    expect(r.stderr.endsWith('1 of 1 routers failed to delete.\n')).toBe(true);
  });

  it('a router interface port cannot be deleted through the port API', () => {
    const portId = Object.values(base.db.ports).find((p) => p.deviceOwner === 'network:router_interface')!.id;
    const r = refused(`openstack port delete ${portId}`);
    expect(r.stderr).toContain(`Port ${portId} cannot be deleted directly via the port API: has device owner network:router_interface.`);
    expect(r.stderr.endsWith('1 of 1 ports failed to delete.\n')).toBe(true);
  });

  it('a gateway on a network that is not external', () => {
    const r = refused('openstack router set edge --external-gateway orange');
    expect(r.stderr).toContain(`Bad router request: Network ${id.orange} is not an external network.`);
  });

  it('a floating IP on a network that is not external', () => {
    const r = refused('openstack floating ip create orange');
    expect(r.stderr).toContain(`Bad floatingip request: Network ${id.orange} is not a valid external network.`);
  });

  it('DHCP on a /31, and a gateway outside the subnet', () => {
    expect(refused('openstack subnet create --network orange --subnet-range 10.50.0.0/31 tiny').stderr).toContain('Invalid input for operation: Subnet has a prefix length that is incompatible with DHCP service enabled.');
    expect(refused('openstack subnet create --network orange --subnet-range 10.50.0.0/24 --gateway 10.51.0.1 far').stderr).toContain('Invalid input for operation: Gateway is not valid on subnet.');
  });

  it('forcing a host is for admins: 403 from nova for a project user', () => {
    const r = refused('openstack server create --flavor m1.nano --image cirros --nic net-id=orange --availability-zone nova:compute1 vm-x', ['. demo-openrc']);
    expect(r.stderr).toContain("Policy doesn't allow os_compute_api:servers:create:forced_host to be performed.");
    expect(r.stderr).toContain('(HTTP 403)');
  });

  it('forcing a host that does not exist leaves the server in ERROR with NoValidHost, no port bound, no domain', () => {
    const cloud = structuredClone(base);
    expect(applyLine(cloud, 'openstack server create --flavor m1.nano --image cirros --nic net-id=orange --availability-zone nova:compute9 vm-x').exitCode).toBe(0);
    const server = byName(cloud.db.servers, 'vm-x');
    expect(server.status).toBe('ERROR');
    expect(server.fault?.message).toMatch(/^No valid host was found\./);
    expect(Object.values(cloud.db.ports).filter((p) => p.deviceOwner.startsWith('compute:'))).toEqual([]);
    for (const host of ['compute1', 'compute2']) expect(sh(cloud, host, 'virsh list --all')).not.toContain('instance-');
  });
});

describe('the client without a command', () => {
  it('bare `openstack` says a lab takes one command per line and lists the commands it knows (exit 2)', () => {
    const r = execOnHost(base, 'controller', 'openstack');
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^openstack: no command given \(the interactive shell is not available here/);
    expect(r.stderr).toContain('\n  server create\n');
    expect(r.stderr).toContain('\n  router add subnet\n');
  });

  it('`openstack --help` prints the same list on stdout (exit 0), global options aside', () => {
    const r = execOnHost(base, 'controller', 'openstack --os-cloud demo --help');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^usage: openstack /);
    const listed = r.stdout.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim());
    expect(listed).toEqual([...listed].sort());
    expect(listed).toContain('network create');
  });

  it('an unknown command still names itself, with its options but without the global ones', () => {
    expect(execOnHost(base, 'controller', 'openstack frobnicate now').stdout).toBe("openstack: 'frobnicate now' is not an openstack command. See 'openstack --help'.\n");
    expect(execOnHost(base, 'controller', 'openstack --os-cloud demo network frob --name x blue').stdout).toBe("openstack: 'network frob --name x blue' is not an openstack command. See 'openstack --help'.\n");
  });
});
