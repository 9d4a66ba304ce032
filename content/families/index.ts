/**
 * Every question family, one import and one list entry each. To add a
 * family: write its file under flowN/ and add it here (see content/README.md).
 */
import type { Family } from '../family.js';
import f2DeviceNames from './flow2/device-names.js';

// The registry holds families of different fact types; each is only ever used with its own facts.
export const FAMILIES: Family<any>[] = [
  f2DeviceNames,
];
