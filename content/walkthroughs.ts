/**
 * Study material for the eight flows, read before quizzing:
 *   flowSummaries()             -> per flow: title, a short summary, how many question families it has
 *   flowWalkthrough(flow, seed) -> key steps, where interview answers differ from neutron 2024.1,
 *                                  and a fresh scenario with the flow's trace over it
 * The scenario and steps follow from (flow, seed) alone; replaying `scenario` with
 * `buildCloud(scenario, { computes, seed })` (or POST /v1/lab/exec with the same seed) gives the
 * cloud the steps and the trace describe.
 */
import { buildCloud } from '../engine/index.js';
import { FLOW_TITLES, flowTrace, type TraceStep } from '../engine/flows/trace.js';
import { families } from './index.js';
import { Pick } from './pick.js';
import type { Text } from './types.js';
import type { Contrast, FlowGuide } from './walkthroughs/guide.js';
import flow1 from './walkthroughs/flow1.js';
import flow2 from './walkthroughs/flow2.js';
import flow3 from './walkthroughs/flow3.js';
import flow4 from './walkthroughs/flow4.js';
import flow5 from './walkthroughs/flow5.js';
import flow6 from './walkthroughs/flow6.js';
import flow7 from './walkthroughs/flow7.js';
import flow8 from './walkthroughs/flow8.js';

export type { TraceStep } from '../engine/flows/trace.js';

const GUIDES: Record<number, FlowGuide> = { 1: flow1, 2: flow2, 3: flow3, 4: flow4, 5: flow5, 6: flow6, 7: flow7, 8: flow8 };

export interface FlowSummary {
  flow: number;
  title: Text;
  summary: Text;
  /** How many question families quiz this flow. */
  families: number;
}

export interface FlowWalkthrough {
  flow: number;
  title: Text;
  summary: Text;
  /** The key steps in order, naming this scenario's real devices, files, rules and addresses. */
  steps: Text[];
  /** Where the interview material or common answers differ from neutron 2024.1. */
  interviewVsReality: Contrast[];
  /** `openstack` lines that build a fresh cloud for this flow. */
  scenario: string[];
  computes: number;
  /** The flow's steps as the engine recorded them while building `scenario` with this seed. */
  trace: TraceStep[];
}

function guideOf(flow: number): FlowGuide {
  const guide = Number.isInteger(flow) ? GUIDES[flow] : undefined;
  if (!guide) throw new RangeError(`flow must be an integer from 1 to 8, got ${flow}`);
  return guide;
}

/** The eight flows in order, each with its number of question families. */
export function flowSummaries(): FlowSummary[] {
  const all = families();
  return Object.entries(GUIDES).map(([n, guide]) => {
    const flow = Number(n);
    return { flow, title: { ...FLOW_TITLES[flow]! }, summary: { ...guide.summary }, families: all.filter((f) => f.flow === flow).length };
  });
}

/**
 * Flow `flow` (1-8) told against a cloud built from `seed`: the same (flow, seed) always gives the
 * same walkthrough. Throws RangeError for any other flow.
 */
export function flowWalkthrough(flow: number, seed: string): FlowWalkthrough {
  const guide = guideOf(flow);
  const { scenario, computes } = guide.setup(new Pick(`walkthrough-${flow}\u0000${seed}`));
  const built = buildCloud(scenario, { computes, seed, tracing: true });
  if (!built.ok) throw new Error(`walkthrough ${flow}/${seed}: line ${built.error.line} (${built.error.text}) failed: ${built.error.message}`);
  return {
    flow,
    title: { ...FLOW_TITLES[flow]! },
    summary: { ...guide.summary },
    steps: guide.steps(built.cloud),
    interviewVsReality: structuredClone(guide.interviewVsReality),
    scenario,
    computes,
    trace: flowTrace(built.cloud, flow),
  };
}
