/**
 * What one flow's walkthrough is made of: a seeded scenario that exercises the
 * flow, the key steps told against the cloud that scenario builds (so every
 * device, namespace, address and rule named is one the engine really has), and
 * where interview answers differ from neutron 2024.1. One guide per flow, in
 * flowN.ts next to this file.
 */
import { execOnHost, type Cloud } from '../../engine/index.js';
import type { Network, Port, Router, Server, Subnet } from '../../engine/core/types.js';
import { flowSubject } from '../../engine/flows/trace.js';
import type { Pick } from '../pick.js';
import type { Text } from '../types.js';

/** One place where the interview answer and neutron 2024.1 part ways. */
export interface Contrast {
  expected: Text;
  actually: Text;
}

export interface FlowGuide {
  summary: Text;
  /** A fresh scenario for this flow; the flow's trace over it is never empty. */
  setup(pick: Pick): { scenario: string[]; computes: number };
  /** 6-12 key steps, naming this cloud's real objects. */
  steps(cloud: Cloud): Text[];
  interviewVsReality: Contrast[];
}

export const text = (en: string, zh: string): Text => ({ en, zh });

/** What a command prints on a host; a walkthrough only runs commands that must work. */
export function sh(cloud: Cloud, host: string, command: string): string {
  const r = execOnHost(cloud, host, command);
  if (r.exitCode !== 0) throw new Error(`${host}$ ${command}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** The object the flow's trace is about (the engine's choice, so steps and trace agree). */
export function subjectOf(cloud: Cloud, flow: number): string {
  const id = flowSubject(cloud, flow);
  if (!id) throw new Error(`flow ${flow}: the scenario has no object of this flow`);
  return id;
}

export function serverPort(cloud: Cloud, server: Server): Port {
  return cloud.db.ports[server.portIds[0]!]!;
}

export function firstSubnet(cloud: Cloud, network: Network): Subnet {
  return cloud.db.subnets[cloud.db.subnetsByNetwork[network.id]![0]!]!;
}

export function dhcpPort(cloud: Cloud, network: Network): Port {
  return Object.values(cloud.db.ports).find((p) => p.networkId === network.id && p.deviceOwner === 'network:dhcp')!;
}

export function routerPorts(cloud: Cloud, router: Router): Port[] {
  return Object.values(cloud.db.ports).filter((p) => p.deviceId === router.id && p.deviceOwner === 'network:router_interface');
}

export const managementIp = (cloud: Cloud, host: string): string => cloud.hosts[host]!.managementIp;

export const prefixOf = (cidr: string): string => cidr.split('/')[1]!;

/** `-A …` lines of one table in a namespace, as `iptables -t T -S` prints them. */
export function rulesIn(cloud: Cloud, netns: string, table: 'nat' | 'mangle' | 'filter'): string[] {
  return sh(cloud, 'controller', `ip netns exec ${netns} iptables -t ${table} -S`).split('\n').filter((l) => l.startsWith('-A '));
}
