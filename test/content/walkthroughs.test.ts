/**
 * The flow walkthroughs: every flow on many seeds gives a non-empty trace, a
 * scenario that replays to the same trace, bilingual texts, and steps whose
 * device names, iptables rules, file lines and addresses are really in the
 * cloud the scenario builds. Same (flow, seed), same walkthrough; flows outside
 * 1..8 are a RangeError.
 */
import { describe, expect, it } from 'vitest';
import { families, flowSummaries, flowWalkthrough, type FlowWalkthrough } from '../../content/index.js';
import { buildCloud, execOnHost, type Cloud } from '../../engine/index.js';
import { FLOW_TITLES, flowSubject, flowTrace } from '../../engine/flows/trace.js';
import * as names from '../../engine/core/names.js';

const seeds = Array.from({ length: 20 }, (_, i) => `w${i}`);
const FLOWS = [1, 2, 3, 4, 5, 6, 7, 8];
const CJK = /[\u4e00-\u9fff]/;

/** Device and namespace names as neutron derives them: brq/tap/ns-/qr-/qg- + 11 characters, vxlan-<VNI>, q…-<full UUID>. */
const DEVICE = /\b(?:(?:brq|tap|ns-|qr-|qg-)[0-9a-f]{8}-[0-9a-f]{2}|vxlan-\d+|q(?:dhcp|router)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/g;

function run(cloud: Cloud, host: string, command: string): string {
  const r = execOnHost(cloud, host, command);
  expect(r.exitCode, `${host}$ ${command}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** Every link name on every node (root and namespaces) and every namespace name. */
function devicesOf(cloud: Cloud): Set<string> {
  const out = new Set<string>();
  for (const host of Object.values(cloud.hosts)) {
    for (const l of host.root.links) out.add(l.name);
    for (const [ns, netns] of Object.entries(host.namespaces)) {
      out.add(ns);
      for (const l of netns.links) out.add(l.name);
    }
  }
  return out;
}

/** Every `-A …` rule in every table of every node and namespace. */
function rulesOf(cloud: Cloud): Set<string> {
  const out = new Set<string>();
  for (const host of Object.values(cloud.hosts)) {
    const dumps = [run(cloud, host.name, 'iptables-save'), ...Object.keys(host.namespaces).map((ns) => run(cloud, host.name, `ip netns exec ${ns} iptables-save`))];
    for (const d of dumps) for (const l of d.split('\n')) if (l.startsWith('-A ')) out.add(l);
  }
  return out;
}

const stepsText = (w: FlowWalkthrough, lang: 'en' | 'zh' = 'en') => w.steps.map((s) => s[lang]).join('\n');
/** `…` snippets of the English steps. */
const quoted = (w: FlowWalkthrough) => [...stepsText(w).matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

function rebuild(w: FlowWalkthrough, seed: string): Cloud {
  const built = buildCloud(w.scenario, { computes: w.computes, seed, tracing: true });
  expect(built.ok, built.ok ? '' : `line ${built.error.line}: ${built.error.message}`).toBe(true);
  return built.cloud;
}

describe('flowSummaries', () => {
  it('lists flows 1..8 with the engine\'s titles, bilingual summaries and the number of families of each flow', () => {
    const all = families();
    const summaries = flowSummaries();
    expect(summaries.map((s) => s.flow)).toEqual(FLOWS);
    for (const s of summaries) {
      expect(s.title).toEqual(FLOW_TITLES[s.flow]);
      expect(s.summary.en.length).toBeGreaterThan(80);
      expect(CJK.test(s.summary.zh)).toBe(true);
      expect(CJK.test(s.summary.en)).toBe(false);
      expect(s.summary.en.split(/(?<=[.!?])\s+(?=[A-Z`])/).length).toBeLessThanOrEqual(3);
      expect(s.families).toBe(all.filter((f) => f.flow === s.flow).length);
      expect(s.families).toBeGreaterThan(0);
    }
    expect(summaries.reduce((n, s) => n + s.families, 0)).toBe(all.length);
  });
});

describe('flowWalkthrough', () => {
  it('throws a RangeError for flows outside 1..8', () => {
    for (const bad of [0, 9, -1, 1.5, Number.NaN]) expect(() => flowWalkthrough(bad, 's'), String(bad)).toThrow(RangeError);
  });

  it('is deterministic, and different seeds give different scenarios', () => {
    for (const flow of FLOWS) {
      expect(JSON.stringify(flowWalkthrough(flow, 'det'))).toBe(JSON.stringify(flowWalkthrough(flow, 'det')));
      const scenarios = new Set(seeds.slice(0, 8).map((s) => JSON.stringify(flowWalkthrough(flow, s).scenario)));
      expect(scenarios.size, `flow ${flow}`).toBeGreaterThan(4);
    }
  });

  for (const flow of FLOWS) {
    it(`flow ${flow}: non-empty trace that the scenario replays, bilingual texts, and only names the cloud really has`, () => {
      for (const seed of seeds) {
        const w = flowWalkthrough(flow, seed);
        const where = `flow ${flow} seed ${seed}`;
        expect(w.flow).toBe(flow);
        expect(w.title).toEqual(FLOW_TITLES[flow]);
        expect(w.trace.length, where).toBeGreaterThan(0);
        expect(w.steps.length, where).toBeGreaterThanOrEqual(6);
        expect(w.steps.length, where).toBeLessThanOrEqual(12);
        for (const t of [w.summary, ...w.steps, ...w.interviewVsReality.flatMap((c) => [c.expected, c.actually])]) {
          expect(t.en.trim().length, where).toBeGreaterThan(10);
          expect(CJK.test(t.zh), `${where}: ${t.zh}`).toBe(true);
          expect(CJK.test(t.en), `${where}: ${t.en}`).toBe(false);
          expect(t.en + t.zh, where).not.toMatch(/undefined|NaN|\[object /);
        }
        expect(w.interviewVsReality.length).toBeGreaterThanOrEqual(1);
        expect(w.interviewVsReality.length).toBeLessThanOrEqual(4);

        // The scenario replays, and the replay's trace is the one returned.
        const cloud = rebuild(w, seed);
        expect(flowTrace(cloud, flow)).toEqual(w.trace);

        // Every device or namespace the steps name exists, in both languages alike.
        const named = new Set(stepsText(w).match(DEVICE) ?? []);
        expect(named.size, where).toBeGreaterThan(0);
        expect(new Set(stepsText(w, 'zh').match(DEVICE) ?? [])).toEqual(named);
        const devices = devicesOf(cloud);
        for (const d of named) expect(devices.has(d), `${where}: ${d} is not in the cloud`).toBe(true);

        // Every quoted iptables rule is verbatim in some table of the cloud.
        const rules = rulesOf(cloud);
        for (const q of quoted(w).filter((x) => x.startsWith('-A '))) expect(rules.has(q), `${where}: no rule ${q}`).toBe(true);
        // Every per-port security-group chain named is a chain with rules.
        for (const chain of stepsText(w).match(/neutron-linuxbri-[ios][0-9a-f-]+/g) ?? []) {
          expect([...rules].some((r) => r.startsWith(`-A ${chain} `)), `${where}: no chain ${chain}`).toBe(true);
        }

        CHECKS[flow]!(w, cloud, where);
      }
    });
  }

  it('the device check is not vacuous: a name one character off is not in the cloud', () => {
    const w = flowWalkthrough(2, 'w0');
    const cloud = rebuild(w, 'w0');
    const brq = names.bridgeName(flowSubject(cloud, 2)!);
    expect(devicesOf(cloud).has(brq)).toBe(true);
    expect(devicesOf(cloud).has(`${brq.slice(0, -1)}${brq.endsWith('0') ? '1' : '0'}`)).toBe(false);
  });
});

/** What each flow's steps claim that the trace or the engine state can confirm. */
const CHECKS: Record<number, (w: FlowWalkthrough, cloud: Cloud, where: string) => void> = {
  1(w, cloud, where) {
    const server = cloud.db.servers[flowSubject(cloud, 1)!]!;
    const port = cloud.db.ports[server.portIds[0]!]!;
    const trace = JSON.stringify(w.trace);
    const text = stepsText(w);
    expect(trace).toContain(`"target":"nova-compute@${server.host}","channel":"RPC cast","message":"build_and_run_instance"`);
    expect(text).toContain(`Here it chose ${server.host}`);
    expect(text).toContain(port.fixedIps[0]!.ipAddress);
    for (const d of [names.tapName(port.id), names.bridgeName(port.networkId)]) {
      expect(text, where).toContain(d);
      expect(trace, where).toContain(d);
    }
    expect(trace).toContain('POST /v3/attachments');
    expect(text).toContain(cloud.db.volumes[server.volumeIds[0]!]!.name);
    // The cache-hit sentence follows the trace.
    const downloaded = w.trace.some((s) => /^GET \/v2\/images\/[^/]+\/file$/.test(s.message));
    expect(text.includes('so it was downloaded'), where).toBe(downloaded);
  },
  2(w, cloud, where) {
    const net = cloud.db.networks[flowSubject(cloud, 2)!]!;
    const dhcp = Object.values(cloud.db.ports).find((p) => p.networkId === net.id && p.deviceOwner === 'network:dhcp')!;
    const trace = JSON.stringify(w.trace);
    const text = stepsText(w);
    const expected = [names.bridgeName(net.id), names.vxlanName(net.segmentationId!), names.dhcpNamespace(net.id), names.tapName(dhcp.id), names.dhcpDeviceName(dhcp.id)];
    for (const d of expected) {
      expect(trace, `${where}: trace lacks ${d}`).toContain(d);
      expect(text, `${where}: steps lack ${d}`).toContain(d);
    }
    const brctl = run(cloud, 'controller', 'brctl show');
    expect(brctl).toMatch(new RegExp(`${names.bridgeName(net.id)}\\t.*\\t${names.tapName(dhcp.id)}\\n\\t+${names.vxlanName(net.segmentationId!)}`));
    const route = run(cloud, 'controller', `ip netns exec ${names.dhcpNamespace(net.id)} ip route`).split('\n')[0]!;
    expect(quoted(w)).toContain(route);
    const [lo, hi] = cloud.config.vniRange;
    expect(net.segmentationId!).toBeGreaterThanOrEqual(lo);
    expect(net.segmentationId!).toBeLessThanOrEqual(hi);
    expect(text).toContain(`vni_ranges (${lo}:${hi} here), ${net.segmentationId}`);
    expect(text).toContain(`lowest free address of the pool: ${dhcp.fixedIps[0]!.ipAddress}`);
  },
  3(w, cloud, where) {
    const server = cloud.db.servers[flowSubject(cloud, 3)!]!;
    const port = cloud.db.ports[server.portIds[0]!]!;
    const tap = names.tapName(port.id);
    const text = stepsText(w);
    expect(JSON.stringify(w.trace)).toContain(tap);
    const link = run(cloud, server.host!, `ip link show ${tap}`);
    const hostMac = /link\/ether (\S+)/.exec(link)![1]!;
    expect(hostMac.startsWith('fe:'), where).toBe(true);
    expect(text).toContain(`gives its host side the MAC ${hostMac}`);
    expect(link).toContain(`master ${names.bridgeName(port.networkId)}`);
    const fdb = run(cloud, server.host!, `bridge fdb show dev ${names.vxlanName(cloud.db.networks[port.networkId]!.segmentationId!)}`);
    const listed = quoted(w).filter((q) => / dst \d/.test(q));
    expect(listed.length, where).toBeGreaterThan(0);
    for (const l of listed) expect(fdb, `${where}: ${l}`).toContain(`${l} self permanent`);
    expect(run(cloud, server.host!, `virsh domiflist ${names.domainName(server.instanceNumber)}`)).toContain(tap);
  },
  4(w, cloud, where) {
    const net = cloud.db.networks[flowSubject(cloud, 4)!]!;
    const dir = names.dhcpConfDir(net.id);
    const host = run(cloud, 'controller', `cat ${dir}/host`).split('\n');
    const opts = run(cloud, 'controller', `cat ${dir}/opts`).split('\n');
    const ps = run(cloud, 'controller', 'ps -eo user,args');
    const q = quoted(w);
    const hostLines = q.filter((x) => /^fa:16:3e:[0-9a-f:]+,host-/.test(x));
    expect(hostLines.sort()).toEqual(host.filter(Boolean).sort());
    const optLines = q.filter((x) => x.startsWith('tag:subnet-'));
    expect(optLines).toEqual(opts);
    for (const arg of q.filter((x) => x.startsWith('--') && !x.includes(' '))) expect(ps, `${where}: ${arg}`).toContain(arg);
    expect(q).toContain(run(cloud, 'controller', `cat ${dir}/interface`));
    const reloads = w.trace.filter((s) => s.message === 'reload_allocations').length;
    expect(reloads).toBeGreaterThan(0);
    expect(stepsText(w)).toContain(`shows ${reloads} such reload`);
  },
  5(w, cloud, where) {
    const server = cloud.db.servers[flowSubject(cloud, 5)!]!;
    const port = cloud.db.ports[server.portIds[0]!]!;
    const ip = port.fixedIps[0]!.ipAddress;
    const offer = w.trace.find((s) => s.message === 'DHCPOFFER')!;
    const text = stepsText(w);
    expect(offer.detail).toContain(`:67 > ${ip}:68`);
    expect(quoted(w).some((q) => offer.detail.startsWith(q) && q.endsWith(`${ip}:68`)), where).toBe(true);
    expect(text).toContain(`offers ${ip}`);
    const guestRoute = run(cloud, server.name, 'ip route');
    expect(guestRoute).toContain(`src ${ip}`);
    const lease = quoted(w).find((q) => q.includes(` ${port.macAddress} ${ip} `));
    expect(lease, where).toBeDefined();
    expect(run(cloud, 'controller', `cat ${names.dhcpConfDir(port.networkId)}/leases`)).toContain(lease!);
    const has121 = offer.detail.includes('Classless-Static-Route (121)');
    expect(text.includes('option 121 is there'), where).toBe(has121);
  },
  6(w, cloud, where) {
    const router = cloud.db.routers[flowSubject(cloud, 6)!]!;
    const ns = names.routerNamespace(router.id);
    const text = stepsText(w);
    const trace = JSON.stringify(w.trace);
    const root = cloud.hosts['controller']!.root;
    const pairs = [...text.matchAll(/(tap[0-9a-f]{8}-[0-9a-f]{2}) into (brq[0-9a-f]{8}-[0-9a-f]{2})/g)];
    expect(pairs.length, where).toBe(2);
    for (const [, tap, brq] of pairs) expect(root.links.find((l) => l.name === tap)?.master, `${where}: ${tap}`).toBe(brq);
    const qrs = text.match(/qr-[0-9a-f]{8}-[0-9a-f]{2}/g)!;
    for (const qr of qrs) expect(trace, where).toContain(qr);
    const routes = run(cloud, 'controller', `ip netns exec ${ns} ip route`).split('\n').filter(Boolean);
    for (const r of routes) expect(quoted(w)).toContain(r);
    expect(routes.some((r) => r.startsWith('default'))).toBe(false);
    const hostLines = quoted(w).filter((q) => /^fa:16:3e:[0-9a-f:]+,host-/.test(q));
    expect(hostLines.length).toBe(2);
    for (const l of hostLines) {
      const port = Object.values(cloud.db.ports).find((p) => l.startsWith(p.macAddress))!;
      expect(port.deviceOwner).toBe('network:router_interface');
      expect(run(cloud, 'controller', `cat ${names.dhcpConfDir(port.networkId)}/host`)).toContain(l);
    }
  },
  7(w, cloud, where) {
    const router = cloud.db.routers[flowSubject(cloud, 7)!]!;
    const gw = cloud.db.ports[router.gateway!.portId]!;
    const gwIp = gw.fixedIps[0]!.ipAddress;
    const qg = names.routerGatewayName(gw.id);
    const q = quoted(w);
    expect(q).toContain(`-A neutron-l3-agent-snat -o ${qg} -j SNAT --to-source ${gwIp} --random-fully`);
    expect(JSON.stringify(w.trace), where).toContain(qg);
    const route = run(cloud, 'controller', `ip netns exec ${names.routerNamespace(router.id)} ip route`).split('\n').find((l) => l.startsWith('default'))!;
    expect(q).toContain(route);
    expect(route).toContain(`dev ${qg} proto static`);
    const brq = names.bridgeName(gw.networkId);
    expect(cloud.hosts['controller']!.root.links.find((l) => l.name === names.tapName(gw.id))!.master).toBe(brq);
    expect(stepsText(w)).toContain(`${cloud.config.providerInterface} (the provider NIC)`);
  },
  8(w, cloud, where) {
    const fip = cloud.db.floatingIps[flowSubject(cloud, 8)!]!;
    const q = quoted(w);
    const a = fip.floatingIpAddress;
    const f = fip.fixedIpAddress!;
    for (const rule of [
      `-A neutron-l3-agent-PREROUTING -d ${a}/32 -j DNAT --to-destination ${f}`,
      `-A neutron-l3-agent-OUTPUT -d ${a}/32 -j DNAT --to-destination ${f}`,
      `-A neutron-l3-agent-float-snat -s ${f}/32 -j SNAT --to-source ${a} --random-fully`,
    ]) expect(q, where).toContain(rule);
    const fipPort = cloud.db.ports[fip.fipPortId]!;
    expect(fipPort.deviceOwner).toBe('network:floatingip');
    expect(fipPort.bindingHostId).toBe('');
    expect(stepsText(w)).toContain(`device_id ${fipPort.deviceId} that is never bound`);
    const router = cloud.db.routers[fip.routerId!]!;
    const qg = names.routerGatewayName(router.gateway!.portId);
    expect(q).toContain(`inet ${a}/32 brd ${a} scope global ${qg}`);
    expect(JSON.stringify(w.trace)).toContain(`${a}/32 on ${qg}`);
    const server = Object.values(cloud.db.servers).find((s) => s.portIds.includes(fip.portId!))!;
    const guest = run(cloud, server.name, 'ip addr');
    expect(guest).not.toContain(a);
    for (const line of q.filter((x) => x.startsWith('inet ') && x.endsWith('eth0'))) expect(guest).toContain(line);
    expect(stepsText(w)).toContain(`not as the gateway address ${cloud.db.ports[router.gateway!.portId]!.fixedIps[0]!.ipAddress}`);
  },
};
