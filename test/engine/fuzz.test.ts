/**
 * Random and malformed scenario lines and shell commands: the engine answers
 * every one with a typed result (a refused line names itself; a command exits
 * non-zero), never throws, and a whole-scenario budget bounds the work.
 * FUZZ_RUNS sets the number of runs (CI runs a short form).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCloud, execOnHost, hostNames } from '../../engine/index.js';
import { eightFlowScenario } from '../../bench/scenarios.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 200);

const WORDS = [
  'openstack', 'network', 'subnet', 'router', 'server', 'port', 'floating', 'ip', 'volume', 'image', 'flavor', 'create', 'delete', 'set', 'unset',
  'add', 'remove', 'show', 'list', '--network', '--subnet-range', '--external-gateway', '--nic', '--flavor', '--image', '--gateway', '--allocation-pool',
  '--provider-network-type', '--provider-segment', '--provider-physical-network', '--external', '--share', '--no-dhcp', '--disable-snat', '--fixed-ip',
  '--id', '-f', '-c', 'json', 'value', 'table', 'm1.nano', 'cirros', 'provider', 'flat', 'vxlan', 'net-id=n1', 'n1', 'n2', 's1', 'r1', 'vm1',
  '10.0.0.0/24', '203.0.113.0/24', '0.0.0.0/0', '999.1.1.1/33', 'start=10.0.0.5,end=10.0.0.2', '--', '"', "'", '\\', '$(reboot)', '`id`', '|', ';', '&&', '>', '#',
  '9999999999999999999999', '-1', '1e400', '中文', '\u0000', '💩', '\ud800', '--subnet-range=10.9.0.0/16',
  // Names that are also Object.prototype's keys: a lookup by typed name must not find those.
  'constructor', '__proto__', 'toString', 'agent', 'route', '--route', '--mtu', 'destination=10.1.0.0/16,gateway=10.0.0.9',
];
const word = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) });
const line = fc.oneof(
  { weight: 6, arbitrary: fc.array(word, { minLength: 1, maxLength: 10 }).map((w) => ['openstack', ...w].join(' ')) },
  { weight: 1, arbitrary: fc.array(word, { maxLength: 8 }).map((w) => w.join(' ')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
);

describe('fuzzing the engine', () => {
  it(`answers random scenario lines with a typed result, inside its budget (${RUNS} runs)`, () => {
    const base = eightFlowScenario().filter((l) => l.trim() && !l.startsWith('#')).slice(0, 8);
    fc.assert(fc.property(fc.array(line, { maxLength: 12 }), fc.boolean(), (lines, withBase) => {
      const scenario = withBase ? [...base, ...lines] : lines;
      const r = buildCloud(scenario, { tracing: false, workBudget: 500 });
      expect(r.steps).toBeLessThanOrEqual(501);
      if (!r.ok) {
        expect(r.error.line).toBeGreaterThanOrEqual(1);
        expect(r.error.line).toBeLessThanOrEqual(scenario.length);
        expect(r.error.text).toBe(scenario[r.error.line - 1]);
        expect(typeof r.error.message).toBe('string');
        expect(Number.isInteger(r.error.status)).toBe(true);
      }
    }), { numRuns: RUNS });
  });

  it(`answers random shell commands on every host with an exit status (${RUNS} runs)`, () => {
    const built = buildCloud(eightFlowScenario(), { tracing: false });
    expect(built.ok).toBe(true);
    const hosts = [...hostNames(built.cloud), 'constructor', '__proto__'];
    const shellWords = ['ip', 'addr', 'link', 'route', 'netns', 'exec', 'brctl', 'show', 'bridge', 'fdb', 'iptables', '-t', 'nat', '-S', 'iptables-save', 'cat', 'ls', 'ps', 'virsh', 'dumpxml', 'sysctl', 'openstack', 'server', 'list', 'qrouter-x', '/var/lib/neutron/dhcp', '-br', '-d', ...WORDS];
    fc.assert(fc.property(fc.constantFrom(...hosts), fc.array(fc.oneof(fc.constantFrom(...shellWords), fc.string({ maxLength: 10 })), { minLength: 1, maxLength: 8 }), (host, words) => {
      const r = execOnHost(built.cloud, host, words.join(' '));
      expect(typeof r.stdout).toBe('string');
      expect(typeof r.stderr).toBe('string');
      expect(Number.isInteger(r.exitCode)).toBe(true);
      // A refusal always says why (cliff prints "… is not an openstack command" on stdout, as the real client does).
      if (r.exitCode !== 0) expect(r.stderr.length + r.stdout.length).toBeGreaterThan(0);
    }), { numRuns: RUNS });
  });
});
