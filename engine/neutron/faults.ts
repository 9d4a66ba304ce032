/**
 * neutron's own fault texts (neutron-lib exceptions and l3_db/ipam messages of
 * the 2024.1 series), so the client prints exactly what a real cloud answers.
 */
import { ServiceError } from '../core/errors.js';

const fault = (status: number, type: string, message: string) => new ServiceError('neutron', status, type, message);
const badRequest = (resource: string, msg: string) => fault(400, 'BadRequest', `Bad ${resource} request: ${msg}.`);

export const faults = {
  networkNotFound: (id: string) => fault(404, 'NetworkNotFound', `Network ${id} could not be found.`),
  subnetNotFound: (id: string) => fault(404, 'SubnetNotFound', `Subnet ${id} could not be found.`),
  portNotFound: (id: string) => fault(404, 'PortNotFound', `Port ${id} could not be found.`),
  routerNotFound: (id: string) => fault(404, 'RouterNotFound', `Router ${id} could not be found`),
  floatingIpNotFound: (id: string) => fault(404, 'FloatingIPNotFound', `Floating IP ${id} could not be found`),
  networkInUse: (id: string) =>
    fault(409, 'NetworkInUse', `Unable to complete operation on network ${id}. There are one or more ports still in use on the network.`),
  subnetInUse: (id: string) =>
    fault(409, 'SubnetInUse', `Unable to complete operation on subnet ${id}: One or more ports have an IP allocation from this subnet.`),
  portInUse: (portId: string, netId: string, deviceId: string) =>
    fault(409, 'PortInUse', `Unable to complete operation on port ${portId} for network ${netId}. Port already has an attached device ${deviceId}.`),
  servicePortInUse: (portId: string, owner: string) =>
    fault(409, 'ServicePortInUse', `Port ${portId} cannot be deleted directly via the port API: has device owner ${owner}.`),
  macInUse: (netId: string, mac: string) =>
    fault(409, 'MacAddressInUse', `Unable to complete operation for network ${netId}. The mac address ${mac} is in use.`),
  ipInUse: (netId: string, ip: string) =>
    fault(409, 'IpAddressInUse', `Unable to complete operation for network ${netId}. The IP address ${ip} is in use.`),
  invalidIpForSubnet: (ip: string) =>
    fault(400, 'InvalidIpForSubnet', `IP address ${ip} is not a valid IP for the specified subnet.`),
  invalidIpForNetwork: (ip: string) =>
    fault(400, 'InvalidIpForNetwork', `IP address ${ip} is not a valid IP for any of the subnets on the specified network.`),
  ipExhausted: (netId: string) => fault(409, 'IpAddressGenerationFailure', `No more IP addresses available on network ${netId}.`),
  subnetIpExhausted: (subnetId: string) =>
    fault(409, 'IpAddressGenerationFailure', `No more IP addresses available for subnet ${subnetId}.`),
  externalIpExhausted: (netId: string) =>
    fault(400, 'ExternalIpAddressExhausted', `Unable to find any IP address on external network ${netId}.`),
  invalidInput: (message: string) => fault(400, 'InvalidInput', `Invalid input for operation: ${message}.`),
  /** neutron-lib's attribute validation (convert_to / validate in the API definition). */
  invalidAttribute: (attribute: string, reason: string) => fault(400, 'InvalidInput', `Invalid input for ${attribute}. Reason: ${reason}.`),
  invalidCidr: (input: string) => fault(400, 'InvalidCIDR', `Invalid CIDR ${input} given as IP prefix.`),
  tunnelIdInUse: (vni: number) => fault(409, 'TunnelIdInUse', `Unable to create the network. The tunnel ID ${vni} is in use.`),
  flatNetworkInUse: (physnet: string) =>
    fault(409, 'FlatNetworkInUse', `Unable to create the flat network. Physical network ${physnet} is in use.`),
  vlanIdInUse: (vlan: number, physnet: string) =>
    fault(409, 'VlanIdInUse', `Unable to create the network. The VLAN ${vlan} on physical network ${physnet} is in use.`),
  noNetworkAvailable: () =>
    fault(503, 'NoNetworkAvailable', 'Unable to create the network. No project network is available for allocation.'),
  outOfBoundsPool: (pool: string, cidr: string) =>
    fault(400, 'OutOfBoundsAllocationPool', `The allocation pool ${pool} spans beyond the subnet cidr ${cidr}.`),
  overlappingPools: (a: string, b: string, cidr: string) =>
    fault(409, 'OverlappingAllocationPools', `Found overlapping allocation pools: ${a} ${b} for subnet ${cidr}.`),
  gatewayConflictsWithPool: (ip: string, pool: string) =>
    fault(409, 'GatewayConflictWithAllocationPools', `Gateway ip ${ip} conflicts with allocation pool ${pool}`),
  invalidPool: (pool: string) => fault(400, 'InvalidAllocationPool', `The allocation pool ${pool} is not valid.`),
  policy: (rule: string) => fault(403, 'PolicyNotAuthorized', `(rule:${rule}) is disallowed by policy`),
  badRequest,
  routerInUse: (routerId: string, reason: string) => fault(409, 'RouterInUse', `Router ${routerId} ${reason}`),
  invalidRoutes: (routes: string, reason: string) => fault(400, 'InvalidRoutes', `Invalid format for routes: ${routes}, ${reason}`),
  routesExhausted: (routerId: string, quota: number) =>
    fault(400, 'RoutesExhausted', `Unable to complete operation for ${routerId}. The number of routes exceeds the maximum ${quota}.`),
  routerInterfaceInUseByRoute: (subnetId: string, routerId: string) =>
    fault(409, 'RouterInterfaceInUseByRoute', `Router interface for subnet ${subnetId} on router ${routerId} cannot be deleted, as it is required by one or more routes.`),
  routerInterfaceInUseByFip: (subnetId: string, routerId: string) =>
    fault(409, 'RouterInterfaceInUseByFloatingIP',
      `Router interface for subnet ${subnetId} on router ${routerId} cannot be deleted, as it is required by one or more floating IPs.`),
  routerInterfaceNotFoundForSubnet: (routerId: string, subnetId: string) =>
    fault(404, 'RouterInterfaceNotFoundForSubnet', `Router ${routerId} has no interface on subnet ${subnetId}`),
  routerInterfaceNotFound: (routerId: string, portId: string) =>
    fault(404, 'RouterInterfaceNotFound', `Router ${routerId} does not have an interface with id ${portId}`),
  gatewayInUseByFip: (routerId: string, netId: string) =>
    fault(409, 'RouterExternalGatewayInUseByFloatingIp',
      `Gateway cannot be updated for router ${routerId}, since a gateway to external network ${netId} is required by one or more floating IPs.`),
  externalNotReachable: (extNetId: string, subnetId: string, portId: string) =>
    fault(404, 'ExternalGatewayForFloatingIPNotFound',
      `External network ${extNetId} is not reachable from subnet ${subnetId}.  Therefore, cannot associate Port ${portId} with a Floating IP.`),
  fipPortAlreadyAssociated: (fip: string, fipId: string, portId: string, fixedIp: string, netId: string) =>
    fault(409, 'FloatingIPPortAlreadyAssociated',
      `Cannot associate floating IP ${fip} (${fipId}) with port ${portId} using fixed IP ${fixedIp}, as that fixed IP already has a floating IP on external network ${netId}.`),
  fipAssociated: (portId: string) =>
    fault(409, 'FipAssociated', `Unable to complete the operation on port ${portId} because the port still has an associated floating IP.`),
};
