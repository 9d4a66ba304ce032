/**
 * SVG diagrams drawn from live engine state: the hosts' bridges, namespaces
 * and tunnels; a flow trace as a sequence diagram; a packet walk hop by hop.
 * Pure functions: the same input always gives the same bytes.
 */
import type { Cloud } from '../engine/core/types.js';
import type { TraceStep } from '../engine/flows/trace.js';
import type { WalkResult } from '../engine/packets/walks.js';
import { renderSequence } from './sequence.js';
import { renderTopology } from './topology.js';
import { topologyModel } from './topology-model.js';
import { renderDhcp } from './dhcp-walk.js';
import { errorSvg, renderRoutedWalk } from './walk.js';

export interface DiagramOptions {
  lang?: 'en' | 'zh';
  /** device names to emphasise */
  highlight?: string[];
}

/** Every host with its Linux bridges and their ports, namespaces and instances joined to their peers, NICs, the physical network and the VXLAN tunnels. */
export function topologySvg(cloud: Cloud, options: DiagramOptions = {}): string {
  return renderTopology(topologyModel(cloud), options.lang ?? 'en', new Set(options.highlight ?? []));
}

/** A flow trace as a sequence diagram: one lane per actor, one numbered arrow per step, styled by channel. */
export function sequenceSvg(trace: TraceStep[], options: DiagramOptions = {}): string {
  return renderSequence(trace, options.lang ?? 'en', new Set(options.highlight ?? []));
}

/** A packet walk hop by hop with its addresses and NAT rewrites, or a DHCP exchange as its messages; an `{ error }` as a short notice. */
export function walkSvg(walk: WalkResult, options: DiagramOptions = {}): string {
  const lang = options.lang ?? 'en';
  const hl = new Set(options.highlight ?? []);
  if ('error' in walk) return errorSvg(walk.error, lang);
  if ('lease' in walk) return renderDhcp(walk, lang, hl);
  return renderRoutedWalk(walk, lang, hl);
}
