/**
 * Content benchmarks: generating a question and grading its solution, per
 * family and overall, plus what the content adds to the bundle.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { families, grade, question, solution } from '../content/index.js';
import { clearBuildCache } from '../content/family.js';
import { type Measurement, median } from './engine.js';

export async function contentBenchmarks(quick: boolean): Promise<Measurement[]> {
  const ids = families().map((f) => f.id);
  const seeds = quick ? 5 : 20;
  const perQuestion: number[] = [];
  const warm: number[] = [];
  for (const id of ids) {
    for (let s = 0; s < seeds; s++) {
      const seed = `bench${s}`;
      const answer = solution(id, seed);
      // Cold: a learner's two requests (ask, then answer) each rebuild the cloud.
      clearBuildCache();
      const t = performance.now();
      question(id, seed);
      clearBuildCache();
      grade(id, seed, answer);
      perQuestion.push(performance.now() - t);
      // Warm: both requests reach the same isolate, whose cache still holds the world.
      clearBuildCache();
      const w = performance.now();
      question(id, seed);
      grade(id, seed, answer);
      warm.push(performance.now() - w);
    }
  }
  const engineOnly = await build({ entryPoints: ['engine/index.ts'], bundle: true, minify: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent' });
  const withContent = await build({ entryPoints: ['content/index.ts'], bundle: true, minify: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent' });
  const gz = (b: typeof engineOnly) => gzipSync(b.outputFiles[0]!.contents).length / 1024;
  return [
    { name: `generate + grade one question, each from a fresh build (${ids.length} families x ${seeds} seeds)`, median: median(perQuestion), unit: 'ms', runs: perQuestion.length, target: '< 2 ms' },
    { name: 'generate + grade one question, 90th percentile', median: [...perQuestion].sort((a, b) => a - b)[Math.floor(perQuestion.length * 0.9)]!, unit: 'ms', runs: perQuestion.length },
    { name: 'generate + grade one question, grading from the isolate\'s cached world (one build)', median: median(warm), unit: 'ms', runs: warm.length },
    { name: 'content added to the bundle, minified + gzip', median: gz(withContent) - gz(engineOnly), unit: 'KiB', runs: 1, target: '< 150 KiB' },
  ];
}
