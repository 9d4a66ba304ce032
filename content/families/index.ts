/**
 * Every question family, gathered from the per-flow lists. To add a family:
 * write its file under flowN/ and add one line to flowN/index.ts (see
 * content/README.md).
 */
import type { Family } from '../family.js';
import { flow1 } from './flow1/index.js';
import { flow2 } from './flow2/index.js';
import { flow3 } from './flow3/index.js';
import { flow4 } from './flow4/index.js';
import { flow5 } from './flow5/index.js';
import { flow6 } from './flow6/index.js';
import { flow7 } from './flow7/index.js';
import { flow8 } from './flow8/index.js';

// The registry holds families of different fact types; each is only ever used with its own facts.
export const FAMILIES: Family<any>[] = [...flow1, ...flow2, ...flow3, ...flow4, ...flow5, ...flow6, ...flow7, ...flow8];
