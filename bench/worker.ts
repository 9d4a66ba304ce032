/**
 * Worker benchmarks against the real local worker (`wrangler dev`, local D1):
 * median latency of "next question" and "answer" over a bare route on the same
 * worker, and CPU per request, read from the workerd process's /proc counters.
 * The CPU figure includes local D1 (SQLite runs inside workerd here, but not in
 * production), so it is an upper bound on what the isolate itself spends.
 */
import { solution } from '../content/index.js';
import { type Measurement, median } from './engine.js';
import { cpuMs, startLocalWorker } from './local-worker.js';

async function timed(fn: () => Promise<Response>, expected: number): Promise<{ ms: number; body: any }> {
  const t = performance.now();
  const r = await fn();
  const body = await r.json();
  const ms = performance.now() - t;
  if (r.status !== expected) throw new Error(`expected ${expected}, got ${r.status}: ${JSON.stringify(body)}`);
  return { ms, body };
}

export async function workerBenchmarks(quick: boolean): Promise<Measurement[]> {
  const local = await startLocalWorker();
  const { base, workerdPid: workerd } = local;
  try {
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
    local.stop();
  }
}
