/**
 * Deleting things: each delete must take its devices, rules, files and
 * processes with it, on every host, and leave the rest as the reference says
 * it is without that object (§3, §5, §7-§9; README for the l2pop FDB rule).
 */
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../../engine/core/types';
import { applyLine } from '../../../engine/scenario/apply';
import { execOnHost } from '../../../engine/index';
import { buildOk, byName, checkInvariants, sh } from '../invariants';

const SCENARIO = [
  'openstack network create --share --external --provider-physical-network provider --provider-network-type flat public',
  'openstack subnet create --network public --subnet-range 198.51.100.0/24 --gateway 198.51.100.1 --allocation-pool start=198.51.100.100,end=198.51.100.199 --no-dhcp public-v4',
  'openstack network create blue',
  'openstack subnet create --network blue --subnet-range 10.20.30.0/26 blue-v4',
  'openstack network create green',
  'openstack subnet create --network green --subnet-range 10.20.30.64/27 green-v4',
  'openstack router create edge',
  'openstack router add subnet edge blue-v4',
  'openstack router add subnet edge green-v4',
  'openstack router set edge --external-gateway public',
  'openstack server create --flavor m1.nano --image cirros --nic net-id=blue --availability-zone nova:compute1 vm-1',
  'openstack server create --flavor m1.nano --image cirros --nic net-id=blue --availability-zone nova:compute2 vm-2',
  'openstack server create --flavor m1.nano --image cirros --nic net-id=green --availability-zone nova:compute1 vm-3',
  'openstack floating ip create --floating-ip-address 198.51.100.150 public',
  'openstack server add floating ip vm-1 198.51.100.150',
];

const s11 = (id: string) => id.slice(0, 11);
const base = buildOk(SCENARIO, { computes: 3, seed: 'teardown' });
const router = byName(base.db.routers, 'edge');
const ns = `qrouter-${router.id}`;
const net = (name: string) => byName(base.db.networks, name);
const vmPort = (vm: string) => base.db.ports[byName(base.db.servers, vm).portIds[0]!]!;
const iface = (netName: string) => Object.values(base.db.ports).find((p) => p.networkId === net(netName).id && p.deviceOwner === 'network:router_interface')!;
const gw = base.db.ports[router.gateway!.portId]!;

/** A copy of the scenario with more lines applied; every line must succeed and the invariants must hold. */
function after(...lines: string[]): Cloud {
  const cloud = structuredClone(base);
  for (const l of lines) {
    const r = applyLine(cloud, l);
    if (r.exitCode !== 0) throw new Error(`${l}\n${r.stderr}`);
  }
  expect(checkInvariants(cloud)).toEqual([]);
  return cloud;
}

const fdbDst = (cloud: Cloud, host: string, vni: number | null) =>
  sh(cloud, host, `bridge fdb show dev vxlan-${vni}`).split('\n').filter((l) => l.includes(' dst ')).sort();

describe('tearing a cloud down', () => {
  it('server delete: the TAP, the domain and the guest go, the port is released, DHCP and l2pop forget it', () => {
    const port = vmPort('vm-2');
    const cloud = after('openstack server delete vm-2');
    expect(sh(cloud, 'compute2', 'ip link')).not.toContain(`tap${s11(port.id)}`);
    expect(sh(cloud, 'compute2', 'virsh list --all')).not.toContain('instance-');
    expect(execOnHost(cloud, 'vm-2', 'ip addr').exitCode).not.toBe(0);
    expect(cloud.db.ports[port.id]).toBeUndefined();
    const blue = net('blue');
    expect(sh(cloud, 'controller', `cat /var/lib/neutron/dhcp/${blue.id}/host`)).not.toContain(port.macAddress);
    expect(sh(cloud, 'controller', `cat /var/lib/neutron/dhcp/${blue.id}/leases`)).not.toContain(port.macAddress);
    // compute2 held the network's only port there: no host keeps an entry pointing at it.
    for (const host of ['controller', 'compute1']) expect(fdbDst(cloud, host, blue.segmentationId).join('\n')).not.toContain('10.0.0.32');
    expect(fdbDst(cloud, 'controller', blue.segmentationId)).toEqual([
      '00:00:00:00:00:00 dst 10.0.0.31 self permanent', `${vmPort('vm-1').macAddress} dst 10.0.0.31 self permanent`,
    ].sort());
  });

  it('floating ip delete: its three NAT rules and its /32 leave the router, its port is gone', () => {
    const fip = Object.values(base.db.floatingIps)[0]!;
    const cloud = after('openstack floating ip delete 198.51.100.150');
    expect(sh(cloud, 'controller', `ip netns exec ${ns} iptables -t nat -S`)).not.toContain('198.51.100.150');
    expect(sh(cloud, 'controller', `ip netns exec ${ns} ip addr`)).not.toContain('198.51.100.150');
    expect(cloud.db.ports[fip.fipPortId]).toBeUndefined();
  });

  it('router remove subnet: qr- and its tap go, the subnet becomes isolated in opts and leaves the host file', () => {
    const port = iface('green');
    const green = net('green');
    const sub = byName(base.db.subnets, 'green-v4');
    const cloud = after('openstack router remove subnet edge green-v4');
    expect(sh(cloud, 'controller', `ip netns exec ${ns} ip addr`)).not.toContain(`qr-${s11(port.id)}`);
    expect(sh(cloud, 'controller', `ip netns exec ${ns} ip route`)).not.toContain('10.20.30.64/27');
    expect(sh(cloud, 'controller', 'ip link')).not.toContain(`tap${s11(port.id)}`);
    expect(sh(cloud, 'controller', `ip netns exec ${ns} iptables -S`)).not.toContain(`qr-${s11(port.id)}`);
    expect(sh(cloud, 'controller', `ip netns exec ${ns} iptables -t mangle -S`)).not.toContain(`qr-${s11(port.id)}`);
    expect(sh(cloud, 'controller', `cat /var/lib/neutron/dhcp/${green.id}/opts`)).toBe(`tag:subnet-${sub.id},option:router,10.20.30.65`);
    expect(sh(cloud, 'controller', `cat /var/lib/neutron/dhcp/${green.id}/host`)).not.toContain(port.macAddress);
    expect(fdbDst(cloud, 'compute1', green.segmentationId).join('\n')).not.toContain(port.macAddress);
  });

  it('router unset --external-gateway: qg-, its default route and every gateway NAT rule go; the metadata REDIRECT stays', () => {
    const cloud = after('openstack floating ip delete 198.51.100.150', 'openstack router unset --external-gateway edge');
    expect(sh(cloud, 'controller', `ip netns exec ${ns} ip addr`)).not.toContain('qg-');
    expect(sh(cloud, 'controller', `ip netns exec ${ns} ip route`)).not.toContain('default');
    expect(sh(cloud, 'controller', 'ip link')).not.toContain(`tap${s11(gw.id)}`);
    expect(sh(cloud, 'controller', `ip netns exec ${ns} iptables -t nat -S`)).toBe([
      '-P PREROUTING ACCEPT', '-P INPUT ACCEPT', '-P OUTPUT ACCEPT', '-P POSTROUTING ACCEPT',
      '-N neutron-l3-agent-OUTPUT', '-N neutron-l3-agent-POSTROUTING', '-N neutron-l3-agent-PREROUTING', '-N neutron-l3-agent-float-snat', '-N neutron-l3-agent-snat', '-N neutron-postrouting-bottom',
      '-A PREROUTING -j neutron-l3-agent-PREROUTING', '-A OUTPUT -j neutron-l3-agent-OUTPUT', '-A POSTROUTING -j neutron-l3-agent-POSTROUTING', '-A POSTROUTING -j neutron-postrouting-bottom',
      '-A neutron-l3-agent-PREROUTING -d 169.254.169.254/32 -i qr-+ -p tcp -m tcp --dport 80 -j REDIRECT --to-ports 9697',
      '-A neutron-l3-agent-snat -j neutron-l3-agent-float-snat',
      '-A neutron-postrouting-bottom -m comment --comment "Perform source NAT on outgoing traffic." -j neutron-l3-agent-snat',
      '',
    ].join('\n'));
  });

  it('router delete: the namespace, the metadata proxy and its config go', () => {
    const cloud = after(
      'openstack floating ip delete 198.51.100.150', 'openstack router remove subnet edge blue-v4', 'openstack router remove subnet edge green-v4',
      'openstack router delete edge',
    );
    expect(sh(cloud, 'controller', 'ip netns')).not.toContain('qrouter-');
    expect(sh(cloud, 'controller', 'ps -eo user,args')).not.toContain('haproxy');
    expect(Object.keys(cloud.hosts['controller']!.files).filter((f) => f.includes(router.id))).toEqual([]);
    expect(sh(cloud, 'controller', 'ip link')).not.toMatch(new RegExp(`tap(${s11(gw.id)}|${s11(iface('blue').id)}|${s11(iface('green').id)})`));
  });

  it('network delete: bridge and vxlan device on every host, qdhcp, dnsmasq and the DHCP files go', () => {
    const blue = net('blue');
    const cloud = after(
      'openstack server delete vm-1 vm-2', 'openstack floating ip delete 198.51.100.150', 'openstack router remove subnet edge blue-v4',
      'openstack network delete blue',
    );
    for (const host of ['controller', 'compute1', 'compute2', 'compute3']) {
      expect(sh(cloud, host, 'ip link')).not.toContain(`brq${s11(blue.id)}`);
      expect(sh(cloud, host, 'ip link')).not.toContain(`vxlan-${blue.segmentationId}:`);
    }
    expect(sh(cloud, 'controller', 'ip netns')).not.toContain(`qdhcp-${blue.id}`);
    expect(sh(cloud, 'controller', 'ps -eo user,args')).not.toContain(`/var/lib/neutron/dhcp/${blue.id}/`);
    expect(Object.keys(cloud.hosts['controller']!.files).filter((f) => f.includes(blue.id))).toEqual([]);
    // green is untouched.
    expect(sh(cloud, 'controller', 'ip netns')).toContain(`qdhcp-${net('green').id}`);
  });

  it('everything deleted in order leaves the nodes as installed: no namespace, no brq, eth1 free', () => {
    const cloud = after(
      'openstack server delete vm-1 vm-2 vm-3', 'openstack floating ip delete 198.51.100.150',
      'openstack router remove subnet edge blue-v4', 'openstack router remove subnet edge green-v4', 'openstack router delete edge',
      'openstack network delete blue green public',
    );
    for (const host of ['controller', 'compute1', 'compute2', 'compute3']) {
      expect(sh(cloud, host, 'ip netns')).toBe('');
      expect(sh(cloud, host, 'ip link')).not.toMatch(/brq|vxlan-|tap/);
      expect(sh(cloud, host, 'ip link show eth1')).not.toContain('master');
    }
    expect(sh(cloud, 'controller', 'ps -eo user,args')).not.toMatch(/dnsmasq|haproxy/);
    expect(Object.keys(cloud.hosts['controller']!.files).filter((f) => f.startsWith('/var/lib/neutron/'))).toEqual([]);
  });
});
