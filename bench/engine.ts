/**
 * Engine benchmarks: building clouds and rendering every host, timed as
 * medians over repeated runs, plus the engine's minified+gzip size.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { buildCloud, execOnHost, type Cloud } from '../engine/index.js';
import { eightFlowScenario, largeScenario } from './scenarios.js';

export interface Measurement {
  name: string;
  median: number;
  unit: string;
  runs: number;
  target?: string;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median wall time of `runs` calls, after a quarter as many untimed calls to let the JIT settle. */
export function timeIt(fn: () => void, runs: number): number {
  for (let i = 0; i < Math.max(1, Math.floor(runs / 4)); i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

/** Every read-only view of every host: what a learner could ask the lab for. */
export function renderEveryHost(cloud: Cloud): number {
  let bytes = 0;
  const out = (host: string, cmd: string) => {
    bytes += execOnHost(cloud, host, cmd).stdout.length;
  };
  for (const [name, host] of Object.entries(cloud.hosts)) {
    for (const cmd of ['ip link', 'ip addr', 'ip route', 'ip netns', 'brctl show', 'bridge link', 'bridge fdb show', 'iptables-save', 'ps -eo user,args', 'virsh list']) out(name, cmd);
    for (const ns of Object.keys(host.namespaces)) {
      for (const cmd of ['ip addr', 'ip route', 'iptables -t nat -S', 'iptables -t mangle -S', 'iptables -t filter -S']) out(name, `ip netns exec ${ns} ${cmd}`);
    }
    for (const path of Object.keys(host.files)) out(name, `cat ${path}`);
  }
  for (const guest of Object.values(cloud.guests)) {
    out(guest.name, 'ip addr');
    out(guest.name, 'ip route');
  }
  return bytes;
}

function buildOk(lines: string[], computes: number, tracing = true): Cloud {
  const built = buildCloud(lines, { computes, tracing });
  if (!built.ok) throw new Error(`bench scenario failed at line ${built.error.line}: ${built.error.message}`);
  return built.cloud;
}

export async function engineBenchmarks(quick: boolean): Promise<Measurement[]> {
  const results: Measurement[] = [];
  const eight = eightFlowScenario();
  const runs = quick ? 20 : 200;
  results.push({ name: 'eight-flow scenario: build + render every host', median: timeIt(() => renderEveryHost(buildOk(eight, 2)), runs), unit: 'ms', runs, target: '< 2 ms' });
  results.push({ name: 'eight-flow scenario: build only', median: timeIt(() => buildOk(eight, 2), runs), unit: 'ms', runs });
  const bigRuns = quick ? 3 : 7;
  for (const [networks, instances] of [[25, 250], [50, 500], [100, 1000]] as const) {
    const lines = largeScenario(networks, instances);
    results.push({
      name: `${instances} instances on ${networks} networks over 20 compute nodes: build + render every host`,
      median: timeIt(() => renderEveryHost(buildOk(lines, 20)), bigRuns), unit: 'ms', runs: bigRuns,
      ...(instances === 1000 ? { target: '< 200 ms' } : {}),
    });
  }
  const large = largeScenario(100, 1000);
  results.push({ name: '1000 instances on 100 networks: build only, tracing off (no flow traces kept)', median: timeIt(() => buildOk(large, 20, false), bigRuns), unit: 'ms', runs: bigRuns });
  const bundle = await build({ entryPoints: ['engine/index.ts'], bundle: true, minify: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'silent' });
  const code = bundle.outputFiles[0]!.contents;
  results.push({ name: 'engine bundle, minified', median: code.length / 1024, unit: 'KiB', runs: 1 });
  results.push({ name: 'engine bundle, minified + gzip (default level 6)', median: gzipSync(code).length / 1024, unit: 'KiB', runs: 1, target: '< 60 KiB' });
  results.push({ name: 'engine bundle, minified + gzip -9', median: gzipSync(code, { level: 9 }).length / 1024, unit: 'KiB', runs: 1 });
  return results;
}
