/**
 * neutron-server: a router's extra routes (the extraroute extension,
 * extraroute_db). The request's routes are checked as neutron-lib checks
 * host routes, then against the router's own ports: each next hop must be on
 * a subnet the router is attached to and must not be one of its addresses.
 * The L3 agent installs them in the router's namespace (l3.ts).
 */
import type { Ctx } from '../core/context.js';
import { cidrParts, cidrString, ipInCidr, parseCidr, parseIp } from '../core/ip.js';
import type { HostRoute, Router } from '../core/types.js';
import { faults } from './faults.js';
import { notifyRouterUpdated } from './notify.js';
import { getRouter, routerGatewayPort, routerInterfacePorts } from './queries.js';

/** neutron.conf max_routes. */
export const MAX_ROUTES = 30;

/** Python's repr of a route dict, as neutron puts it in its messages. */
export const routeRepr = (r: HostRoute) => `{'destination': '${r.destination}', 'nexthop': '${r.nexthop}'}`;

/** neutron-lib validate_hostroutes: a subnet CIDR (network address), an IP, no duplicates. */
function validateFormat(routes: readonly HostRoute[]): void {
  const seen = new Set<string>();
  for (const route of routes) {
    const cidr = parseCidr(route.destination);
    if (!cidr) throw faults.invalidAttribute('routes', `'${route.destination}' is not a valid IP subnet`);
    const canonical = cidrString(cidrParts(route.destination).network, cidr.prefix);
    if (canonical !== route.destination) throw faults.invalidAttribute('routes', `'${route.destination}' isn't a recognized IP subnet cidr, '${canonical}' is recommended`);
    if (parseIp(route.nexthop) === null) throw faults.invalidAttribute('routes', `'${route.nexthop}' is not a valid IP address`);
    const key = routeRepr(route);
    if (seen.has(key)) throw faults.invalidAttribute('routes', `Duplicate hostroute '${key}'`);
    seen.add(key);
  }
}

/** The subnets and addresses of every port the router owns (interfaces and gateway). */
function routerAddresses(ctx: Ctx, router: Router): { cidrs: string[]; ips: string[] } {
  const { db } = ctx.cloud;
  const gateway = routerGatewayPort(db, router);
  const fixedIps = [...routerInterfacePorts(db, router.id), ...(gateway ? [gateway] : [])].flatMap((p) => p.fixedIps);
  return { cidrs: fixedIps.map((f) => db.subnets[f.subnetId]!.cidr), ips: fixedIps.map((f) => f.ipAddress) };
}

/** extraroute_db _validate_routes: the whole new list, as the update request carries it. */
function validateRoutes(ctx: Ctx, router: Router, routes: readonly HostRoute[]): void {
  validateFormat(routes);
  if (routes.length > MAX_ROUTES) throw faults.routesExhausted(router.id, MAX_ROUTES);
  const { cidrs, ips } = routerAddresses(ctx, router);
  const all = `[${routes.map(routeRepr).join(', ')}]`;
  for (const route of routes) {
    if (!cidrs.some((c) => ipInCidr(route.nexthop, c))) throw faults.invalidRoutes(all, 'the nexthop is not connected with router');
    if (ips.includes(route.nexthop)) throw faults.invalidRoutes(all, 'the nexthop is used by router');
  }
}

/** PUT /v2.0/routers/{id} with `routes`: replaces the list; the L3 agent then adds and removes the difference. */
export function updateRoutes(ctx: Ctx, routerId: string, routes: readonly HostRoute[]): Router {
  ctx.api(`PUT /v2.0/routers/${routerId}`);
  const router = getRouter(ctx.cloud.db, routerId);
  validateRoutes(ctx, router, routes);
  const before = router.routes.map(routeRepr);
  const after = routes.map(routeRepr);
  router.routes = routes.map((r) => ({ ...r }));
  router.revision += 1;
  router.updatedAt = ctx.now;
  const added = after.filter((r) => !before.includes(r));
  const removed = before.filter((r) => !after.includes(r));
  notifyRouterUpdated(ctx, router, `routes: ${added.length} added, ${removed.length} removed`, [6]);
  return router;
}

/** The routes whose next hop lies in `cidr`: an interface on that subnet cannot go while they exist. */
export function routesThrough(router: Router, cidr: string): HostRoute[] {
  return router.routes.filter((r) => ipInCidr(r.nexthop, cidr));
}
