/** Flow 3's families: one import and one entry each. */
import type { Family } from '../../family.js';
import whichTap from './which-tap.js';

export const flow3: Family<any>[] = [
  whichTap,
];
