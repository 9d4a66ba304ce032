/**
 * Pictures of the clouds the tutor talks about, as SVG: a question's
 * topology, a flow's trace as a sequence diagram and, for flows 5-8, the
 * packet that flow is about walked hop by hop. Every picture is rebuilt from
 * (family, seed) or (flow, seed), so the same request draws the same bytes.
 */
import { labSeedOf } from '../../content/family';
import { flowWalkthrough, question as buildQuestion } from '../../content/index';
import { sequenceSvg, topologySvg, walkSvg, type DiagramOptions } from '../../diagrams/index';
import { buildCloud, type Cloud } from '../../engine/index';
import { packetWalk } from '../../engine/packets/walks';
import type { Db } from '../db/client';
import type { LearnerRow } from '../db/rows';
import { ownQuestion } from './questions';

/** The packet walk each flow's diagram shows. */
export const FLOW_WALKS: Readonly<Record<number, 'dhcp' | 'east-west' | 'snat' | 'dnat'>> = { 5: 'dhcp', 6: 'east-west', 7: 'snat', 8: 'dnat' };

/** Where the SNAT walk goes: any address beyond the external network's gateway. */
const INTERNET_ADDRESS = '8.8.8.8';

/**
 * The learner's own question, drawn from its scenario as issued. A
 * troubleshooting question's fault is injected after the scenario and is not
 * replayed here: the picture must not give the answer away.
 */
export async function questionTopology(db: Db, learner: LearnerRow, id: string, options: DiagramOptions): Promise<string> {
  const row = await ownQuestion(db, learner, id);
  const q = buildQuestion(row.family, row.seed);
  const built = buildCloud(q.scenario, { computes: q.computes, seed: labSeedOf(q), tracing: false });
  return topologySvg(built.cloud, options);
}

/** Flow `flow`'s trace on the walkthrough scenario of `seed`. */
export function flowSequence(flow: number, seed: string, options: DiagramOptions): string {
  return sequenceSvg(flowWalkthrough(flow, seed).trace, options);
}

/** The packet walk of flows 5-8 on the walkthrough scenario of `seed`; null for a flow without one. */
export function flowWalk(flow: number, seed: string, options: DiagramOptions): string | null {
  const kind = FLOW_WALKS[flow];
  if (!kind) return null;
  const { scenario, computes } = flowWalkthrough(flow, seed);
  const { cloud } = buildCloud(scenario, { computes, seed, tracing: false });
  return walkSvg(packetWalk(cloud, kind, walkArguments(cloud, kind)), options);
}

/** What each walk needs, picked from the cloud: the newest instance, two instances on different networks, a bound floating IP. */
function walkArguments(cloud: Cloud, kind: 'dhcp' | 'east-west' | 'snat' | 'dnat'): string[] {
  const servers = Object.values(cloud.db.servers);
  const newest = servers[servers.length - 1]?.name ?? '';
  switch (kind) {
    case 'dhcp':
      return [newest];
    case 'snat':
      return [newest, INTERNET_ADDRESS];
    case 'east-west': {
      const networkOf = (s: (typeof servers)[number]) => cloud.db.ports[s.portIds[0] ?? '']?.networkId;
      const from = servers[0];
      const to = servers.find((s) => from && networkOf(s) !== networkOf(from)) ?? servers[1];
      return [from?.name ?? '', to?.name ?? ''];
    }
    case 'dnat': {
      const bound = Object.values(cloud.db.floatingIps).filter((f) => f.portId);
      return [bound[bound.length - 1]?.floatingIpAddress ?? ''];
    }
  }
}
