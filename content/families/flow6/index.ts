/** Flow 6's families: one import and one entry each. */
import type { Family } from '../../family.js';

export const flow6: Family<any>[] = [
];
