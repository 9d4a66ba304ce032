/**
 * Flow traces are the message bus, filtered: every step an API service or
 * agent took for the scenario's latest object of that flow, in order, with
 * the host state it changed. Nothing here is written per flow by hand.
 */
import type { BusEvent, Cloud } from '../core/types.js';

export interface TraceStep {
  step: number;
  actor: string;
  target: string;
  channel: BusEvent['channel'];
  message: string;
  detail: string;
  changes: string[];
  seedStep?: number;
  note?: string;
}

export const FLOW_TITLES: Record<number, { en: string; zh: string }> = {
  1: { en: 'Creating a VM (nova boot)', zh: '创建虚拟机流程' },
  2: { en: 'Tenant VXLAN network and subnet', zh: '创建租户 VXLAN 网络' },
  3: { en: 'Attaching an instance to the VXLAN network', zh: '创建实例并接入 VXLAN 网络' },
  4: { en: 'DHCP agent files', zh: 'DHCP 内容' },
  5: { en: 'The DHCP exchange', zh: '虚拟机获取 DHCP 过程' },
  6: { en: 'Virtual router and its interfaces', zh: '虚拟 router 原理' },
  7: { en: 'VM to the external network (gateway + SNAT)', zh: '虚拟机与外网通信' },
  8: { en: 'Floating IP (DNAT)', zh: '从外界通过浮动 IP 访问虚拟机' },
};

/** The object a flow's trace is about: the newest one of its kind. */
export function flowSubject(cloud: Cloud, flow: number): string | undefined {
  const last = <T>(rows: T[]) => rows[rows.length - 1];
  const db = cloud.db;
  switch (flow) {
    case 1: case 3: case 5: return last(Object.values(db.servers))?.id;
    case 2: return last(Object.values(db.networks).filter((n) => !n.external))?.id ?? last(Object.values(db.networks))?.id;
    case 4: return last(Object.values(db.networks).filter((n) => Object.values(db.subnets).some((s) => s.networkId === n.id && s.enableDhcp)))?.id;
    case 6: return last(Object.values(db.routers))?.id;
    case 7: return last(Object.values(db.routers).filter((r) => r.gateway))?.id;
    case 8: return (last(Object.values(db.floatingIps).filter((f) => f.portId)) ?? last(Object.values(db.floatingIps)))?.id;
    default: return undefined;
  }
}

/** Traces also follow the subject's ports: their DHCP and L2 agent steps name the port, not the server or router. */
function relatedIds(cloud: Cloud, flow: number, subject: string): Set<string> {
  const ids = new Set([subject]);
  const server = cloud.db.servers[subject];
  if (server) for (const p of server.portIds) ids.add(p);
  if (cloud.db.routers[subject]) {
    for (const e of cloud.events) if (e.subjects.includes(subject)) for (const s of e.subjects) if (cloud.db.ports[s] || !cloud.db.networks[s]) ids.add(s);
  }
  return ids;
}

export function flowTrace(cloud: Cloud, flow: number): TraceStep[] {
  const subject = flowSubject(cloud, flow);
  if (!subject) return [];
  const ids = relatedIds(cloud, flow, subject);
  return cloud.events
    .filter((e) => e.flows.includes(flow) && e.subjects.some((s) => ids.has(s)))
    .map((e, i) => ({
      step: i + 1, actor: e.from, target: e.to, channel: e.channel, message: e.name, detail: e.detail, changes: e.changes,
      ...(e.seedStep !== undefined ? { seedStep: e.seedStep } : {}), ...(e.note ? { note: e.note } : {}),
    }));
}
