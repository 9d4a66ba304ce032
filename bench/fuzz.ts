/**
 * `npm run fuzz [-- RUNS]`: the fuzzers' long form (default 3000 runs each):
 * every route, the engine's scenario lines and shell, and the grader. Writes
 * docs/results/fuzz.json, which `npm run bench` shows in docs/BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const runs = Number(process.argv[2] ?? 3000);
const files = ['test/worker/fuzz.test.ts', 'test/engine/fuzz.test.ts', 'test/content/grader-fuzz.test.ts'];
const out = '/tmp/stacktutor-fuzz.json';
const started = Date.now();
const r = spawnSync('npx', ['vitest', 'run', ...files, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], {
  stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: String(runs), CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
});
const report = JSON.parse(readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number; testResults: { name: string; assertionResults: { title: string; status: string }[] }[] };
const summary = {
  date: new Date().toISOString().slice(0, 10), runsPerProperty: runs, seconds: Math.round((Date.now() - started) / 1000),
  passed: report.numPassedTests, failed: report.numFailedTests,
  properties: report.testResults.flatMap((f) => f.assertionResults.map((a) => `${a.status}: ${a.title}`)),
};
writeFileSync(new URL('../docs/results/fuzz.json', import.meta.url), `${JSON.stringify(summary, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
process.exit(r.status ?? 1);
