/**
 * Security groups: the default group's rules, rules added and deleted with
 * `security group rule …`, neutron's and the client's checks (nothing changes
 * on refusal), and the Linux bridge agents rebuilding the `i…`/`o…` chains of
 * the member ports on the nodes that have them, and only there.
 */
import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../../engine/core/types';
import { applyLine } from '../../../engine/scenario/apply';
import { execOnHost } from '../../../engine/index';
import { after, buildOk, byName, expectRefused, sh } from '../invariants';

const SCENARIO = [
  '. demo-openrc',
  'openstack network create lan',
  'openstack subnet create --network lan --subnet-range 10.7.0.0/24 lan-v4',
  'openstack server create --flavor m1.nano --image cirros --nic net-id=lan web',
];
const base = buildOk(SCENARIO, { computes: 2, seed: 'sg' });
const group = Object.values(base.db.securityGroups).find((g) => g.projectId === base.currentProject)!;
const webTap = `tap${base.db.servers[byName(base.db.servers, 'web').id]!.portIds[0]!.slice(0, 11)}`;
const ingressChain = `neutron-linuxbri-i${webTap.slice(3, 13)}`;
const webHost = byName(base.db.servers, 'web').host!;
const otherHost = webHost === 'compute1' ? 'compute2' : 'compute1';


const chain = (cloud: Cloud, host: string, name: string) => sh(cloud, host, `iptables -S ${name}`).split('\n').filter((l) => l.startsWith(`-A ${name} `)).map((l) => l.slice(name.length + 4));
const rules = (cloud: Cloud, args = '') => JSON.parse(sh(cloud, 'controller', `openstack security group rule list ${args} -f json`)) as Record<string, unknown>[];

describe('security groups', () => {
  it('start with the default group\'s four rules: ingress from its members, egress anywhere', () => {
    const listed = rules(base, 'default').map((r) => `${r['Direction']} ${r['Ethertype']} ${r['IP Protocol']} ${r['IP Range']} ${r['Remote Security Group']}`).sort();
    expect(listed).toEqual([
      'egress IPv4 null 0.0.0.0/0 null', 'egress IPv6 null ::/0 null',
      `ingress IPv4 null 0.0.0.0/0 ${group.id}`, `ingress IPv6 null ::/0 ${group.id}`,
    ]);
    expect(JSON.parse(sh(base, 'controller', 'openstack security group list -f json'))).toEqual([{ ID: group.id, Name: 'default', Description: 'Default security group', Project: group.projectId, Tags: [] }]);
  });

  it('lists every project\'s group for admin, one project\'s with --project', () => {
    const cloud = after(base, ['. admin-openrc']);
    const projects = (args: string) => JSON.parse(sh(cloud, 'controller', `openstack security group list ${args} -f json`)).map((g: Record<string, string>) => g['Project']);
    expect(projects('')).toHaveLength(2);
    expect(projects('--project demo')).toEqual([group.projectId]);
    expect(expectRefused(cloud, 'openstack security group list --project nosuch').stderr).toBe("No project with a name or ID of 'nosuch' exists.\n");
  });

  it('rule list: --long only warns that it is deprecated, --ethertype is parsed but not applied (as in the 6.6.1 client)', () => {
    const long = execOnHost(base, 'controller', 'openstack security group rule list default --long');
    expect(long.stderr).toBe('The --long option has been deprecated and is no longer needed\n');
    expect(long.stdout).toBe(sh(base, 'controller', 'openstack security group rule list default'));
    expect(sh(base, 'controller', 'openstack security group rule list default --ethertype IPv6')).toBe(sh(base, 'controller', 'openstack security group rule list default'));
  });

  it('a new rule reaches the chains of the member port on its node, and nowhere else', () => {
    const cloud = after(base, ['openstack security group rule create --proto icmp default', 'openstack security group rule create --proto tcp --dst-port 22 --remote-ip 198.51.100.7/24 default']);
    const i = chain(cloud, webHost, ingressChain);
    expect(i.slice(i.indexOf(`-m set --match-set ${`NIPv4${group.id}`.slice(0, 29)} src -j RETURN`) + 1, -2)).toEqual([
      '-p icmp -j RETURN',
      '-s 198.51.100.0/24 -p tcp -m tcp --dport 22 -j RETURN',
    ]);
    expect(sh(cloud, otherHost, 'iptables-save')).toBe(sh(base, otherHost, 'iptables-save'));
    const ssh = rules(cloud, 'default --protocol tcp');
    expect(ssh.map((r) => [r['Port Range'], r['IP Range']])).toEqual([['22:22', '198.51.100.7/24']]);
  });

  it('prints ICMP type and code as the client does, and shows a rule with the SDK\'s fields', () => {
    const cloud = after(base, ['openstack security group rule create --proto icmp --icmp-type 8 --icmp-code 0 default']);
    expect(chain(cloud, webHost, ingressChain)).toContain('-p icmp -m icmp --icmp-type 8/0 -j RETURN');
    const icmp = rules(cloud, 'default --protocol icmp')[0]!;
    expect(icmp['Port Range']).toBe('type=8');
    const shown = JSON.parse(sh(cloud, 'controller', `openstack security group rule show ${icmp['ID']} -f json`)) as Record<string, unknown>;
    expect(Object.keys(shown)).toEqual(['created_at', 'description', 'direction', 'ether_type', 'id', 'name', 'port_range_max', 'port_range_min', 'project_id', 'protocol',
      'remote_address_group_id', 'remote_group_id', 'remote_ip_prefix', 'revision_number', 'security_group_id', 'tags', 'updated_at']);
    expect([shown['port_range_min'], shown['port_range_max'], shown['remote_ip_prefix']]).toEqual([8, 0, '0.0.0.0/0']);
  });

  it('a deleted rule leaves the chains as they were', () => {
    const cloud = after(base, ['openstack security group rule create --proto tcp --dst-port 80 default']);
    const id = rules(cloud, 'default --protocol tcp')[0]!['ID'];
    expect(applyLine(cloud, `openstack security group rule delete ${id}`).exitCode).toBe(0);
    expect(chain(cloud, webHost, ingressChain)).toEqual(chain(base, webHost, ingressChain));
  });

  it('refuses duplicates, bad ports, ICMP options without ICMP, and an ambiguous name for admin', () => {
    const cloud = after(base, ['openstack security group rule create --proto tcp --dst-port 22 default']);
    const id = rules(cloud, 'default --protocol tcp')[0]!['ID'];
    expect(expectRefused(cloud, 'openstack security group rule create --proto tcp --dst-port 22 default').stderr).toBe(
      `Error while executing command: ConflictException: 409, Security group rule already exists. Rule id is ${id}.\n`,
    );
    expect(expectRefused(cloud, 'openstack security group rule create --proto tcp --dst-port 0 default').stderr).toContain('Invalid value for port 0.');
    expect(expectRefused(cloud, 'openstack security group rule create --proto tcp --dst-port 30:20 default').stderr).toContain('argument --dst-port: Invalid range, 30 is not less than 20');
    expect(expectRefused(cloud, 'openstack security group rule create --proto tcp --icmp-type 8 default').stderr).toBe('ICMP IP protocol required with arguments --icmp-type and --icmp-code\n');
    applyLine(cloud, '. admin-openrc');
    expect(expectRefused(cloud, 'openstack security group rule create --proto icmp default').stderr).toContain("More than one SecurityGroup exists with the name 'default'.");
  });
});
