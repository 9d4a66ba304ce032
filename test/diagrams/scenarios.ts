/** Clouds the diagram tests draw: the eight-flow walkthrough and variations it does not cover. */
import { readFileSync } from 'node:fs';
import { buildCloud, type Cloud } from '../../engine/index';

export function eightFlows(): string[] {
  return readFileSync(new URL('../scenarios/eight-flows.sh', import.meta.url), 'utf8').split('\n');
}

const PROVIDER = [
  '. admin-openrc',
  'openstack network create --share --external --provider-physical-network provider --provider-network-type flat provider',
  'openstack subnet create --network provider --allocation-pool start=203.0.113.101,end=203.0.113.250 --gateway 203.0.113.1 --subnet-range 203.0.113.0/24 provider',
  '. demo-openrc',
];

/** Two tenant networks, each behind its own router with SNAT; an instance on each, one with a floating IP. */
export function twoRouters(): string[] {
  return [
    ...PROVIDER,
    'openstack network create blue',
    'openstack subnet create --network blue --subnet-range 10.10.0.0/24 blue-sub',
    'openstack network create green',
    'openstack subnet create --network green --subnet-range 10.20.0.0/24 green-sub',
    'openstack router create r-blue',
    'openstack router add subnet r-blue blue-sub',
    'openstack router set r-blue --external-gateway provider',
    'openstack router create r-green',
    'openstack router add subnet r-green green-sub',
    'openstack router set r-green --external-gateway provider',
    'openstack server create --flavor m1.nano --image cirros --nic net-id=blue vm-blue',
    'openstack server create --flavor m1.nano --image cirros --nic net-id=green vm-green',
    'openstack server create --flavor m1.nano --image cirros --nic net-id=blue vm-blue2',
    'openstack floating ip create provider --floating-ip-address 203.0.113.150',
    'openstack server add floating ip vm-green 203.0.113.150',
  ];
}

/** One tenant network with DHCP, no router at all. */
export function noRouter(): string[] {
  return [
    '. demo-openrc',
    'openstack network create lonely',
    'openstack subnet create --network lonely --subnet-range 192.168.50.0/24 lonely-sub',
    'openstack server create --flavor m1.nano --image cirros --nic net-id=lonely solo',
  ];
}

/** A network whose subnet has DHCP off, next to one with DHCP; instances on both. */
export function withoutDhcp(): string[] {
  return [
    '. demo-openrc',
    'openstack network create quiet',
    'openstack subnet create --network quiet --subnet-range 10.30.0.0/24 --no-dhcp quiet-sub',
    'openstack network create chatty',
    'openstack subnet create --network chatty --subnet-range 10.40.0.0/24 chatty-sub',
    'openstack server create --flavor m1.nano --image cirros --nic net-id=quiet q1',
    'openstack server create --flavor m1.nano --image cirros --nic net-id=chatty c1',
  ];
}

export function build(lines: string[], computes = 2, seed = 'diagrams'): Cloud {
  const built = buildCloud(lines, { computes, seed, tracing: true });
  if (!built.ok) throw new Error(`line ${built.error.line}: ${built.error.message}`);
  return built.cloud;
}
