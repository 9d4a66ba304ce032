/**
 * A router's extra routes: `router set --route`, `router add|remove route`,
 * `router unset --route` and `--no-route`; neutron's checks (format, next hop
 * on an attached subnet and not the router's own address, interfaces a route
 * needs) with the cloud unchanged on refusal; and the L3 agent's static
 * routes in the router's namespace, through the device on the next hop's subnet.
 */
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../../engine/core/types';
import { applyLine } from '../../../engine/scenario/apply';
import { after, buildOk, byName, expectRefused, sh } from '../invariants';

const SCENARIO = [
  'openstack network create --share --external --provider-physical-network provider --provider-network-type flat wan',
  'openstack subnet create --network wan --subnet-range 100.64.5.0/24 --gateway 100.64.5.1 --no-dhcp wan-v4',
  'openstack network create left',
  'openstack subnet create --network left --subnet-range 10.1.0.0/24 left-v4',
  'openstack network create right',
  'openstack subnet create --network right --subnet-range 10.2.0.0/24 --gateway 10.2.0.254 right-v4',
  'openstack router create gw',
  'openstack router add subnet gw left-v4',
  'openstack router add subnet gw right-v4',
  'openstack router set gw --external-gateway wan',
];

const base = buildOk(SCENARIO, { computes: 1, seed: 'routes' });
const routerId = byName(base.db.routers, 'gw').id;
const URL = `http://controller:9696/v2.0/routers/${routerId}`;


/** The namespace's routes that are not kernel (connected) routes. */
const staticRoutes = (cloud: Cloud) => sh(cloud, 'controller', `ip netns exec qrouter-${routerId} ip route`).split('\n').filter((l) => l.includes('proto static'));

const refused = expectRefused;

describe('router extra routes', () => {
  it('installs each route as proto static through the interface on its next hop\'s subnet', () => {
    const cloud = after(base, ['openstack router set gw --route destination=172.20.0.0/16,gateway=10.1.0.50 --route destination=192.0.2.0/24,gateway=100.64.5.9']);
    const qr = (subnet: string) => `qr-${Object.values(cloud.db.ports).find((p) => p.deviceId === routerId && p.fixedIps.some((f) => f.subnetId === byName(cloud.db.subnets, subnet).id))!.id.slice(0, 11)}`;
    const qg = `qg-${cloud.db.routers[routerId]!.gateway!.portId.slice(0, 11)}`;
    expect(staticRoutes(cloud)).toEqual([
      `default via 100.64.5.1 dev ${qg} proto static`,
      `172.20.0.0/16 via 10.1.0.50 dev ${qr('left-v4')} proto static`,
      `192.0.2.0/24 via 100.64.5.9 dev ${qg} proto static`,
    ]);
    expect(sh(cloud, 'controller', 'openstack router show gw -c routes -f json')).toBe(
      '{\n  "routes": [\n    {\n      "destination": "172.20.0.0/16",\n      "nexthop": "10.1.0.50"\n    },\n    {\n      "destination": "192.0.2.0/24",\n      "nexthop": "100.64.5.9"\n    }\n  ]\n}\n',
    );
  });

  it('adds to the routes already there, and --no-route starts from none', () => {
    const cloud = after(base, ['openstack router set gw --route destination=172.20.0.0/16,gateway=10.1.0.50', 'openstack router set gw --route destination=172.21.0.0/16,gateway=10.2.0.9']);
    expect(cloud.db.routers[routerId]!.routes.map((r) => r.destination)).toEqual(['172.20.0.0/16', '172.21.0.0/16']);
    expect(applyLine(cloud, 'openstack router set gw --no-route --route destination=172.22.0.0/16,gateway=10.2.0.9').exitCode).toBe(0);
    expect(cloud.db.routers[routerId]!.routes.map((r) => r.destination)).toEqual(['172.22.0.0/16']);
    expect(staticRoutes(cloud).filter((l) => !l.startsWith('default'))).toEqual([expect.stringMatching(/^172\.22\.0\.0\/16 via 10\.2\.0\.9 dev qr-/)]);
  });

  it('removes with unset, and the agent deletes the namespace route', () => {
    const cloud = after(base, ['openstack router set gw --route destination=172.20.0.0/16,gateway=10.1.0.50', 'openstack router unset gw --route destination=172.20.0.0/16,gateway=10.1.0.50']);
    expect(cloud.db.routers[routerId]!.routes).toEqual([]);
    expect(staticRoutes(cloud).filter((l) => !l.startsWith('default'))).toEqual([]);
    const r = refused(cloud, 'openstack router unset gw --route destination=172.20.0.0/16,gateway=10.1.0.50');
    expect(r.stderr).toBe("Router does not contain route {'destination': '172.20.0.0/16', 'nexthop': '10.1.0.50'}\n");
  });

  it('add route and remove route are atomic: what is there already is not doubled, what is not there is not an error', () => {
    const cloud = after(base, ['openstack router add route gw --route destination=172.20.0.0/16,gateway=10.1.0.50']);
    const again = applyLine(cloud, 'openstack router add route gw --route destination=172.20.0.0/16,gateway=10.1.0.50 -c routes -f value');
    expect(again.exitCode).toBe(0);
    expect(cloud.db.routers[routerId]!.routes).toHaveLength(1);
    expect(applyLine(cloud, 'openstack router remove route gw --route destination=10.9.9.0/24,gateway=10.1.0.50').exitCode).toBe(0);
    expect(applyLine(cloud, 'openstack router remove route gw --route destination=172.20.0.0/16,gateway=10.1.0.50').exitCode).toBe(0);
    expect(cloud.db.routers[routerId]!.routes).toEqual([]);
  });

  it('refuses a next hop off the router\'s subnets, the router\'s own address, a host-bits CIDR and a missing key', () => {
    const cloud = after(base, ['openstack router set gw --route destination=172.20.0.0/16,gateway=10.1.0.50']);
    expect(refused(cloud, 'openstack router set gw --route destination=172.30.0.0/16,gateway=10.3.0.1').stderr).toBe(
      `BadRequestException: 400: Client Error for url: ${URL}, Invalid format for routes: [{'destination': '172.20.0.0/16', 'nexthop': '10.1.0.50'}, {'destination': '172.30.0.0/16', 'nexthop': '10.3.0.1'}], the nexthop is not connected with router\n`,
    );
    expect(refused(cloud, 'openstack router set gw --route destination=172.30.0.0/16,gateway=10.2.0.254').stderr).toContain('the nexthop is used by router');
    expect(refused(cloud, 'openstack router set gw --route destination=172.30.0.9/16,gateway=10.2.0.7').stderr).toContain(
      "Invalid input for routes. Reason: '172.30.0.9/16' isn't a recognized IP subnet cidr, '172.30.0.0/16' is recommended.",
    );
    const missing = refused(cloud, 'openstack router set gw --route destination=172.30.0.0/16');
    expect([missing.exitCode, missing.stderr.split('\n').at(-3)]).toEqual([2, 'openstack router set: error: argument --route: Missing required keys gateway.']);
  });

  it('keeps an interface that a route needs', () => {
    const cloud = after(base, ['openstack router set gw --route destination=172.20.0.0/16,gateway=10.1.0.50']);
    const r = refused(cloud, 'openstack router remove subnet gw left-v4');
    expect(r.stderr).toContain(`Router interface for subnet ${byName(cloud.db.subnets, 'left-v4').id} on router ${routerId} cannot be deleted, as it is required by one or more routes.`);
    expect(applyLine(cloud, 'openstack router remove subnet gw right-v4').exitCode).toBe(0);
  });
});
