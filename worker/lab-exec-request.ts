import * as z from 'zod';

/** Size limits for POST /v1/lab/exec; they bound the engine's work per request. */
export const LAB_EXEC_LIMITS = {
  bodyBytes: 64 * 1024,
  scenarioLines: 300,
  scenarioLineChars: 2000,
  commandChars: 2000,
  hostChars: 64,
  seedChars: 256,
  minComputes: 1,
  maxComputes: 20,
  /**
   * Engine work a replay may take, in bus steps (about 20 µs each on the benchmark machine): enough
   * for every question's scenario (the largest seen takes about 400), and under the free plan's 10 ms.
   */
  workSteps: 500,
} as const;

const L = LAB_EXEC_LIMITS;

/**
 * Body of POST /v1/lab/exec: replay `scenario` (openstack CLI lines) on a
 * fresh cloud, then run `command` on `host`. Unknown keys are rejected so a
 * misspelt option (say "compute") fails loudly instead of being ignored.
 */
export const labExecRequestSchema = z.strictObject({
  scenario: z.array(z.string().max(L.scenarioLineChars)).max(L.scenarioLines),
  host: z.string().min(1).max(L.hostChars),
  command: z.string().min(1).max(L.commandChars),
  computes: z.int().min(L.minComputes).max(L.maxComputes).optional(),
  seed: z.string().min(1).max(L.seedChars).optional(),
});

export type LabExecRequest = z.infer<typeof labExecRequestSchema>;
