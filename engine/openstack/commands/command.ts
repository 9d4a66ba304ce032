/** What every `openstack` subcommand is: a path, an argparse spec and a handler over the cloud. */
import type { Ctx } from '../../core/context.js';
import { ClientError, ServiceError } from '../../core/errors.js';
import { type CommandSpec, type ParsedArgs, OUTPUT_OPTIONS, list, str } from '../args.js';
import { failureText, sdkErrorText } from '../errors.js';
import { type CliOutput, type OutputOptions, deleteFailures } from '../present/index.js';

export interface CommandDef {
  /** e.g. ["network", "create"] */
  path: readonly string[];
  spec: CommandSpec;
  run(ctx: Ctx, args: ParsedArgs): CliOutput;
}

export const EMPTY: CliOutput = { stdout: '', stderr: '', exitCode: 0 };

/** What a successful change prints, formatted only when someone will read it. */
export function printed(ctx: Ctx, render: () => CliOutput): CliOutput {
  return ctx.quiet ? EMPTY : render();
}

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
 * OSC's bulk delete: each name is tried in turn; failures are logged and the
 * command ends with "N of M <things> failed to delete." when any failed.
 */
export function deleteEach(ctx: Ctx, command: string, resource: string, keys: string[], remove: (key: string) => void): CliOutput {
  const errors: Array<{ name: string; text: string }> = [];
  for (const key of keys) {
    // Each name is its own DELETE request; its error names its own URL.
    ctx.request = '';
    try {
      remove(key);
    } catch (e) {
      if (!(e instanceof ServiceError || e instanceof ClientError)) throw e;
      errors.push({ name: key, text: e instanceof ServiceError ? sdkOrLegacyText(ctx, command, e) : failureText(ctx, command, e) });
    }
  }
  return errors.length ? deleteFailures(resource, keys.length, errors) : EMPTY;
}

function sdkOrLegacyText(ctx: Ctx, command: string, e: ServiceError): string {
  return e.service === 'neutron' ? sdkErrorText(ctx, e) : failureText(ctx, command, e);
}
