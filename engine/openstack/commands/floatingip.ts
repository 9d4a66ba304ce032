/** `openstack floating ip …` and `openstack server add|remove floating ip` */
import { ClientError, ServiceError } from '../../core/errors.js';
import { associateFloatingIp, checkAssociation, createFloatingIp, deleteFloatingIp, disassociateFloatingIp } from '../../neutron/floatingip.js';
import { flag, pos, str } from '../args.js';
import { floatingIpDict } from '../dicts.js';
import { NO_PORTS_FOR_FLOATING_IP, presentFloatingIpCreate, presentFloatingIpList, presentFloatingIpShow } from '../present/index.js';
import { findFloatingIp, findNetwork, findPort, findServer } from '../resolve.js';
import { type CommandDef, printed, EMPTY, deleteEach, outputOptions, withOutput } from './command.js';

export const floatingIpCommands: CommandDef[] = [
  {
    path: ['floating', 'ip', 'create'],
    spec: withOutput({
      positionals: [{ name: 'network' }],
      options: { '--id': {}, '--floating-ip-address': {}, '--port': {}, '--fixed-ip-address': {}, '--description': {}, '--subnet': {} },
    }),
    run(ctx, args) {
      const network = findNetwork(ctx.cloud, pos(args, 'network'));
      const portKey = str(args, 'port');
      const port = portKey ? findPort(ctx.cloud, portKey) : undefined;
      // One POST with port_id: neutron refuses the whole request if the association cannot be made.
      if (port) checkAssociation(ctx, { id: '', floatingIpAddress: str(args, 'floating-ip-address') ?? '', floatingNetworkId: network.id }, port.id, str(args, 'fixed-ip-address'));
      const fip = createFloatingIp(ctx, {
        networkId: network.id,
        ...(str(args, 'id') ? { id: str(args, 'id')! } : {}),
        ...(str(args, 'floating-ip-address') ? { floatingIpAddress: str(args, 'floating-ip-address')! } : {}),
        ...(str(args, 'description') ? { description: str(args, 'description')! } : {}),
      });
      if (port) associateFloatingIp(ctx, fip.id, port.id, str(args, 'fixed-ip-address'));
      return printed(ctx, () => presentFloatingIpCreate(floatingIpDict(ctx.cloud, fip), outputOptions(args)));
    },
  },
  {
    path: ['floating', 'ip', 'show'],
    spec: withOutput({ positionals: [{ name: 'floating-ip' }], options: {} }),
    run: (ctx, args) => presentFloatingIpShow(floatingIpDict(ctx.cloud, findFloatingIp(ctx.cloud, pos(args, 'floating-ip'))), outputOptions(args)),
  },
  {
    path: ['floating', 'ip', 'list'],
    spec: withOutput({ positionals: [], options: { '--long': { flag: true }, '--network': {}, '--port': {}, '--router': {}, '--status': {} } }),
    run(ctx, args) {
      let rows = Object.values(ctx.cloud.db.floatingIps);
      const net = str(args, 'network');
      if (net !== undefined) {
        const id = findNetwork(ctx.cloud, net).id;
        rows = rows.filter((f) => f.floatingNetworkId === id);
      }
      const port = str(args, 'port');
      if (port !== undefined) {
        const id = findPort(ctx.cloud, port).id;
        rows = rows.filter((f) => f.portId === id);
      }
      const status = str(args, 'status');
      if (status !== undefined) rows = rows.filter((f) => f.status === status);
      return presentFloatingIpList(rows.map((f) => floatingIpDict(ctx.cloud, f)), outputOptions(args, { long: flag(args, 'long') }));
    },
  },
  {
    path: ['floating', 'ip', 'set'],
    spec: { positionals: [{ name: 'floating-ip' }], options: { '--port': {}, '--fixed-ip-address': {}, '--description': {} } },
    run(ctx, args) {
      const fip = findFloatingIp(ctx.cloud, pos(args, 'floating-ip'));
      const port = str(args, 'port');
      if (port) associateFloatingIp(ctx, fip.id, findPort(ctx.cloud, port).id, str(args, 'fixed-ip-address'));
      if (str(args, 'description') !== undefined) fip.description = str(args, 'description')!;
      return EMPTY;
    },
  },
  {
    path: ['floating', 'ip', 'unset'],
    spec: { positionals: [{ name: 'floating-ip' }], options: { '--port': { flag: true } } },
    run(ctx, args) {
      const fip = findFloatingIp(ctx.cloud, pos(args, 'floating-ip'));
      if (flag(args, 'port')) disassociateFloatingIp(ctx, fip.id);
      return EMPTY;
    },
  },
  {
    path: ['floating', 'ip', 'delete'],
    spec: { positionals: [{ name: 'floating-ip', repeat: true }], options: {} },
    run: (ctx, args) => deleteEach(ctx, 'floating ip delete', 'floating_ip', args.positionals['floating-ip'] as string[], (key) => deleteFloatingIp(ctx, findFloatingIp(ctx.cloud, key).id)),
  },
  {
    path: ['server', 'add', 'floating', 'ip'],
    spec: { positionals: [{ name: 'server' }, { name: 'ip-address' }], options: { '--fixed-ip-address': {} } },
    run(ctx, args) {
      const server = findServer(ctx.cloud, pos(args, 'server'));
      const fip = findFloatingIp(ctx.cloud, pos(args, 'ip-address'));
      const fixed = str(args, 'fixed-ip-address');
      // OSC tries each port of the server until one can reach the floating network.
      let last: unknown;
      for (const portId of server.portIds) {
        const port = ctx.cloud.db.ports[portId];
        if (!port || (fixed && !port.fixedIps.some((f) => f.ipAddress === fixed))) continue;
        try {
          associateFloatingIp(ctx, fip.id, port.id, fixed);
          return EMPTY;
        } catch (e) {
          if (!(e instanceof ServiceError && e.status === 404)) throw e;
          last = e;
        }
      }
      throw last ?? new ClientError(NO_PORTS_FOR_FLOATING_IP);
    },
  },
  {
    path: ['server', 'remove', 'floating', 'ip'],
    spec: { positionals: [{ name: 'server' }, { name: 'ip-address' }], options: {} },
    run(ctx, args) {
      findServer(ctx.cloud, pos(args, 'server'));
      disassociateFloatingIp(ctx, findFloatingIp(ctx.cloud, pos(args, 'ip-address')).id);
      return EMPTY;
    },
  },
];
