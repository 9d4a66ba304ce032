/**
 * The client's name-or-ID lookup (openstacksdk `find_*`, osc-lib
 * `find_resource`): an exact ID wins, else a unique name; none or several is
 * a client-side error before any change is requested.
 */
import { own } from '../core/own.js';
import { LookupError, type ResourceKind } from './errors.js';
import type { Cloud } from '../core/types.js';

interface Named { id: string; name: string }

export function findByNameOrId<T extends Named>(kind: ResourceKind, rows: Record<string, T>, key: string): T {
  const byId = own(rows, key);
  if (byId) return byId;
  const byName: T[] = [];
  for (const id in rows) if (rows[id]!.name === key) byName.push(rows[id]!);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) throw new LookupError(kind, key, true);
  throw new LookupError(kind, key, false);
}

export const findNetwork = (c: Cloud, key: string) => findByNameOrId('Network', c.db.networks, key);
export const findSubnet = (c: Cloud, key: string) => findByNameOrId('Subnet', c.db.subnets, key);
export const findPort = (c: Cloud, key: string) => findByNameOrId('Port', c.db.ports, key);
export const findRouter = (c: Cloud, key: string) => findByNameOrId('Router', c.db.routers, key);
export const findServer = (c: Cloud, key: string) => findByNameOrId('Server', c.db.servers, key);
export const findVolume = (c: Cloud, key: string) => findByNameOrId('Volume', c.db.volumes, key);
export const findImage = (c: Cloud, key: string) => findByNameOrId('Image', c.db.images, key);
export const findFlavor = (c: Cloud, key: string) => findByNameOrId('Flavor', c.db.flavors, key);

/** Floating IPs are found by ID or by address. */
export function findFloatingIp(c: Cloud, key: string) {
  const all = Object.values(c.db.floatingIps);
  const hit = all.find((f) => f.id === key) ?? all.find((f) => f.floatingIpAddress === key);
  if (!hit) throw new LookupError('FloatingIP', key, false);
  return hit;
}
