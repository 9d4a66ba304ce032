/** `cat` and `ls` over the files agents wrote (dnsmasq configs, haproxy configs) and the directories they imply. */
import { own } from '../core/own.js';
import type { Host } from '../core/types.js';

function normalize(path: string): string {
  return path.replace(/\/+$/, '').replace(/\/{2,}/g, '/') || '/';
}

/** Directories exist when some file lives under them. */
function entriesOf(host: Host, dir: string): string[] | null {
  const prefix = dir === '/' ? '/' : `${dir}/`;
  const names = new Set<string>();
  for (const path of Object.keys(host.files)) {
    if (path.startsWith(prefix)) names.add(path.slice(prefix.length).split('/')[0]!);
  }
  return names.size ? [...names].sort() : null;
}

export function renderCat(host: Host, paths: string[]): { stdout: string; stderr: string; exitCode: number } {
  let stdout = '';
  let stderr = '';
  for (const raw of paths) {
    const path = normalize(raw);
    const content = own(host.files, path);
    if (content !== undefined) stdout += content;
    else if (entriesOf(host, path)) stderr += `cat: ${raw}: Is a directory\n`;
    else stderr += `cat: ${raw}: No such file or directory\n`;
  }
  if (paths.length === 0) stderr += 'cat: reading standard input is not emulated\n';
  return { stdout, stderr, exitCode: stderr ? 1 : 0 };
}

export function renderLs(host: Host, args: string[]): { stdout: string; stderr: string; exitCode: number } {
  const paths = args.filter((a) => !a.startsWith('-'));
  const onePerLine = args.some((a) => a.startsWith('-') && a.includes('1') || a.includes('l'));
  let stdout = '';
  let stderr = '';
  for (const raw of paths.length ? paths : ['/root']) {
    const path = normalize(raw);
    if (own(host.files, path) !== undefined) {
      stdout += `${raw}\n`;
      continue;
    }
    const entries = entriesOf(host, path);
    if (!entries) {
      stderr += `ls: cannot access '${raw}': No such file or directory\n`;
      continue;
    }
    if (paths.length > 1) stdout += `${raw}:\n`;
    stdout += onePerLine ? entries.map((e) => `${e}\n`).join('') : `${entries.join('  ')}\n`;
  }
  return { stdout, stderr, exitCode: stderr ? 2 : 0 };
}
