/** Flow 2's families: one import and one entry each. */
import type { Family } from '../../family.js';
import deviceNames from './device-names.js';

export const flow2: Family<any>[] = [
  deviceNames,
];
