/**
 * `npm run fuzz [-- RUNS]`: the fuzzers' long form (default 3000 runs each):
 * every route, the engine's scenario lines and shell, and the grader. Writes
 * docs/results/fuzz.json, which `npm run bench` shows in docs/BENCHMARKS.md.
 *
 * The route fuzzer runs in batches of at most BATCH requests, each in a fresh
 * vitest process with its own seed: after about 1,700 calls in one process the
 * test pool's own `exports.default` wrapper overflows its stack (a harness
 * limit, not the worker's).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const BATCH = 1000;
const runs = Number(process.argv[2] ?? 3000);
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write('usage: npm run fuzz [-- RUNS]   (RUNS: a positive integer)\n');
  process.exit(2);
}

interface Report { numPassedTests: number; numFailedTests: number; testResults: { assertionResults: { title: string; status: string }[] }[] }

/** One vitest process over `files`; its JSON report. */
function vitest(files: string[], env: Record<string, string>): Report {
  const out = '/tmp/stacktutor-fuzz.json';
  spawnSync('npx', ['vitest', 'run', ...files, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], {
    stdio: 'inherit', env: { ...process.env, ...env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
  });
  return JSON.parse(readFileSync(out, 'utf8')) as Report;
}

const started = Date.now();
const reports: Report[] = [vitest(['test/engine/fuzz.test.ts', 'test/content/grader-fuzz.test.ts'], { FUZZ_RUNS: String(runs) })];
const seedBase = Date.now() % 1_000_000;
for (let from = 0, batch = 0; from < runs; from += BATCH, batch++) {
  const size = Math.min(BATCH, runs - from);
  const seed = seedBase + batch;
  const report = vitest(['test/worker/fuzz.test.ts'], { FUZZ_RUNS: String(size), FUZZ_SEED: String(seed) });
  for (const file of report.testResults) for (const a of file.assertionResults) a.title += ` (seed ${seed})`;
  reports.push(report);
}

const summary = {
  date: new Date().toISOString().slice(0, 10), runsPerProperty: runs, seconds: Math.round((Date.now() - started) / 1000),
  passed: reports.reduce((n, r) => n + r.numPassedTests, 0), failed: reports.reduce((n, r) => n + r.numFailedTests, 0),
  properties: reports.flatMap((r) => r.testResults.flatMap((f) => f.assertionResults.map((a) => `${a.status}: ${a.title}`))),
};
writeFileSync(new URL('../docs/results/fuzz.json', import.meta.url), `${JSON.stringify(summary, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
process.exit(summary.failed === 0 ? 0 : 1);
