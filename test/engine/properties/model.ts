/**
 * The command model the property tests draw from: a small set of object names
 * (so commands hit existing, missing, duplicate and conflicting objects),
 * single commands, coherent stories, and the base topology most runs build on.
 */
import fc from 'fast-check';
import type { Cloud } from '../../../engine/core/types';

// ------------------------------------------------------------------ the command model

const NETS = ['net-a', 'net-b', 'net-c', 'ext', 'prov'];
const SUBNETS = ['sub-a', 'sub-b', 'sub-c', 'sub-d'];
const ROUTERS = ['rt-1', 'rt-2'];
const PORTS = ['port-1', 'port-2', 'port-3'];
const SERVERS = ['vm-1', 'vm-2', 'vm-3'];
const VOLUMES = ['vol-1', 'vol-2'];
const MISSING = ['nope', '0b6e7f47-0000-4000-8000-000000000000'];

const CIDRS = [
  '10.20.30.0/24', '10.20.30.0/26', '10.20.30.0/28', '10.20.30.64/27', '10.20.31.0/26', '192.168.7.0/28',
  '192.168.7.8/29', '198.51.100.0/24', '198.51.100.0/28', '10.20.30.4/30', '10.20.30.0/31', '300.1.1.0/24', '10.20.30.0',
];
const IPS = [
  '10.20.30.1', '10.20.30.2', '10.20.30.3', '10.20.30.5', '10.20.30.62', '10.20.30.63', '10.20.31.5', '192.168.7.3',
  '192.168.7.9', '198.51.100.1', '198.51.100.5', '198.51.100.12', '1.2.3.4', '10.20.30.0',
];

/** A line whose names are fixed, or one naming a floating IP of the state it runs in (`pick` -1: the newest). */
export type Cmd = { line: string } | { fip: (address: string) => string; pick: number };

const name = (pool: string[], missing = 0.1) => fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: Math.round((1 - missing) * 10) }, { arbitrary: fc.constantFrom(...MISSING), weight: Math.round(missing * 10) });
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
const line = (arb: fc.Arbitrary<string>): fc.Arbitrary<Cmd> => arb.map((l) => ({ line: l }));
const fipCmd = (arb: fc.Arbitrary<(address: string) => string>): fc.Arbitrary<Cmd> =>
  fc.tuple(arb, fc.nat(4)).map(([fip, pick]) => ({ fip, pick }));

/** A small allocation pool at the start of a CIDR (three addresses from .2), or nothing for bad CIDRs. */
function smallPool(cidr: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m || Number(m[5]) > 29 || Number(m[1]) > 255) return '';
  const base = `${m[1]}.${m[2]}.${m[3]}.`;
  return ` --allocation-pool start=${base}${Number(m[4]) + 2},end=${base}${Number(m[4]) + 4}`;
}

const networkCreate = line(
  fc.tuple(name(NETS, 0), fc.constantFrom('vxlan', 'vxlan-segment', 'flat-external', 'flat', 'vxlan-external'), fc.constantFrom(100, 101, 4000)).map(([n, kind, vni]) => {
    switch (kind) {
      case 'vxlan-segment': return `openstack network create --provider-network-type vxlan --provider-segment ${vni} ${n}`;
      case 'flat-external': return `openstack network create --external --provider-network-type flat --provider-physical-network provider ${n}`;
      case 'flat': return `openstack network create --share --provider-network-type flat --provider-physical-network provider ${n}`;
      case 'vxlan-external': return `openstack network create --external ${n}`;
      default: return `openstack network create ${n}`;
    }
  }),
);

const subnetCreate = line(
  fc.record({
    n: name(SUBNETS, 0), net: name(NETS), cidr: fc.constantFrom(...CIDRS), noDhcp: fc.boolean(),
    gateway: fc.constantFrom('auto', 'none', 'explicit'), gatewayIp: fc.constantFrom(...IPS), small: fc.boolean(), dns: fc.boolean(),
  }).map(({ n, net, cidr, noDhcp, gateway, gatewayIp, small, dns }) => {
    const gw = gateway === 'none' ? ' --gateway none' : gateway === 'explicit' ? ` --gateway ${gatewayIp}` : '';
    return `openstack subnet create --network ${net} --subnet-range ${cidr}${gw}${small ? smallPool(cidr) : ''}${dns ? ' --dns-nameserver 8.8.4.4' : ''}${noDhcp ? ' --no-dhcp' : ''} ${n}`;
  }),
);

const routerCreate = line(
  fc.tuple(name(ROUTERS, 0), opt(name(NETS)), fc.boolean()).map(([r, gw, noSnat]) =>
    `openstack router create${gw ? ` --external-gateway ${gw}${noSnat ? ' --disable-snat' : ''}` : ''} ${r}`),
);

const routerInterface = line(
  fc.tuple(fc.constantFrom('add', 'remove'), fc.constantFrom('subnet', 'port'), name(ROUTERS), name(SUBNETS), name(PORTS)).map(([op, kind, r, s, p]) =>
    `openstack router ${op} ${kind} ${r} ${kind === 'subnet' ? s : p}`),
);

const routerGateway = line(
  fc.tuple(name(ROUTERS), name(NETS), fc.constantFrom('', ' --disable-snat', ' --enable-snat'), opt(fc.constantFrom(...IPS)), fc.boolean()).map(([r, net, snat, ip, unset]) =>
    unset ? `openstack router unset --external-gateway ${r}` : `openstack router set ${r} --external-gateway ${net}${snat}${ip ? ` --fixed-ip ip-address=${ip}` : ''}`),
);

const portCreate = line(
  fc.record({
    n: name(PORTS, 0), net: name(NETS), fixed: fc.constantFrom('none', 'ip', 'subnet', 'subnet-ip', 'no-fixed-ip'),
    ip: fc.constantFrom(...IPS), subnet: name(SUBNETS), mac: fc.boolean(),
  }).map(({ n, net, fixed, ip, subnet, mac }) => {
    const f = fixed === 'ip' ? ` --fixed-ip ip-address=${ip}` : fixed === 'subnet' ? ` --fixed-ip subnet=${subnet}` : fixed === 'subnet-ip' ? ` --fixed-ip subnet=${subnet},ip-address=${ip}` : fixed === 'no-fixed-ip' ? ' --no-fixed-ip' : '';
    return `openstack port create --network ${net}${f}${mac ? ' --mac-address fa:16:3e:00:00:01' : ''} ${n}`;
  }),
);

const nic = fc.oneof(
  name(NETS).map((n) => `--nic net-id=${n}`),
  name(PORTS).map((p) => `--nic port-id=${p}`),
  fc.tuple(name(NETS), fc.constantFrom(...IPS)).map(([n, ip]) => `--nic net-id=${n},v4-fixed-ip=${ip}`),
);

const serverCreate = line(
  fc.tuple(name(SERVERS, 0), fc.array(nic, { maxLength: 2 }), fc.constantFrom('', ' --availability-zone nova:compute1', ' --availability-zone nova:compute3', ' --availability-zone nova:compute9', ' --availability-zone nova')).map(([s, nics, az]) =>
    `openstack server create --flavor m1.nano --image cirros ${nics.join(' ')}${az} ${s}`.replace(/ {2,}/g, ' ')),
);

const floatingIpCreate = line(
  fc.tuple(name(NETS), opt(fc.constantFrom('198.51.100.12', '198.51.100.5', '198.51.100.200', '10.20.30.5')), opt(name(PORTS))).map(([net, ip, port]) =>
    `openstack floating ip create${ip ? ` --floating-ip-address ${ip}` : ''}${port ? ` --port ${port}` : ''} ${net}`),
);

const floatingIpChange = fipCmd(
  fc.tuple(fc.constantFrom('server add', 'set', 'server remove', 'unset', 'delete'), name(SERVERS), name(PORTS)).map(([op, s, p]) => (fip: string) => {
    switch (op) {
      case 'server add': return `openstack server add floating ip ${s} ${fip}`;
      case 'set': return `openstack floating ip set --port ${p} ${fip}`;
      case 'server remove': return `openstack server remove floating ip ${s} ${fip}`;
      case 'unset': return `openstack floating ip unset --port ${fip}`;
      default: return `openstack floating ip delete ${fip}`;
    }
  }),
);

const volumes = line(
  fc.tuple(fc.constantFrom('create', 'add', 'remove', 'delete'), name(VOLUMES), name(SERVERS), fc.constantFrom('1', '2', '0')).map(([op, v, s, size]) => {
    switch (op) {
      case 'create': return `openstack volume create --size ${size} ${v}`;
      case 'add': return `openstack server add volume ${s} ${v}`;
      case 'remove': return `openstack server remove volume ${s} ${v}`;
      default: return `openstack volume delete ${v}`;
    }
  }),
);

const deletes = line(
  fc.constantFrom<[string, string[]]>(['network', NETS], ['subnet', SUBNETS], ['router', ROUTERS], ['port', PORTS], ['server', SERVERS]).chain(([kind, pool]) =>
    fc.array(name(pool), { minLength: 1, maxLength: 2 }).map((names) => `openstack ${kind} delete ${names.join(' ')}`)),
);

const readOnly = line(
  fc.constantFrom('openstack network list', 'openstack port list --long', 'openstack router show rt-1', 'openstack server list', 'openstack floating ip list', 'openstack subnet show sub-a -f json', 'openstack volume list'),
);

const junk = line(
  fc.constantFrom(
    '', '# a comment', '   ', 'ls -l', 'openstack frobnicate', 'openstack network create', 'openstack network create "unterminated',
    'openstack subnet create --network net-a sub-z', 'openstack router add subnet', 'openstack server create vm-9', 'openstack port create --network net-a --fixed-ip ip-address=999.1.1.1 bad-port',
    'openstack floating ip create', `openstack network create ${'x'.repeat(4100)}`, 'openstack network create --provider-network-type vlan --provider-physical-network provider vl',
    'openstack router set rt-1 --disable-snat', 'openstack network create --provider-segment abc seg',
  ),
);

const credentials = line(fc.constantFrom('. admin-openrc', '. demo-openrc', 'source admin-openrc', '. nobody-openrc'));

const command: fc.Arbitrary<Cmd> = fc.oneof(
  { arbitrary: networkCreate, weight: 4 },
  { arbitrary: subnetCreate, weight: 5 },
  { arbitrary: routerCreate, weight: 2 },
  { arbitrary: routerInterface, weight: 4 },
  { arbitrary: routerGateway, weight: 3 },
  { arbitrary: portCreate, weight: 4 },
  { arbitrary: serverCreate, weight: 5 },
  { arbitrary: floatingIpCreate, weight: 3 },
  { arbitrary: floatingIpChange, weight: 4 },
  { arbitrary: volumes, weight: 2 },
  { arbitrary: deletes, weight: 4 },
  { arbitrary: readOnly, weight: 1 },
  { arbitrary: junk, weight: 1 },
  { arbitrary: credentials, weight: 1 },
);

/**
 * Short coherent stories, so that random sequences also reach the deep states
 * (floating IPs in use, two subnets on a router, a VM on the flat network,
 * disabled SNAT, teardown in order) and not only early refusals.
 */
const story: fc.Arbitrary<Cmd[]> = fc.record({
  kind: fc.constantFrom('fip', 'second-network', 'flat-vm', 'volume', 'no-snat', 'two-subnets', 'port-fip', 'fip-cycle', 'scratch-network', 'teardown-vms', 'teardown'),
  vm: name(SERVERS, 0), net: fc.constantFrom('net-b', 'net-c'), sub: fc.constantFrom('sub-b', 'sub-c', 'sub-d'), vol: name(VOLUMES, 0),
  port: name(PORTS, 0), host: fc.constantFrom('', ' --availability-zone nova:compute1', ' --availability-zone nova:compute2'),
  cidr: fc.constantFrom('10.20.31.0/26', '192.168.7.0/28', '10.20.30.64/27'),
}).map(({ kind, vm, net, sub, vol, port, host, cidr }) => {
  const l = (text: string): Cmd => ({ line: text });
  const fip = (f: (a: string) => string): Cmd => ({ fip: f, pick: -1 });
  switch (kind) {
    case 'fip': return [l(`openstack server create --flavor m1.nano --image cirros --nic net-id=net-a${host} ${vm}`), l('openstack floating ip create ext'), fip((a) => `openstack server add floating ip ${vm} ${a}`)];
    case 'second-network': return [l(`openstack network create ${net}`), l(`openstack subnet create --network ${net} --subnet-range ${cidr} ${sub}`), l(`openstack router add subnet rt-1 ${sub}`), l(`openstack server create --flavor m1.nano --image cirros --nic net-id=${net}${host} ${vm}`)];
    case 'flat-vm': return [l(`openstack server create --flavor m1.nano --image cirros --nic net-id=ext${host} ${vm}`)];
    case 'volume': return [l(`openstack server create --flavor m1.nano --image cirros --nic net-id=net-a${host} ${vm}`), l(`openstack volume create --size 1 ${vol}`), l(`openstack server add volume ${vm} ${vol}`)];
    case 'no-snat': return [l('openstack router set rt-1 --external-gateway ext --disable-snat')];
    case 'two-subnets': return [l(`openstack subnet create --network net-a --subnet-range ${cidr} ${sub}`), l(`openstack server create --flavor m1.nano --image cirros --nic net-id=net-a${host} ${vm}`)];
    case 'port-fip': return [l(`openstack port create --network net-a ${port}`), l(`openstack server create --flavor m1.nano --image cirros --nic port-id=${port}${host} ${vm}`), l('openstack floating ip create ext'), fip((a) => `openstack floating ip set --port ${port} ${a}`)];
    case 'fip-cycle': return [
      l(`openstack server create --flavor m1.nano --image cirros --nic net-id=net-a${host} ${vm}`), l('openstack floating ip create ext'),
      fip((a) => `openstack server add floating ip ${vm} ${a}`), fip((a) => `openstack server remove floating ip ${vm} ${a}`), fip((a) => `openstack floating ip delete ${a}`),
    ];
    case 'scratch-network': return [
      l(`openstack network create ${net}`), l(`openstack subnet create --network ${net} --subnet-range 192.168.7.0/28 ${sub}`),
      l(`openstack subnet create --network ${net} --subnet-range ${cidr} --no-dhcp sub-x`), l(`openstack port create --network ${net} ${port}`),
      l(`openstack port delete ${port}`), l(`openstack subnet delete sub-x`), l(`openstack network delete ${net}`),
    ];
    case 'teardown-vms': return [...SERVERS.map((v) => l(`openstack server delete ${v}`)), ...[1, 2, 3].map(() => fip((a) => `openstack floating ip delete ${a}`))];
    default: return [
      ...SERVERS.map((v) => l(`openstack server delete ${v}`)), ...[1, 2, 3].map(() => fip((a) => `openstack floating ip delete ${a}`)),
      ...PORTS.map((p) => l(`openstack port delete ${p}`)), ...SUBNETS.map((x) => l(`openstack router remove subnet rt-1 ${x}`)),
      l('openstack router unset --external-gateway rt-1'), ...ROUTERS.map((r) => l(`openstack router delete ${r}`)), ...NETS.map((n) => l(`openstack network delete ${n}`)),
    ];
  }
});

/** A topology most sequences can build on: external flat network, a tenant network on a router with a gateway. */
export const BASE = [
  '. admin-openrc',
  'openstack network create --external --provider-network-type flat --provider-physical-network provider ext',
  'openstack subnet create --network ext --subnet-range 198.51.100.0/24 --gateway 198.51.100.1 --allocation-pool start=198.51.100.10,end=198.51.100.20 --no-dhcp ext-sub',
  'openstack network create net-a',
  'openstack subnet create --network net-a --subnet-range 10.20.30.0/26 sub-a',
  'openstack router create rt-1',
  'openstack router set rt-1 --external-gateway ext',
  'openstack router add subnet rt-1 sub-a',
];

export interface Scenario {
  base: boolean;
  commands: Cmd[];
  computes: number;
  seed: string;
}

/** 5 to 40 lines: single random commands mixed with stories. */
export const scenario: fc.Arbitrary<Scenario> = fc.record({
  base: fc.integer({ min: 0, max: 2 }).map((n) => n > 0),
  commands: fc.array(fc.oneof({ arbitrary: command.map((c) => [c]), weight: 3 }, { arbitrary: story, weight: 1 }), { minLength: 3, maxLength: 25 })
    .map((chunks) => chunks.flat())
    .filter((cmds) => cmds.length >= 5)
    .map((cmds) => cmds.slice(0, 40)),
  computes: fc.integer({ min: 1, max: 4 }),
  seed: fc.string({ minLength: 1, maxLength: 6 }),
});

/** The concrete line for a command in the current state (a floating IP is named by address or ID, or is missing). */
export function render(cloud: Cloud, cmd: Cmd): string {
  if ('line' in cmd) return cmd.line;
  const fips = Object.values(cloud.db.floatingIps);
  const fip = cmd.pick < 0 ? fips.at(-1) : fips[cmd.pick % (fips.length + 1)];
  const key = fip ? (cmd.pick % 2 ? fip.id : fip.floatingIpAddress) : '198.51.100.99';
  return cmd.fip(key);
}
