/**
 * `server stop`, `server start`, `server reboot`: the TAP goes with the
 * domain and the agent reports the port down (l2pop withdraws the FDB entries,
 * the firewall chains go); starting again rebuilds exactly what was there and
 * the guest asks DHCP again. A refused action changes nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../../engine/core/types';
import { execOnHost } from '../../../engine/index';
import { applyLine } from '../../../engine/scenario/apply';
import { applyOk, buildOk, byName, expectRefused, sh } from '../invariants';

const SCENARIO = [
  'openstack network create lan',
  'openstack subnet create --network lan --subnet-range 10.3.0.0/24 lan-v4',
  'openstack server create --flavor m1.nano --image cirros --nic net-id=lan --availability-zone nova:compute2 app',
];
const base = buildOk(SCENARIO, { computes: 2, seed: 'power' });
const server = byName(base.db.servers, 'app');
const port = base.db.ports[server.portIds[0]!]!;
const tap = `tap${port.id.slice(0, 11)}`;
const vtep = base.hosts['compute2']!.managementIp;

const run = applyOk;

describe('server power actions', () => {
  it('stop: SHUTOFF, the TAP and its chains gone, the port DOWN, the FDB entries withdrawn, the guest silent', () => {
    const cloud = structuredClone(base);
    run(cloud, 'openstack server stop app');
    expect(cloud.db.servers[server.id]!.status).toBe('SHUTOFF');
    expect(cloud.db.ports[port.id]!.status).toBe('DOWN');
    expect(sh(cloud, 'compute2', 'ip -br link')).not.toContain(tap);
    expect(sh(cloud, 'compute2', 'iptables-save')).not.toContain(tap.slice(3));
    expect(sh(cloud, 'controller', 'bridge fdb show')).not.toContain(`dst ${vtep}`);
    expect(sh(base, 'controller', 'bridge fdb show')).toContain(`dst ${vtep}`);
    expect(sh(cloud, 'compute2', 'virsh list --all')).toMatch(/instance-\w+\s+shut off/);
    expect(execOnHost(cloud, 'app', 'ip addr').stderr).toBe('ssh: connect to host app port 22: No route to host\n');
  });

  it('start: everything as it was before the stop, and the guest has its address again', () => {
    const cloud = structuredClone(base);
    run(cloud, 'openstack server stop app');
    run(cloud, 'openstack server start app');
    expect(cloud.db.servers[server.id]!.status).toBe('ACTIVE');
    expect(cloud.db.ports[port.id]!.status).toBe('ACTIVE');
    // iptables-save's header carries the clock, which moved on; the new TAP has a new ifindex, so
    // `bridge fdb show` lists it later, as the kernel would: compare the entries, not their order.
    const state = (c: Cloud, host: string, command: string) => {
      const lines = sh(c, host, command).split('\n').filter((l) => !l.startsWith('#'));
      return (command.startsWith('bridge') ? lines.sort() : lines).join('\n');
    };
    for (const host of ['controller', 'compute1', 'compute2']) {
      for (const command of ['brctl show', 'bridge fdb show', 'iptables-save']) expect(state(cloud, host, command), `${host} ${command}`).toBe(state(base, host, command));
    }
    expect(sh(cloud, 'app', 'ip addr')).toBe(sh(base, 'app', 'ip addr'));
  });

  it('reboot keeps the TAP and the port, and the guest comes back with the same lease', () => {
    for (const kind of ['--soft', '--hard']) {
      const cloud = structuredClone(base);
      run(cloud, `openstack server reboot ${kind} app`);
      expect(cloud.db.ports[port.id]!.status).toBe('ACTIVE');
      expect(sh(cloud, 'compute2', 'brctl show')).toBe(sh(base, 'compute2', 'brctl show'));
      expect(sh(cloud, 'app', 'ip route')).toBe(sh(base, 'app', 'ip route'));
    }
  });

  it('refuses an action the state does not allow, changing nothing', () => {
    const cloud = structuredClone(base);
    const start = expectRefused(cloud, 'openstack server start app');
    expect(start.stderr).toBe(`ConflictException: 409: Client Error for url: http://controller:8774/v2.1/servers/${server.id}/action, Cannot 'start' instance ${server.id} while it is in vm_state active\n`);
    run(cloud, 'openstack server stop app');
    expect(expectRefused(cloud, 'openstack server stop app').stderr).toContain('while it is in vm_state stopped');
    expect(expectRefused(cloud, 'openstack server reboot app').stderr).toContain("Cannot 'reboot' instance");
  });
});
