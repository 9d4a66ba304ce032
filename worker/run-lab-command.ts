import {
  buildCloud,
  execOnHost,
  hostNames,
  type CloudOptions,
  type ExecResult,
  type ScenarioError,
} from '../engine/index';
import { LAB_EXEC_LIMITS, type LabExecRequest } from './lab-exec-request';

/** What happened to one lab request, before it is turned into HTTP. */
export type LabCommandOutcome =
  | { kind: 'executed'; result: ExecResult }
  | { kind: 'unknown_host'; host: string; validHosts: string[] }
  | { kind: 'scenario_failed'; error: ScenarioError };

/**
 * Builds a fresh cloud from the scenario and runs one command on one host.
 * The host is checked before the scenario's outcome is reported: a misspelt
 * host is the caller's mistake whatever the scenario did.
 */
export function runLabCommand(request: LabExecRequest): LabCommandOutcome {
  const built = buildCloud(request.scenario, cloudOptionsOf(request));
  const validHosts = hostNames(built.cloud);
  if (!validHosts.includes(request.host)) {
    return { kind: 'unknown_host', host: request.host, validHosts };
  }
  if (!built.ok) {
    return { kind: 'scenario_failed', error: built.error };
  }
  return { kind: 'executed', result: execOnHost(built.cloud, request.host, request.command) };
}

function cloudOptionsOf(request: LabExecRequest): CloudOptions {
  const options: CloudOptions = { workBudget: LAB_EXEC_LIMITS.workSteps };
  if (request.computes !== undefined) options.computes = request.computes;
  if (request.seed !== undefined) options.seed = request.seed;
  return options;
}
