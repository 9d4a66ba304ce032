/**
 * Flow 5 and 6 families, beyond the generic harness: the facts they teach hold
 * on every seed (the OFFER is unicast, DNS falls back to the DHCP port, the
 * router steps come in the bus order, east-west is never NATed), and every
 * local fault really breaks its check and its own fix really mends it.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../content/family.js';
import { findFamily, solution } from '../../content/index.js';
import { applyRepair } from '../../content/repair.js';
import { faultContext } from '../../content/faults.js';
import { DHCP_FIX_FAULTS } from '../../content/families/flow5/_faults.js';
import { ROUTER_FAULTS } from '../../content/families/flow6/_faults.js';
import { exchangeOf, optionValue } from '../../content/families/flow5/_helpers.js';
import { tenantCloud } from '../../content/scenarios.js';
import { Pick } from '../../content/pick.js';
import { buildCloud } from '../../engine/index.js';

const SEEDS = Array.from({ length: Number(process.env['CONTENT_SEEDS'] ?? 20) }, (_, i) => `s${i}`);

describe('flow 5 facts', () => {
  it('the OFFER is unicast to the client and DNS is the subnet\'s or the DHCP port\'s own address', () => {
    const family = findFamily('f5-reply-options');
    for (const seed of SEEDS) {
      const { world } = build(family, seed);
      const x = exchangeOf(world as never);
      expect(x.offer.ethDst, seed).toBe(x.port.macAddress);
      expect(x.offer.ipDst, seed).toBe(x.port.fixedIps[0]!.ipAddress);
      expect(x.discover.ipDst, seed).toBe('255.255.255.255');
      const subnet = world.cloud.db.subnets[x.port.fixedIps[0]!.subnetId]!;
      expect(optionValue(x.offer, 6), seed).toBe(subnet.dnsNameservers.length ? subnet.dnsNameservers.join(', ') : x.dhcpPort.fixedIps[0]!.ipAddress);
      expect(Number(optionValue(x.offer, 58)) * 2, seed).toBe(Number(optionValue(x.offer, 51)));
    }
  });
});

describe('flow 6 facts', () => {
  it('router steps start with the router create and end with the port going ACTIVE', () => {
    for (const seed of SEEDS) {
      const answer = solution('f6-router-order', seed) as string[];
      expect(answer.length, seed).toBe(10);
    }
  });

  it('east-west through the router keeps both addresses', () => {
    const family = findFamily('f6-east-west-walk');
    for (const seed of SEEDS) {
      const a = solution('f6-east-west-walk', seed) as Record<string, string>;
      const { world } = build(family, seed);
      const b = Object.values(world.cloud.db.servers).find((s) => s.name === (world.facts as { b: string }).b)!;
      expect(a['dst'], seed).toBe(world.cloud.db.ports[b.portIds[0]!]!.fixedIps[0]!.ipAddress);
      expect(a['src'], seed).not.toMatch(/^(203\.0\.113|198\.51\.100|192\.0\.2)\./);
      expect(a['tunnels'], seed).toBe('2');
    }
  });
});

describe('local faults break their check and their fix mends it', () => {
  for (const [label, faults] of [['DHCP', DHCP_FIX_FAULTS], ['router', ROUTER_FAULTS]] as const) {
    for (const fault of faults) {
      it(`${label}: ${fault.id}`, () => {
        let tried = 0;
        for (const seed of SEEDS) {
          const t = tenantCloud(new Pick(`faults\u0000${seed}`), { tenants: 2, instances: 2, router: true });
          const built = buildCloud(t.lines, { computes: t.computes, seed: `faults:${seed}` });
          expect(built.ok, seed).toBe(true);
          const server = Object.values(built.cloud.db.servers)[0]!;
          const c = faultContext(built.cloud, server);
          if (!fault.applies(c)) continue;
          tried++;
          expect(fault.healthy(c), `${seed} healthy before`).toBe(true);
          fault.inject(c);
          expect(fault.healthy(c), `${seed} broken after inject`).toBe(false);
          const fix = fault.fix(c);
          expect(applyRepair(built.cloud, fix.host, fix.command).ok, `${seed} ${fix.command}`).toBe(true);
          expect(fault.healthy(c), `${seed} healthy after fix`).toBe(true);
        }
        expect(tried).toBeGreaterThan(0);
      });
    }
  }
});
