/** The processes the tutor shows with `ps`: dnsmasq, haproxy, the agents. PIDs come from a per-host counter. */
import type { Host, Process } from '../core/types.js';

export function spawnProcess(host: Host, spec: Omit<Process, 'pid'>): Process {
  const proc: Process = { pid: host.nextPid, ...spec };
  // Daemons fork: the pid a daemon ends up with is a few numbers past the launcher's.
  host.nextPid += 3;
  host.processes.push(proc);
  return proc;
}

export function killProcess(host: Host, pid: number): void {
  host.processes = host.processes.filter((p) => p.pid !== pid);
}
