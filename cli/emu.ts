/**
 * `npm run --silent emu -- [--computes N] [--seed S] SCENARIO_FILE [HOST COMMAND…]`
 *   prints what COMMAND prints on HOST after building the scenario;
 * `… SCENARIO_FILE --trace N` prints flow N's trace as JSON lines;
 * `… SCENARIO_FILE --walk KIND [ARGS…]` prints a packet walk as JSON;
 * with no command, opens a prompt: `HOST COMMAND…` per line.
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { buildCloud, execOnHost, hostNames } from '../engine/index.js';
import { flowTrace } from '../engine/flows/trace.js';
import { packetWalk, WALK_KINDS } from '../engine/packets/walks.js';
import { endQuietlyOnClosedPipe } from './pipe.js';

endQuietlyOnClosedPipe();

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run --silent emu -- [--computes N] [--seed S] SCENARIO_FILE [HOST COMMAND... | --trace N | --walk KIND ARGS...]\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
let computes: number | undefined;
let seed: string | undefined;
while (argv[0]?.startsWith('--')) {
  const flag = argv.shift()!;
  const value = argv.shift();
  if (value === undefined) usage(`${flag} needs a value`);
  if (flag === '--computes') {
    computes = Number(value);
    if (!Number.isInteger(computes) || computes < 1 || computes > 100) usage('--computes must be an integer from 1 to 100');
  } else if (flag === '--seed') seed = value;
  else usage(`unknown option ${flag}`);
}
const file = argv.shift();
if (!file) usage('missing SCENARIO_FILE');
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (e) {
  usage(`cannot read ${file}: ${(e as Error).message}`);
}
const built = buildCloud(text.split(/\r?\n/), { ...(computes ? { computes } : {}), ...(seed ? { seed } : {}) });
if (!built.ok) {
  process.stderr.write(`${file}:${built.error.line}: ${built.error.text}\n${built.error.message}\n`);
  process.exit(1);
}
const cloud = built.cloud;

function runOne(host: string, command: string): number {
  const r = execOnHost(cloud, host, command);
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  return r.exitCode;
}

if (argv[0] === '--trace') {
  const n = Number(argv[1]);
  if (!Number.isInteger(n) || n < 1 || n > 8) usage('--trace takes a flow number from 1 to 8');
  const trace = flowTrace(cloud, n);
  if (trace.length === 0) {
    process.stderr.write(`flow ${n}: the scenario has no object of this flow yet\n`);
    process.exit(1);
  }
  for (const step of trace) process.stdout.write(`${JSON.stringify(step)}\n`);
} else if (argv[0] === '--walk') {
  const result = packetWalk(cloud, argv[1] ?? '', argv.slice(2));
  if ('error' in result) usage(`${result.error}\nkinds: ${WALK_KINDS.join(', ')}`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else if (argv.length >= 2) {
  // Re-quote the words the shell already split, so `-c "Fixed IP Addresses"` stays one argument.
  const quote = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);
  process.exit(runOne(argv[0]!, argv.slice(1).map(quote).join(' ')));
} else if (argv.length === 1) {
  usage('missing COMMAND after HOST');
} else {
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: 'stacktutor> ' });
  process.stdout.write(`hosts: ${hostNames(cloud).join(', ')}\ntype HOST COMMAND (e.g. controller ip netns), or exit\n`);
  rl.prompt();
  rl.on('line', (line) => {
    const trimmed = line.trim();
    if (trimmed === 'exit' || trimmed === 'quit') return rl.close();
    if (trimmed) {
      const space = trimmed.indexOf(' ');
      if (space < 0) process.stderr.write('type HOST COMMAND\n');
      else runOne(trimmed.slice(0, space), trimmed.slice(space + 1));
    }
    rl.prompt();
  });
}
