/** `openstack port …` */
import { ClientError } from '../../core/errors.js';
import { createPort, deletePort } from '../../neutron/port.js';
import { flag, list, parseKeyValues, pos, str } from '../args.js';
import { portDict } from '../dicts.js';
import { presentPortList, presentPortShow } from '../present/index.js';
import { findNetwork, findPort, findRouter, findServer, findSubnet } from '../resolve.js';
import { ArgparseError } from '../errors.js';
import { type CommandDef, printed, deleteEach, outputOptions, withOutput } from './command.js';

export const portCommands: CommandDef[] = [
  {
    path: ['port', 'create'],
    spec: withOutput({
      positionals: [{ name: 'name' }],
      options: {
        '--id': {}, '--network': {}, '--mac-address': {}, '--fixed-ip': { repeat: true }, '--no-fixed-ip': { flag: true },
        '--device': {}, '--device-owner': {}, '--description': {}, '--enable': { flag: true }, '--disable': { flag: true },
      },
      exclusive: [['--fixed-ip', '--no-fixed-ip']],
    }),
    run(ctx, args) {
      const netKey = str(args, 'network');
      if (!netKey) throw new ArgparseError('the following arguments are required: --network', ['--network']);
      const network = findNetwork(ctx.cloud, netKey);
      const fixedIps = list(args, 'fixed-ip').map((spec) => {
        const kv = parseKeyValues('--fixed-ip', spec, ['subnet', 'ip-address']);
        return {
          ...(kv['subnet'] ? { subnetId: findSubnet(ctx.cloud, kv['subnet']).id } : {}),
          ...(kv['ip-address'] ? { ipAddress: kv['ip-address'] } : {}),
        };
      });
      const port = createPort(ctx, {
        name: pos(args, 'name'), networkId: network.id,
        ...(str(args, 'id') ? { id: str(args, 'id')! } : {}),
        ...(str(args, 'mac-address') ? { macAddress: str(args, 'mac-address')! } : {}),
        ...(flag(args, 'no-fixed-ip') ? { fixedIps: [] } : fixedIps.length ? { fixedIps } : {}),
        ...(str(args, 'device') ? { deviceId: str(args, 'device')! } : {}),
        ...(str(args, 'device-owner') ? { deviceOwner: str(args, 'device-owner')! } : {}),
        ...(str(args, 'description') ? { description: str(args, 'description')! } : {}),
      });
      return printed(ctx, () => presentPortShow(portDict(port), outputOptions(args)));
    },
  },
  {
    path: ['port', 'show'],
    spec: withOutput({ positionals: [{ name: 'port' }], options: {} }),
    run: (ctx, args) => presentPortShow(portDict(findPort(ctx.cloud, pos(args, 'port'))), outputOptions(args)),
  },
  {
    path: ['port', 'list'],
    spec: withOutput({
      positionals: [],
      options: { '--long': { flag: true }, '--network': {}, '--device-owner': {}, '--router': {}, '--server': {}, '--mac-address': {}, '--fixed-ip': { repeat: true }, '--name': {} },
    }),
    run(ctx, args) {
      const c = ctx.cloud;
      let rows = Object.values(c.db.ports);
      const net = str(args, 'network');
      if (net !== undefined) {
        const id = findNetwork(c, net).id;
        rows = rows.filter((p) => p.networkId === id);
      }
      const owner = str(args, 'device-owner');
      if (owner !== undefined) rows = rows.filter((p) => p.deviceOwner === owner);
      const router = str(args, 'router');
      if (router !== undefined) {
        const id = findRouter(c, router).id;
        rows = rows.filter((p) => p.deviceId === id);
      }
      const server = str(args, 'server');
      if (server !== undefined) {
        const id = findServer(c, server).id;
        rows = rows.filter((p) => p.deviceId === id);
      }
      const mac = str(args, 'mac-address');
      if (mac !== undefined) rows = rows.filter((p) => p.macAddress === mac.toLowerCase());
      const name = str(args, 'name');
      if (name !== undefined) rows = rows.filter((p) => p.name === name);
      for (const spec of list(args, 'fixed-ip')) {
        const kv = parseKeyValues('--fixed-ip', spec, ['subnet', 'ip-address', 'ip-substring']);
        const subnetId = kv['subnet'] ? findSubnet(c, kv['subnet']).id : undefined;
        rows = rows.filter((p) => p.fixedIps.some((f) => (!subnetId || f.subnetId === subnetId) && (!kv['ip-address'] || f.ipAddress === kv['ip-address']) && (!kv['ip-substring'] || f.ipAddress.includes(kv['ip-substring']))));
      }
      return presentPortList(rows.map(portDict), outputOptions(args, { long: flag(args, 'long') }));
    },
  },
  {
    path: ['port', 'delete'],
    spec: { positionals: [{ name: 'port', repeat: true }], options: {} },
    run: (ctx, args) => deleteEach(ctx, 'port delete', 'port', args.positionals['port'] as string[], (key) => deletePort(ctx, findPort(ctx.cloud, key).id)),
  },
];
