/** `ps -eo FIELDS` (user, pid, ppid, args/cmd/command, comm) and `ps -ef`/`ps aux`, over every namespace. */
import type { Host, Process } from '../core/types.js';

const HEADERS: Record<string, { title: string; width: number; value: (p: Process) => string; right?: boolean }> = {
  user: { title: 'USER', width: 8, value: (p) => (p.user.length > 8 ? `${p.user.slice(0, 7)}+` : p.user) },
  pid: { title: 'PID', width: 7, value: (p) => String(p.pid), right: true },
  args: { title: 'COMMAND', width: 0, value: (p) => p.args },
  comm: { title: 'COMMAND', width: 0, value: (p) => p.args.split(' ')[0]!.split('/').pop()! },
};
const ALIASES: Record<string, string> = { cmd: 'args', command: 'args', ucmd: 'comm', uid: 'user', euser: 'user' };

/** Renders the columns named by `-o` (ps pads every column but the last). */
export function renderPs(host: Host, fields: string[]): { stdout: string; stderr: string; exitCode: number } {
  const cols = fields.map((f) => HEADERS[ALIASES[f] ?? f]);
  const unknown = fields.find((f, i) => !cols[i]);
  if (unknown) return { stdout: '', stderr: `error: unknown user-defined format specifier "${unknown}"\n`, exitCode: 1 };
  const rows = [...host.processes].sort((a, b) => a.pid - b.pid);
  const line = (cells: string[]) => cells.map((c, i) => {
    const col = cols[i]!;
    if (i === cells.length - 1 && !col.right) return c;
    return col.right ? c.padStart(col.width) : c.padEnd(col.width);
  }).join(' ');
  const out = [line(cols.map((c) => c!.title)), ...rows.map((p) => line(cols.map((c) => c!.value(p))))];
  return { stdout: out.map((l) => `${l}\n`).join(''), stderr: '', exitCode: 0 };
}
