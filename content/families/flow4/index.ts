/** Flow 4's families: one import and one entry each. */
import type { Family } from '../../family.js';
import cmdlineArgs from './cmdline-args.js';
import dhcpRange from './dhcp-range.js';
import explainFiles from './explain-files.js';
import fixDhcp from './fix-dhcp.js';
import hostFile from './host-file.js';
import hostOwners from './host-owners.js';
import initialLeases from './initial-leases.js';
import optsFile from './opts-file.js';
import reloadOrder from './reload-order.js';

export const flow4: Family<any>[] = [
  hostFile,
  hostOwners,
  optsFile,
  dhcpRange,
  cmdlineArgs,
  initialLeases,
  explainFiles,
  reloadOrder,
  fixDhcp,
];
