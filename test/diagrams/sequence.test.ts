import { describe, expect, it } from 'vitest';
import { sequenceSvg } from '../../diagrams/index';
import { flowTrace, type TraceStep } from '../../engine/flows/trace';
import { build, eightFlows } from './scenarios';
import { findAll, parseXml, texts, type XmlNode } from './xml';

const num = (n: XmlNode, a: string) => Number(n.attrs[a]);

function lanes(root: XmlNode): Map<string, number> {
  const out = new Map<string, number>();
  for (const g of findAll(root, (n) => n.name === 'g' && 'data-actor' in n.attrs)) {
    const life = g.children.find((c) => c.name === 'line')!;
    expect(out.has(g.attrs['data-actor']!)).toBe(false);
    out.set(g.attrs['data-actor']!, num(life, 'x1'));
  }
  return out;
}

describe('sequenceSvg', () => {
  const cloud = build(eightFlows());

  it('draws one lane per actor and one numbered arrow per step, from the sender lane to the receiver lane', () => {
    for (let flow = 1; flow <= 8; flow++) {
      const trace = flowTrace(cloud, flow);
      expect(trace.length).toBeGreaterThan(0);
      const root = parseXml(sequenceSvg(trace));
      const lane = lanes(root);
      expect(new Set(lane.keys())).toEqual(new Set(trace.flatMap((s) => [s.actor, s.target])));
      const steps = findAll(root, (n) => n.name === 'g' && 'data-step' in n.attrs);
      expect(steps).toHaveLength(trace.length);
      steps.forEach((g, i) => {
        const s = trace[i]!;
        expect([g.attrs['data-step'], g.attrs['data-from'], g.attrs['data-to'], g.attrs['data-channel']]).toEqual([String(s.step), s.actor, s.target, s.channel]);
        const label = findAll(g, (n) => n.name === 'text')[0]!.all;
        expect(label.startsWith(`${s.step} ${s.message.slice(0, 50)}`)).toBe(true);
        expect(label).toContain(`[${s.channel}]`);
        if (s.actor === s.target) return;
        const shaft = g.children.find((c) => c.name === 'line')!;
        expect(num(shaft, 'x1')).toBe(lane.get(s.actor));
        expect(Math.abs(num(shaft, 'x2') - lane.get(s.target)!)).toBeLessThanOrEqual(2);
      });
      const shown = texts(root);
      for (const c of new Set(trace.map((s) => s.channel))) expect(shown).toContain(c);
    }
  });

  it('styles steps by channel, with a legend entry for each channel used', () => {
    const root = parseXml(sequenceSvg(flowTrace(cloud, 1)));
    const classOf = (ch: string) => findAll(root, (n) => n.attrs['data-channel'] === ch)[0]!.children.find((c) => c.name === 'line')!.attrs.class;
    expect(classOf('REST')).not.toBe(classOf('SQL'));
    expect(classOf('RPC cast')).not.toBe(classOf('RPC call'));
  });

  it('escapes whatever the trace says and stays well-formed', () => {
    const nasty: TraceStep[] = [
      { step: 1, actor: 'a&b <x>', target: '"quoted"', channel: 'REST', message: `<script>alert('x')</script> & more`, detail: 'd < e', changes: [] },
      { step: 2, actor: '"quoted"', target: '"quoted"', channel: 'local', message: 'self & loop', detail: '', changes: [], note: `it's "noted"` },
    ];
    const svg = sequenceSvg(nasty);
    expect(svg).not.toContain('<script');
    const root = parseXml(svg);
    expect(texts(root).some((t) => t.includes(`<script>alert('x')</script> & more`))).toBe(true);
    expect([...lanes(root).keys()]).toEqual(['a&b <x>', '"quoted"']);
  });

  it('is deterministic, bilingual, and copes with an empty trace', () => {
    const trace = flowTrace(cloud, 2);
    expect(sequenceSvg(trace)).toBe(sequenceSvg(flowTrace(build(eightFlows()), 2)));
    const zh = parseXml(sequenceSvg(trace, { lang: 'zh' }));
    expect(zh.children[0]!.text).toMatch(/时序图/);
    const empty = parseXml(sequenceSvg([]));
    expect(empty.attrs.role).toBe('img');
    expect(findAll(empty, (n) => 'data-step' in n.attrs)).toHaveLength(0);
  });

  it('marks highlighted actors', () => {
    const root = parseXml(sequenceSvg(flowTrace(cloud, 2), { highlight: ['neutron-server'] }));
    const lane = findAll(root, (n) => n.attrs['data-actor'] === 'neutron-server')[0]!;
    expect(lane.children[0]!.attrs.class).toContain('sd-hl');
  });
});
