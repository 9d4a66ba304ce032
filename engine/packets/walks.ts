/**
 * Named packet walks over the current state, for the CLI, the lab and the
 * questions: the DHCP exchange of an instance, and the routed walks in
 * routing.ts (SNAT to an external address, DNAT to a floating IP,
 * instance to instance through a router, VXLAN between instances).
 */
import type { Cloud } from '../core/types.js';
import { findServer } from '../openstack/resolve.js';
import { dhcpExchange } from './dhcp.js';
import { type RoutedWalk, walkExternalToFloatingIp, walkInstanceToAddress } from './routing.js';

export const WALK_KINDS = ['dhcp', 'snat', 'dnat', 'east-west', 'vxlan'] as const;

export type WalkResult = ReturnType<typeof dhcpExchange> | RoutedWalk | { error: string };

function server(cloud: Cloud, key: string | undefined) {
  if (!key) return { error: 'name an instance' } as const;
  try {
    return findServer(cloud, key);
  } catch (e) {
    return { error: (e as Error).message } as const;
  }
}

export function packetWalk(cloud: Cloud, kind: string, args: string[]): WalkResult {
  switch (kind) {
    case 'dhcp': {
      const s = server(cloud, args[0]);
      if ('error' in s) return s;
      const port = cloud.db.ports[s.portIds[0] ?? ''];
      if (!port || !s.host) return { error: `${s.name} has no port on a host` };
      return dhcpExchange(cloud, s, port);
    }
    case 'snat':
    case 'east-west':
    case 'vxlan': {
      const s = server(cloud, args[0]);
      if ('error' in s) return s;
      let target = args[1];
      if (!target) return { error: `usage: --walk ${kind} INSTANCE ${kind === 'snat' ? 'EXTERNAL_IP' : 'OTHER_INSTANCE'}` };
      if (kind !== 'snat') {
        const other = server(cloud, target);
        if ('error' in other) return other;
        const ip = cloud.db.ports[other.portIds[0] ?? '']?.fixedIps[0]?.ipAddress;
        if (!ip) return { error: `${other.name} has no fixed IP` };
        target = ip;
      }
      return walkInstanceToAddress(cloud, s, target);
    }
    case 'dnat': {
      const fip = args[0];
      if (!fip) return { error: 'usage: --walk dnat FLOATING_IP [EXTERNAL_SOURCE_IP]' };
      return walkExternalToFloatingIp(cloud, fip, args[1]);
    }
    default:
      return { error: `unknown walk kind "${kind}"` };
  }
}
