/** What every `openstack` subcommand is: a path, an argparse spec and a handler over the cloud. */
import type { Ctx } from '../../core/context.js';
import { ClientError, ServiceError } from '../../core/errors.js';
import { type CommandSpec, type ParsedArgs, OUTPUT_OPTIONS, list, str } from '../args.js';
import type { CliOutput, OutputOptions } from '../present/index.js';

export interface CommandDef {
  /** e.g. ["network", "create"] */
  path: readonly string[];
  spec: CommandSpec;
  run(ctx: Ctx, args: ParsedArgs): CliOutput;
}

export const EMPTY: CliOutput = { stdout: '', stderr: '', exitCode: 0 };

export function withOutput(spec: CommandSpec): CommandSpec {
  return { ...spec, options: { ...OUTPUT_OPTIONS, ...spec.options } };
}

export function outputOptions(args: ParsedArgs, extra: Partial<OutputOptions> = {}): OutputOptions {
  const format = str(args, 'format') as OutputOptions['format'] | 'yaml' | undefined;
  const options: OutputOptions = { ...extra };
  if (format && format !== 'yaml') options.format = format;
  const columns = list(args, 'column');
  if (columns.length) options.columns = columns;
  if (args.options['noindent'] === true) options.noindent = true;
  const prefix = str(args, 'prefix');
  if (prefix !== undefined) options.prefix = prefix;
  const sort = list(args, 'sort-column');
  if (sort.length) options.sortColumns = sort;
  if (args.options['sort-descending'] === true) options.sortDescending = true;
  return options;
}

/**
 * OSC's bulk delete: each name is tried in turn, failures are logged and the
 * command ends with "N of M <things> failed to delete." when any failed.
 */
export function deleteEach(ctx: Ctx, what: string, plural: string, keys: string[], remove: (key: string) => void): CliOutput {
  let failed = 0;
  let stderr = '';
  for (const key of keys) {
    try {
      remove(key);
    } catch (e) {
      if (!(e instanceof ServiceError || e instanceof ClientError)) throw e;
      failed++;
      stderr += `Failed to delete ${what} with name or ID '${key}': ${describe(e)}\n`;
    }
  }
  void ctx;
  if (failed === 0) return EMPTY;
  return { stdout: '', stderr: `${stderr}${failed} of ${keys.length} ${plural} failed to delete.\n`, exitCode: 1 };
}

/** One-line description of a failure as the client logs it inside bulk operations. */
export function describe(e: ServiceError | ClientError): string {
  return e instanceof ClientError ? e.clientMessage : e.fault;
}
