/**
 * The real worker on loopback, as `npm start` runs it (wrangler dev, local D1
 * in a throw-away folder), for benchmarks and the load test.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const OFFLINE_ENV = { ...process.env, CI: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false' };
const TICKS_PER_SECOND = 100;

export interface LocalWorker {
  base: string;
  persist: string;
  /** The workerd process serving it (for CPU counters). */
  workerdPid: number;
  /** Runs SQL on the worker's local D1 and returns the rows. */
  query<T = Record<string, unknown>>(sql: string): T[];
  stop(): void;
}

function workerdUnder(pid: number): number | undefined {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,comm=']).toString().trim().split('\n').map((l) => l.trim().split(/\s+/));
  const children = (p: number): number[] => rows.filter((r) => Number(r[1]) === p).flatMap((r) => [Number(r[0]), ...children(Number(r[0]))]);
  return children(pid).find((p) => rows.find((r) => Number(r[0]) === p)?.[2] === 'workerd');
}

/** utime + stime of a process, in ms (10 ms ticks). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

export async function startLocalWorker(): Promise<LocalWorker> {
  const port = 8790 + Math.floor(Math.random() * 200);
  const persist = mkdtempSync(join(tmpdir(), 'stacktutor-local-'));
  execFileSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], { env: OFFLINE_ENV, stdio: 'ignore' });
  const child: ChildProcess = spawn('npx', ['wrangler', 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--persist-to', persist], { env: OFFLINE_ENV, stdio: 'ignore', detached: true });
  const stop = () => {
    try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ }
    rmSync(persist, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) {
        const workerdPid = workerdUnder(child.pid!);
        if (workerdPid === undefined) throw new Error('no workerd process under wrangler dev');
        const query = <T>(sql: string): T[] => {
          const out = execFileSync('npx', ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', persist, '--json', '--command', sql], { env: OFFLINE_ENV, maxBuffer: 256 * 1024 * 1024 }).toString();
          return (JSON.parse(out) as { results: T[] }[])[0]!.results;
        };
        return { base, persist, workerdPid, query, stop };
      }
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('no workerd')) { stop(); throw e; }
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  stop();
  throw new Error('wrangler dev did not start within 60 s');
}
