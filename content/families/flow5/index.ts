/** Flow 5's families: one import and one entry each. */
import type { Family } from '../../family.js';
import exchangePath from './exchange-path.js';
import replyOptions from './reply-options.js';
import whichOptions from './which-options.js';
import leaseEntry from './lease-entry.js';
import explainDhcp from './explain-dhcp.js';
import fixNoAddress from './fix-no-address.js';
import dhcpSecgroup from './dhcp-secgroup.js';
import nameDhcpFault from './name-dhcp-fault.js';
import offerAddresses from './offer-addresses.js';

export const flow5: Family<any>[] = [
  nameDhcpFault,
  offerAddresses,
  exchangePath,
  replyOptions,
  whichOptions,
  leaseEntry,
  explainDhcp,
  fixNoAddress,
  dhcpSecgroup,
];
