/** Flow 8's families: one import and one entry each. */
import type { Family } from '../../family.js';
import fipNatRules from './fip-nat-rules.js';

export const flow8: Family<any>[] = [
  fipNatRules,
];
