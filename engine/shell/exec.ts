/**
 * A host's shell, for the commands a tutor asks about: `ip`, `brctl`,
 * `bridge`, `iptables`, `iptables-save`, `ps`, `cat`, `ls`, `virsh`,
 * `sysctl`, inside `ip netns exec NS` too, and `ip`/`hostname` inside a guest.
 * Read-only: nothing here changes the cloud.
 */
import { own } from '../core/own.js';
import type { Cloud, Guest, Host, IptablesTableName, Netns } from '../core/types.js';
import { findNetns } from '../host/kernel.js';
import { renderBrctlShow, renderBridgeFdb, renderBridgeLink } from '../render/bridge.js';
import { renderIpAddr } from '../render/ip-addr.js';
import { renderIpLink } from '../render/ip-link.js';
import { renderIpRoute } from '../render/ip-route.js';
import { TABLES, renderIptablesS, renderIptablesSave } from '../render/iptables.js';
import { renderPs } from '../render/processes.js';
import { findDomain, renderDumpxml, renderVirshList } from '../render/virsh.js';
import { renderCat, renderLs } from '../render/files.js';

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const ok = (stdout: string): ExecResult => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): ExecResult => ({ stdout: '', stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`, exitCode });

interface Where {
  cloud: Cloud;
  host: Host;
  ns: Netns;
}

const OBJECTS: Record<string, string> = {
  l: 'link', li: 'link', lin: 'link', link: 'link', a: 'addr', ad: 'addr', add: 'addr', addr: 'addr', address: 'addr',
  r: 'route', ro: 'route', rou: 'route', rout: 'route', route: 'route', netns: 'netns',
};

function ipCommand(w: Where, words: string[], run: (w: Where, words: string[]) => ExecResult): ExecResult {
  const flags = { brief: false, details: false, family: undefined as 4 | 6 | undefined };
  let i = 0;
  for (; i < words.length && words[i]!.startsWith('-'); i++) {
    const f = words[i]!;
    if (f === '-br' || f === '-brief') flags.brief = true;
    else if (f === '-d' || f === '-details') flags.details = true;
    else if (f === '-4') flags.family = 4;
    else if (f === '-6') flags.family = 6;
    else if (f === '-n' || f === '-netns') {
      const ns = findNetns(w.host, words[++i] ?? '');
      if (!ns || words[i] === '') return fail(`Cannot open network namespace "${words[i] ?? ''}": No such file or directory`);
      w = { ...w, ns };
    } else return fail(`Option "${f}" is unknown, try "ip -help".`, 255);
  }
  const object = OBJECTS[words[i] ?? ''];
  if (!object) return fail(words[i] ? `Object "${words[i]}" is unknown, try "ip help".` : 'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }', 255);
  const rest = words.slice(i + 1);
  if (object === 'netns') return ipNetns(w, rest, run);
  const verb = rest[0] && !['dev'].includes(rest[0]) && !rest[0].includes('-') && !rest[0].startsWith('vxlan') ? rest[0] : 'show';
  if (!['show', 'list', 'ls', 'lst', 'sh'].includes(verb)) return fail(`This emulator is read-only: "ip ${object} ${verb}" is not available.`, 2);
  const args = verb === rest[0] ? rest.slice(1) : rest;
  const dev = args[0] === 'dev' ? args[1] : args[0];
  const view = { host: w.host, ns: w.ns };
  if (object === 'link') return renderIpLink(view, { brief: flags.brief, details: flags.details, ...(dev ? { dev } : {}) });
  if (object === 'addr') return renderIpAddr(view, { brief: flags.brief, ...(flags.family ? { family: flags.family } : {}), ...(dev ? { dev } : {}) });
  return ok(renderIpRoute(dev ? w.ns.routes.filter((r) => r.dev === dev) : w.ns.routes));
}

function ipNetns(w: Where, words: string[], run: (w: Where, words: string[]) => ExecResult): ExecResult {
  const verb = words[0] ?? 'list';
  if (verb === 'list' || verb === 'ls' || verb === 'show') {
    // Newest first, as the nsid the kernel assigned shows.
    const names = Object.values(w.host.namespaces).reverse();
    return ok(names.map((ns) => `${ns.name} (id: ${ns.nsid})\n`).join(''));
  }
  if (verb === 'exec') {
    const name = words[1];
    if (!name) return fail('No netns name specified');
    const ns = own(w.host.namespaces, name);
    if (!ns) return fail(`Cannot open network namespace "${name}": No such file or directory`);
    if (words.length < 3) return fail('No command specified');
    return run({ ...w, ns }, words.slice(2));
  }
  if (verb === 'identify' || verb === 'pids') return ok('');
  return fail(`This emulator is read-only: "ip netns ${verb}" is not available.`, 2);
}

function iptables(w: Where, words: string[]): ExecResult {
  let tableName: IptablesTableName = 'filter';
  let listRules = false;
  let chain: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const f = words[i]!;
    if (f === '-t' || f === '--table') {
      const t = words[++i] as IptablesTableName;
      if (!TABLES.includes(t)) return fail(`iptables v1.8.9 (nf_tables): can't initialize iptables table \`${t ?? ''}': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.`, 3);
      tableName = t;
    } else if (f === '-S' || f === '--list-rules') {
      listRules = true;
      if (words[i + 1] && !words[i + 1]!.startsWith('-')) chain = words[++i];
    } else if (f === '-L' || f === '-n' || f === '-v' || f === '--line-numbers') {
      return fail('StackTutor prints iptables rules with -S (or iptables-save); -L listings are not emulated.', 2);
    } else if (f.startsWith('-')) {
      return fail(`This emulator is read-only: iptables ${f} is not available.`, 2);
    }
  }
  if (!listRules) return fail("iptables v1.8.9 (nf_tables): no command specified\nTry `iptables -h' or 'iptables --help' for more information.", 2);
  return renderIptablesS(w.ns, tableName, chain);
}

function iptablesSave(w: Where, words: string[]): ExecResult {
  const t = words[0] === '-t' ? (words[1] as IptablesTableName) : undefined;
  if (t !== undefined && !TABLES.includes(t)) return fail(`iptables-save v1.8.9 (nf_tables): Cannot initialize: Table does not exist`);
  const when = ctime(w.cloud.clock);
  return ok(renderIptablesSave(w.ns, when, t));
}

/** C's ctime(): "Mon Jan  5 09:00:00 2026" (UTC hosts). */
function ctime(epoch: number): string {
  const d = new Date(epoch * 1000);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const time = [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  return `${day} ${month} ${String(d.getUTCDate()).padStart(2)} ${time} ${d.getUTCFullYear()}`;
}

function virsh(w: Where, words: string[]): ExecResult {
  if (w.host.role !== 'compute' && w.host.domains.length === 0 && words[0] !== 'list') return fail(`error: failed to get domain '${words[1] ?? ''}'`);
  if (words[0] === 'list') return ok(renderVirshList(w.host, words.includes('--all')));
  if (words[0] === 'dumpxml' || words[0] === 'domiflist') {
    const d = words[1] ? findDomain(w.host, words[1]) : undefined;
    if (!d) return fail(`error: failed to get domain '${words[1] ?? ''}'`);
    if (words[0] === 'dumpxml') return ok(renderDumpxml(d));
    const rows = d.interfaces.map((n) => ` ${n.tap}   bridge   ${n.bridge}   virtio   ${n.mac}`);
    return ok([' Interface        Type     Source           Model    MAC', '-------------------------------------------------------------------', ...rows, ''].map((l) => `${l}\n`).join(''));
  }
  return fail(`error: unknown command: '${words[0] ?? ''}'`);
}

function runWords(w: Where, words: string[]): ExecResult {
  const [cmd, ...rest] = words;
  switch (cmd) {
    case undefined: return ok('');
    case 'sudo': return runWords(w, rest);
    case 'ip': return ipCommand(w, rest, runWords);
    case 'brctl': return rest[0] === 'show' || rest.length === 0 ? ok(renderBrctlShow(w.host.root)) : fail(`This emulator is read-only: brctl ${rest[0]} is not available.`, 2);
    case 'bridge': {
      if (rest[0] === 'link' || rest[0] === 'l') return ok(renderBridgeLink({ host: w.host, ns: w.ns }));
      if (rest[0] === 'fdb') {
        const d = rest.indexOf('dev');
        return renderBridgeFdb(w.ns, d >= 0 ? rest[d + 1] : undefined);
      }
      return fail(`Object "${rest[0] ?? ''}" is unknown, try "bridge help".`, 255);
    }
    case 'iptables': return iptables(w, rest);
    case 'iptables-save': return iptablesSave(w, rest);
    case 'ps': {
      const o = rest.indexOf('-o') >= 0 ? rest.indexOf('-o') : rest.findIndex((r) => /^-\w*o$/.test(r));
      const fields = o >= 0 ? (rest[o + 1] ?? '').split(',').filter(Boolean) : rest.some((r) => r === 'aux' || r === '-ef') ? ['user', 'pid', 'args'] : ['pid', 'args'];
      return renderPs(w.host, fields);
    }
    case 'cat': return renderCat(w.host, rest);
    case 'ls': return renderLs(w.host, rest);
    case 'virsh': return virsh(w, rest);
    case 'hostname': return ok(`${w.host.name}\n`);
    case 'sysctl': {
      const key = rest.filter((r) => !r.startsWith('-'))[0];
      if (!key) return fail('sysctl: no variables specified');
      const value = w.ns.sysctl[key] ?? (key === 'net.ipv4.ip_forward' ? (w.ns.name ? '0' : '1') : undefined);
      return value === undefined ? fail(`sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory`, 255) : ok(`${key} = ${value}\n`);
    }
    default: return fail(`bash: ${cmd}: command not found`, 127);
  }
}

export function execOnNode(cloud: Cloud, host: Host, words: string[]): ExecResult {
  return runWords({ cloud, host, ns: host.root }, words);
}

/** Inside an instance: the guest kernel's own view (its eth0, the addresses DHCP gave it). */
export function execInGuest(cloud: Cloud, guest: Guest, words: string[]): ExecResult {
  const [cmd, ...rest] = words[0] === 'sudo' ? words.slice(1) : words;
  const ns: Netns = { name: '', nsid: null, links: guest.links, addresses: guest.addresses, routes: guest.routes, iptables: {}, sysctl: {}, conntrack: [], nextIfindex: 0 };
  const host: Host = { name: guest.name, role: 'compute', managementIp: '', root: ns, namespaces: {}, nextNsid: 0, files: {}, processes: [], nextPid: 0, domains: [], nextDomainId: 0, imageCache: [] };
  if (cmd === 'ip') return ipCommand({ cloud, host, ns }, rest, () => fail('ip netns is not available inside the guest'));
  if (cmd === 'hostname') return ok(`${guest.name}\n`);
  return fail(`-sh: ${cmd ?? ''}: not found`, 127);
}

