/** The whole-scenario work budget: what a request with a CPU limit relies on. */
import { describe, expect, it } from 'vitest';
import { buildCloud } from '../../engine/index.js';
import { eightFlowScenario, largeScenario } from '../../bench/scenarios.js';

describe('workBudget', () => {
  it('stops a scenario that needs more work, at the line that crosses it, with status 413', () => {
    const lines = largeScenario(4, 60);
    const full = buildCloud(lines, { tracing: false });
    expect(full.ok).toBe(true);
    const limited = buildCloud(lines, { tracing: false, workBudget: 500 });
    expect(limited.ok).toBe(false);
    if (limited.ok) return;
    expect(limited.error.status).toBe(413);
    expect(limited.error.message).toContain('500 steps');
    expect(limited.steps).toBeLessThanOrEqual(500 + 1);
    expect(limited.error.line).toBeLessThan(lines.length);
  });

  it('changes nothing for a scenario within it', () => {
    const lines = eightFlowScenario();
    const plain = buildCloud(lines, { seed: 'b' });
    const budgeted = buildCloud(lines, { seed: 'b', workBudget: plain.steps });
    expect(budgeted.ok).toBe(true);
    expect(JSON.stringify(budgeted.cloud)).toBe(JSON.stringify(plain.cloud));
    expect(budgeted.steps).toBe(plain.steps);
  });

  it('counts every line, not just the last', () => {
    const lines = eightFlowScenario();
    const { steps } = buildCloud(lines);
    expect(buildCloud(lines, { workBudget: steps - 1 }).ok).toBe(false);
  });
});
