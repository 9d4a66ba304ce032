/** Flow 5's families: one import and one entry each. */
import type { Family } from '../../family.js';
import nameDhcpFault from './name-dhcp-fault.js';
import offerAddresses from './offer-addresses.js';

export const flow5: Family<any>[] = [
  nameDhcpFault,
  offerAddresses,
];
