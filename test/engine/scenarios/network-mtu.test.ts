/**
 * `network create --mtu`: neutron checks the value (an integer, not negative,
 * at most what the segment allows: 1450 on VXLAN over a 1500 physical MTU)
 * and every device of the network follows it, up to the guest's NIC.
 */
import { describe, expect, it } from 'vitest';
import { applyLine } from '../../../engine/scenario/apply';
import { buildOk, byName, sh } from '../invariants';

const BASE = [
  'openstack network create small',
  'openstack subnet create --network small --subnet-range 10.50.0.0/24 small-v4',
];

describe('network create --mtu', () => {
  it('carries the MTU to the bridge, the VXLAN device, the taps, dnsmasq and the guest', () => {
    const cloud = buildOk(['openstack network create --mtu 1380 small', ...BASE.slice(1), 'openstack server create --flavor m1.nano --image cirros --nic net-id=small vm'], { computes: 1, seed: 'mtu' });
    const net = byName(cloud.db.networks, 'small');
    expect(net.mtu).toBe(1380);
    const links = sh(cloud, 'compute1', 'ip link');
    expect(links).toMatch(new RegExp(`brq${net.id.slice(0, 11)}: .* mtu 1380 `));
    expect(links).toMatch(new RegExp(`vxlan-${net.segmentationId}: .* mtu 1380 `));
    expect(links).toMatch(/tap[0-9a-f-]{11}: .* mtu 1380 /);
    expect(sh(cloud, 'controller', 'ps -eo user,args')).toContain('--dhcp-option-force=option:mtu,1380');
    expect(sh(cloud, 'vm', 'ip link')).toMatch(/eth0: .* mtu 1380 /);
  });

  it('takes 0 as "the largest the segment allows"', () => {
    const cloud = buildOk(['openstack network create --mtu 0 small'], { computes: 1 });
    expect(byName(cloud.db.networks, 'small').mtu).toBe(1450);
  });

  it('refuses what neutron refuses, and creates nothing', () => {
    const cloud = buildOk([], { computes: 1 });
    for (const [mtu, text] of [
      ['1451', 'Invalid input for operation: Requested MTU is too big, maximum is 1450.'],
      ['big', "Invalid input for mtu. Reason: 'big' is not an integer."],
      ['-5', "Invalid input for mtu. Reason: '-5' should be non-negative."],
    ] as const) {
      const r = applyLine(cloud, `openstack network create --mtu ${mtu} small`);
      expect([r.exitCode, r.status]).toEqual([1, 400]);
      // network create goes through the SDK's create_network, whose errors the client prints this way.
      expect(r.stderr).toBe(`Error while executing command: BadRequestException: 400, ${text}\n`);
    }
    expect(cloud.db.networks).toEqual({});
    expect(applyLine(cloud, 'openstack network create --share --external --provider-physical-network provider --provider-network-type flat --mtu 1500 flat').exitCode).toBe(0);
  });
});
