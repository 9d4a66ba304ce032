/** Flow 1's families: one import and one entry each. */
import type { Family } from '../../family.js';
import bootOrder from './boot-order.js';

export const flow1: Family<any>[] = [
  bootOrder,
];
