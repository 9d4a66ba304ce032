/** `ps -eo user,args` (and `ps -ef`-style listings) over a host's processes, every namespace included. */
import type { Host } from '../core/types.js';

export function renderPsUserArgs(host: Host): string {
  const rows = [...host.processes].sort((a, b) => a.pid - b.pid);
  return ['USER     COMMAND', ...rows.map((p) => `${p.user.length > 8 ? `${p.user.slice(0, 7)}+` : p.user.padEnd(8)} ${p.args}`)].map((l) => `${l}\n`).join('');
}

export function renderPsPidArgs(host: Host): string {
  const rows = [...host.processes].sort((a, b) => a.pid - b.pid);
  return ['    PID COMMAND', ...rows.map((p) => `${String(p.pid).padStart(7)} ${p.args}`)].map((l) => `${l}\n`).join('');
}
