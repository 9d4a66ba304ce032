/**
 * iptables rules compared the way iptables itself sees them: the same
 * matches in any order, `-A CHAIN` given or not (but right if given), the
 * implicit `-m tcp`/`-m udp` optional, the comment optional. The target and
 * its options must match; `--random-fully` missing is a minor slip.
 */
import { tokenize } from '../../engine/shell/tokenize.js';
import { foldWidth } from './normalize.js';

export interface ParsedRule {
  chain: string | null;
  /** Canonical match clauses, e.g. "-d 203.0.113.5/32", "! -o qg-x", "-m mark ! --mark 0x2/0xffff". */
  matches: string[];
  /** "-j SNAT --to-source 203.0.113.5" (without --random-fully). */
  target: string;
  randomFully: boolean;
  comment: string | null;
}

const IMPLICIT_MODULES = new Set(['tcp', 'udp', 'comment']);

function hostCidr(v: string): string {
  return /^\d+\.\d+\.\d+\.\d+$/.test(v) ? `${v}/32` : v;
}

/** Parses one rule as typed: with or without `iptables [-t T]` and `-A CHAIN`. */
export function parseRule(text: string): ParsedRule | null {
  let words: string[];
  try {
    words = tokenize(foldWidth(text).trim());
  } catch {
    return null;
  }
  if (words[0] === 'sudo') words.shift();
  if (words[0] === 'iptables') words.shift();
  let chain: string | null = null;
  const matches: string[] = [];
  const target: string[] = [];
  let randomFully = false;
  let comment: string | null = null;
  let module: string | null = null;
  let negate = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '-t' || w === '--table') {
      i++;
      continue;
    }
    if (w === '-A' || w === '--append' || w === '-I' || w === '--insert') {
      chain = words[++i] ?? null;
      if (w.startsWith('-I') && /^\d+$/.test(words[i + 1] ?? '')) i++;
      continue;
    }
    if (w === '!') {
      negate = true;
      continue;
    }
    if (w === '-m' || w === '--match') {
      module = words[++i] ?? null;
      continue;
    }
    if (w === '--comment') {
      comment = words[++i] ?? '';
      continue;
    }
    if (w === '-j' || w === '--jump') {
      target.push('-j', ...words.slice(i + 1).filter((x) => x !== '--random-fully'));
      randomFully = words.slice(i + 1).includes('--random-fully');
      break;
    }
    const value = words[i + 1];
    if (value === undefined) return null;
    i++;
    const flag = w === '--source' ? '-s' : w === '--destination' ? '-d' : w === '--in-interface' ? '-i' : w === '--out-interface' ? '-o' : w === '--protocol' ? '-p' : w;
    const v = flag === '-s' || flag === '-d' ? hostCidr(value) : value;
    const owner = module && !IMPLICIT_MODULES.has(module) && flag.startsWith('--') ? `-m ${module} ` : '';
    matches.push(`${owner}${negate ? '! ' : ''}${flag} ${v}`);
    negate = false;
  }
  if (target.length === 0) return null;
  return { chain, matches: matches.sort(), target: target.join(' '), randomFully, comment };
}

export type RuleComparison = 'same' | 'minor' | 'different';

/** Compares a learner's rule with the engine's; `minor` means right except --random-fully or the comment. */
export function compareRules(given: ParsedRule, expected: ParsedRule): RuleComparison {
  if (given.chain && expected.chain && given.chain !== expected.chain) return 'different';
  if (given.target !== expected.target) return 'different';
  if (given.matches.join('|') !== expected.matches.join('|')) return 'different';
  if (given.randomFully !== expected.randomFully) return 'minor';
  return 'same';
}
