/** `openstack server …`, `volume …`, and the catalog lookups (`image`, `flavor`, `project`). */
import { rebootServer, startServer, stopServer } from '../../nova/power.js';
import { ClientError } from '../../core/errors.js';
import { attachVolume, createVolume, deleteVolume, detachVolume } from '../../cinder/volume.js';
import { type NicRequest, createServer, deleteServer } from '../../nova/server.js';
import type { Ctx } from '../../core/context.js';
import type { Cloud } from '../../core/types.js';
import { type ParsedArgs, flag, list, parseKeyValues, pos, str } from '../args.js';
import { flavorDict, imageDict, serverDict, serverDictAtCreate, volumeDict } from '../dicts.js';
import * as present from '../present/index.js';
import { findFlavor, findImage, findNetwork, findPort, findServer, findVolume } from '../resolve.js';
import { ArgparseError } from '../errors.js';
import { type CommandDef, printed, EMPTY, deleteEach, outputOptions, withOutput } from './command.js';

function nics(ctx: Ctx, args: ParsedArgs): NicRequest[] {
  const out: NicRequest[] = [];
  for (const spec of list(args, 'nic')) {
    if (spec === 'none' || spec === 'auto') continue;
    const kv = parseKeyValues('--nic', spec, ['net-id', 'port-id', 'v4-fixed-ip', 'v6-fixed-ip', 'tag']);
    if (kv['net-id'] && kv['port-id']) throw new ClientError("Invalid --nic argument 'net-id=..., port-id=...'. Either net-id or port-id should be specified but not both.");
    if (kv['port-id']) out.push({ portId: findPort(ctx.cloud, kv['port-id']).id });
    else if (kv['net-id']) {
      const netId = findNetwork(ctx.cloud, kv['net-id']).id;
      out.push(kv['v4-fixed-ip'] ? { netId, fixedIp: kv['v4-fixed-ip'] } : { netId });
    } else throw new ClientError(`Invalid --nic argument '${spec}'. Either net-id or port-id should be specified but not both.`);
  }
  for (const n of list(args, 'network')) out.push({ netId: findNetwork(ctx.cloud, n).id });
  for (const p of list(args, 'port')) out.push({ portId: findPort(ctx.cloud, p).id });
  return out;
}

/** `--availability-zone ZONE[:HOST[:NODE]]` */
function placement(zone: string | undefined): { az?: string; host?: string } {
  if (!zone) return {};
  const [az, host] = zone.split(':');
  return { ...(az ? { az } : {}), ...(host ? { host } : {}) };
}

/** nova's generated admin password alphabet (utils.generate_password default symbol groups). */
const PASSWORD_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

function lookups(cloud: Cloud): present.ServerLookups {
  return { images: Object.values(cloud.db.images).map((i) => imageDict(cloud, i)), flavors: Object.values(cloud.db.flavors).map(flavorDict) };
}

export const serverCommands: CommandDef[] = [
  {
    path: ['server', 'create'],
    spec: withOutput({
      positionals: [{ name: 'server-name' }],
      options: {
        '--id': {}, '--flavor': {}, '--image': {}, '--nic': { repeat: true }, '--network': { repeat: true }, '--port': { repeat: true },
        '--availability-zone': {}, '--security-group': { repeat: true }, '--key-name': {}, '--wait': { flag: true }, '--min': {}, '--max': {},
      },
    }),
    run(ctx, args) {
      const flavorKey = str(args, 'flavor');
      const imageKey = str(args, 'image');
      if (!flavorKey) throw new ArgparseError('the following arguments are required: --flavor', ['--flavor']);
      if (!imageKey) throw new ClientError('Either --image, --image-property, --volume or --snapshot is required');
      const where = placement(str(args, 'availability-zone'));
      const server = createServer(ctx, {
        name: pos(args, 'server-name'), flavorId: findFlavor(ctx.cloud, flavorKey).id, imageId: findImage(ctx.cloud, imageKey).id,
        nics: nics(ctx, args),
        ...(str(args, 'id') ? { id: str(args, 'id')! } : {}),
        ...(where.host ? { forcedHost: where.host } : {}),
        ...(where.az ? { availabilityZone: where.az } : {}),
      });
      const adminPass = Array.from({ length: 12 }, () => PASSWORD_CHARS[ctx.random.int('admin-pass', PASSWORD_CHARS.length)]).join('');
      return printed(ctx, () => present.presentServerCreate(flag(args, 'wait') ? serverDict(ctx.cloud, server) : serverDictAtCreate(ctx.cloud, server), { adminPass, security_groups: [{ name: 'default' }] }, lookups(ctx.cloud), outputOptions(args)));
    },
  },
  {
    path: ['server', 'show'],
    spec: withOutput({ positionals: [{ name: 'server' }], options: {} }),
    run: (ctx, args) => present.presentServerShow(serverDict(ctx.cloud, findServer(ctx.cloud, pos(args, 'server'))), lookups(ctx.cloud), outputOptions(args)),
  },
  {
    path: ['server', 'list'],
    spec: withOutput({ positionals: [], options: { '--long': { flag: true }, '--name': {}, '--status': {}, '--host': {} } }),
    run(ctx, args) {
      let rows = Object.values(ctx.cloud.db.servers);
      const name = str(args, 'name');
      if (name !== undefined) rows = rows.filter((s) => new RegExp(name).test(s.name));
      const status = str(args, 'status');
      if (status !== undefined) rows = rows.filter((s) => s.status === status);
      const host = str(args, 'host');
      if (host !== undefined) rows = rows.filter((s) => s.host === host);
      // nova lists newest first.
      return present.presentServerList(rows.reverse().map((s) => serverDict(ctx.cloud, s)), lookups(ctx.cloud), outputOptions(args, { long: flag(args, 'long') }));
    },
  },
  {
    path: ['server', 'delete'],
    spec: { positionals: [{ name: 'server', repeat: true }], options: { '--wait': { flag: true } } },
    run: (ctx, args) => deleteEach(ctx, 'server delete', 'server', args.positionals['server'] as string[], (key) => deleteServer(ctx, findServer(ctx.cloud, key).id)),
  },
  // stop / start / reboot: the client finds each server, then asks nova; the first refusal ends the command.
  ...(['stop', 'start'] as const).map((verb): CommandDef => ({
    path: ['server', verb],
    spec: { positionals: [{ name: 'server', repeat: true }], options: { '--all-projects': { flag: true } } },
    run(ctx, args) {
      for (const key of args.positionals['server'] as string[]) (verb === 'stop' ? stopServer : startServer)(ctx, findServer(ctx.cloud, key));
      return EMPTY;
    },
  })),
  {
    path: ['server', 'reboot'],
    spec: { positionals: [{ name: 'server' }], options: { '--hard': { flag: true }, '--soft': { flag: true }, '--wait': { flag: true } }, exclusive: [['--hard', '--soft']] },
    run(ctx, args) {
      rebootServer(ctx, findServer(ctx.cloud, pos(args, 'server')), flag(args, 'hard'));
      return EMPTY;
    },
  },
  {
    path: ['server', 'add', 'volume'],
    spec: withOutput({ positionals: [{ name: 'server' }, { name: 'volume' }], options: { '--device': {}, '--tag': {}, '--enable-delete-on-termination': { flag: true }, '--disable-delete-on-termination': { flag: true } } }),
    run(ctx, args) {
      const server = findServer(ctx.cloud, pos(args, 'server'));
      const volume = findVolume(ctx.cloud, pos(args, 'volume'));
      const attachment = attachVolume(ctx, server, volume);
      return printed(ctx, () => present.presentServerAddVolume({ id: volume.id, serverId: server.id, volumeId: volume.id, device: attachment.device, tag: null, delete_on_termination: false }, outputOptions(args)));
    },
  },
  {
    path: ['server', 'remove', 'volume'],
    spec: { positionals: [{ name: 'server' }, { name: 'volume' }], options: {} },
    run(ctx, args) {
      detachVolume(ctx, findServer(ctx.cloud, pos(args, 'server')), findVolume(ctx.cloud, pos(args, 'volume')));
      return EMPTY;
    },
  },
  {
    path: ['volume', 'create'],
    spec: withOutput({ positionals: [{ name: 'name' }], options: { '--id': {}, '--size': {}, '--description': {} } }),
    run(ctx, args) {
      const size = str(args, 'size');
      if (size === undefined) throw new ClientError(present.VOLUME_SIZE_REQUIRED);
      if (!/^-?\d+$/.test(size)) throw new ClientError(`openstack volume create: error: argument --size: invalid int value: '${size}'`, 2);
      const volume = createVolume(ctx, { name: pos(args, 'name'), size: Number(size), ...(str(args, 'id') ? { id: str(args, 'id')! } : {}), ...(str(args, 'description') ? { description: str(args, 'description')! } : {}) });
      return printed(ctx, () => present.presentVolumeShow(volumeDict(ctx.cloud, volume), outputOptions(args)));
    },
  },
  {
    path: ['volume', 'show'],
    spec: withOutput({ positionals: [{ name: 'volume' }], options: {} }),
    run: (ctx, args) => present.presentVolumeShow(volumeDict(ctx.cloud, findVolume(ctx.cloud, pos(args, 'volume'))), outputOptions(args)),
  },
  {
    path: ['volume', 'list'],
    spec: withOutput({ positionals: [], options: { '--long': { flag: true } } }),
    run(ctx, args) {
      const names = new Map(Object.values(ctx.cloud.db.servers).map((s) => [s.id, s.name] as [string, string]));
      return present.presentVolumeList(Object.values(ctx.cloud.db.volumes).reverse().map((v) => volumeDict(ctx.cloud, v)), names, outputOptions(args, { long: flag(args, 'long') }));
    },
  },
  {
    path: ['volume', 'delete'],
    spec: { positionals: [{ name: 'volume', repeat: true }], options: {} },
    run: (ctx, args) => deleteEach(ctx, 'volume delete', 'volume', args.positionals['volume'] as string[], (key) => deleteVolume(ctx, findVolume(ctx.cloud, key).id)),
  },
];

export const catalogCommands: CommandDef[] = [
  {
    path: ['image', 'list'],
    spec: withOutput({ positionals: [], options: { '--long': { flag: true } } }),
    run: (ctx, args) => present.presentImageList(Object.values(ctx.cloud.db.images).map((i) => imageDict(ctx.cloud, i)), outputOptions(args, { long: flag(args, 'long') })),
  },
  {
    path: ['image', 'show'],
    spec: withOutput({ positionals: [{ name: 'image' }], options: {} }),
    run: (ctx, args) => present.presentImageShow(imageDict(ctx.cloud, findImage(ctx.cloud, pos(args, 'image'))), outputOptions(args)),
  },
  {
    path: ['flavor', 'list'],
    spec: withOutput({ positionals: [], options: { '--long': { flag: true }, '--all': { flag: true }, '--public': { flag: true } } }),
    run: (ctx, args) => present.presentFlavorList(Object.values(ctx.cloud.db.flavors).map(flavorDict), outputOptions(args, { long: flag(args, 'long') })),
  },
  {
    path: ['flavor', 'show'],
    spec: withOutput({ positionals: [{ name: 'flavor' }], options: {} }),
    run: (ctx, args) => present.presentFlavorShow(flavorDict(findFlavor(ctx.cloud, pos(args, 'flavor'))), null, outputOptions(args)),
  },
];
