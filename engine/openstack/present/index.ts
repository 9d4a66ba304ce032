/**
 * The presentation layer: turns API objects (plain REST-shaped dicts, see
 * types.ts) into exactly what python-openstackclient 6.6.1 (OpenStack 2024.1)
 * prints, and failures into its error text. Every function returns a
 * CliOutput { stdout, stderr, exitCode }.
 */
export type { CliOutput, OutputOptions } from './output';
export type * from './types';
export { Formatted, type Cell } from './columns';
export { PyFloat, type PyValue } from './python';
export { presentList, presentShow } from './output';

export { presentNetworkShow, presentNetworkList } from './network';
export { presentSubnetShow, presentSubnetList } from './subnet';
export { presentPortShow, presentPortList } from './port';
export { presentRouterCreate, presentRouterShow, presentRouterList, routerInterfacesInfo } from './router';
export type { RouterListContext } from './router';
export { presentFloatingIpCreate, presentFloatingIpShow, presentFloatingIpList } from './floating-ip';
export { presentServerCreate, presentServerShow, presentServerList, IMAGE_STRING_FOR_BFV } from './server';
export type { ServerCreateResponse, ServerLookups } from './server';
export { presentFlavorShow, presentFlavorList } from './flavor';
export { presentVolumeCreate, presentVolumeShow, presentVolumeList, presentServerAddVolume } from './volume';
export type { VolumeAttachmentDict } from './volume';
export { presentProjectCreate, presentProjectShow, presentProjectList } from './project';
export { presentImageShow, presentImageList } from './image';
export { presentSecurityGroupList, presentSecurityGroupRuleList, presentSecurityGroupRuleShow } from './security-group';
export type { SecurityGroupDict, SecurityGroupRuleDict } from './security-group';
export { presentNetworkAgentList, presentComputeServiceList, presentHypervisorList } from './agent';
export type { NetworkAgentDict, ComputeServiceDict, HypervisorDict } from './agent';

export { SILENT_COMMANDS, SILENT_SUCCESS, isSilentCommand } from './silent';
export {
  ENDPOINTS,
  NO_PORTS_FOR_FLOATING_IP,
  VOLUME_SIZE_REQUIRED,
  deleteFailures,
  failure,
  findResourceDuplicate,
  findResourceNotFound,
  legacyClientHttpError,
  sdkDuplicate,
  sdkHttpError,
  sdkHttpErrorText,
  sdkNotFound,
} from './errors';
export type { FindResourceName, SdkHttpError, SdkResourceName } from './errors';
export {
  argparseError,
  invalidFormatError,
  missingArgumentsError,
  noCommand,
  unknownCommand,
  unrecognizedArgumentsError,
  usageOf,
} from './usage';
export type { UsageEntry } from './usage';
