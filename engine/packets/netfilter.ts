/**
 * A small netfilter: it reads the rules exactly as `iptables -S` prints them
 * from a namespace and traverses a table's chain for one packet, so a rule
 * that is missing or wrong changes the walk the way it changes a real router.
 * It understands the matches and targets neutron's rules use.
 */
import { ipInCidr } from '../core/ip.js';
import type { IptablesRule, IptablesTable, IptablesTableName, Netns } from '../core/types.js';
import { rulesByChain } from '../host/iptables.js';
import { tokenize } from '../shell/tokenize.js';

export interface Packet {
  src: string;
  dst: string;
  proto: 'icmp' | 'tcp' | 'udp';
  sport?: number;
  dport?: number;
  inDev?: string;
  outDev?: string;
  /** skb mark (MARK targets in mangle set it). */
  mark: number;
  /** Set once the nat table DNATed this connection. */
  dnat: boolean;
}

export interface Verdict {
  /** ACCEPT (fell through or accepted), DROP, or a NAT target that ends the nat traversal. */
  action: 'ACCEPT' | 'DROP' | 'DNAT' | 'SNAT' | 'REDIRECT';
  /** Address or port the NAT target rewrites to. */
  to?: string;
  /** Every rule that matched, as `-A chain spec`, in order. */
  matched: string[];
}

interface Cursor {
  words: string[];
  i: number;
}

function ifaceMatch(pattern: string, dev: string | undefined): boolean {
  if (dev === undefined) return false;
  return pattern.endsWith('+') ? dev.startsWith(pattern.slice(0, -1)) : dev === pattern;
}

/** "0x2/0xffff" as iptables parses it; anything else is not a mark (the rule never matches). */
function parseMark(spec: string): [number, number] | null {
  const m = /^0x([0-9a-f]+)(?:\/0x([0-9a-f]+))?$/i.exec(spec);
  return m ? [parseInt(m[1]!, 16), m[2] ? parseInt(m[2], 16) : 0xffffffff] : null;
}

function markMatch(spec: string, mark: number): boolean {
  const parsed = parseMark(spec);
  if (!parsed) return false;
  const [value, mask] = parsed;
  return ((mark & (mask ?? 0xffffffff)) >>> 0) === (value! >>> 0);
}

/** Evaluates the match part of a rule; returns the target words when every match holds. */
function matches(spec: string, p: Packet): { target: string[] } | null {
  const c: Cursor = { words: tokenize(spec), i: 0 };
  let negate = false;
  while (c.i < c.words.length) {
    const w = c.words[c.i++]!;
    if (w === '!') {
      negate = true;
      continue;
    }
    let ok = true;
    switch (w) {
      case '-s': ok = ipInCidr(p.src, c.words[c.i++]!); break;
      case '-d': ok = ipInCidr(p.dst, c.words[c.i++]!); break;
      case '-i': ok = ifaceMatch(c.words[c.i++]!, p.inDev); break;
      case '-o': ok = ifaceMatch(c.words[c.i++]!, p.outDev); break;
      case '-p': ok = c.words[c.i++] === p.proto; break;
      case '--dport': ok = Number(c.words[c.i++]) === p.dport; break;
      case '--sport': ok = Number(c.words[c.i++]) === p.sport; break;
      case '--ctstate': ok = c.words[c.i++]!.split(',').includes(p.dnat ? 'DNAT' : 'NEW'); break;
      case '--mark': ok = markMatch(c.words[c.i++]!, p.mark); break;
      case '-m': c.i++; continue;
      case '--comment': c.i++; continue;
      case '-j': return negate ? null : { target: c.words.slice(c.i - 1) };
      default: ok = true;
    }
    if (ok === negate) return null;
    negate = false;
  }
  return { target: [] };
}

/** One chain: a terminal verdict, or null when the packet returns to the caller (RETURN or end of chain). */
function walkChain(t: IptablesTable, rulesOf: (chain: string) => IptablesRule[], chain: string, p: Packet, matched: string[], depth: number): Verdict | null {
  if (depth > 16) return null;
  for (const rule of rulesOf(chain)) {
    const m = matches(rule.spec, p);
    if (!m) continue;
    matched.push(`-A ${chain} ${rule.spec}`);
    const [, target, ...args] = m.target;
    if (!target) continue;
    const opt = (name: string) => args[args.indexOf(name) + 1];
    switch (target) {
      case 'ACCEPT': return { action: 'ACCEPT', matched };
      case 'DROP': return { action: 'DROP', matched };
      case 'RETURN': return null;
      case 'DNAT': return { action: 'DNAT', to: opt('--to-destination')!, matched };
      case 'SNAT': return { action: 'SNAT', to: opt('--to-source')!, matched };
      case 'REDIRECT': return { action: 'REDIRECT', to: opt('--to-ports')!, matched };
      case 'MARK': {
        const parsed = parseMark(opt('--set-xmark') ?? '');
        if (parsed) p.mark = ((p.mark & ~parsed[1]) | parsed[0]) >>> 0;
        continue;
      }
      case 'CONNMARK': case 'CHECKSUM': continue;
      default: {
        if (!t.chains.includes(target)) continue;
        const sub = walkChain(t, rulesOf, target, p, matched, depth + 1);
        if (sub) return sub;
      }
    }
  }
  return null;
}

/** Traverses a builtin chain of `table` in `ns` for `p`; the policy (ACCEPT) applies when nothing decides. */
export function traverse(ns: Netns, table: IptablesTableName, chain: string, p: Packet): Verdict {
  const matched: string[] = [];
  const t = ns.iptables[table];
  return (t && walkChain(t, rulesByChain(t), chain, p, matched, 0)) || { action: 'ACCEPT', matched };
}
