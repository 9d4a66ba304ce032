/**
 * What the end-to-end tests run against: the real worker under `wrangler dev`
 * (local D1 in a temporary directory, offline), and Debian's Chromium driven
 * by playwright-core. Nothing is downloaded: without /usr/bin/chromium the
 * tests skip and say why.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

const OFFLINE = { ...process.env, CI: 'true', CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', WRANGLER_SEND_ERROR_REPORTS: 'false' };

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningWorker {
  base: string;
  stop(): Promise<void>;
}

/** Applies the migrations to a fresh local D1 and starts `wrangler dev` on free ports; resolves once /healthz answers. */
export async function startWorker(): Promise<RunningWorker> {
  const persist = mkdtempSync(join(tmpdir(), 'stacktutor-e2e-'));
  await promisify(execFile)('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], { env: OFFLINE });
  const [port, inspector] = [await freePort(), await freePort()];
  const log = join(persist, 'wrangler.log');
  const out = openSync(log, 'a');
  const child = spawn('npx', ['wrangler', 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspector), '--persist-to', persist],
    { env: OFFLINE, stdio: ['ignore', out, out], detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    rmSync(persist, { recursive: true, force: true });
  };
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, stop };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  const tail = readFileSync(log, 'utf8').slice(-2000);
  await stop();
  throw new Error(`wrangler dev did not start on ${base}:\n${tail}`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const AXE_SOURCE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core's violations on the page as it is now. axe is evaluated through the
 * DevTools protocol rather than added as a <script> tag: the page's CSP allows
 * no inline script, and it must not be loosened for the test.
 */
export async function axeViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  type Raw = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
  const raw = await page.evaluate<Raw[]>("axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)");
  return raw.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

export const serious = (violations: Violation[]) => violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');

/** Bytes over the wire (headers plus the body as encoded) of every request a fresh page load makes. */
export async function firstLoad(context: BrowserContext, url: string): Promise<{ bytes: number; requests: { url: string; bytes: number }[] }> {
  const page = await context.newPage();
  const pending: Promise<{ url: string; bytes: number }>[] = [];
  page.on('requestfinished', (request) => {
    pending.push(request.sizes().then((s) => ({ url: request.url(), bytes: s.responseHeadersSize + s.responseBodySize })));
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  const requests = await Promise.all(pending);
  await page.close();
  return { bytes: requests.reduce((sum, r) => sum + r.bytes, 0), requests };
}
