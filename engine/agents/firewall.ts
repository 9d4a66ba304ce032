/**
 * The Linux bridge agent's security groups: neutron's IptablesFirewallDriver
 * (`firewall_driver = iptables`, `enable_security_group = true`, ipset on).
 *
 * Ports owned by `network:*` (DHCP, router interfaces and gateways) are
 * trusted: the server returns no security group info for them, so they only
 * get ACCEPT rules. Every other port has port security and gets its own
 * chains. The real driver tears down and rebuilds every filtered port's rules
 * on each apply, in device-name order; the result is that shared chains
 * (FORWARD, INPUT, sg-chain, raw and nat PREROUTING) hold the ports' rules
 * sorted by device, after the trusted ports' rules. We reach the same tables
 * by inserting a port's rules at its sorted place, which keeps an apply cheap.
 * The driver's IptablesManager first writes the kernel on its first apply, so
 * a node that never had a port shows no neutron chains at all.
 */
import type { Ctx } from '../core/context.js';
import { tapName } from '../core/names.js';
import type { Database, FirewallMemory, FirewallPort, Host, IptablesRule, IptablesTableName, Port } from '../core/types.js';
import { type IptablesManager, addChain, addRule, initIptablesManager, removeRule, table, withComment, wrapNameOf } from '../host/iptables.js';
import {
  UNMATCH_DROP, VM_INT_SG, SG_TO_VM_SG, INPUT_TO_SG, PHYSDEV, type SgRule, egressRules, ingressRules, ipsetName, natShortCircuit, portChain, rulesOfGroup, spoofRules, trustedRules, zoneRules,
} from './firewall-rules.js';

const BINARY = 'neutron-linuxbridge-agent';
const ZONE_START = 4097;

/**
 * One rule the driver owns; `chain` unwrapped, `spec` with `$chain` references.
 * `entry` is the rule as the table holds it, made once, so a rule this driver
 * put in a table is found there by identity.
 */
interface Rule { table: IptablesTableName; chain: string; spec: string; top?: boolean; entry?: IptablesRule }

/** The firewall's state-less IptablesManager on the host's root namespace; its first apply writes the skeleton and the fallback chain. */
function driverOf(host: Host, changes: string[] | null): { m: IptablesManager; mem: FirewallMemory } {
  if (host.firewall) return { m: { ns: host.root, wrap: wrapNameOf(BINARY) }, mem: host.firewall };
  const m = initIptablesManager(host.root, BINARY, { stateless: true });
  addChain(m, 'filter', 'sg-fallback');
  addRule(m, 'filter', 'sg-fallback', '-j DROP', { comment: UNMATCH_DROP });
  addChain(m, 'filter', 'sg-chain');
  addRule(m, 'filter', 'sg-chain', '-j ACCEPT');
  host.firewall = { filtered: [], trusted: [], zones: {} };
  changes?.push('first apply: neutron-filter-top, wrapped builtin chains (filter, raw, nat), sg-chain, sg-fallback');
  return { m, mem: host.firewall };
}

function firewallPort(port: Port): FirewallPort {
  return {
    device: tapName(port.id), portId: port.id, networkId: port.networkId, macAddress: port.macAddress,
    fixedIps: port.fixedIps.map((f) => f.ipAddress), securityGroupIds: [...port.securityGroupIds],
  };
}

function groupRulesOf(db: Database, port: FirewallPort): SgRule[] {
  return port.securityGroupIds.flatMap((id) => (db.securityGroups[id] ? rulesOfGroup(db.securityGroups[id]) : []));
}

/**
 * IpConntrackManager.get_device_zone with zone_per_port off: one zone per
 * network_id[:11], the highest in use plus one, never freed while the agent
 * runs (the reuse of gaps after zone 65535 is not modelled).
 */
function zoneOf(mem: FirewallMemory, networkId: string): number {
  const key = networkId.slice(0, 11);
  return (mem.zones[key] ??= Math.max(ZONE_START - 1, ...Object.values(mem.zones)) + 1);
}

/** portRules of a port as last computed: a port's rules never change while it is filtered. */
const computed = new WeakMap<FirewallPort, { chains: string[]; rules: Rule[] }>();

function portRules(db: Database, mem: FirewallMemory, port: FirewallPort): { chains: string[]; rules: Rule[] } {
  let hit = computed.get(port);
  if (!hit) {
    hit = computePortRules(db, mem, port);
    computed.set(port, hit);
  }
  return hit;
}

/** Everything one filtered port owns, in the order _setup_chains_apply adds it: zone, NAT short-circuit, then the `i…` and `o…`/`s…` chains with their jumps. */
function computePortRules(db: Database, mem: FirewallMemory, port: FirewallPort): { chains: string[]; rules: Rule[] } {
  const rules: Rule[] = [];
  const add = (t: IptablesTableName, chain: string, specs: string[], top = false) => {
    for (const spec of specs) rules.push(top ? { table: t, chain, spec, top } : { table: t, chain, spec });
  };
  add('raw', 'PREROUTING', zoneRules(port, zoneOf(mem, port.networkId)));
  add('nat', 'PREROUTING', natShortCircuit(port.device));
  const groups = groupRulesOf(db, port);
  const chains: string[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const chain = portChain(direction === 'ingress' ? 'i' : 'o', port.device);
    const match = `-m physdev --${PHYSDEV[direction]} ${port.device} --physdev-is-bridged`;
    chains.push(chain);
    add('filter', 'FORWARD', [withComment(`${match} -j $sg-chain`, VM_INT_SG)], true);
    add('filter', 'sg-chain', [withComment(`${match} -j $${chain}`, SG_TO_VM_SG)]);
    if (direction === 'ingress') {
      add('filter', chain, ingressRules(port, groups));
      continue;
    }
    add('filter', 'INPUT', [withComment(`${match} -j $${chain}`, INPUT_TO_SG)]);
    const spoof = spoofRules(port);
    if (spoof.length) chains.push(portChain('s', port.device));
    add('filter', portChain('s', port.device), spoof);
    add('filter', chain, egressRules(port, groups));
  }
  return { chains, rules };
}

function entry(m: IptablesManager, r: Rule): IptablesRule {
  // Every manager here wraps with BINARY's name, so the rule alone decides its entry.
  if (!r.entry) {
    // `$` only ever starts a chain name in these specs (see firewall-rules.ts).
    const spec = r.spec.includes('$') ? r.spec.split('$').join(`${m.wrap}-`) : r.spec;
    const chain = `${m.wrap}-${r.chain}`;
    r.entry = r.top ? { chain, spec, top: true } : { chain, spec };
  }
  return r.entry;
}

/** Puts a rule right before `anchor` (same chain) or, without one, at the end of its chain. */
function insert(m: IptablesManager, r: Rule, anchor: Rule | undefined): void {
  const t = table(m.ns.iptables, r.table);
  const e = entry(m, r);
  const a = anchor && entry(m, anchor);
  // By identity first; a copied cloud holds equal rules in other objects.
  let i = a ? t.rules.indexOf(a) : -1;
  if (a && i < 0) i = t.rules.findIndex((x) => x.chain === a.chain && x.spec === a.spec);
  if (i < 0) t.rules.push(e);
  else t.rules.splice(i, 0, e);
}

const byDevice = (a: FirewallPort, b: FirewallPort) => (a.device < b.device ? -1 : a.device > b.device ? 1 : 0);
const ACCEPT: Rule = { table: 'filter', chain: 'sg-chain', spec: '-j ACCEPT' };

/** prepare_port_filter: the port's chains, and its rules in shared chains before those of the next device (sg-chain's ACCEPT stays last). */
function addFiltered(db: Database, m: IptablesManager, mem: FirewallMemory, port: FirewallPort, changes: string[] | null): void {
  mem.filtered = [...mem.filtered, port].sort(byDevice);
  const next = mem.filtered[mem.filtered.indexOf(port) + 1];
  const after = next ? portRules(db, mem, next).rules : [];
  const { chains, rules } = portRules(db, mem, port);
  const filter = table(m.ns.iptables, 'filter');
  filter.chains.push(...chains.map((c) => `${m.wrap}-${c}`));
  changes?.push(...chains.map((c) => `iptables -N ${m.wrap}-${c} (${rules.filter((r) => r.chain === c).length} rules)`));
  for (const r of rules) {
    if (chains.includes(r.chain)) {
      filter.rules.push(entry(m, r));
      continue;
    }
    insert(m, r, after.find((x) => x.table === r.table && x.chain === r.chain) ?? (r.chain === 'sg-chain' ? ACCEPT : undefined));
    if (changes) {
      const e = entry(m, r);
      changes.push(`iptables -t ${r.table} ${r.top ? '-I' : '-A'} ${e.chain} ${e.spec}`);
    }
  }
}

/** remove_port_filter: the port's chains and every rule it put in a shared chain. */
function removeFiltered(db: Database, m: IptablesManager, mem: FirewallMemory, port: FirewallPort, changes: string[] | null): void {
  const { chains, rules } = portRules(db, mem, port);
  mem.filtered = mem.filtered.filter((p) => p !== port);
  const own = new Set(chains.map((c) => `${m.wrap}-${c}`));
  const shared = new Set(rules.filter((r) => !chains.includes(r.chain)).map((r) => `${r.table} ${entry(m, r).chain} ${entry(m, r).spec}`));
  for (const name of ['filter', 'raw', 'nat'] as const) {
    const t = table(m.ns.iptables, name);
    t.rules = t.rules.filter((x) => !own.has(x.chain) && !shared.has(`${name} ${x.chain} ${x.spec}`));
  }
  const filter = table(m.ns.iptables, 'filter');
  filter.chains = filter.chains.filter((c) => !own.has(c));
  changes?.push(...[...own].map((c) => `iptables -X ${c}`), ...[...shared].map((s) => `iptables -t ${s.replace(' ', ' -D ')}`));
}

/** The ipsets a port's remote-group rules match, as last computed (like its rules, fixed while it is filtered). */
const ipsetsByPort = new WeakMap<FirewallPort, string[]>();

function ipsetsOfPort(db: Database, port: FirewallPort): string[] {
  let names = ipsetsByPort.get(port);
  if (!names) {
    names = groupRulesOf(db, port).flatMap((r) => (r.remoteGroupId ? [`${ipsetName(r.remoteGroupId, r.ethertype)} hash:net family inet${r.ethertype === 'IPv6' ? '6' : ''}`] : []));
    ipsetsByPort.set(port, names);
  }
  return names;
}

/** The ipsets of each filtered-port list: an apply's "after" is the next apply's "before". */
const ipsetsByList = new WeakMap<FirewallPort[], Set<string>>();

/**
 * The ipsets the filtered ports' remote-group rules match (created even when empty, destroyed when unused).
 * When `list` only adds ports to `previous`, its sets grow from the previous ones instead of from every port.
 */
function ipsets(db: Database, list: FirewallPort[], previous?: FirewallPort[]): Set<string> {
  let names = ipsetsByList.get(list);
  if (names) return names;
  const before = previous && ipsetsByList.get(previous);
  if (before) {
    const old = new Set(previous);
    const added = list.filter((p) => !old.has(p));
    if (list.length - added.length === previous.length) {
      names = new Set(before);
      for (const port of added) for (const name of ipsetsOfPort(db, port)) names.add(name);
    }
  }
  if (!names) {
    names = new Set<string>();
    for (const port of list) for (const name of ipsetsOfPort(db, port)) names.add(name);
  }
  ipsetsByList.set(list, names);
  return names;
}

/** One apply of the driver (filter_defer_apply_off); returns the bus's change lines, prefixed with the host. */
function apply(ctx: Ctx, host: Host, change: (m: IptablesManager, mem: FirewallMemory, lines: string[] | null) => void): string[] {
  const tracing = ctx.cloud.tracing;
  // Without tracing nobody reads the change lines, so they are not even built.
  const lines: string[] | null = tracing ? [] : null;
  const { m, mem } = driverOf(host, lines);
  const previous = mem.filtered;
  const before = tracing ? ipsets(ctx.cloud.db, previous) : new Set<string>();
  change(m, mem, lines);
  if (!tracing) return [];
  const after = ipsets(ctx.cloud.db, mem.filtered, previous);
  const sets = [...[...after].filter((s) => !before.has(s)).map((s) => `ipset create ${s}`), ...[...before].filter((s) => !after.has(s)).map((s) => `ipset destroy ${s.split(' ')[0]}`)];
  return [...sets, ...(lines ?? [])].map((l) => `${host.name}: ${l}`);
}

function isTrusted(port: Port): boolean {
  return port.deviceOwner.startsWith('network:');
}

/** process_trusted_ports: FORWARD ACCEPT both ways; the nat short-circuit goes before the filtered ports' ones. */
function addTrusted(db: Database, m: IptablesManager, mem: FirewallMemory, device: string, changes: string[] | null): void {
  if (mem.trusted.includes(device)) return;
  mem.trusted.push(device);
  const first = mem.filtered[0] && portRules(db, mem, mem.filtered[0]).rules.find((r) => r.table === 'nat');
  for (const spec of trustedRules(device)) insert(m, { table: 'filter', chain: 'FORWARD', spec }, undefined);
  for (const spec of natShortCircuit(device)) insert(m, { table: 'nat', chain: 'PREROUTING', spec }, first);
  changes?.push(`iptables -A ${m.wrap}-FORWARD and -t nat -A ${m.wrap}-PREROUTING: ACCEPT ${device} both ways`);
}

/** setup_port_filters for a tap the agent just found: prepare_port_filter, or process_trusted_ports for network:* owners. */
export function setupPortFilter(ctx: Ctx, hostName: string, port: Port, flows: number[]): void {
  const host = ctx.cloud.hosts[hostName]!;
  const device = tapName(port.id);
  const db = ctx.cloud.db;
  const changes = apply(ctx, host, (m, mem, lines) => {
    if (isTrusted(port)) return addTrusted(db, m, mem, device, lines);
    const old = mem.filtered.find((p) => p.device === device);
    if (old) removeFiltered(db, m, mem, old, lines);
    addFiltered(db, m, mem, firewallPort(port), lines);
  });
  const zone = host.firewall!.zones[port.networkId.slice(0, 11)];
  ctx.emit({
    from: `${BINARY}@${hostName}`, to: `kernel@${hostName}`, channel: 'exec', name: 'setup_port_filters',
    detail: isTrusted(port)
      ? `${device} appeared; the server sends no security group info for a ${port.deviceOwner} port: trusted, so only ACCEPT rules`
      : `${device} appeared; before wiring it, security_group_info_for_devices over RPC, then iptables-restore: chains ${(['i', 'o', 's'] as const).map((k) => portChain(k, device)).join(', ')} (to the VM, from it, anti-spoofing) behind physdev jumps via sg-chain; conntrack zone ${zone}`,
    flows, subjects: [port.networkId, port.id], changes,
  });
}

/** remove_devices_filter for a tap that disappeared: remove_port_filter, or remove_trusted_ports. */
export function removePortFilter(ctx: Ctx, hostName: string, port: Pick<Port, 'id' | 'networkId'>, flows: number[]): void {
  const host = ctx.cloud.hosts[hostName]!;
  const device = tapName(port.id);
  const changes = apply(ctx, host, (m, mem, lines) => {
    const filtered = mem.filtered.find((p) => p.device === device);
    if (filtered) return removeFiltered(ctx.cloud.db, m, mem, filtered, lines);
    if (!mem.trusted.includes(device)) return;
    for (const r of trustedRules(device)) removeRule(m, 'filter', 'FORWARD', r);
    for (const r of natShortCircuit(device)) removeRule(m, 'nat', 'PREROUTING', r);
    mem.trusted = mem.trusted.filter((d) => d !== device);
    lines?.push(`iptables -D the ACCEPT rules of ${device}`);
  });
  ctx.emit({
    from: `${BINARY}@${hostName}`, to: `kernel@${hostName}`, channel: 'exec', name: 'remove_devices_filter',
    detail: `${device} is gone: its rules go before the agent reports it down`,
    flows, subjects: [port.networkId, port.id], changes,
  });
}

/**
 * security_groups_rule_updated: every node rebuilds the chains of its filtered
 * ports that are in one of the groups (refresh_firewall), in one apply each.
 */
export function refreshGroupMembers(ctx: Ctx, groupIds: readonly string[], flows: number[]): void {
  const db = ctx.cloud.db;
  for (const host of Object.values(ctx.cloud.hosts)) {
    const members = host.firewall?.filtered.filter((p) => p.securityGroupIds.some((g) => groupIds.includes(g))) ?? [];
    const ports = members.map((m) => db.ports[m.portId]).filter((p): p is Port => p !== undefined);
    if (!ports.length) continue;
    const changes = apply(ctx, host, (m, mem, lines) => {
      for (const port of ports) {
        const old = mem.filtered.find((p) => p.portId === port.id);
        if (old) removeFiltered(db, m, mem, old, lines);
        addFiltered(db, m, mem, firewallPort(port), lines);
      }
    });
    ctx.emit({
      from: `${BINARY}@${host.name}`, to: `kernel@${host.name}`, channel: 'exec', name: 'refresh_firewall',
      detail: `security_groups_rule_updated: security_group_info_for_devices again, then iptables-restore rebuilds the chains of ${ports.map((p) => tapName(p.id)).join(', ')}`,
      flows, subjects: ports.map((p) => p.id), changes,
    });
  }
}
