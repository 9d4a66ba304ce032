/** `openstack network …` and `openstack subnet …` */
import { ClientError } from '../../core/errors.js';
import type { AllocationPool, HostRoute } from '../../core/types.js';
import { createNetwork, deleteNetwork } from '../../neutron/network.js';
import { createSubnet, deleteSubnet } from '../../neutron/subnet.js';
import { faults } from '../../neutron/faults.js';
import { flag, list, parseKeyValues, pos, str } from '../args.js';
import { networkDict, subnetDict } from '../dicts.js';
import { presentNetworkList, presentNetworkShow, presentSubnetList, presentSubnetShow } from '../present/index.js';
import { findNetwork, findSubnet } from '../resolve.js';
import { ArgparseError } from '../errors.js';
import { type CommandDef, printed, deleteEach, outputOptions, withOutput } from './command.js';

const ID = { '--id': {} };

export const networkCommands: CommandDef[] = [
  {
    path: ['network', 'create'],
    spec: withOutput({
      positionals: [{ name: 'name' }],
      options: {
        ...ID, '--share': { flag: true }, '--no-share': { flag: true }, '--enable': { flag: true }, '--disable': { flag: true },
        '--external': { flag: true }, '--internal': { flag: true }, '--default': { flag: true }, '--no-default': { flag: true },
        '--provider-network-type': {}, '--provider-physical-network': {}, '--provider-segment': {}, '--description': {}, '--mtu': {},
      },
      exclusive: [['--share', '--no-share'], ['--external', '--internal'], ['--enable', '--disable']],
    }),
    run(ctx, args) {
      const segment = str(args, 'provider-segment');
      if (segment !== undefined && !/^\d+$/.test(segment)) throw faults.invalidInput(`'${segment}' is not an integer`);
      const network = createNetwork(ctx, {
        name: pos(args, 'name'), shared: flag(args, 'share'), external: flag(args, 'external'),
        ...(str(args, 'id') ? { id: str(args, 'id')! } : {}),
        ...(str(args, 'provider-network-type') ? { networkType: str(args, 'provider-network-type')! } : {}),
        ...(str(args, 'provider-physical-network') ? { physicalNetwork: str(args, 'provider-physical-network')! } : {}),
        ...(segment !== undefined ? { segment: Number(segment) } : {}),
        ...(str(args, 'description') ? { description: str(args, 'description')! } : {}),
        ...(str(args, 'mtu') !== undefined ? { mtu: str(args, 'mtu')! } : {}),
      });
      return printed(ctx, () => presentNetworkShow(networkDict(ctx.cloud, network), outputOptions(args)));
    },
  },
  {
    path: ['network', 'show'],
    spec: withOutput({ positionals: [{ name: 'network' }], options: {} }),
    run: (ctx, args) => presentNetworkShow(networkDict(ctx.cloud, findNetwork(ctx.cloud, pos(args, 'network'))), outputOptions(args)),
  },
  {
    path: ['network', 'list'],
    spec: withOutput({
      positionals: [],
      options: { '--long': { flag: true }, '--external': { flag: true }, '--internal': { flag: true }, '--name': {}, '--provider-network-type': {}, '--share': { flag: true }, '--no-share': { flag: true } },
    }),
    run(ctx, args) {
      let rows = Object.values(ctx.cloud.db.networks);
      if (flag(args, 'external')) rows = rows.filter((n) => n.external);
      if (flag(args, 'internal')) rows = rows.filter((n) => !n.external);
      if (flag(args, 'share')) rows = rows.filter((n) => n.shared);
      if (flag(args, 'no-share')) rows = rows.filter((n) => !n.shared);
      const name = str(args, 'name');
      if (name !== undefined) rows = rows.filter((n) => n.name === name);
      const type = str(args, 'provider-network-type');
      if (type !== undefined) rows = rows.filter((n) => n.networkType === type);
      return presentNetworkList(rows.map((n) => networkDict(ctx.cloud, n)), outputOptions(args, { long: flag(args, 'long') }));
    },
  },
  {
    path: ['network', 'delete'],
    spec: { positionals: [{ name: 'network', repeat: true }], options: {} },
    run: (ctx, args) => deleteEach(ctx, 'network delete', 'network', args.positionals['network'] as string[], (key) => deleteNetwork(ctx, findNetwork(ctx.cloud, key).id)),
  },
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
      const pools: AllocationPool[] = list(args, 'allocation-pool').map((p) => {
        const kv = parseKeyValues('--allocation-pool', p, ['start', 'end']);
        if (!kv['start'] || !kv['end']) throw new ClientError("openstack: error: argument --allocation-pool: Missing required keys end, start.\nRequired keys are: end, start.", 2);
        return { start: kv['start'], end: kv['end'] };
      });
      const routes: HostRoute[] = list(args, 'host-route').map((r) => {
        const kv = parseKeyValues('--host-route', r, ['destination', 'gateway']);
        if (!kv['destination'] || !kv['gateway']) throw new ClientError("openstack: error: argument --host-route: Missing required keys destination, gateway.\nRequired keys are: destination, gateway.", 2);
        return { destination: kv['destination'], nexthop: kv['gateway'] };
      });
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
];
