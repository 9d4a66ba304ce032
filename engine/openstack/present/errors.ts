/**
 * What `openstack` prints on stderr when a command fails (exit status 1).
 * cliff logs the exception's str() (cliff/app.py run_subcommand); which
 * exception depends on the client library behind the command:
 *
 * - openstacksdk (network commands, server show/list, flavor show, image):
 *   not found  -> "No Network found for NAME" (openstack/resource.py find)
 *   duplicate  -> "More than one Network exists with the name 'NAME'." (resource.py _get_one_match)
 *   HTTP error -> "ConflictException: 409: Client Error for url: URL, MESSAGE"
 *                 (openstack/exceptions.py HttpException.__str__, raise_from_response;
 *                 404 is named ResourceNotFound, 5xx say "Server Error")
 * - commands built on NetworkAndComputeShowOne (network create/show, floating
 *   ip create/show, security group create/show) re-raise SDK HTTP errors as
 *   "Error while executing command: " + exc.message [+ ", " + details]
 *   (openstackclient/network/common.py), so the URL disappears there.
 * - novaclient / cinderclient / keystoneclient behind osc_lib find_resource
 *   (server create --flavor, server delete/add, volume, project):
 *   not found  -> "No server with a name or ID of 'NAME' exists." (osc_lib/utils find_resource)
 *   HTTP error -> "MESSAGE (HTTP 409) (Request-ID: req-...)" (novaclient/cinderclient exceptions)
 * - deletes report each failure, then a count (network/v2/*.py, volume/v2/volume.py).
 *
 * Every format here was checked against the real client (golden/err_*).
 */
import type { CliOutput } from './output';

/** Endpoints of the install guide's catalog. */
export const ENDPOINTS = {
  network: 'http://controller:9696/v2.0',
  compute: 'http://controller:8774/v2.1',
  volume: (projectId: string): string => `http://controller:8776/v3/${projectId}`,
  image: 'http://controller:9292/v2',
} as const;

/** SDK resource class names, as they appear in "No X found for ...". */
export type SdkResourceName =
  | 'Network' | 'Subnet' | 'Port' | 'Router' | 'FloatingIP' | 'SecurityGroup' | 'SecurityGroupRule'
  | 'Server' | 'Flavor' | 'Image' | 'Keypair';

/** Commands whose SDK HTTP errors get the "Error while executing command: " treatment. */
const WRAPPING_COMMANDS = new Set([
  'network create', 'network show', 'floating ip create', 'floating ip show',
  'security group create', 'security group show', 'security group rule create', 'security group rule show',
]);

export function failure(message: string): CliOutput {
  return { stdout: '', stderr: `${message}\n`, exitCode: 1 };
}

/** An HTTP error as openstacksdk raises it: its class, status, URL and the service's message. */
export interface SdkHttpError {
  status: number;
  /** Full request URL, e.g. `${ENDPOINTS.network}/ports` or `.../routers/ID/add_router_interface`. */
  url: string;
  /** The service's message (neutron NeutronError.message, nova/cinder fault message). */
  message: string;
}

/** openstack/exceptions.py raise_from_response: the class named in the message. */
export function sdkExceptionName(status: number): string {
  switch (status) {
    case 400: return 'BadRequestException';
    case 403: return 'ForbiddenException';
    case 404: return 'ResourceNotFound';
    case 409: return 'ConflictException';
    case 412: return 'PreconditionFailedException';
    default: return 'HttpException';
  }
}

/** str() of an SDK HttpException: "ConflictException: 409: Client Error for url: URL, MESSAGE". */
export function sdkHttpErrorText(err: SdkHttpError): string {
  const source = err.status >= 400 && err.status < 500 ? 'Client' : 'Server';
  const details = err.message ? `, ${err.message}` : '';
  return `${sdkExceptionName(err.status)}: ${err.status}: ${source} Error for url: ${err.url}${details}`;
}

/** The text of an SDK not-found, or of an HTTP error, as the given command reports it. */
function sdkText(command: string, text: string, wrapped: string): string {
  return WRAPPING_COMMANDS.has(command) ? `Error while executing command: ${wrapped}` : text;
}

/**
 * A name or ID that matched nothing, e.g. `openstack subnet show nosuch`
 * -> "No Subnet found for nosuch"; under `network show` ->
 * "Error while executing command: No Network found for nosuch". `command` is
 * the command being run (the lookup may be of another resource, as in
 * `floating ip create nosuch` looking up a Network).
 */
export function sdkNotFound(command: string, resource: SdkResourceName, nameOrId: string): CliOutput {
  const text = `No ${resource} found for ${nameOrId}`;
  return failure(sdkText(command, text, text));
}

/** Two or more resources with that name: "More than one Network exists with the name 'dup'." (never wrapped). */
export function sdkDuplicate(resource: SdkResourceName, name: string): CliOutput {
  return failure(`More than one ${resource} exists with the name '${name}'.`);
}

/**
 * An HTTP error from neutron/nova via the SDK, e.g.
 * "ConflictException: 409: Client Error for url: http://controller:9696/v2.0/ports, IP address ... already allocated ..."
 * or, under network create: "Error while executing command: BadRequestException: 400, Invalid input ...".
 */
export function sdkHttpError(command: string, err: SdkHttpError): CliOutput {
  const wrapped = `${sdkExceptionName(err.status)}: ${err.status}${err.message ? `, ${err.message}` : ''}`;
  return failure(sdkText(command, sdkHttpErrorText(err), wrapped));
}

/** osc_lib find_resource resource names (the client manager's class, lower-cased). */
export type FindResourceName = 'server' | 'flavor' | 'image' | 'volume' | 'project' | 'user' | 'keypair';

/** "No volume with a name or ID of 'nosuch' exists." (server create --flavor, server delete, volume, project). */
export function findResourceNotFound(resource: FindResourceName, nameOrId: string): CliOutput {
  return failure(`No ${resource} with a name or ID of '${nameOrId}' exists.`);
}

/** "More than one server exists with the name 'vm'." */
export function findResourceDuplicate(resource: FindResourceName, name: string): CliOutput {
  return failure(`More than one ${resource} exists with the name '${name}'.`);
}

/**
 * A nova or cinder HTTP error through novaclient / cinderclient:
 * "Multiple possible networks found, use a Network ID to be more specific. (HTTP 409) (Request-ID: req-...)".
 * requestId is nova's/cinder's x-compute-request-id ("req-" + UUID); omit it to leave the part out.
 */
export function legacyClientHttpError(status: number, message: string, requestId?: string): CliOutput {
  return failure(`${message} (HTTP ${status})${requestId ? ` (Request-ID: ${requestId})` : ''}`);
}

/**
 * A delete of several names where some failed. `errors` holds, per failed
 * name, the text the failure would have printed alone (e.g. sdkHttpErrorText
 * or "No Network found for x"). resource: network, subnet, port, router,
 * floating_ip, volume, flavor, project, group (security group).
 */
export function deleteFailures(resource: string, total: number, errors: readonly { name: string; text: string }[]): CliOutput {
  const lines = errors.map((e) => `Failed to delete ${resource} with name or ID '${e.name}': ${e.text}\n`);
  return { stdout: '', stderr: `${lines.join('')}${errors.length} of ${total} ${resource}s failed to delete.\n`, exitCode: 1 };
}

/** `server add floating ip` when the server has no port. */
export const NO_PORTS_FOR_FLOATING_IP = 'No attached ports found to associate floating IP with';

/** `volume create` without --size, --snapshot, --source or --backup (checked before any API call). */
export const VOLUME_SIZE_REQUIRED = '--size is a required option if snapshot, backup or source volume are not specified.';
