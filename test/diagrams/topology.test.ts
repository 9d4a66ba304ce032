import { describe, expect, it } from 'vitest';
import type { Cloud } from '../../engine/index';
import { topologySvg } from '../../diagrams/index';
import { topologyModel } from '../../diagrams/topology-model';
import { build, eightFlows, noRouter, twoRouters, withoutDhcp } from './scenarios';
import { findAll, parseXml, texts } from './xml';

/** Device names a reader of `ip link` / `ip netns` would look for, as the state holds them. */
function stateNames(cloud: Cloud): Set<string> {
  const names = new Set<string>();
  for (const host of Object.values(cloud.hosts)) {
    for (const ns of [host.root, ...Object.values(host.namespaces)]) {
      if (ns.name) names.add(ns.name);
      for (const l of ns.links) if (l.kind === 'bridge' || l.kind === 'veth' || l.kind === 'tun' || l.kind === 'vxlan') names.add(l.name);
    }
  }
  return names;
}

const DEVICE = /\b(?:brq[0-9a-f]{8}-[0-9a-f]{2}|tap[0-9a-f]{8}-[0-9a-f]{2}|vxlan-\d+|q(?:dhcp|router)-[0-9a-f-]{36}|(?:ns|qr|qg)-[0-9a-f]{8}-[0-9a-f]{2})\b/g;

function tokens(strings: string[]): Set<string> {
  const out = new Set<string>();
  for (const s of strings) for (const w of s.split(/[\s,;()⇄→↔@]+/)) if (w) out.add(w);
  return out;
}

function checkCloud(cloud: Cloud) {
  const svg = topologySvg(cloud);
  const root = parseXml(svg);
  const shown = texts(root);
  const words = tokens(shown);
  const names = stateNames(cloud);
  for (const name of names) expect(words, `${name} is in the state but not in the picture`).toContain(name);
  for (const s of shown) for (const m of s.matchAll(DEVICE)) expect(names, `${m[0]} is drawn but not in the state`).toContain(m[0]);
  for (const g of Object.values(cloud.guests)) {
    expect(words).toContain(g.name);
    for (const a of g.addresses.filter((x) => x.dev === 'eth0')) expect(words).toContain(a.cidr);
  }
  for (const f of Object.values(cloud.db.floatingIps).filter((x) => x.portId)) {
    const fipText = shown.find((s) => s.startsWith(`${f.floatingIpAddress}/32`));
    expect(fipText, `floating IP ${f.floatingIpAddress}`).toBeDefined();
    expect(fipText).toContain(f.fixedIpAddress!);
  }
  // Each namespace interface is joined by a drawn line to its veth peer, each guest NIC to its TAP.
  const joins = new Set(findAll(root, (n) => n.name === 'g' && n.children[0]?.name === 'title' && n.children.some((c) => c.name === 'path')).map((g) => g.children[0]!.text));
  for (const host of Object.values(cloud.hosts)) {
    for (const ns of Object.values(host.namespaces)) {
      for (const l of ns.links) {
        const peer = l.peer && host.root.links.find((x) => x.ifindex === l.peer!.ifindex);
        if (peer?.master) expect(joins, `${l.name} to ${peer.name}`).toContain(`${peer.name} ↔ ${l.name}`);
      }
    }
    for (const d of host.domains) {
      for (const i of d.interfaces) {
        const nic = cloud.guests[d.uuid]!.links.find((x) => x.mac === i.mac)!;
        expect(joins, `${d.name} ${nic.name} to ${i.tap}`).toContain(`${i.tap} ↔ ${nic.name}`);
      }
    }
  }
  for (const host of Object.values(cloud.hosts)) {
    expect(words).toContain(host.name);
    for (const l of host.root.links) for (const e of l.fdb ?? []) if (e.dst) expect(shown.some((s) => s.startsWith('VNI ') && s.includes(String(l.vxlan!.vni)))).toBe(true);
  }
  return { svg, root, shown };
}

describe('topologySvg', () => {
  it('draws every bridge, port, namespace, instance and floating IP of the eight-flow cloud, and nothing else', () => {
    const cloud = build(eightFlows());
    const { svg, root } = checkCloud(cloud);
    expect(root.name).toBe('svg');
    expect(root.attrs.role).toBe('img');
    expect(root.children[0]!.name).toBe('title');
    expect(root.children[1]!.name).toBe('desc');
    expect(root.attrs.viewBox).toBe(`0 0 ${root.attrs.width} ${root.attrs.height}`);
    expect(svg.length).toBeLessThan(40_000);
    expect(svg).not.toMatch(/<script|<image|href=|@import|url\(/);
  });

  it('handles three computes with two routers, no router at all, and a network without DHCP', () => {
    const two = build(twoRouters(), 3);
    expect(Object.values(two.hosts).reduce((s, h) => s + Object.keys(h.namespaces).filter((n) => n.startsWith('qrouter-')).length, 0)).toBe(2);
    checkCloud(two);
    const none = build(noRouter(), 1);
    expect(Object.keys(none.db.routers)).toHaveLength(0);
    checkCloud(none);
    checkCloud(build(withoutDhcp(), 2));
  });

  it('grows with 20 compute nodes and stays well-formed', () => {
    const { root } = checkCloud(build(eightFlows(), 20));
    expect(findAll(root, (n) => n.name === 'text' && /^compute\d+$/.test(n.all)).length).toBeGreaterThanOrEqual(20);
    expect(Number(root.attrs.height)).toBeGreaterThan(400);
  });

  it('joins each namespace interface to its veth peer and each instance NIC to its TAP, from the links alone', () => {
    const cloud = build(twoRouters(), 3);
    const model = topologyModel(cloud);
    for (const h of model.hosts) {
      const host = cloud.hosts[h.name]!;
      const portName = new Map(h.bridges.flatMap((b) => b.ports.map((p) => [p.key, p.name] as const)));
      for (const b of h.bridges.filter((x) => !x.loose)) {
        expect(b.ports.map((p) => p.name).sort()).toEqual(host.root.links.filter((l) => l.master === b.name).map((l) => l.name).sort());
      }
      for (const box of h.boxes.filter((b) => b.kind === 'netns')) {
        for (const i of box.ifaces) {
          const link = host.namespaces[box.name]!.links.find((l) => l.name === i.name)!;
          const peer = host.root.links.find((l) => l.ifindex === link.peer!.ifindex)!;
          expect(portName.get(i.peerKey!)).toBe(peer.name);
        }
      }
      for (const box of h.boxes.filter((b) => b.kind === 'instance')) {
        const domain = host.domains.find((d) => d.name === box.sub)!;
        expect(box.ifaces.map((i) => portName.get(i.peerKey!))).toEqual(domain.interfaces.map((x) => x.tap));
      }
    }
  });

  it('follows the state, not the naming rules: renamed devices are drawn where their links put them', () => {
    const cloud = structuredClone(build(eightFlows()));
    const ctl = cloud.hosts.controller!;
    const router = Object.keys(ctl.namespaces).find((n) => n.startsWith('qrouter-'))!;
    const peerOf = (l: { peer?: { ifindex: number } }) => ctl.root.links.find((x) => x.ifindex === l.peer?.ifindex);
    const onUplink = (master: string | null | undefined) => ctl.root.links.some((x) => x.kind === 'ether' && x.master === master);
    const qg = ctl.namespaces[router]!.links.find((l) => onUplink(peerOf(l)?.master))!;
    const peer = peerOf(qg)!;
    const bridge = peer.master!;
    for (const l of ctl.root.links) if (l.master === bridge) l.master = 'br-ext';
    ctl.root.links.find((l) => l.name === bridge)!.name = 'br-ext';
    peer.name = 'veth-gw';
    const model = topologyModel(cloud).hosts.find((h) => h.name === 'controller')!;
    const ext = model.bridges.find((b) => b.name === 'br-ext')!;
    expect(ext.ports.map((p) => p.name)).toContain('veth-gw');
    const gw = model.boxes.find((b) => b.name === router)!.ifaces.find((i) => i.name === qg.name)!;
    expect(ext.ports.find((p) => p.key === gw.peerKey)?.name).toBe('veth-gw');
    const words = tokens(texts(parseXml(topologySvg(cloud))));
    expect(words).toContain('br-ext');
    expect(words).toContain('veth-gw');
    expect(words).not.toContain(bridge);
  });

  it('is deterministic, bilingual and marks highlighted devices', () => {
    const a = topologySvg(build(eightFlows()));
    const b = topologySvg(build(eightFlows()));
    expect(a).toBe(b);
    const cloud = build(eightFlows());
    const zh = parseXml(topologySvg(cloud, { lang: 'zh' }));
    expect(zh.attrs.lang).toBe('zh-CN');
    expect(zh.children[0]!.text).toMatch(/网络拓扑/);
    expect(zh.children[1]!.text).toMatch(/网桥/);
    const ns = Object.keys(cloud.hosts.controller!.namespaces)[0]!;
    const hl = parseXml(topologySvg(cloud, { highlight: [ns] }));
    const marked = findAll(hl, (n) => n.name === 'text' && n.all === ns)[0]!;
    expect(marked.attrs.class).toContain('sd-hlt');
    const plain = findAll(parseXml(a), (n) => n.name === 'text' && n.all === ns)[0]!;
    expect(plain.attrs.class).not.toContain('sd-hlt');
  });
});
