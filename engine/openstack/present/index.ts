export type { CliOutput, OutputOptions } from './output';
export { presentNetworkShow, presentNetworkList } from './network';
export { presentSubnetShow, presentSubnetList } from './subnet';
export { presentPortShow, presentPortList } from './port';
export { presentRouterCreate, presentRouterShow, presentRouterList, routerInterfacesInfo } from './router';
export { presentFloatingIpCreate, presentFloatingIpShow, presentFloatingIpList } from './floating-ip';
