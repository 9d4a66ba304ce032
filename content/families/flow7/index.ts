/** Flow 7's families: one import and one entry each. */
import type { Family } from '../../family.js';
import explainSnat from './explain-snat.js';
import fixSnat from './fix-snat.js';

export const flow7: Family<any>[] = [
  explainSnat,
  fixSnat,
];
