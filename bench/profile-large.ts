/** `npx tsx bench/profile-large.ts [networks] [instances] [build|render]`: one large build (and render), for a CPU profile. */
import { buildCloud } from '../engine/index.js';
import { renderEveryHost } from './engine.js';
import { largeScenario } from './scenarios.js';

const [networks = 100, instances = 1000] = process.argv.slice(2, 4).map(Number);
const what = process.argv[4] ?? 'render';
for (let run = 0; run < 3; run++) {
  const t = performance.now();
  const built = buildCloud(largeScenario(networks, instances), { computes: 20, tracing: false });
  const b = performance.now();
  if (what === 'render') renderEveryHost(built.cloud);
  process.stdout.write(`build ${(b - t).toFixed(0)} ms, render ${(performance.now() - b).toFixed(0)} ms\n`);
}
