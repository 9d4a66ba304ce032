/**
 * The Linux bridge agent's iptables firewall driver (engine/agents/firewall.ts).
 * Expected texts follow neutron 2024.1: the rule layout of
 * neutron/tests/unit/agent/test_securitygroups_rpc.py (IPSET_FILTER_1/2,
 * IPTABLES_RAW_BRIDGE_NET_1, IPTABLES_NAT_1, the *_TRUSTED variants) with
 * comments on, as agent/linux/iptables_comments.py words them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCloud, execOnHost, type Cloud } from '../../engine/index';

const LAB = readFileSync(new URL('../scenarios/reference-lab.sh', import.meta.url), 'utf8').split('\n');
const W = 'neutron-linuxbri';

function build(lines: string[]): Cloud {
  const built = buildCloud(lines);
  if (!built.ok) throw new Error(`${built.error.line}: ${built.error.message}`);
  return built.cloud;
}

function sh(cloud: Cloud, host: string, command: string): string {
  const r = execOnHost(cloud, host, command);
  expect(r.stderr).toBe('');
  return r.stdout;
}

const lines = (text: string) => text.split('\n').filter(Boolean);
const rulesOf = (cloud: Cloud, host: string, chain: string, t = 'filter') => lines(sh(cloud, host, `iptables -t ${t} -S`)).filter((l) => l.startsWith(`-A ${chain} `));
const defaultGroup = (cloud: Cloud) => Object.values(cloud.db.securityGroups).find((g) => g.projectId === cloud.currentProject && g.name === 'default')!;
const tapOf = (cloud: Cloud, server: string) => `tap${Object.values(cloud.db.servers).find((s) => s.name === server)!.portIds[0]!.slice(0, 11)}`;

/** A VM port's own chains, as neutron writes them for the default group. */
function vmChains(tap: string, ip: string, mac: string, ipset: string): string[] {
  const id = tap.slice(3, 13);
  return [
    `-A ${W}-i${id} -m state --state RELATED,ESTABLISHED -m comment --comment "Direct packets associated with a known session to the RETURN chain." -j RETURN`,
    `-A ${W}-i${id} -d ${ip}/32 -p udp -m udp --sport 67 --dport 68 -j RETURN`,
    `-A ${W}-i${id} -d 255.255.255.255/32 -p udp -m udp --sport 67 --dport 68 -j RETURN`,
    `-A ${W}-i${id} -m set --match-set ${ipset} src -j RETURN`,
    `-A ${W}-i${id} -m state --state INVALID -m comment --comment "Drop packets that appear related to an existing connection (e.g. TCP ACK/FIN) but do not have an entry in conntrack." -j DROP`,
    `-A ${W}-i${id} -m comment --comment "Send unmatched traffic to the fallback chain." -j ${W}-sg-fallback`,
    `-A ${W}-o${id} -s 0.0.0.0/32 -d 255.255.255.255/32 -p udp -m udp --sport 68 --dport 67 -m comment --comment "Allow DHCP client traffic." -j RETURN`,
    `-A ${W}-o${id} -j ${W}-s${id}`,
    `-A ${W}-o${id} -p udp -m udp --sport 68 --dport 67 -m comment --comment "Allow DHCP client traffic." -j RETURN`,
    `-A ${W}-o${id} -p udp -m udp --sport 67 --dport 68 -m comment --comment "Prevent DHCP Spoofing by VM." -j DROP`,
    `-A ${W}-o${id} -m state --state RELATED,ESTABLISHED -m comment --comment "Direct packets associated with a known session to the RETURN chain." -j RETURN`,
    `-A ${W}-o${id} -j RETURN`,
    `-A ${W}-o${id} -m state --state INVALID -m comment --comment "Drop packets that appear related to an existing connection (e.g. TCP ACK/FIN) but do not have an entry in conntrack." -j DROP`,
    `-A ${W}-o${id} -m comment --comment "Send unmatched traffic to the fallback chain." -j ${W}-sg-fallback`,
    `-A ${W}-s${id} -s ${ip}/32 -m mac --mac-source ${mac.toUpperCase()} -m comment --comment "Allow traffic from defined IP/MAC pairs." -j RETURN`,
    `-A ${W}-s${id} -m comment --comment "Drop traffic without an IP/MAC allow rule." -j DROP`,
  ];
}

const forward = (tap: string) => [
  `-A ${W}-FORWARD -m physdev --physdev-out ${tap} --physdev-is-bridged -m comment --comment "Direct traffic from the VM interface to the security group chain." -j ${W}-sg-chain`,
  `-A ${W}-FORWARD -m physdev --physdev-in ${tap} --physdev-is-bridged -m comment --comment "Direct traffic from the VM interface to the security group chain." -j ${W}-sg-chain`,
];
const sgChain = (tap: string) => [
  `-A ${W}-sg-chain -m physdev --physdev-out ${tap} --physdev-is-bridged -m comment --comment "Jump to the VM specific chain." -j ${W}-i${tap.slice(3, 13)}`,
  `-A ${W}-sg-chain -m physdev --physdev-in ${tap} --physdev-is-bridged -m comment --comment "Jump to the VM specific chain." -j ${W}-o${tap.slice(3, 13)}`,
];
const input = (tap: string) =>
  `-A ${W}-INPUT -m physdev --physdev-in ${tap} --physdev-is-bridged -m comment --comment "Direct incoming traffic from VM to the security group chain." -j ${W}-o${tap.slice(3, 13)}`;
const zone = (tap: string, net: string, z: number) =>
  [`-m physdev --physdev-in brq${net.slice(0, 11)}`, `-i brq${net.slice(0, 11)}`, `-m physdev --physdev-in ${tap}`].map(
    (m) => `-A ${W}-PREROUTING ${m} -m comment --comment "Set zone for ${tap.slice(4)}" -j CT --zone ${z}`,
  );
const nat = (tap: string) =>
  ['out', 'in'].map((d) => `-A ${W}-PREROUTING -m physdev --physdev-${d} ${tap} -m comment --comment "Accept all packets when port is trusted." -j ACCEPT`);

describe('a VM port in the default security group (reference lab, compute1)', () => {
  const lab = build(LAB);
  const tap = 'tap2b7cbb3e-9e';
  const net = '8fbc13ca-cfe0-4b8a-993b-e33f37ba66d1';
  const ipset = `NIPv4${defaultGroup(lab).id}`.slice(0, 29);

  it('iptables -S prints the skeleton, the physdev jumps, the port chains, sg-chain and sg-fallback', () => {
    expect(sh(lab, 'compute1', 'iptables -S')).toBe(
      [
        '-P INPUT ACCEPT', '-P FORWARD ACCEPT', '-P OUTPUT ACCEPT',
        '-N neutron-filter-top', `-N ${W}-FORWARD`, `-N ${W}-INPUT`, `-N ${W}-OUTPUT`, `-N ${W}-i2b7cbb3e-9`, `-N ${W}-local`,
        `-N ${W}-o2b7cbb3e-9`, `-N ${W}-s2b7cbb3e-9`, `-N ${W}-sg-chain`, `-N ${W}-sg-fallback`,
        `-A INPUT -j ${W}-INPUT`, '-A FORWARD -j neutron-filter-top', `-A FORWARD -j ${W}-FORWARD`,
        '-A OUTPUT -j neutron-filter-top', `-A OUTPUT -j ${W}-OUTPUT`, `-A neutron-filter-top -j ${W}-local`,
        ...forward(tap), input(tap),
        ...vmChains(tap, '192.0.2.4', 'fa:16:3e:5c:53:9d', ipset),
        ...sgChain(tap), `-A ${W}-sg-chain -j ACCEPT`,
        `-A ${W}-sg-fallback -m comment --comment "Default drop rule for unmatched traffic." -j DROP`,
      ].map((l) => `${l}\n`).join(''),
    );
  });

  it('the raw table puts the bridge and the tap in the network\'s conntrack zone 4097', () => {
    expect(lines(sh(lab, 'compute1', 'iptables -t raw -S'))).toEqual([
      '-P PREROUTING ACCEPT', '-P OUTPUT ACCEPT', `-N ${W}-OUTPUT`, `-N ${W}-PREROUTING`,
      `-A PREROUTING -j ${W}-PREROUTING`, `-A OUTPUT -j ${W}-OUTPUT`, ...zone(tap, net, 4097),
    ]);
  });

  it('the nat table short-circuits PREROUTING for the port (the state-less manager still wraps nat PREROUTING)', () => {
    expect(lines(sh(lab, 'compute1', 'iptables -t nat -S'))).toEqual([
      '-P PREROUTING ACCEPT', '-P INPUT ACCEPT', '-P OUTPUT ACCEPT', '-P POSTROUTING ACCEPT', `-N ${W}-PREROUTING`,
      `-A PREROUTING -j ${W}-PREROUTING`, ...nat(tap),
    ]);
  });

  it('iptables-save lists raw, filter and nat with the same rules', () => {
    const save = sh(lab, 'compute1', 'iptables-save');
    expect(save.match(/^\*\w+$/gm)).toEqual(['*raw', '*filter', '*nat']);
    expect(save).toContain(`:${W}-sg-fallback - [0:0]\n`);
    expect(save).toContain(`${zone(tap, net, 4097)[2]}\n`);
  });

  it('the DHCP server spoofing drop comes after the client allow rules and before the group rules', () => {
    const out = rulesOf(lab, 'compute1', `${W}-o2b7cbb3e-9`);
    const drop = out.findIndex((l) => l.includes('--sport 67 --dport 68') && l.endsWith('-j DROP'));
    expect(out[drop]).toContain('"Prevent DHCP Spoofing by VM."');
    expect(drop).toBe(3);
    expect(out.findIndex((l) => l.includes('RELATED,ESTABLISHED'))).toBe(4);
  });

  it('compute2 never had a port: no neutron chains at all', () => {
    expect(sh(lab, 'compute2', 'iptables -S')).toBe('-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n');
  });

  it('the controller trusts its network:* ports: ACCEPT both ways, no security group chains', () => {
    const dhcp = Object.values(lab.db.ports).find((p) => p.deviceOwner === 'network:dhcp')!;
    const gw = Object.values(lab.db.ports).find((p) => p.deviceOwner === 'network:router_gateway')!;
    const taps = [dhcp.id, 'da3504ad-bac1', gw.id].map((id) => `tap${id.slice(0, 11)}`);
    const accept = (t: string) => ['out', 'in'].map((d) => `-A ${W}-FORWARD -m physdev --physdev-${d} ${t} --physdev-is-bridged -m comment --comment "Accept all packets when port is trusted." -j ACCEPT`);
    expect(rulesOf(lab, 'controller', `${W}-FORWARD`)).toEqual(taps.flatMap(accept));
    expect(rulesOf(lab, 'controller', `${W}-PREROUTING`, 'nat')).toEqual(taps.flatMap(nat));
    expect(rulesOf(lab, 'controller', `${W}-PREROUTING`, 'raw')).toEqual([]);
    expect(rulesOf(lab, 'controller', `${W}-sg-chain`)).toEqual([`-A ${W}-sg-chain -j ACCEPT`]);
  });

  it('reports one setup_port_filters step before the tap is wired, with its changes', () => {
    const i = lab.events.findIndex((e) => e.name === 'setup_port_filters' && e.from.endsWith('@compute1'));
    expect(lab.events[i + 1]!.name).toBe('add_tap_interface');
    expect(lab.events[i]!.changes).toContain(`compute1: iptables -N ${W}-i2b7cbb3e-9 (6 rules)`);
    expect(lab.events[i]!.changes).toContain(`compute1: ipset create ${ipset} hash:net family inet`);
  });
});

const TWO_NETS = [
  'openstack network create blue',
  'openstack subnet create --network blue --subnet-range 10.0.1.0/24 blue-v4',
  'openstack network create green',
  'openstack subnet create --network green --subnet-range 10.0.2.0/24 green-v4',
];
const boot = (name: string, net: string, host = 'compute1') => `openstack server create --flavor m1.nano --image cirros --nic net-id=${net} --availability-zone nova:${host} ${name}`;

describe('several ports on one host', () => {
  const cloud = build([...TWO_NETS, boot('vm-a', 'blue'), boot('vm-b', 'blue'), boot('vm-c', 'green')]);
  const taps = ['vm-a', 'vm-b', 'vm-c'].map((vm) => tapOf(cloud, vm));
  const sorted = [...taps].sort();
  const netOf = (vm: string) => Object.values(cloud.db.networks).find((n) => n.name === vm)!.id;

  it('shared chains list the ports in device-name order, whatever the boot order; ACCEPT stays last', () => {
    expect(sorted).not.toEqual(taps);
    expect(rulesOf(cloud, 'compute1', `${W}-FORWARD`)).toEqual(sorted.flatMap(forward));
    expect(rulesOf(cloud, 'compute1', `${W}-INPUT`)).toEqual(sorted.map(input));
    expect(rulesOf(cloud, 'compute1', `${W}-sg-chain`)).toEqual([...sorted.flatMap(sgChain), `-A ${W}-sg-chain -j ACCEPT`]);
    expect(rulesOf(cloud, 'compute1', `${W}-PREROUTING`, 'nat')).toEqual(sorted.flatMap(nat));
  });

  it('one conntrack zone per network, in the order the networks first got a port', () => {
    const zoneOf = (tap: string, net: string) => zone(tap, net, tap === taps[2] ? 4098 : 4097);
    const nets = [netOf('blue'), netOf('blue'), netOf('green')];
    expect(rulesOf(cloud, 'compute1', `${W}-PREROUTING`, 'raw')).toEqual(sorted.flatMap((t) => zoneOf(t, nets[taps.indexOf(t)]!)));
  });

  it('each port has its own i/o/s chains matching its own address and MAC', () => {
    for (const vm of ['vm-a', 'vm-b', 'vm-c']) {
      const port = cloud.db.ports[Object.values(cloud.db.servers).find((s) => s.name === vm)!.portIds[0]!]!;
      const tap = tapOf(cloud, vm);
      const own = lines(sh(cloud, 'compute1', 'iptables -S')).filter((l) => [`-A ${W}-i`, `-A ${W}-o`, `-A ${W}-s`].some((p) => l.startsWith(`${p}${tap.slice(3, 13)} `)));
      expect(own).toEqual(vmChains(tap, port.fixedIps[0]!.ipAddress, port.macAddress, `NIPv4${defaultGroup(cloud).id}`.slice(0, 29)));
    }
  });
});

describe('server delete', () => {
  const lines1 = [...TWO_NETS, boot('vm-a', 'blue'), boot('vm-b', 'blue')];
  const two = build(lines1);
  const gone = build([...lines1, 'openstack server delete vm-a']);
  const tapA = tapOf(two, 'vm-a');
  const tapB = tapOf(two, 'vm-b');

  it('removes the port\'s chains and every rule that pointed at it, and keeps the other port intact', () => {
    const save = (c: Cloud) => lines(sh(c, 'compute1', 'iptables-save')).filter((l) => !l.startsWith('#'));
    const before = save(two);
    const after = save(gone);
    expect(after.filter((l) => l.includes(tapA.slice(3, 13)) || l.includes(tapA.slice(4)))).toEqual([]);
    expect(after).toEqual(before.filter((l) => !l.includes(tapA.slice(3, 13)) && !l.includes(`Set zone for ${tapA.slice(4)}`)));
    expect(rulesOf(gone, 'compute1', `${W}-FORWARD`)).toEqual(forward(tapB));
  });

  it('the last port gone leaves the skeleton, sg-chain with its ACCEPT and sg-fallback', () => {
    const empty = build([...lines1, 'openstack server delete vm-a', 'openstack server delete vm-b']);
    expect(lines(sh(empty, 'compute1', 'iptables -S')).filter((l) => l.startsWith(`-A ${W}`))).toEqual([
      `-A ${W}-sg-chain -j ACCEPT`,
      `-A ${W}-sg-fallback -m comment --comment "Default drop rule for unmatched traffic." -j DROP`,
    ]);
    expect(rulesOf(empty, 'compute1', `${W}-PREROUTING`, 'raw')).toEqual([]);
    expect(empty.events.some((e) => e.name === 'remove_devices_filter' && e.changes.includes(`compute1: iptables -X ${W}-i${tapB.slice(3, 13)}`))).toBe(true);
  });

  it('a network keeps its conntrack zone after its last port left; a new network gets the next one', () => {
    const again = build([...lines1, 'openstack server delete vm-a', 'openstack server delete vm-b', boot('vm-c', 'green'), boot('vm-d', 'blue')]);
    const raw = rulesOf(again, 'compute1', `${W}-PREROUTING`, 'raw');
    expect(raw.filter((l) => l.includes(tapOf(again, 'vm-d')) || l.includes(tapOf(again, 'vm-d').slice(4)))[0]).toMatch(/--zone 4097$/);
    expect(raw.filter((l) => l.includes(tapOf(again, 'vm-c').slice(4)))[0]).toMatch(/--zone 4098$/);
  });
});
