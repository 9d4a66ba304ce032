/**
 * The local faults of the flow 7 and 8 drills: each one injected really breaks
 * the symptom check, and the fix it names really mends it when the repair
 * shell applies it to a copy of the broken cloud (the FIP /32 fault needs
 * `ip addr add`, which the repair shell does not offer: it is only used in
 * "name" drills).
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../content/family.js';
import { findFamily } from '../../content/index.js';
import { applyRepair } from '../../content/repair.js';
import type { FaultContext } from '../../content/faults.js';
import type { TroubleFacts } from '../../content/kinds/troubleshoot.js';

const SEEDS = Number(process.env['CONTENT_SEEDS'] ?? 50);
const DRILLS = ['f7-name-egress-fault', 'f8-name-fip-fault', 'f8-fix-fip-nat'];

function healedCopy(facts: TroubleFacts): { healthy: boolean; applied: boolean } {
  const cloud = structuredClone(facts.target.cloud);
  const target: FaultContext = { ...facts.target, cloud, server: cloud.db.servers[facts.target.server.id]!, port: cloud.db.ports[facts.target.port.id]!, router: facts.target.router ? cloud.db.routers[facts.target.router.id]! : null };
  const fix = facts.fault.fix(facts.target);
  const r = applyRepair(cloud, fix.host, fix.command);
  return { applied: r.ok, healthy: facts.fault.healthy(target) };
}

describe.each(DRILLS.map((d) => [d]))('%s', (id) => {
  it(`on ${SEEDS} seeds: the injected fault breaks the symptom check and its fix mends it`, () => {
    const seen = new Set<string>();
    for (let i = 0; i < SEEDS; i++) {
      const { world } = build(findFamily(id), `s${i}`);
      const facts = world.facts as TroubleFacts;
      seen.add(facts.fault.id);
      expect(facts.fault.healthy(facts.target), `${id}/s${i} ${facts.fault.id} still healthy`).toBe(false);
      const healed = healedCopy(facts);
      expect(healed.applied, `${id}/s${i} ${facts.fault.id}: ${facts.fault.fix(facts.target).command}`).toBe(true);
      expect(healed.healthy, `${id}/s${i} ${facts.fault.id} not mended`).toBe(true);
    }
    expect(seen.size, `${id} injects more than one fault over ${SEEDS} seeds`).toBeGreaterThan(1);
  });
});
