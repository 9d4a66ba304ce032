/**
 * A router created with --disable-snat, one instance with a floating IP and
 * one without. Reference README: "With --disable-snat only the -o qg- -j SNAT
 * rule disappears; the POSTROUTING ACCEPT rule, the hairpin SNAT rule, the
 * metadata REDIRECT and every floating-IP rule stay"; §8.2, §8.4 Q6, §9.2,
 * §9.4 Q4 (hairpin).
 */
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../../engine/core/types';
import { packetWalk } from '../../../engine/packets/walks';
import type { RoutedWalk } from '../../../engine/packets/routing';
import { applyLine } from '../../../engine/scenario/apply';
import { buildOk, byName, sh } from '../invariants';

const SCENARIO = [
  'openstack network create --share --external --provider-physical-network provider --provider-network-type flat public',
  'openstack subnet create --network public --subnet-range 198.51.100.0/24 --gateway 198.51.100.1 --allocation-pool start=198.51.100.100,end=198.51.100.199 --no-dhcp public-v4',
  'openstack network create blue',
  'openstack subnet create --network blue --subnet-range 10.20.30.0/26 blue-v4',
  'openstack router create --external-gateway public --disable-snat edge',
  'openstack router add subnet edge blue-v4',
  'openstack server create --flavor m1.nano --image cirros --nic net-id=blue --availability-zone nova:compute1 vm-a',
  'openstack server create --flavor m1.nano --image cirros --nic net-id=blue --availability-zone nova:compute2 vm-b',
  'openstack floating ip create --floating-ip-address 198.51.100.150 public',
  'openstack server add floating ip vm-b 198.51.100.150',
];

const s11 = (id: string) => id.slice(0, 11);

function routed(cloud: Cloud, kind: string, args: string[]): RoutedWalk {
  const walk = packetWalk(cloud, kind, args);
  if (!('kind' in walk) || walk.kind !== 'routed') throw new Error(`expected a routed walk, got ${JSON.stringify(walk).slice(0, 200)}`);
  return walk;
}

describe('a router with SNAT disabled', () => {
  const cloud = buildOk(SCENARIO, { computes: 3, seed: 'disable-snat' });
  const router = byName(cloud.db.routers, 'edge');
  const gw = cloud.db.ports[router.gateway!.portId]!;
  const gwIp = gw.fixedIps[0]!.ipAddress;
  const qg = `qg-${s11(gw.id)}`;
  const ns = `qrouter-${router.id}`;
  const ipOf = (vm: string) => cloud.db.ports[byName(cloud.db.servers, vm).portIds[0]!]!.fixedIps[0]!.ipAddress;
  const [a, b] = [ipOf('vm-a'), ipOf('vm-b')];

  it('reports enable_snat False in the gateway info', () => {
    expect(sh(cloud, 'controller', 'openstack router show edge -c external_gateway_info -f value')).toContain("'enable_snat': False");
  });

  it('keeps every NAT rule but the -o qg- SNAT: ACCEPT, metadata REDIRECT, floating IP rules, hairpin', () => {
    expect(sh(cloud, 'controller', `ip netns exec ${ns} iptables -t nat -S`)).toBe([
      '-P PREROUTING ACCEPT', '-P INPUT ACCEPT', '-P OUTPUT ACCEPT', '-P POSTROUTING ACCEPT',
      '-N neutron-l3-agent-OUTPUT', '-N neutron-l3-agent-POSTROUTING', '-N neutron-l3-agent-PREROUTING', '-N neutron-l3-agent-float-snat', '-N neutron-l3-agent-snat', '-N neutron-postrouting-bottom',
      '-A PREROUTING -j neutron-l3-agent-PREROUTING', '-A OUTPUT -j neutron-l3-agent-OUTPUT', '-A POSTROUTING -j neutron-l3-agent-POSTROUTING', '-A POSTROUTING -j neutron-postrouting-bottom',
      `-A neutron-l3-agent-OUTPUT -d 198.51.100.150/32 -j DNAT --to-destination ${b}`,
      `-A neutron-l3-agent-POSTROUTING ! -o ${qg} -m conntrack ! --ctstate DNAT -j ACCEPT`,
      '-A neutron-l3-agent-PREROUTING -d 169.254.169.254/32 -i qr-+ -p tcp -m tcp --dport 80 -j REDIRECT --to-ports 9697',
      `-A neutron-l3-agent-PREROUTING -d 198.51.100.150/32 -j DNAT --to-destination ${b}`,
      `-A neutron-l3-agent-float-snat -s ${b}/32 -j SNAT --to-source 198.51.100.150 --random-fully`,
      '-A neutron-l3-agent-snat -j neutron-l3-agent-float-snat',
      `-A neutron-l3-agent-snat -m mark ! --mark 0x2/0xffff -m conntrack --ctstate DNAT -j SNAT --to-source ${gwIp} --random-fully`,
      '-A neutron-postrouting-bottom -m comment --comment "Perform source NAT on outgoing traffic." -j neutron-l3-agent-snat',
      '',
    ].join('\n'));
  });

  it('still marks traffic entering from qg- as external ingress', () => {
    expect(sh(cloud, 'controller', `ip netns exec ${ns} iptables -t mangle -S`)).toContain(`-A neutron-l3-agent-mark -i ${qg} -j MARK --set-xmark 0x2/0xffff\n`);
  });

  it('sends an instance without a floating IP out with its private source address', () => {
    const walk = routed(cloud, 'snat', ['vm-a', '8.8.8.8']);
    expect(walk.rules.filter((r) => r.includes('-j SNAT'))).toEqual([]);
    const out = walk.packets[0]!.stages.filter((s) => s.host === 'controller' && s.netns === '' && s.dev === 'eth1');
    expect(out.length).toBeGreaterThan(0);
    expect(out.every((s) => s.src === a)).toBe(true);
  });

  it('still translates an instance with a floating IP to it', () => {
    const walk = routed(cloud, 'snat', ['vm-b', '8.8.8.8']);
    expect(walk.rules).toContain(`-A neutron-l3-agent-float-snat -s ${b}/32 -j SNAT --to-source 198.51.100.150 --random-fully`);
    expect(walk.packets[0]!.stages.filter((s) => s.dev === 'eth1').every((s) => s.src === '198.51.100.150')).toBe(true);
  });

  it('hairpins an instance reaching its neighbour\'s floating IP: DNAT, then SNAT to the gateway address', () => {
    const walk = routed(cloud, 'snat', ['vm-a', '198.51.100.150']);
    expect(walk.delivered).toBe(true);
    expect(walk.rules).toContain(`-A neutron-l3-agent-PREROUTING -d 198.51.100.150/32 -j DNAT --to-destination ${b}`);
    expect(walk.rules).toContain(`-A neutron-l3-agent-snat -m mark ! --mark 0x2/0xffff -m conntrack --ctstate DNAT -j SNAT --to-source ${gwIp} --random-fully`);
    expect(walk.packets[0]!.stages.at(-1)).toMatchObject({ host: 'compute2', src: gwIp, dst: b });
  });

  it('puts the SNAT rule back, with the same gateway address, when SNAT is enabled again', () => {
    const copy = structuredClone(cloud);
    expect(applyLine(copy, 'openstack router set edge --external-gateway public --enable-snat').exitCode).toBe(0);
    expect(copy.db.routers[router.id]!.gateway!.portId).toBe(gw.id);
    const nat = sh(copy, 'controller', `ip netns exec ${ns} iptables -t nat -S`);
    expect(nat).toContain(`-A neutron-l3-agent-snat -o ${qg} -j SNAT --to-source ${gwIp} --random-fully\n`);
    expect(nat.split('\n').filter((l) => l.includes('-j SNAT'))).toHaveLength(3);
    expect(sh(copy, 'controller', 'openstack router show edge -c external_gateway_info -f value')).toContain("'enable_snat': True");
    const walk = routed(copy, 'snat', ['vm-a', '8.8.8.8']);
    expect(walk.packets[0]!.stages.filter((s) => s.dev === 'eth1').every((s) => s.src === gwIp)).toBe(true);
  });
});
