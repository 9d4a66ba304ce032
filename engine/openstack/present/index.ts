export type { CliOutput, OutputOptions } from './output';
export { presentNetworkShow, presentNetworkList } from './network';
