/**
 * The repair shell for troubleshooting drills: the few state-changing
 * commands an operator types to mend a broken node (`iptables -A/-I`,
 * `brctl addif`, `ip link set … master|mtu|up`, `bridge fdb append`,
 * `ip route add`, `echo … >> file`, `kill -HUP`). Each is applied to the
 * cloud's host state, so a fix is graded by whether the symptom goes away.
 */
import { ClientError } from '../engine/core/errors.js';
import type { Cloud, Host, IptablesTableName, Netns } from '../engine/core/types.js';
import { addAddress, addRoute, enslave, findLink, findNetns, refreshBridgeMac } from '../engine/host/kernel.js';
import { table } from '../engine/host/iptables.js';
import { tokenize } from '../engine/shell/tokenize.js';

export interface RepairResult {
  ok: boolean;
  /** What happened, or why the command was not understood. */
  note: string;
}

function ipLink(ns: Netns, args: string[]): RepairResult {
  // ip link set [dev] DEV (master BR | mtu N | up | down)...
  if (args[0] !== 'set') return { ok: false, note: `only "ip link set" changes a link here` };
  let i = 1;
  if (args[i] === 'dev') i++;
  const dev = args[i++];
  const link = dev ? findLink(ns, dev) : undefined;
  if (!link) return { ok: false, note: `Cannot find device "${dev ?? ''}"` };
  const done: string[] = [];
  for (; i < args.length; i++) {
    const w = args[i]!;
    if (w === 'master') {
      const br = args[++i]!;
      if (!findLink(ns, br)) return { ok: false, note: `Cannot find device "${br}"` };
      enslave(ns, dev!, br);
      done.push(`${dev} enslaved to ${br}`);
    } else if (w === 'nomaster') {
      const br = link.master;
      link.master = null;
      if (br) refreshBridgeMac(ns, br);
      done.push(`${dev} released`);
    } else if (w === 'mtu') {
      const mtu = Number(args[++i]);
      if (!Number.isInteger(mtu) || mtu < 68 || mtu > 65535) return { ok: false, note: `invalid MTU ${args[i]}` };
      link.mtu = mtu;
      done.push(`${dev} mtu ${mtu}`);
    } else if (w === 'up' || w === 'down') {
      link.up = w === 'up';
      done.push(`${dev} ${w}`);
    } else return { ok: false, note: `unsupported ip link argument "${w}"` };
  }
  return { ok: done.length > 0, note: done.join(', ') || 'nothing to do' };
}

function iptables(ns: Netns, args: string[]): RepairResult {
  let tableName: IptablesTableName = 'filter';
  let i = 0;
  if (args[0] === '-t') {
    tableName = args[1] as IptablesTableName;
    i = 2;
  }
  const op = args[i];
  const chain = args[i + 1];
  if ((op !== '-A' && op !== '-I') || !chain) return { ok: false, note: 'only -A CHAIN RULE or -I CHAIN [N] RULE are applied' };
  let rest = args.slice(i + 2);
  let position = op === '-I' ? 0 : -1;
  if (op === '-I' && /^\d+$/.test(rest[0] ?? '')) {
    position = Number(rest[0]) - 1;
    rest = rest.slice(1);
  }
  if (!['filter', 'nat', 'mangle', 'raw'].includes(tableName)) return { ok: false, note: `no table ${tableName}` };
  const t = table(ns.iptables, tableName);
  const builtin = /^[A-Z]+$/.test(chain);
  if (!builtin && !t.chains.includes(chain)) return { ok: false, note: `iptables: No chain/target/match by that name (${chain})` };
  const spec = rest.map((w) => (/\s/.test(w) ? `"${w}"` : w)).join(' ');
  const rule = { chain, spec };
  if (position < 0) t.rules.push(rule);
  else {
    const inChain = t.rules.filter((r) => r.chain === chain);
    const before = inChain[position];
    t.rules.splice(before ? t.rules.indexOf(before) : t.rules.length, 0, rule);
  }
  return { ok: true, note: `rule added to ${tableName} ${chain}` };
}

function bridgeFdb(ns: Netns, args: string[]): RepairResult {
  // bridge fdb (append|add|replace) MAC dev DEV dst IP [self] [permanent]
  if (args[0] !== 'fdb' || !['append', 'add', 'replace'].includes(args[1] ?? '')) return { ok: false, note: 'only "bridge fdb append|add|replace" is applied' };
  const mac = args[2]?.toLowerCase();
  const dev = args[args.indexOf('dev') + 1];
  const dst = args.includes('dst') ? args[args.indexOf('dst') + 1] : undefined;
  const link = dev ? findLink(ns, dev) : undefined;
  if (!mac || !link || !link.vxlan || !dst) return { ok: false, note: 'need MAC, dev vxlan-N and dst VTEP' };
  const fdb = (link.fdb ??= []);
  if (args[1] === 'replace') link.fdb = fdb.filter((e) => e.mac !== mac);
  link.fdb.push({ mac, dst });
  return { ok: true, note: `${mac} -> ${dst} on ${dev}` };
}

function ipRoute(ns: Netns, args: string[]): RepairResult {
  if (args[0] !== 'add' && args[0] !== 'replace') return { ok: false, note: 'only "ip route add|replace" is applied' };
  const dst = args[1];
  const via = args.includes('via') ? args[args.indexOf('via') + 1] : undefined;
  const dev = args.includes('dev') ? args[args.indexOf('dev') + 1] : undefined;
  if (!dst || !dev || !findLink(ns, dev)) return { ok: false, note: 'need a destination and an existing dev' };
  if (args[0] === 'replace') ns.routes = ns.routes.filter((r) => r.dst !== dst);
  addRoute(ns, { dst, dev, ...(via ? { via } : {}), proto: 'static' });
  return { ok: true, note: `route ${dst} via ${via ?? 'link'} dev ${dev}` };
}

function ipAddr(ns: Netns, args: string[]): RepairResult {
  // ip addr add CIDR dev DEV
  const cidr = args[1];
  const dev = args.includes('dev') ? args[args.indexOf('dev') + 1] : undefined;
  if (args[0] !== 'add' || !cidr || !dev || !findLink(ns, dev)) return { ok: false, note: 'use: ip addr add ADDRESS/PREFIX dev DEVICE' };
  const withPrefix = cidr.includes('/') ? cidr : `${cidr}/32`;
  if (!/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(withPrefix)) return { ok: false, note: `invalid address ${cidr}` };
  addAddress(ns, dev, withPrefix);
  return { ok: true, note: `${withPrefix} on ${dev}` };
}

function appendToFile(host: Host, words: string[]): RepairResult {
  const redirect = words.indexOf('>>');
  const path = words[redirect + 1];
  if (redirect < 1 || !path) return { ok: false, note: 'use: echo "LINE" >> FILE' };
  if (host.files[path] === undefined) return { ok: false, note: `${path}: No such file or directory` };
  const text = words.slice(1, redirect).filter((w) => w !== '-e').join(' ');
  const current = host.files[path]!;
  host.files[path] = `${current}${current && !current.endsWith('\n') ? '\n' : ''}${text}\n`;
  return { ok: true, note: `appended to ${path}` };
}

/** Applies one command to a host (optionally inside `ip netns exec NS`). */
export function applyRepair(cloud: Cloud, hostName: string, line: string): RepairResult {
  const host = cloud.hosts[hostName];
  if (!host) return { ok: false, note: `no node ${hostName}` };
  let words: string[];
  try {
    words = tokenize(line);
  } catch (e) {
    return { ok: false, note: (e as ClientError).message };
  }
  if (words[0] === 'sudo') words = words.slice(1);
  let ns: Netns = host.root;
  if (words[0] === 'ip' && words[1] === 'netns' && words[2] === 'exec') {
    const found = findNetns(host, words[3] ?? '');
    if (!found || !words[3]) return { ok: false, note: `Cannot open network namespace "${words[3] ?? ''}"` };
    ns = found;
    words = words.slice(4);
  }
  const [cmd, ...args] = words;
  switch (cmd) {
    case 'ip':
      if (args[0] === 'link' || args[0] === 'l') return ipLink(ns, args.slice(1));
      if (args[0] === 'route' || args[0] === 'r') return ipRoute(ns, args.slice(1));
      if (args[0] === 'addr' || args[0] === 'address' || args[0] === 'a') return ipAddr(ns, args.slice(1));
      return { ok: false, note: `ip ${args[0] ?? ''}: not a repair this drill understands` };
    case 'brctl':
      if (args[0] !== 'addif' || !args[1] || !args[2]) return { ok: false, note: 'use: brctl addif BRIDGE DEVICE' };
      return ipLink(ns, ['set', args[2], 'master', args[1]]);
    case 'bridge': return bridgeFdb(ns, args);
    case 'iptables': return iptables(ns, args);
    case 'echo': return appendToFile(host, words);
    case 'kill': case 'pkill': case 'killall':
      return { ok: true, note: 'signal sent (dnsmasq rereads its host and opts files on SIGHUP)' };
    default: return { ok: false, note: `${cmd ?? ''}: not a repair command this drill understands` };
  }
}
