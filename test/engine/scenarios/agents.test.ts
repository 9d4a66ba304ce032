/**
 * `openstack network agent list` and `openstack compute service list`: one
 * row per agent or service installed on each node, alive while its process
 * runs, filtered the way the client filters, and stable IDs per cloud.
 */
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../../engine/core/types';
import { execOnHost } from '../../../engine/index';
import { buildOk, byName, sh } from '../invariants';

const SCENARIO = [
  'openstack network create --share --external --provider-physical-network provider --provider-network-type flat ext',
  'openstack subnet create --network ext --subnet-range 192.0.2.0/24 --gateway 192.0.2.1 --no-dhcp ext-v4',
  'openstack network create lan',
  'openstack subnet create --network lan --subnet-range 10.9.0.0/24 lan-v4',
  'openstack network create quiet',
  'openstack subnet create --network quiet --subnet-range 10.8.0.0/24 --no-dhcp quiet-v4',
  'openstack router create edge',
  'openstack router add subnet edge lan-v4',
];

/** Table rows as arrays of cells. */
function tableRows(text: string): string[][] {
  return text.split('\n').filter((l) => l.startsWith('| ')).slice(1).map((l) => l.slice(2, -2).split(' | ').map((c) => c.trim()));
}

const json = (cloud: Cloud, command: string) => JSON.parse(sh(cloud, 'controller', `${command} -f json`)) as Record<string, unknown>[];

describe('openstack network agent list', () => {
  const cloud = buildOk(SCENARIO, { computes: 3, seed: 'agents' });

  it('lists a Linux bridge agent per node and the DHCP, L3 and metadata agents on the controller, by ID', () => {
    const rows = tableRows(sh(cloud, 'controller', 'openstack network agent list'));
    const seen = rows.map(([, type, host, zone, alive, state, binary]) => `${host} ${type} ${zone} ${alive} ${state} ${binary}`).sort();
    expect(seen).toEqual([
      'compute1 Linux bridge agent None :-) UP neutron-linuxbridge-agent',
      'compute2 Linux bridge agent None :-) UP neutron-linuxbridge-agent',
      'compute3 Linux bridge agent None :-) UP neutron-linuxbridge-agent',
      'controller DHCP agent nova :-) UP neutron-dhcp-agent',
      'controller L3 agent nova :-) UP neutron-l3-agent',
      'controller Linux bridge agent None :-) UP neutron-linuxbridge-agent',
      'controller Metadata agent None :-) UP neutron-metadata-agent',
    ]);
    const ids = rows.map((r) => r[0]!);
    expect(ids).toEqual([...ids].sort());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('keeps its IDs across rebuilds of the same cloud, and draws others for another seed', () => {
    const ids = (c: Cloud) => json(c, 'openstack network agent list').map((a) => a['ID']);
    expect(ids(buildOk(SCENARIO, { computes: 3, seed: 'agents' }))).toEqual(ids(cloud));
    expect(ids(buildOk(SCENARIO, { computes: 3, seed: 'other' }))).not.toEqual(ids(cloud));
  });

  it('prints Alive and State as booleans in JSON', () => {
    const dhcp = json(cloud, 'openstack network agent list --agent-type dhcp');
    expect(dhcp).toEqual([{ ID: expect.any(String), 'Agent Type': 'DHCP agent', Host: 'controller', 'Availability Zone': 'nova', Alive: true, State: true, Binary: 'neutron-dhcp-agent' }]);
  });

  it('filters by type and host', () => {
    expect(json(cloud, 'openstack network agent list --agent-type linux-bridge').map((a) => a['Host']).sort()).toEqual(['compute1', 'compute2', 'compute3', 'controller']);
    expect(json(cloud, 'openstack network agent list --host compute2').map((a) => a['Agent Type'])).toEqual(['Linux bridge agent']);
    expect(json(cloud, 'openstack network agent list --agent-type open-vswitch')).toEqual([]);
  });

  it('lists the DHCP agent hosting a network only when the network has DHCP, and the L3 agent hosting a router', () => {
    expect(json(cloud, 'openstack network agent list --network lan').map((a) => a['Binary'])).toEqual(['neutron-dhcp-agent']);
    expect(json(cloud, 'openstack network agent list --network quiet')).toEqual([]);
    expect(json(cloud, `openstack network agent list --router ${byName(cloud.db.routers, 'edge').id}`).map((a) => a['Binary'])).toEqual(['neutron-l3-agent']);
    expect(sh(cloud, 'controller', 'openstack network agent list --router edge --long -c "HA State" -f value')).toBe('None\n');
  });

  it('refuses what the client refuses', () => {
    const both = execOnHost(cloud, 'controller', 'openstack network agent list --network lan --router edge');
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain('argument --router: not allowed with argument --network');
    const badType = execOnHost(cloud, 'controller', 'openstack network agent list --agent-type ovs');
    expect(badType.exitCode).toBe(2);
    expect(badType.stderr).toContain("argument --agent-type: invalid choice: 'ovs'");
    const missing = execOnHost(cloud, 'controller', 'openstack network agent list --network nosuch');
    expect(missing.exitCode).toBe(1);
  });

  it('shows an agent whose process stopped as not alive (XXX)', () => {
    const copy = structuredClone(cloud);
    const controller = copy.hosts['controller']!;
    controller.processes = controller.processes.filter((p) => !p.args.includes('/usr/bin/neutron-l3-agent '));
    const l3 = tableRows(sh(copy, 'controller', 'openstack network agent list --agent-type l3'));
    expect(l3.map((r) => r[4])).toEqual(['XXX']);
    expect(tableRows(sh(copy, 'controller', 'openstack network agent list --agent-type dhcp')).map((r) => r[4])).toEqual([':-)']);
  });
});

describe('openstack compute service list', () => {
  const cloud = buildOk(SCENARIO, { computes: 2, seed: 'services' });

  it('lists the scheduler and conductor (zone internal), then each nova-compute (zone nova)', () => {
    const rows = json(cloud, 'openstack compute service list');
    expect(rows.map((s) => `${s['Binary']} ${s['Host']} ${s['Zone']} ${s['Status']} ${s['State']}`)).toEqual([
      'nova-scheduler controller internal enabled up',
      'nova-conductor controller internal enabled up',
      'nova-compute compute1 nova enabled up',
      'nova-compute compute2 nova enabled up',
    ]);
    for (const s of rows) expect(s['Updated At']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000$/);
  });

  it('filters by host and service, and --long adds the disabled reason and forced-down columns', () => {
    expect(json(cloud, 'openstack compute service list --service nova-compute --host compute2').map((s) => s['Host'])).toEqual(['compute2']);
    expect(Object.keys(json(cloud, 'openstack compute service list --long')[0]!)).toEqual(['ID', 'Binary', 'Host', 'Zone', 'Status', 'State', 'Updated At', 'Disabled Reason', 'Forced Down']);
  });

  it('shows a compute service whose process stopped as down', () => {
    const copy = structuredClone(cloud);
    const compute = copy.hosts['compute1']!;
    compute.processes = compute.processes.filter((p) => !p.args.includes('/usr/bin/nova-compute '));
    expect(json(copy, 'openstack compute service list --service nova-compute').map((s) => `${s['Host']} ${s['State']}`)).toEqual(['compute1 down', 'compute2 up']);
  });
});

describe('openstack hypervisor list', () => {
  const cloud = buildOk(SCENARIO, { computes: 3, seed: 'hypervisors' });

  it('lists one QEMU hypervisor per compute node at its management address, down when nova-compute stopped', () => {
    const rows = json(cloud, 'openstack hypervisor list');
    expect(rows.map((h) => `${h['Hypervisor Hostname']} ${h['Hypervisor Type']} ${h['Host IP']} ${h['State']}`)).toEqual(
      ['compute1', 'compute2', 'compute3'].map((n) => `${n} QEMU ${cloud.hosts[n]!.managementIp} up`),
    );
    const copy = structuredClone(cloud);
    copy.hosts['compute3']!.processes = copy.hosts['compute3']!.processes.filter((p) => !p.args.includes('/usr/bin/nova-compute '));
    expect(json(copy, 'openstack hypervisor list --matching 3').map((h) => h['State'])).toEqual(['down']);
    expect(json(cloud, 'openstack hypervisor list --matching nosuch')).toEqual([]);
  });
});
