/** Port MAC generation from base_mac, unique per network (neutron _generate_macs + neutron-lib get_random_mac). */
import type { Ctx } from '../core/context.js';
import { formatMac } from '../core/random.js';
import type { Database } from '../core/types.js';
import { faults } from './faults.js';
import { portsOf } from './queries.js';

const MAC_RETRIES = 16;

export function macInUse(db: Database, networkId: string, mac: string): boolean {
  const wanted = mac.toLowerCase();
  return portsOf(db, networkId).some((p) => p.macAddress === wanted);
}

/** The first three octets of base_mac are kept, the fourth too when it is not 00; the rest are random. */
export function generateMac(ctx: Ctx, networkId: string): string {
  const base = ctx.cloud.config.baseMac.split(':').map((x) => parseInt(x, 16));
  for (let attempt = 0; attempt < MAC_RETRIES; attempt++) {
    const random = ctx.random.bytes('port-mac', 3);
    const octets = [base[0]!, base[1]!, base[2]!, base[3] !== 0 ? base[3]! : random[0]!, random[1]!, random[2]!];
    const mac = formatMac(octets);
    if (!macInUse(ctx.cloud.db, networkId, mac)) return mac;
  }
  throw faults.badRequest('port', `Unable to generate unique mac on network ${networkId}`);
}

const MAC_RE = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

export function isValidMac(mac: string): boolean {
  if (!MAC_RE.test(mac)) return false;
  const first = parseInt(mac.slice(0, 2), 16);
  // neutron rejects multicast/broadcast and all-zero MACs (validate_mac_address).
  return (first & 1) === 0 && mac !== '00:00:00:00:00:00';
}
