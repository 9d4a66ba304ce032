/**
 * iptables state the way neutron's IptablesManager shapes it: per-binary
 * wrapped chains (`neutron-l3-agent-snat`), unwrapped shared chains
 * (`neutron-postrouting-bottom`), jumps from the builtin chains, tags for bulk
 * removal, and comments placed before the jump as iptables-save prints them.
 */
import type { IptablesRule, IptablesState, IptablesTable, IptablesTableName, Netns } from '../core/types.js';

export const BUILTIN_CHAINS: Record<IptablesTableName, readonly string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
};

/** The chains IptablesManager wraps (jumps to `<binary>-<CHAIN>` from each builtin). */
const WRAPPED_BUILTINS: Record<IptablesTableName, readonly string[]> = {
  filter: ['INPUT', 'OUTPUT', 'FORWARD'],
  nat: ['PREROUTING', 'OUTPUT', 'POSTROUTING'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  raw: ['PREROUTING', 'OUTPUT'],
};

export const SNAT_OUT_COMMENT = 'Perform source NAT on outgoing traffic.';

/** `get_binary_name()[:16]`: "neutron-l3-agent", "neutron-dhcp-age", "neutron-linuxbri". */
export function wrapNameOf(binary: string): string {
  return binary.slice(0, 16);
}

/** A handle on one IptablesManager: its wrap name and the namespace it writes. */
export interface IptablesManager {
  ns: Netns;
  wrap: string;
}

export function table(state: IptablesState, name: IptablesTableName): IptablesTable {
  let t = state[name];
  if (!t) {
    t = { chains: [], rules: [] };
    state[name] = t;
  }
  return t;
}

function chainName(m: IptablesManager, chain: string, wrap: boolean): string {
  return wrap ? `${m.wrap}-${chain.slice(0, 11)}` : chain;
}

export function addChain(m: IptablesManager, tableName: IptablesTableName, chain: string, wrap = true): string {
  const t = table(m.ns.iptables, tableName);
  const full = chainName(m, chain, wrap);
  if (!t.chains.includes(full)) t.chains.push(full);
  return full;
}

/** neutron's comment_rule: the comment goes right before `-j`, as iptables-save orders it. */
export function withComment(rule: string, comment?: string): string {
  if (!comment) return rule;
  const c = `-m comment --comment "${comment}"`;
  if (rule.startsWith('-j')) return `${c} ${rule}`;
  const j = rule.indexOf(' -j ');
  return j < 0 ? `${rule} ${c}` : `${rule.slice(0, j)} ${c} ${rule.slice(j + 1)}`;
}

/** `$name` is IptablesManager's shorthand for a chain of the same wrapper. */
const expanded = new Map<string, string>();

function expandChains(m: IptablesManager, rule: string): string {
  if (!rule.includes('$')) return rule;
  const key = `${m.wrap}\u0000${rule}`;
  let out = expanded.get(key);
  if (out === undefined) {
    out = rule.replace(/\$([\w-]+)/g, (_, c: string) => `${m.wrap}-${c}`);
    // Rules are few and repeat across namespaces; a bound keeps odd inputs from growing the cache.
    if (expanded.size < 4096) expanded.set(key, out);
  }
  return out;
}

export interface RuleOptions {
  wrap?: boolean;
  top?: boolean;
  tag?: string;
  comment?: string;
}

export function addRule(
  m: IptablesManager,
  tableName: IptablesTableName,
  chain: string,
  rule: string,
  options: RuleOptions = {},
): void {
  const t = table(m.ns.iptables, tableName);
  const full = chainName(m, chain, options.wrap ?? true);
  const spec = withComment(expandChains(m, rule), options.comment);
  if (t.rules.some((r) => r.chain === full && r.spec === spec)) return;
  const entry: IptablesRule = { chain: full, spec };
  if (options.tag) entry.tag = options.tag;
  if (options.top) entry.top = true;
  t.rules.push(entry);
}

export function removeRule(m: IptablesManager, tableName: IptablesTableName, chain: string, rule: string, wrap = true): void {
  const t = table(m.ns.iptables, tableName);
  const full = chainName(m, chain, wrap);
  const spec = expandChains(m, rule);
  t.rules = t.rules.filter((r) => !(r.chain === full && r.spec === spec));
}

export function emptyChain(m: IptablesManager, tableName: IptablesTableName, chain: string, wrap = true): void {
  const t = table(m.ns.iptables, tableName);
  const full = chainName(m, chain, wrap);
  t.rules = t.rules.filter((r) => r.chain !== full);
}

/** Removes a chain, its rules and every rule jumping to it (IptablesTable.remove_chain). */
export function removeChain(m: IptablesManager, tableName: IptablesTableName, chain: string, wrap = true): void {
  const t = table(m.ns.iptables, tableName);
  const full = chainName(m, chain, wrap);
  t.chains = t.chains.filter((c) => c !== full);
  t.rules = t.rules.filter((r) => r.chain !== full && !r.spec.split(' ').includes(full));
}

export function clearRulesByTag(m: IptablesManager, tag: string): void {
  for (const t of Object.values(m.ns.iptables)) {
    if (t) t.rules = t.rules.filter((r) => r.tag !== tag);
  }
}

/**
 * IptablesManager.__init__: filter (with neutron-filter-top and local), raw
 * and a nat table wrapping PREROUTING always (since Wallaby, for the firewall's
 * NAT short-circuit); mangle (with the `mark` chain) and the full nat table
 * (postrouting-bottom, snat, float-snat) unless the manager is state-less like
 * the firewall driver's.
 */
export function initIptablesManager(ns: Netns, binary: string, options: { stateless?: boolean } = {}): IptablesManager {
  const m: IptablesManager = { ns, wrap: wrapNameOf(binary) };
  addChain(m, 'filter', 'neutron-filter-top', false);
  addRule(m, 'filter', 'FORWARD', '-j neutron-filter-top', { wrap: false, top: true });
  addRule(m, 'filter', 'OUTPUT', '-j neutron-filter-top', { wrap: false, top: true });
  addChain(m, 'filter', 'local');
  addRule(m, 'filter', 'neutron-filter-top', '-j $local', { wrap: false });
  table(ns.iptables, 'raw');
  const tables: IptablesTableName[] = options.stateless ? ['filter', 'raw', 'nat'] : ['filter', 'raw', 'mangle', 'nat'];
  for (const name of tables) {
    const builtins = options.stateless && name === 'nat' ? ['PREROUTING'] : WRAPPED_BUILTINS[name];
    for (const builtin of builtins) {
      addChain(m, name, builtin);
      addRule(m, name, builtin, `-j $${builtin}`, { wrap: false });
    }
    if (name === 'mangle') {
      addChain(m, 'mangle', 'mark');
      addRule(m, 'mangle', 'PREROUTING', '-j $mark');
    }
    if (name === 'nat' && !options.stateless) {
      addChain(m, 'nat', 'neutron-postrouting-bottom', false);
      addRule(m, 'nat', 'POSTROUTING', '-j neutron-postrouting-bottom', { wrap: false });
      addChain(m, 'nat', 'snat');
      addRule(m, 'nat', 'neutron-postrouting-bottom', '-j $snat', { wrap: false, comment: SNAT_OUT_COMMENT });
      addChain(m, 'nat', 'float-snat');
      addRule(m, 'nat', 'snat', '-j $float-snat');
    }
  }
  return m;
}

/**
 * The rules of each chain in the order the kernel holds them (top rules first,
 * then insertion order), grouped in one pass over the table.
 */
export function rulesByChain(t: IptablesTable | undefined): (chain: string) => IptablesRule[] {
  const top = new Map<string, IptablesRule[]>();
  const rest = new Map<string, IptablesRule[]>();
  for (const r of t?.rules ?? []) {
    const into = r.top ? top : rest;
    const list = into.get(r.chain);
    if (list) list.push(r);
    else into.set(r.chain, [r]);
  }
  return (chain) => [...(top.get(chain) ?? []), ...(rest.get(chain) ?? [])];
}

/** Chains in the order `iptables -S` lists them: builtins first, then user chains by name. */
export function chainOrder(tableName: IptablesTableName, t: IptablesTable | undefined): { builtins: readonly string[]; user: string[] } {
  const user = [...(t?.chains ?? [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { builtins: BUILTIN_CHAINS[tableName], user };
}
