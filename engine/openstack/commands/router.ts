/** `openstack router …` */
import { ClientError } from '../../core/errors.js';
import { addInterface, createRouter, deleteRouter, removeInterface, setGateway, unsetGateway } from '../../neutron/router.js';
import { routeRepr, updateRoutes } from '../../neutron/extraroute.js';
import { routerInterfacePorts } from '../../neutron/queries.js';
import { flag, list, parseKeyValues, pos, str } from '../args.js';
import { portDict, routerDict } from '../dicts.js';
import { presentRouterCreate, presentRouterList, presentRouterShow } from '../present/index.js';
import { findNetwork, findPort, findRouter, findSubnet } from '../resolve.js';
import { type CommandDef, printed, EMPTY, deleteEach, outputOptions, withOutput } from './command.js';
import type { Ctx } from '../../core/context.js';
import type { ParsedArgs } from '../args.js';
import type { HostRoute, Router } from '../../core/types.js';
import { ArgparseError } from '../errors.js';

function gatewayFixedIps(ctx: Ctx, args: ParsedArgs) {
  return list(args, 'fixed-ip').map((spec) => {
    const kv = parseKeyValues('--fixed-ip', spec, ['subnet', 'ip-address']);
    return { ...(kv['subnet'] ? { subnetId: findSubnet(ctx.cloud, kv['subnet']).id } : {}), ...(kv['ip-address'] ? { ipAddress: kv['ip-address'] } : {}) };
  });
}

const twoArgs = (second: string) => ({ positionals: [{ name: 'router' }, { name: second }], options: {} });

/** `--route destination=<subnet>,gateway=<ip-address>` (repeatable), as the client turns it into neutron's {destination, nexthop}. */
function routesOf(args: ParsedArgs): HostRoute[] {
  return list(args, 'route').map((spec) => {
    const kv = parseKeyValues('--route', spec, ['destination', 'gateway']);
    const missing = ['destination', 'gateway'].filter((k) => !kv[k]);
    if (missing.length) throw new ArgparseError(`argument --route: Missing required keys ${missing.join(', ')}.\nRequired keys are: destination, gateway.`);
    return { destination: kv['destination']!, nexthop: kv['gateway']! };
  });
}

const showRouter = (ctx: Ctx, router: Router, args: ParsedArgs) =>
  presentRouterShow(routerDict(ctx.cloud, router), routerInterfacePorts(ctx.cloud.db, router.id).map(portDict), outputOptions(args));

/** `router add route` / `router remove route`: the extraroute-atomic calls, which add what is missing or remove what is there. */
const atomicRoutes = (verb: 'add' | 'remove'): CommandDef => ({
  path: ['router', verb, 'route'],
  spec: withOutput({ positionals: [{ name: 'router' }], options: { '--route': { repeat: true } } }),
  run(ctx, args) {
    const router = findRouter(ctx.cloud, pos(args, 'router'));
    const given = routesOf(args);
    const keys = new Set(given.map(routeRepr));
    const routes = verb === 'add'
      ? [...router.routes, ...given.filter((r, i) => !router.routes.some((x) => routeRepr(x) === routeRepr(r)) && given.findIndex((x) => routeRepr(x) === routeRepr(r)) === i)]
      : router.routes.filter((r) => !keys.has(routeRepr(r)));
    return showRouter(ctx, updateRoutes(ctx, router.id, routes), args);
  },
});

export const routerCommands: CommandDef[] = [
  {
    path: ['router', 'create'],
    spec: withOutput({
      positionals: [{ name: 'name' }],
      options: { '--id': {}, '--description': {}, '--external-gateway': {}, '--fixed-ip': { repeat: true }, '--enable-snat': { flag: true }, '--disable-snat': { flag: true }, '--enable': { flag: true }, '--disable': { flag: true } },
      exclusive: [['--enable-snat', '--disable-snat']],
    }),
    run(ctx, args) {
      const ext = str(args, 'external-gateway');
      if (!ext && (flag(args, 'disable-snat') || flag(args, 'enable-snat') || list(args, 'fixed-ip').length)) {
        throw new ClientError("You must specify '--external-gateway' in order to specify SNAT or fixed-ip values");
      }
      const router = createRouter(ctx, {
        name: pos(args, 'name'),
        ...(str(args, 'id') ? { id: str(args, 'id')! } : {}),
        ...(str(args, 'description') ? { description: str(args, 'description')! } : {}),
        ...(ext ? { gateway: { networkId: findNetwork(ctx.cloud, ext).id, enableSnat: !flag(args, 'disable-snat'), fixedIps: gatewayFixedIps(ctx, args) } } : {}),
      });
      return printed(ctx, () => presentRouterCreate(routerDict(ctx.cloud, router), outputOptions(args)));
    },
  },
  {
    path: ['router', 'show'],
    spec: withOutput({ positionals: [{ name: 'router' }], options: {} }),
    run(ctx, args) {
      const router = findRouter(ctx.cloud, pos(args, 'router'));
      return presentRouterShow(routerDict(ctx.cloud, router), routerInterfacePorts(ctx.cloud.db, router.id).map(portDict), outputOptions(args));
    },
  },
  {
    path: ['router', 'list'],
    spec: withOutput({ positionals: [], options: { '--long': { flag: true }, '--name': {} } }),
    run(ctx, args) {
      const name = str(args, 'name');
      const rows = Object.values(ctx.cloud.db.routers).filter((r) => name === undefined || r.name === name);
      return presentRouterList(rows.map((r) => routerDict(ctx.cloud, r)), outputOptions(args, { long: flag(args, 'long') }));
    },
  },
  // router add|remove subnet|port ROUTER X: one interface, named by its subnet or by its port.
  ...(['add', 'remove'] as const).flatMap((verb) => (['subnet', 'port'] as const).map((kind): CommandDef => ({
    path: ['router', verb, kind],
    spec: twoArgs(kind),
    run(ctx, args) {
      const routerId = findRouter(ctx.cloud, pos(args, 'router')).id;
      const target = kind === 'subnet' ? { subnetId: findSubnet(ctx.cloud, pos(args, 'subnet')).id } : { portId: findPort(ctx.cloud, pos(args, 'port')).id };
      (verb === 'add' ? addInterface : removeInterface)(ctx, routerId, target);
      return EMPTY;
    },
  }))),
  {
    path: ['router', 'set'],
    spec: {
      positionals: [{ name: 'router' }],
      options: {
        '--external-gateway': {}, '--fixed-ip': { repeat: true }, '--enable-snat': { flag: true }, '--disable-snat': { flag: true }, '--name': {}, '--description': {},
        '--route': { repeat: true }, '--no-route': { flag: true },
      },
      exclusive: [['--enable-snat', '--disable-snat']],
    },
    run(ctx, args) {
      const router = findRouter(ctx.cloud, pos(args, 'router'));
      const ext = str(args, 'external-gateway');
      if (!ext && (flag(args, 'disable-snat') || flag(args, 'enable-snat') || list(args, 'fixed-ip').length)) {
        throw new ClientError("You must specify '--external-gateway' in order to specify SNAT or fixed-ip values");
      }
      const added = routesOf(args);
      // One update carries the routes, which neutron checks against the router's ports before it changes the gateway.
      if (added.length || flag(args, 'no-route')) updateRoutes(ctx, router.id, [...(flag(args, 'no-route') ? [] : router.routes), ...added]);
      if (ext) {
        const snat = flag(args, 'disable-snat') ? false : flag(args, 'enable-snat') ? true : undefined;
        setGateway(ctx, router.id, { networkId: findNetwork(ctx.cloud, ext).id, ...(snat === undefined ? {} : { enableSnat: snat }), fixedIps: gatewayFixedIps(ctx, args) });
      }
      if (str(args, 'name') !== undefined) router.name = str(args, 'name')!;
      if (str(args, 'description') !== undefined) router.description = str(args, 'description')!;
      return EMPTY;
    },
  },
  {
    path: ['router', 'unset'],
    spec: { positionals: [{ name: 'router' }], options: { '--external-gateway': { flag: true }, '--route': { repeat: true } } },
    run(ctx, args) {
      const router = findRouter(ctx.cloud, pos(args, 'router'));
      const removed = routesOf(args);
      if (removed.length) {
        const keep = [...router.routes];
        for (const route of removed) {
          const at = keep.findIndex((r) => routeRepr(r) === routeRepr(route));
          if (at < 0) throw new ClientError(`Router does not contain route ${routeRepr(route)}`);
          keep.splice(at, 1);
        }
        updateRoutes(ctx, router.id, keep);
      }
      if (flag(args, 'external-gateway')) unsetGateway(ctx, router.id);
      return EMPTY;
    },
  },
  atomicRoutes('add'),
  atomicRoutes('remove'),
  {
    path: ['router', 'delete'],
    spec: { positionals: [{ name: 'router', repeat: true }], options: {} },
    run: (ctx, args) => deleteEach(ctx, 'router delete', 'router', args.positionals['router'] as string[], (key) => deleteRouter(ctx, findRouter(ctx.cloud, key).id)),
  },
];
