/**
 * The deployable worker's size: wrangler's own bundle of worker/index.ts (the
 * API, the web pages and every chat channel, MCP included), gzip'd the way
 * Cloudflare counts it against the Workers Free plan's 1 MB limit.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Measurement } from './engine.js';

const OFFLINE = { ...process.env, CI: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false' };

export function bundleBenchmarks(): Measurement[] {
  const outdir = mkdtempSync(join(tmpdir(), 'stacktutor-bundle-'));
  try {
    execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir], { env: OFFLINE, stdio: 'ignore' });
    const script = readFileSync(join(outdir, 'index.js'));
    return [
      { name: 'Worker bundle (every route and chat channel), gzip', median: gzipSync(script, { level: 9 }).length / 1024, unit: 'KiB', runs: 1, target: '< 1024 KiB' },
      { name: 'Worker bundle, uncompressed', median: script.length / 1024, unit: 'KiB', runs: 1 },
    ];
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
