/**
 * StackTutor's cloud emulator: public entry points.
 *
 * The engine is pure: no I/O, no clock, no global randomness. Everything that
 * varies (seed, topology) comes in through {@link CloudOptions}.
 *
 * CONTRACT (stable for worker/, content/, cli/):
 *   buildCloud(lines, options) -> BuildResult
 *   execOnHost(cloud, host, command) -> ExecResult
 *   hostNames(cloud) -> string[]
 */
export interface CloudOptions {
  /** Number of compute nodes (compute1..computeN). Default 2. */
  computes?: number;
  /** Seed for every generated UUID, MAC and random pick. Default "stacktutor". */
  seed?: string;
}

export interface ScenarioError {
  /** 1-based line number in the scenario. */
  line: number;
  /** The scenario line as written. */
  text: string;
  /** What the openstack client would print, e.g. "Error while executing command: ..." */
  message: string;
  /** HTTP status OpenStack answered with (400, 404, 409...), or 2 for a CLI usage error. */
  status: number;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export type BuildResult =
  | { ok: true; cloud: Cloud }
  | { ok: false; cloud: Cloud; error: ScenarioError };

// Placeholder until the engine lands (replaced in the next commits).
export interface Cloud { readonly hosts: readonly string[] }

export function buildCloud(lines: readonly string[], options: CloudOptions = {}): BuildResult {
  const computes = options.computes ?? 2;
  const hosts = ['controller', ...Array.from({ length: computes }, (_, i) => `compute${i + 1}`)];
  void lines;
  return { ok: true, cloud: { hosts } };
}

export function hostNames(cloud: Cloud): string[] {
  return [...cloud.hosts];
}

export function execOnHost(cloud: Cloud, host: string, command: string): ExecResult {
  void cloud; void host;
  return { stdout: '', stderr: `${command.split(' ')[0]}: command not found\n`, exitCode: 127 };
}
