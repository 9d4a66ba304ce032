/**
 * Flows 3 and 4: checks beyond the generic family harness — the facts the
 * questions teach hold in the built clouds, the drills vary their fault, and
 * the well-known wrong answers get the specific message written for them.
 */
import { describe, expect, it } from 'vitest';
import { build } from '../../content/family.js';
import { findFamily, grade, question, solution } from '../../content/index.js';
import { dhcpConfDir } from '../../engine/core/names.js';
import { cidrParts } from '../../engine/core/ip.js';
import { isIsolated } from '../../engine/agents/dnsmasq.js';

const seeds = Array.from({ length: 20 }, (_, i) => `t${i}`);

function world(id: string, seed: string) {
  return build(findFamily(id), seed).world as ReturnType<typeof build<any>>['world'];
}

describe('flow 4 facts', () => {
  it('the host file never holds the DHCP port and always holds the router interface', () => {
    for (const seed of seeds) {
      const w = world('f4-host-file', seed);
      const ports = Object.values(w.cloud.db.ports).filter((p) => p.networkId === w.facts.networkId);
      const answer = String(solution('f4-host-file', seed));
      for (const p of ports) {
        if (p.deviceOwner === 'network:dhcp') expect(answer).not.toContain(p.macAddress);
        if (p.deviceOwner === 'network:router_interface' || p.deviceOwner.startsWith('compute:')) expect(answer).toContain(`${p.macAddress},host-`);
      }
    }
  });

  it('the opts lines carry the metadata route exactly when a router port owns the gateway', () => {
    for (const seed of seeds) {
      const w = world('f4-opts-file', seed);
      const subnet = w.cloud.db.subnets[w.facts.subnetId]!;
      const answer = String(solution('f4-opts-file', seed));
      expect(answer.includes('169.254.169.254/32'), seed).toBe(!isIsolated(w.cloud.db, subnet));
      expect(answer.split('\n').at(-1)!.includes('option:router'), seed).toBe(true);
      expect(answer).not.toMatch(/mtu/);
    }
  });

  it('--dhcp-lease-max is the size of all DHCP subnets of the network', () => {
    for (const seed of seeds) {
      const w = world('f4-dhcp-range', seed);
      const sizes = Object.values(w.cloud.db.subnets).filter((s) => s.networkId === w.facts.networkId && s.enableDhcp).map((s) => 2 ** (32 - cidrParts(s.cidr).prefix));
      const answer = solution('f4-dhcp-range', seed) as Record<string, string>;
      expect(Number(answer['lease_max'])).toBe(sizes.reduce((a, b) => a + b, 0));
      expect(answer['range']).toMatch(/^set:subnet-[0-9a-f-]{36},[\d.]+,static,[\d.]+,86400s$/);
    }
  });

  it('the seeded leases have "* *" and expire a day after the restart', () => {
    for (const seed of seeds) {
      const w = world('f4-initial-leases', seed);
      for (const line of String(solution('f4-initial-leases', seed)).split('\n')) {
        const f = line.split(' ');
        expect(Number(f[0])).toBe(w.facts.now + 86400);
        expect(f.slice(3)).toEqual(['*', '*']);
      }
    }
  });

  it('outdated dnsmasq arguments are never offered as right', () => {
    for (const seed of seeds) {
      const q = question('f4-cmdline-args', seed);
      if (q.answerFormat.type !== 'choice') throw new Error('not a choice');
      const right = new Set(solution('f4-cmdline-args', seed) as string[]);
      for (const c of q.answerFormat.choices) {
        if (/--interface=|--except-interface|--bind-interfaces|set:tag0|^--conf-file=$|--dhcp-option=26/.test(c.text)) expect(right.has(c.id), c.text).toBe(false);
      }
    }
  });
});

describe('drills', () => {
  it('both flow 3 and flow 4 drills use more than one fault across seeds, and a no-op command does not pass', () => {
    for (const id of ['f3-fix-compute-wiring', 'f4-fix-dhcp']) {
      const faults = new Set<string>();
      for (const seed of seeds) {
        faults.add(world(id, seed).facts.fault.id);
        const r = grade(id, seed, 'controller$ kill -HUP 1');
        expect(r.score, `${id}/${seed}`).toBeLessThan(1);
      }
      expect(faults.size, id).toBeGreaterThan(1);
    }
  });

  it('the flow 4 drill\'s context really shows the fault on the network node', () => {
    for (const seed of seeds) {
      const w = world('f4-fix-dhcp', seed);
      const host = w.run('controller', `cat ${dhcpConfDir(w.facts.target.port.networkId)}/host`);
      if (w.facts.fault.id === 'host-entry-missing') expect(host).not.toContain(w.facts.target.port.macAddress);
      else expect(host).toContain(w.facts.target.port.macAddress);
    }
  });
});

describe('helpful wrong answers', () => {
  it('an l2pop entry for a port on the node itself is explained as local', () => {
    let checked = 0;
    for (const seed of seeds) {
      const w = world('f3-l2pop-fdb', seed);
      const local = Object.values(w.cloud.db.ports).find((p) => p.networkId === w.facts.networkId && p.bindingHostId === w.facts.host);
      const remoteVtep = Object.values(w.cloud.hosts).find((h) => h.name !== w.facts.host)!.managementIp;
      if (!local) continue;
      const r = grade('f3-l2pop-fdb', seed, `${solution('f3-l2pop-fdb', seed)}\n${local.macAddress} dst ${remoteVtep}`);
      const extra = r.items.find((i) => i.verdict === 'extra')!;
      expect(extra.message!.en).toMatch(/itself|local/);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('the guest MAC given as the host tap MAC is marked wrong', () => {
    for (const seed of seeds) {
      const right = solution('f3-tap-macs', seed) as Record<string, string>;
      const r = grade('f3-tap-macs', seed, { ...right, host_mac: right['guest_mac']! });
      expect(r.correct).toBe(false);
      expect(right['host_mac']!.startsWith('fe:')).toBe(true);
    }
  });
});
