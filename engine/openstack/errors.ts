/**
 * How the client reports a failure, by kind and by command: argparse errors
 * with the command's usage, name lookups (openstacksdk's "No Network found
 * for x" or osc-lib's "No volume with a name or ID of 'x' exists."), neutron
 * errors through the SDK, nova and cinder errors through their old clients.
 */
import type { Ctx } from '../core/context.js';
import { ClientError, ServiceError } from '../core/errors.js';
import {
  type CliOutput, ENDPOINTS, argparseError, failure, findResourceDuplicate, findResourceNotFound, legacyClientHttpError,
  missingArgumentsError, sdkDuplicate, sdkHttpError, sdkHttpErrorText, sdkNotFound,
} from './present/index.js';

export type ResourceKind = 'Network' | 'Subnet' | 'Port' | 'Router' | 'FloatingIP' | 'Server' | 'Volume' | 'Image' | 'Flavor' | 'SecurityGroup';

/** A name or ID that matched nothing (or several things) on the client side. */
export class LookupError extends ClientError {
  constructor(readonly kind: ResourceKind, readonly key: string, readonly duplicate: boolean) {
    super(duplicate ? `More than one ${kind} exists with the name '${key}'.` : `No ${kind} found for ${key}`);
  }
}

/** argparse refused the command line (exit status 2). */
export class ArgparseError extends ClientError {
  constructor(message: string, readonly missing?: string[]) {
    super(message, 2);
  }
}

/** Lookups the client still does through osc-lib's find_resource (novaclient/cinderclient managers). */
const LEGACY_LOOKUPS: Record<string, readonly ResourceKind[]> = {
  'server create': ['Flavor'],
  'server delete': ['Server'],
  'volume show': ['Volume'],
  'volume delete': ['Volume'],
  'server add volume': ['Volume'],
  'server remove volume': ['Volume'],
};

/** Compute commands the client runs through openstacksdk, whose HTTP errors print the SDK's way. */
const SDK_COMPUTE = new Set(['server stop', 'server start', 'server reboot']);

function legacyName(kind: ResourceKind) {
  return kind.toLowerCase() as 'server' | 'flavor' | 'image' | 'volume';
}

function serviceUrl(ctx: Ctx, e: ServiceError): string {
  const path = e.request.replace(/^[A-Z]+ /, '');
  if (e.service === 'neutron') return `${ENDPOINTS.network}${path.replace(/^\/v2\.0/, '')}`;
  if (e.service === 'cinder') return `${ENDPOINTS.volume(ctx.cloud.currentProject)}${path.replace(/^\/v3/, '')}`;
  return `${ENDPOINTS.compute}${path.replace(/^\/v2\.1/, '')}`;
}

/** The text a failure prints on its own (also what bulk deletes quote per name). */
export function failureText(ctx: Ctx, command: string, e: ClientError | ServiceError): string {
  return renderFailure(ctx, command, e).stderr.trimEnd();
}

export function renderFailure(ctx: Ctx, command: string, e: ClientError | ServiceError): CliOutput & { status?: number } {
  if (e instanceof ArgparseError) return e.missing ? missingArgumentsError(command, e.missing) : argparseError(command, e.clientMessage);
  if (e instanceof LookupError) {
    // cinderclient does every volume lookup through find_resource.
    const legacy = e.kind === 'Volume' || LEGACY_LOOKUPS[command]?.includes(e.kind);
    if (legacy) return e.duplicate ? findResourceDuplicate(legacyName(e.kind), e.key) : findResourceNotFound(legacyName(e.kind), e.key);
    const kind = e.kind as Exclude<ResourceKind, 'Volume'>;
    return e.duplicate ? sdkDuplicate(kind, e.key) : sdkNotFound(command, kind, e.key);
  }
  if (e instanceof ClientError) return { stdout: '', stderr: `${e.clientMessage}\n`, exitCode: e.exitCode };
  if (!e.request) e.request = ctx.request;
  if (e.service === 'neutron' || SDK_COMPUTE.has(command)) return { ...sdkHttpError(command, { status: e.status, url: serviceUrl(ctx, e), message: e.fault }), status: e.status };
  return { ...legacyClientHttpError(e.status, e.fault, `req-${ctx.random.uuid('request-id')}`), status: e.status };
}

/** The SDK's HTTP error text, for messages quoted inside other messages. */
export function sdkErrorText(ctx: Ctx, e: ServiceError): string {
  if (!e.request) e.request = ctx.request;
  return sdkHttpErrorText({ status: e.status, url: serviceUrl(ctx, e), message: e.fault });
}

export { failure };
