/**
 * The web tutor's first load as the local worker serves it (wrangler dev):
 * the bytes of / with its script, styles and icon over the wire (status
 * lines, headers and gzip'd bodies), the same bodies uncompressed, and the
 * time to serve the practice page.
 */
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { type Measurement, median } from './engine.js';
import { startLocalWorker } from './local-worker.js';

interface Fetched { wire: number; body: Buffer; ms: number }

/**
 * One GET asking for gzip as browsers do, counting what crossed the socket: the status line, the raw
 * headers and the body as encoded (`body` is decoded).
 */
function get(url: string): Promise<Fetched> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const raw = Buffer.concat(chunks);
        const body = response.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
        const head = `HTTP/1.1 ${response.statusCode} ${response.statusMessage}\r\n`.length
          + response.rawHeaders.reduce((sum, part) => sum + part.length + 2, 0) + 2;
        resolve({ wire: head + raw.length, body, ms: performance.now() - started });
      });
    }).on('error', reject).end();
  });
}

async function firstLoad(base: string): Promise<{ wire: number; bodies: number }> {
  const page = await get(`${base}/`);
  const assets = [...page.body.toString('utf8').matchAll(/(?:href|src)="(\/ui\/[^"]+)"/g)].map((m) => m[1]!);
  if (assets.length < 3) throw new Error(`expected a script, a stylesheet and an icon on /, found ${assets.join(', ')}`);
  const loaded = [page, ...(await Promise.all(assets.map((a) => get(`${base}${a}`))))];
  return { wire: loaded.reduce((s, r) => s + r.wire, 0), bodies: loaded.reduce((s, r) => s + r.body.length, 0) };
}

export async function uiBenchmarks(quick: boolean): Promise<Measurement[]> {
  const worker = await startLocalWorker();
  try {
    for (let i = 0; i < 10; i++) await get(`${worker.base}/`); // warm the isolate
    const load = await firstLoad(worker.base);
    const times: number[] = [];
    for (let i = 0; i < (quick ? 30 : 200); i++) times.push((await get(`${worker.base}/`)).ms);
    return [
      { name: 'web tutor: first load of / (page, script, styles, icon) over the wire, gzip', median: load.wire / 1024, unit: 'KiB', runs: 1, target: '< 100 KiB' },
      { name: 'web tutor: the same bodies uncompressed', median: load.bodies / 1024, unit: 'KiB', runs: 1 },
      { name: 'web tutor: GET / (the practice page), local wrangler dev', median: median(times), unit: 'ms', runs: times.length },
    ];
  } finally {
    worker.stop();
  }
}
