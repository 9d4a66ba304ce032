/** Scenarios the benchmarks build: the eight-flow walkthrough, and a large generated cloud. */
import { readFileSync } from 'node:fs';

export function eightFlowScenario(): string[] {
  return readFileSync(new URL('../test/scenarios/eight-flows.sh', import.meta.url), 'utf8').split('\n');
}

/** `instances` servers spread over `networks` tenant networks, each on its own /24, behind one router. */
export function largeScenario(networks: number, instances: number): string[] {
  const lines = [
    '. admin-openrc',
    'openstack network create --share --external --provider-physical-network provider --provider-network-type flat provider',
    'openstack subnet create --network provider --allocation-pool start=203.0.113.10,end=203.0.113.250 --gateway 203.0.113.1 --subnet-range 203.0.113.0/24 --no-dhcp provider',
    'openstack router create router',
    'openstack router set router --external-gateway provider',
  ];
  for (let n = 0; n < networks; n++) {
    lines.push(`openstack network create net${n}`);
    lines.push(`openstack subnet create --network net${n} --subnet-range 10.${Math.floor(n / 256)}.${n % 256}.0/24 sub${n}`);
    lines.push(`openstack router add subnet router sub${n}`);
  }
  for (let i = 0; i < instances; i++) lines.push(`openstack server create --flavor m1.nano --image cirros --nic net-id=net${i % networks} vm${i}`);
  return lines;
}
