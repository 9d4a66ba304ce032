/**
 * Worker benchmarks against the real local worker (`wrangler dev`, local D1):
 * median latency of "next question" and "answer" over a bare route on the same
 * worker, and CPU per request, read from the workerd process's /proc counters.
 * The CPU figure includes local D1 (SQLite runs inside workerd here, but not in
 * production), so it is an upper bound on what the isolate itself spends.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { solution } from '../content/index.js';
import { type Measurement, median } from './engine.js';

const OFFLINE = { ...process.env, CI: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false' };
const TICKS_PER_SECOND = 100;

function descendants(pid: number): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,comm=']).toString().trim().split('\n').map((l) => l.trim().split(/\s+/));
  const children = (p: number): number[] => out.filter((r) => Number(r[1]) === p).flatMap((r) => [Number(r[0]), ...children(Number(r[0]))]);
  return children(pid).filter((p) => out.find((r) => Number(r[0]) === p)?.[2] === 'workerd');
}

/** utime + stime of a process, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

async function startWorker(port: number, persist: string): Promise<ChildProcess> {
  execFileSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], { env: OFFLINE, stdio: 'ignore' });
  const child = spawn('npx', ['wrangler', 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist], { env: OFFLINE, stdio: 'ignore', detached: true });
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('wrangler dev did not start');
}

async function timed(fn: () => Promise<Response>, expected: number): Promise<{ ms: number; body: any }> {
  const t = performance.now();
  const r = await fn();
  const body = await r.json();
  const ms = performance.now() - t;
  if (r.status !== expected) throw new Error(`expected ${expected}, got ${r.status}: ${JSON.stringify(body)}`);
  return { ms, body };
}

export async function workerBenchmarks(quick: boolean): Promise<Measurement[]> {
  const port = 8790 + Math.floor(Math.random() * 100);
  const base = `http://127.0.0.1:${port}`;
  const persist = mkdtempSync(join(tmpdir(), 'stacktutor-bench-'));
  const child = await startWorker(port, persist);
  try {
    const [workerd] = descendants(child.pid!);
    if (workerd === undefined) throw new Error('no workerd process found');
    const json = (key: string | null, body: unknown, extra: Record<string, string> = {}) => ({
      method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...extra },
    });
    const learners = quick ? 4 : 10;
    const perLearner = quick ? 10 : 20;
    const keys: string[] = [];
    for (let i = 0; i < learners; i++) {
      const { body } = await timed(() => fetch(`${base}/v1/learners`, json(null, {}, { 'cf-connecting-ip': `10.9.0.${i + 1}` })), 201);
      keys.push(body.apiKey);
      await timed(() => fetch(`${base}/v1/me`, { ...json(body.apiKey, { newPerDay: 200 }), method: 'PATCH' }), 200);
    }
    // Warm the isolate (the first request compiles the bundle).
    for (let i = 0; i < 20; i++) await timed(() => fetch(`${base}/healthz`), 200);

    const bare: number[] = [];
    let cpu = cpuMs(workerd);
    const bareRuns = learners * perLearner;
    for (let i = 0; i < bareRuns; i++) bare.push((await timed(() => fetch(`${base}/healthz`), 200)).ms);
    const bareCpu = (cpuMs(workerd) - cpu) / bareRuns;

    const next: number[] = [];
    const answer: number[] = [];
    let nextCpu = 0;
    let answerCpu = 0;
    for (const key of keys) {
      for (let i = 0; i < perLearner; i++) {
        cpu = cpuMs(workerd);
        const q = await timed(() => fetch(`${base}/v1/questions`, json(key, { mode: 'new' })), 201);
        nextCpu += cpuMs(workerd) - cpu;
        next.push(q.ms);
        cpu = cpuMs(workerd);
        const a = await timed(() => fetch(`${base}/v1/questions/${q.body.id}/answers`, json(key, { answer: solution(q.body.family, q.body.seed) })), 201);
        answerCpu += cpuMs(workerd) - cpu;
        answer.push(a.ms);
      }
    }
    const n = keys.length * perLearner;
    const bareMs = median(bare);
    return [
      { name: 'worker: bare route (GET /healthz), local wrangler dev', median: bareMs, unit: 'ms', runs: bare.length },
      { name: 'worker: next question (POST /v1/questions)', median: median(next), unit: 'ms', runs: n },
      { name: 'worker: answer (POST /v1/questions/{id}/answers)', median: median(answer), unit: 'ms', runs: n },
      { name: 'worker: next question / bare route latency', median: median(next) / bareMs, unit: 'x', runs: n, target: '< 3 x' },
      { name: 'worker: answer / bare route latency', median: median(answer) / bareMs, unit: 'x', runs: n, target: '< 3 x' },
      { name: 'worker: CPU per bare request (workerd process, mean)', median: bareCpu, unit: 'ms', runs: bareRuns },
      { name: 'worker: CPU per next question (workerd process incl. local D1, mean)', median: nextCpu / n, unit: 'ms', runs: n, target: '< 5 ms' },
      { name: 'worker: CPU per answer (workerd process incl. local D1, mean)', median: answerCpu / n, unit: 'ms', runs: n, target: '< 5 ms' },
    ];
  } finally {
    try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ }
    rmSync(persist, { recursive: true, force: true });
  }
}
