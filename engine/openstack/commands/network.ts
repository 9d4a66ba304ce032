/** `openstack network …` */
import { createNetwork, deleteNetwork } from '../../neutron/network.js';
import { faults } from '../../neutron/faults.js';
import { flag, pos, str } from '../args.js';
import { networkDict } from '../dicts.js';
import { presentNetworkList, presentNetworkShow } from '../present/index.js';
import { findNetwork } from '../resolve.js';
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
];
