/** Flow 4's families: one import and one entry each. */
import type { Family } from '../../family.js';

export const flow4: Family<any>[] = [
];
