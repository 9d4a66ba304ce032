/** `openstack subnet …` */
import { ClientError } from '../../core/errors.js';
import type { AllocationPool, HostRoute } from '../../core/types.js';
import { createSubnet, deleteSubnet, updateSubnet, type SubnetUpdate } from '../../neutron/subnet.js';
import { faults } from '../../neutron/faults.js';
import { flag, list, parseKeyValues, pos, str, type ParsedArgs } from '../args.js';
import { subnetDict } from '../dicts.js';
import { presentSubnetList, presentSubnetShow } from '../present/index.js';
import { findNetwork, findSubnet } from '../resolve.js';
import { ArgparseError } from '../errors.js';
import { type CommandDef, EMPTY, printed, deleteEach, outputOptions, withOutput } from './command.js';

const ID = { '--id': {} };

function poolsOf(args: ParsedArgs): AllocationPool[] {
  return list(args, 'allocation-pool').map((p) => {
    const kv = parseKeyValues('--allocation-pool', p, ['start', 'end']);
    if (!kv['start'] || !kv['end']) throw new ClientError("openstack: error: argument --allocation-pool: Missing required keys end, start.\nRequired keys are: end, start.", 2);
    return { start: kv['start'], end: kv['end'] };
  });
}

function hostRoutesOf(args: ParsedArgs): HostRoute[] {
  return list(args, 'host-route').map((r) => {
    const kv = parseKeyValues('--host-route', r, ['destination', 'gateway']);
    if (!kv['destination'] || !kv['gateway']) throw new ClientError("openstack: error: argument --host-route: Missing required keys destination, gateway.\nRequired keys are: destination, gateway.", 2);
    return { destination: kv['destination'], nexthop: kv['gateway'] };
  });
}

const sameRoute = (a: HostRoute, b: HostRoute) => a.destination === b.destination && a.nexthop === b.nexthop;

export const subnetCommands: CommandDef[] = [
  {
    path: ['subnet', 'create'],
    spec: withOutput({
      positionals: [{ name: 'name' }],
      options: {
        ...ID, '--network': {}, '--subnet-range': {}, '--gateway': {}, '--dns-nameserver': { repeat: true }, '--no-dns-nameservers': { flag: true },
        '--allocation-pool': { repeat: true }, '--host-route': { repeat: true }, '--dhcp': { flag: true }, '--no-dhcp': { flag: true },
        '--ip-version': { choices: ['4', '6'] }, '--description': {},
      },
      exclusive: [['--dhcp', '--no-dhcp']],
    }),
    run(ctx, args) {
      const netKey = str(args, 'network');
      if (!netKey) throw new ArgparseError('the following arguments are required: --network', ['--network']);
      if (str(args, 'ip-version') === '6') throw new ClientError('StackTutor models IPv4 only: --ip-version 6 is not supported by this emulator', 1);
      const cidr = str(args, 'subnet-range');
      if (!cidr) throw faults.badRequest('subnets', 'a subnetpool must be specified in the absence of a cidr');
      const network = findNetwork(ctx.cloud, netKey);
      const gateway = str(args, 'gateway');
      const pools = poolsOf(args);
      const routes = hostRoutesOf(args);
      const subnet = createSubnet(ctx, {
        name: pos(args, 'name'), networkId: network.id, cidr,
        ...(str(args, 'id') ? { id: str(args, 'id')! } : {}),
        ...(gateway === undefined || gateway === 'auto' ? {} : { gatewayIp: gateway === 'none' ? null : gateway }),
        ...(pools.length ? { allocationPools: pools } : {}),
        dnsNameservers: list(args, 'dns-nameserver'), hostRoutes: routes, enableDhcp: !flag(args, 'no-dhcp'),
        ...(str(args, 'description') ? { description: str(args, 'description')! } : {}),
      });
      return printed(ctx, () => presentSubnetShow(subnetDict(subnet), outputOptions(args)));
    },
  },
  {
    path: ['subnet', 'show'],
    spec: withOutput({ positionals: [{ name: 'subnet' }], options: {} }),
    run: (ctx, args) => presentSubnetShow(subnetDict(findSubnet(ctx.cloud, pos(args, 'subnet'))), outputOptions(args)),
  },
  {
    path: ['subnet', 'list'],
    spec: withOutput({ positionals: [], options: { '--long': { flag: true }, '--network': {}, '--name': {}, '--dhcp': { flag: true }, '--no-dhcp': { flag: true } } }),
    run(ctx, args) {
      let rows = Object.values(ctx.cloud.db.subnets);
      const net = str(args, 'network');
      if (net !== undefined) {
        const id = findNetwork(ctx.cloud, net).id;
        rows = rows.filter((s) => s.networkId === id);
      }
      const name = str(args, 'name');
      if (name !== undefined) rows = rows.filter((s) => s.name === name);
      if (flag(args, 'dhcp')) rows = rows.filter((s) => s.enableDhcp);
      if (flag(args, 'no-dhcp')) rows = rows.filter((s) => !s.enableDhcp);
      return presentSubnetList(rows.map(subnetDict), outputOptions(args, { long: flag(args, 'long') }));
    },
  },
  {
    path: ['subnet', 'delete'],
    spec: { positionals: [{ name: 'subnet', repeat: true }], options: {} },
    run: (ctx, args) => deleteEach(ctx, 'subnet delete', 'subnet', args.positionals['subnet'] as string[], (key) => deleteSubnet(ctx, findSubnet(ctx.cloud, key).id)),
  },
  {
    // The client reads the subnet, appends what --dns-nameserver, --host-route and
    // --allocation-pool add (after --no-* cleared them), and sends one update.
    path: ['subnet', 'set'],
    spec: {
      positionals: [{ name: 'subnet' }],
      options: {
        '--name': {}, '--description': {}, '--dhcp': { flag: true }, '--no-dhcp': { flag: true }, '--gateway': {},
        '--dns-nameserver': { repeat: true }, '--no-dns-nameservers': { flag: true }, '--host-route': { repeat: true }, '--no-host-route': { flag: true },
        '--allocation-pool': { repeat: true }, '--no-allocation-pool': { flag: true },
      },
      exclusive: [['--dhcp', '--no-dhcp']],
    },
    run(ctx, args) {
      const subnet = findSubnet(ctx.cloud, pos(args, 'subnet'));
      if (str(args, 'gateway') !== undefined || poolsOf(args).length || flag(args, 'no-allocation-pool')) {
        throw new ClientError('StackTutor does not model changing a subnet\'s gateway or allocation pools after creation: create the subnet with them instead', 1);
      }
      const update: SubnetUpdate = {};
      if (str(args, 'name') !== undefined) update.name = str(args, 'name')!;
      if (str(args, 'description') !== undefined) update.description = str(args, 'description')!;
      if (flag(args, 'dhcp')) update.enableDhcp = true;
      if (flag(args, 'no-dhcp')) update.enableDhcp = false;
      const dns = list(args, 'dns-nameserver');
      if (dns.length || flag(args, 'no-dns-nameservers')) update.dnsNameservers = [...(flag(args, 'no-dns-nameservers') ? [] : subnet.dnsNameservers), ...dns];
      const routes = hostRoutesOf(args);
      if (routes.length || flag(args, 'no-host-route')) {
        const kept = flag(args, 'no-host-route') ? [] : subnet.hostRoutes;
        update.hostRoutes = [...kept, ...routes.filter((r) => !kept.some((k) => sameRoute(k, r)))];
      }
      updateSubnet(ctx, subnet.id, update);
      return EMPTY;
    },
  },
];
