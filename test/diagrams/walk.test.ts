import { describe, expect, it } from 'vitest';
import { walkSvg } from '../../diagrams/index';
import type { DhcpExchange } from '../../engine/packets/dhcp';
import type { RoutedWalk } from '../../engine/packets/routing';
import { packetWalk } from '../../engine/packets/walks';
import { build, eightFlows, noRouter, twoRouters, withoutDhcp } from './scenarios';
import { parseXml, texts } from './xml';

/** The rewrites the stages themselves report: an address that differs from the stage before. */
function rewrites(walk: RoutedWalk): Array<{ field: 'src' | 'dst'; before: string; after: string }> {
  const out: Array<{ field: 'src' | 'dst'; before: string; after: string }> = [];
  for (const p of walk.packets) {
    p.stages.forEach((s, i) => {
      const prev = p.stages[i - 1];
      if (prev && prev.src !== s.src) out.push({ field: 'src', before: prev.src, after: s.src });
      if (prev && prev.dst !== s.dst) out.push({ field: 'dst', before: prev.dst, after: s.dst });
    });
  }
  return out;
}

function drawn(walk: RoutedWalk) {
  const root = parseXml(walkSvg(walk));
  const shown = texts(root);
  for (const p of walk.packets) {
    for (const s of p.stages) {
      expect(shown).toContain(s.dev);
      expect(shown).toContain(`${s.src} → ${s.dst}`);
    }
  }
  return { root, shown };
}

describe('walkSvg', () => {
  const cloud = build(eightFlows());
  const fip = Object.values(cloud.db.floatingIps)[0]!.floatingIpAddress;
  const vm = Object.values(cloud.db.servers)[0]!.name;

  it('shows the SNAT rewrite the stages report, before → after', () => {
    const walk = packetWalk(cloud, 'snat', [vm, '8.8.8.8']) as RoutedWalk;
    expect(walk.delivered).toBe(true);
    const rw = rewrites(walk);
    expect(rw.map((r) => r.field)).toEqual(['src']);
    const { shown, root } = drawn(walk);
    const callout = `SNAT src ${rw[0]!.before} → ${rw[0]!.after}`;
    expect(shown.filter((t) => t.startsWith(callout)).length).toBeGreaterThanOrEqual(2);
    expect(root.children[1]!.text).toContain(callout);
  });

  it('shows the DNAT rewrite of a floating IP, before → after', () => {
    const walk = packetWalk(cloud, 'dnat', [fip]) as RoutedWalk;
    const rw = rewrites(walk);
    expect(rw).toEqual([{ field: 'dst', before: fip, after: expect.any(String) }]);
    const { shown } = drawn(walk);
    expect(shown).toContain(`DNAT dst ${fip} → ${rw[0]!.after}`);
    expect(shown.some((t) => t.includes('-j DNAT'))).toBe(true);
  });

  it('draws a walk without NAT, and a failed walk with its reason', () => {
    const two = build(twoRouters(), 3);
    const vxlan = packetWalk(two, 'vxlan', ['vm-blue', 'vm-blue2']) as RoutedWalk;
    expect(rewrites(vxlan)).toEqual([]);
    const ok = drawn(vxlan);
    expect(ok.root.children[1]!.text).toContain('no address rewrite');
    expect(ok.shown.some((t) => /^(NAT|SNAT|DNAT) /.test(t))).toBe(false);

    const lonely = build(noRouter(), 1);
    const failed = packetWalk(lonely, 'snat', ['solo', '8.8.8.8']) as RoutedWalk;
    expect(failed.delivered).toBe(false);
    const bad = drawn(failed);
    expect(bad.shown.join('\n')).toContain('not delivered');
    expect(bad.root.children[1]!.text).toContain(failed.failure!);
  });

  it('draws a DHCP exchange as its messages, with addresses, path and lease', () => {
    const ex = packetWalk(cloud, 'dhcp', [vm]) as DhcpExchange;
    const shown = texts(parseXml(walkSvg(ex)));
    ex.packets.forEach((p, i) => {
      expect(shown).toContain(`${i + 1} ${p.name} [DHCP]`);
      expect(shown.some((t) => t.startsWith(`${p.ipSrc}:${p.sport} → ${p.ipDst}:${p.dport}`))).toBe(true);
      for (const h of p.hops) expect(shown.some((t) => t.includes(h.dev))).toBe(true);
    });
    expect(shown.some((t) => t.includes(`${ex.lease!.ip}/${ex.lease!.prefix}`))).toBe(true);
  });

  it('draws a failed DHCP exchange and an error as small notices, escaped', () => {
    const quiet = build(withoutDhcp(), 2);
    const ex = packetWalk(quiet, 'dhcp', ['q1']) as DhcpExchange;
    expect(ex.failure).toBeTruthy();
    expect(texts(parseXml(walkSvg(ex))).join(' ')).toContain(ex.failure!.slice(0, 40));
    const err = walkSvg({ error: `no server named "<x> & 'y'"` });
    const root = parseXml(err);
    expect(root.attrs.role).toBe('img');
    expect(texts(root).join(' ')).toContain(`no server named "<x> & 'y'"`);
    expect(err.length).toBeLessThan(3000);
  });

  it('is deterministic and bilingual', () => {
    const walk = packetWalk(cloud, 'snat', [vm, '8.8.8.8']);
    expect(walkSvg(walk)).toBe(walkSvg(packetWalk(build(eightFlows()), 'snat', [vm, '8.8.8.8'])));
    expect(parseXml(walkSvg(walk, { lang: 'zh' })).children[0]!.text).toMatch(/报文路径/);
  });
});
