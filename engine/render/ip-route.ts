/** `ip route`: the main table in the kernel's dump order (by destination, then longest prefix). */
import { cidrParts, parseIp } from '../core/ip.js';
import type { Route } from '../core/types.js';

function sortKey(r: Route): [number, number] {
  if (r.dst === 'default') return [0, 0];
  const c = r.dst.includes('/') ? cidrParts(r.dst) : { network: parseIp(r.dst) ?? 0, prefix: 32 };
  return [c.network, c.prefix];
}

export function formatRoute(r: Route): string {
  const parts = [r.dst.endsWith('/32') ? r.dst.slice(0, -3) : r.dst];
  if (r.via) parts.push('via', r.via);
  parts.push('dev', r.dev);
  if (r.proto && r.proto !== ('boot' as string)) parts.push('proto', r.proto);
  if (r.scope) parts.push('scope', r.scope);
  if (r.src) parts.push('src', r.src);
  return parts.join(' ');
}

export function renderIpRoute(routes: readonly Route[]): string {
  return [...routes]
    .sort((a, b) => {
      const [an, ap] = sortKey(a);
      const [bn, bp] = sortKey(b);
      return an - bn || bp - ap;
    })
    .map((r) => `${formatRoute(r)}\n`)
    .join('');
}
