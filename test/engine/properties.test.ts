/**
 * Property tests: random scenarios drawn from a command model over a small
 * set of object names (so commands hit existing, missing, duplicate and
 * conflicting objects), applied line by line. After every line the cloud must
 * satisfy the invariants in ./invariants.ts; a failed line must leave it as it
 * was; the same lines and seed must give the same cloud; a step budget must
 * turn runaway work into an error message, never an exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCloud } from '../../engine/core/cloud';
import type { Cloud } from '../../engine/core/types';
import { applyLine } from '../../engine/scenario/apply';
import { boundPairs, checkComputeBridges, checkInvariants } from './invariants';
import { BASE, type Cmd, type Scenario, render, scenario } from './properties/model';

/** What a failed line must leave untouched: everything but the events the bus may have recorded (rolled back too). */
function snapshot(cloud: Cloud): string {
  return JSON.stringify({ db: cloud.db, hosts: cloud.hosts, guests: cloud.guests, project: cloud.currentProject, rng: cloud.rng, clock: cloud.clock, count: cloud.commandCount, events: cloud.events.length });
}

/** OSC's bulk delete runs one API call per name: a partial failure keeps what succeeded. All failed = nothing changed. */
function allowedToChangeOnFailure(line: string, stderr: string): boolean {
  const m = /^openstack (\w+) delete (.+)$/.exec(line.trim());
  if (!m || m[2]!.trim().split(/\s+/).length < 2) return false;
  const failed = /(\d+) of (\d+) \w+ failed to delete/.exec(stderr);
  return !failed || failed[1] !== failed[2];
}

/**
 * Engine bugs this file steps around so that main stays green; each is in the
 * test report with its smallest reproduction. A failed line that matches
 * `restore` (and whose error matches its `stderr`, if given) is rolled back
 * here: the engine should have left the cloud as it was. A line that matches
 * `skip` or `skipWhen` is not applied at all: the engine throws, or corrupts
 * the state for every later check. An invariant violation that matches
 * `violation` is ignored. Delete an entry once the engine is fixed: the
 * properties then cover that case again.
 */
const KNOWN_ENGINE_BUGS: Array<{ bug: string; restore?: { line: RegExp; stderr?: RegExp }; skip?: RegExp; skipWhen?: (cloud: Cloud, line: string) => boolean; violation?: RegExp }> = [
  // Every bug these tests found is fixed in the engine; a new one goes here with its repro until it is.
];

interface Applied {
  lines: string[];
  cloud: Cloud;
}

function transcriptOf(s: Scenario, lines: string[], result?: { exitCode: number; stderr: string }): string {
  return `--- scenario (computes ${s.computes}, seed ${JSON.stringify(s.seed)}):\n${lines.join('\n')}${result ? `\n--- last line: exit ${result.exitCode}\n${result.stderr}` : ''}`;
}

/** Applies one line, rolling back a failure that hits a known engine bug (see KNOWN_ENGINE_BUGS). */
function applyAroundKnownBugs(cloud: Cloud, text: string, budget?: number): ReturnType<typeof applyLine> {
  const bugs = KNOWN_ENGINE_BUGS.filter((b) => b.restore?.line.test(text));
  const saved = bugs.length ? structuredClone(cloud) : undefined;
  const result = applyLine(cloud, text, budget);
  if (result.exitCode !== 0 && saved && bugs.some((b) => !b.restore!.stderr || b.restore!.stderr.test(result.stderr))) Object.assign(cloud, saved);
  return result;
}

/** The path of the first difference between two JSON values, for readable failures. */
function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    const ka = Object.keys(a).join(',');
    const kb = Object.keys(b).join(',');
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    if (ka !== kb) return `${path}: key order ${ka} vs ${kb}`;
  }
  return `${path}: ${JSON.stringify(a)?.slice(0, 300)} vs ${JSON.stringify(b)?.slice(0, 300)}`;
}

/** Applies base + commands without checks, for the properties that only compare clouds. */
function applyAll(s: Scenario): Applied {
  const cloud = createCloud({ computes: s.computes, seed: s.seed });
  const lines: string[] = [];
  for (const cmd of [...(s.base ? BASE.map((l) => ({ line: l })) : []), ...s.commands]) {
    const text = render(cloud, cmd);
    if (KNOWN_ENGINE_BUGS.some((b) => b.skip?.test(text) || b.skipWhen?.(cloud, text))) continue;
    lines.push(text);
    applyAroundKnownBugs(cloud, text);
  }
  return { lines, cloud };
}

/** Applies base + commands, checking every property after every line; throws with the transcript on a violation. */
function runChecked(s: Scenario, observe?: (cloud: Cloud, line: string, exitCode: number) => void): Applied {
  const cloud = createCloud({ computes: s.computes, seed: s.seed });
  const lines: string[] = [];
  const everBound = new Set<string>();
  const all: Cmd[] = [...(s.base ? BASE.map((l) => ({ line: l })) : []), ...s.commands];
  for (const cmd of all) {
    const text = render(cloud, cmd);
    if (KNOWN_ENGINE_BUGS.some((b) => b.skip?.test(text) || b.skipWhen?.(cloud, text))) continue;
    lines.push(text);
    const before = snapshot(cloud);
    let result;
    try {
      result = applyAroundKnownBugs(cloud, text);
    } catch (e) {
      throw new Error(`applyLine threw ${(e as Error).name}: ${(e as Error).message}\n${transcriptOf(s, lines)}`);
    }
    if (result.exitCode !== 0) {
      if (!(result.stderr + result.stdout).trim()) throw new Error(`a failed line printed nothing\n${transcriptOf(s, lines, result)}`);
      if (!allowedToChangeOnFailure(text, result.stderr) && snapshot(cloud) !== before) throw new Error(`a failed line changed the cloud\n${transcriptOf(s, lines, result)}`);
    }
    for (const pair of boundPairs(cloud)) everBound.add(pair);
    const violations = [...checkInvariants(cloud), ...checkComputeBridges(cloud, everBound)].filter((v) => !KNOWN_ENGINE_BUGS.some((b) => b.violation?.test(v)));
    observe?.(cloud, text, result.exitCode);
    if (violations.length) throw new Error(`invariants violated:\n  ${violations.join('\n  ')}\n${transcriptOf(s, lines, result)}`);
  }
  return { lines, cloud };
}

describe('random scenarios', () => {
  it('never throw, keep the cloud unchanged on failure, and hold every invariant after every line', () => {
    // How many runs reached each deep state: the property must not pass only because every line was refused.
    const reached: Record<string, number> = {};
    fc.assert(
      fc.property(scenario, (s) => {
        const seen = new Set<string>();
        runChecked(s, (cloud, text, exitCode) => {
          const { db } = cloud;
          if (Object.values(db.floatingIps).some((f) => f.portId)) seen.add('floating IP in use');
          if (Object.values(db.servers).some((x) => x.status === 'ACTIVE')) seen.add('ACTIVE server');
          if (Object.values(db.routers).some((r) => r.gateway && !r.gateway.enableSnat)) seen.add('SNAT disabled');
          if (Object.values(db.volumes).some((v) => v.status === 'in-use')) seen.add('volume attached');
          if (exitCode === 0 && /^openstack (network|router|server|floating ip) delete /.test(text)) seen.add(text.split(' ').slice(1, -1).join(' '));
        });
        for (const k of seen) reached[k] = (reached[k] ?? 0) + 1;
      }),
      { numRuns: 100 },
    );
    for (const state of ['floating IP in use', 'ACTIVE server', 'SNAT disabled', 'volume attached', 'network delete', 'router delete', 'server delete', 'floating ip delete']) {
      expect(reached[state] ?? 0, `runs that reached "${state}" (all: ${JSON.stringify(reached)})`).toBeGreaterThanOrEqual(2);
    }
  }, 60_000);

  it('are deterministic: the same lines and seed give a byte-identical cloud', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const first = applyAll(s);
        const again = createCloud({ computes: s.computes, seed: s.seed });
        for (const l of first.lines) applyAroundKnownBugs(again, l);
        const [a, b] = [JSON.stringify(again), JSON.stringify(first.cloud)];
        if (a !== b) expect(firstDifference(JSON.parse(a), JSON.parse(b)), transcriptOf(s, first.lines)).toBeNull();
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('under a tiny step budget, end every line with success or an error message, never an exception', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 60 }), (s, budget) => {
        const cloud = createCloud({ computes: s.computes, seed: s.seed });
        for (const cmd of [...(s.base ? BASE.map((l) => ({ line: l })) : []), ...s.commands]) {
          const text = render(cloud, cmd);
          if (KNOWN_ENGINE_BUGS.some((b) => b.skip?.test(text) || b.skipWhen?.(cloud, text))) continue;
          // Each line runs under the budget on a copy of a well-formed cloud (without the bus history, which
          // only grows), then unbounded to move on: a budget failure mid-line is not rolled back by the engine.
          const bounded = structuredClone({ ...cloud, events: [] });
          const r = applyAroundKnownBugs(bounded, text, budget);
          const full = applyAroundKnownBugs(cloud, text);
          if (r.exitCode !== 0) {
            expect((r.stderr + r.stdout).trim(), text).not.toBe('');
            if (full.exitCode === 0) expect(r.stderr, text).toMatch(/step budget of \d+ exceeded/);
          } else {
            // A line that fits the budget does exactly what it does without one.
            expect(full.exitCode, text).toBe(0);
            const state = (c: Cloud) => JSON.parse(JSON.stringify({ db: c.db, hosts: c.hosts, guests: c.guests, rng: c.rng, clock: c.clock }));
            expect(firstDifference(state(bounded), state(cloud)), text).toBeNull();
          }
        }
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

describe('the invariants themselves', () => {
  const LAB = [
    'openstack network create --external --provider-network-type flat --provider-physical-network provider ext',
    'openstack subnet create --network ext --subnet-range 198.51.100.0/24 --gateway 198.51.100.1 --no-dhcp ext-sub',
    'openstack network create net-a',
    'openstack subnet create --network net-a --subnet-range 10.20.30.0/26 sub-a',
    'openstack router create rt-1',
    'openstack router set rt-1 --external-gateway ext',
    'openstack router add subnet rt-1 sub-a',
    'openstack server create --flavor m1.nano --image cirros --nic net-id=net-a --availability-zone nova:compute1 vm-1',
    'openstack floating ip create --floating-ip-address 198.51.100.77 ext',
    'openstack server add floating ip vm-1 198.51.100.77',
  ];
  function lab(): Cloud {
    const cloud = createCloud({ computes: 2, seed: 'invariants' });
    for (const l of LAB) expect(applyLine(cloud, l).exitCode, l).toBe(0);
    return cloud;
  }
  const vmPort = (cloud: Cloud) => Object.values(cloud.db.ports).find((p) => p.deviceOwner.startsWith('compute:'))!;

  it('hold on a healthy cloud', () => {
    expect(checkInvariants(lab())).toEqual([]);
  });

  it.each<[string, (cloud: Cloud) => void, RegExp]>([
    ['a missing tap', (c) => { c.hosts['compute1']!.root.links = c.hosts['compute1']!.root.links.filter((l) => !l.name.startsWith('tap')); }, /\[bound ports wired\] compute1: ACTIVE port .* has no tap/],
    ['a left-over qrouter namespace', (c) => { c.db.routers = {}; }, /\[no orphans\] controller: qrouter-\S+ of a deleted router/],
    ['a duplicate floating IP DNAT', (c) => { const ns = Object.values(c.hosts['controller']!.namespaces).find((n) => n.name.startsWith('qrouter-'))!; ns.iptables.nat!.rules.push({ chain: 'neutron-l3-agent-OUTPUT', spec: `-d 198.51.100.77/32 -j DNAT --to-destination ${vmPort(c).fixedIps[0]!.ipAddress}` }); }, /\[floating IPs\] qrouter-\S+: 2 OUTPUT rules/],
    ['a missing floating IP /32', (c) => { for (const ns of Object.values(c.hosts['controller']!.namespaces)) ns.addresses = ns.addresses.filter((a) => a.cidr !== '198.51.100.77/32'); }, /lacks 198\.51\.100\.77\/32/],
    ['two ports with one IP', (c) => { const [a, b] = Object.values(c.db.ports).filter((p) => p.networkId === vmPort(c).networkId); b!.fixedIps = [...a!.fixedIps]; }, /\[unique addresses\] IP 10\.20\.30\.\d+ on network/],
    ['a second dnsmasq', (c) => { const h = c.hosts['controller']!; const d = h.processes.find((p) => p.args.startsWith('dnsmasq '))!; h.processes.push({ ...d, pid: d.pid + 1 }); }, /\[dhcp\] controller: 2 dnsmasq processes/],
    ['a vxlan device with another VNI', (c) => { const v = c.hosts['compute1']!.root.links.find((l) => l.kind === 'vxlan')!; v.vxlan!.vni += 1; }, /\[no orphans\] compute1: vxlan-\d+ carries VNI/],
    ['a 16-character device name', (c) => { c.hosts['compute1']!.root.links[0]!.name = 'abcdefghijklmnop'; }, /\[name lengths\] compute1\/root: device abcdefghijklmnop is 16 characters/],
    ['a missing l2pop entry', (c) => { const v = c.hosts['compute1']!.root.links.find((l) => l.kind === 'vxlan')!; v.fdb = v.fdb!.slice(1); }, /\[l2pop\] compute1: vxlan-\d+ fdb lacks/],
    ['a tap at the wrong MTU', (c) => { c.hosts['compute1']!.root.links.find((l) => l.name.startsWith('tap'))!.mtu = 1500; }, /\[mtu\] compute1: tap\S+ mtu 1500, network 1450/],
    ['a server stuck in BUILD', (c) => { Object.values(c.db.servers)[0]!.status = 'BUILD'; }, /\[servers settled\] server vm-1 is still BUILD/],
    ['a floating IP on a deleted port', (c) => { delete c.db.ports[vmPort(c).id]; }, /\[references\] floating IP 198\.51\.100\.77 is associated with deleted port/],
  ])('catch %s', (_, mutate, violation) => {
    const cloud = lab();
    mutate(cloud);
    expect(checkInvariants(cloud).join('\n')).toMatch(violation);
  });

  it('catch a bridge on a compute node that never had a port of its network', () => {
    const cloud = lab();
    expect(checkComputeBridges(cloud, new Set(boundPairs(cloud)))).toEqual([]);
    expect(checkComputeBridges(cloud, new Set())).toEqual([expect.stringMatching(/^compute1: brq\S+ although no port of \S+ was ever bound here$/)]);
  });
});
