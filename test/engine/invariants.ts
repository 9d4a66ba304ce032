/**
 * Cross-layer invariants of an emulated cloud: what the API database says
 * must be wired on the hosts, and nothing more. Each check returns the
 * violations it found as readable strings (empty = the invariant holds), so a
 * failing property prints what is wrong instead of a bare `false`.
 *
 * The rules are the ones in /work/shared/reference/openstack-ground-truth.md
 * §1 (naming), §3 (DHCP agent and bridges), §7-§9 (router, SNAT, floating IP).
 */
import type { Cloud } from '../../engine/core/types';
import { expect } from 'vitest';
import { buildCloud, execOnHost } from '../../engine/index';
import { applyLine } from '../../engine/scenario/apply';

import { checkFloatingIps, checkBoundPortsWired, checkRouterPorts } from './invariants/wiring';
import { checkDhcp, checkNoOrphans, checkReferences, checkUniqueAddresses } from './invariants/tables';
import { checkL2pop, checkMtu, checkNameLengths, checkServersSettled } from './invariants/layer2';

export * from './invariants/common';
export * from './invariants/wiring';
export * from './invariants/tables';
export * from './invariants/layer2';

/** Every invariant, each violation prefixed by the check that found it. */
export function checkInvariants(cloud: Cloud): string[] {
  const checks: Array<[string, (c: Cloud) => string[]]> = [
    ['bound ports wired', checkBoundPortsWired],
    ['router ports', checkRouterPorts],
    ['floating IPs', checkFloatingIps],
    ['unique addresses', checkUniqueAddresses],
    ['references', checkReferences],
    ['dhcp', checkDhcp],
    ['no orphans', checkNoOrphans],
    ['name lengths', checkNameLengths],
    ['l2pop', checkL2pop],
    ['mtu', checkMtu],
    ['servers settled', checkServersSettled],
  ];
  return checks.flatMap(([name, check]) => check(cloud).map((v) => `[${name}] ${v}`));
}

// ------------------------------------------------------------------ scenario helpers


/** Builds a scenario that must succeed; a failing line throws with the client's message. */
export function buildOk(lines: readonly string[], options: { computes?: number; seed?: string } = {}): Cloud {
  const built = buildCloud(lines, options);
  if (!built.ok) throw new Error(`scenario line ${built.error.line} failed: ${built.error.text}\n${built.error.message}`);
  return built.cloud;
}

/** Runs a read-only command on a node or in a guest; it must succeed. Returns stdout. */
export function sh(cloud: Cloud, host: string, command: string): string {
  const r = execOnHost(cloud, host, command);
  if (r.exitCode !== 0) throw new Error(`${host}$ ${command} exited ${r.exitCode}: ${r.stderr}`);
  return r.stdout;
}

/** Finds one API object by name (the scenario helpers' way to learn generated IDs). */
export function byName<T extends { name: string }>(rows: Record<string, T>, name: string): T {
  const hits = Object.values(rows).filter((r) => r.name === name);
  if (hits.length !== 1) throw new Error(`${hits.length} objects named ${name}`);
  return hits[0]!;
}

/** What a refused command must leave exactly as it was. */
export const cloudState = (cloud: Cloud) => JSON.stringify({ db: cloud.db, hosts: cloud.hosts, guests: cloud.guests });

/** Runs a scenario line that must fail and must change nothing; returns what it printed. */
export function expectRefused(cloud: Cloud, line: string): ReturnType<typeof applyLine> {
  const before = cloudState(cloud);
  const r = applyLine(cloud, line);
  expect(r.exitCode, `${line}\n${r.stdout}${r.stderr}`).not.toBe(0);
  expect(cloudState(cloud), `${line} changed the cloud`).toBe(before);
  return r;
}

/** Runs a scenario line that must succeed. */
export function applyOk(cloud: Cloud, line: string): void {
  const r = applyLine(cloud, line);
  expect(r.exitCode, `${line}\n${r.stdout}${r.stderr}`).toBe(0);
}

/** A copy of `base` after lines that must all succeed. */
export function after(base: Cloud, lines: readonly string[]): Cloud {
  const cloud = structuredClone(base);
  for (const line of lines) applyOk(cloud, line);
  return cloud;
}
