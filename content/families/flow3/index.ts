/** Flow 3's families: one import and one entry each. */
import type { Family } from '../../family.js';
import attachOrder from './attach-order.js';
import domainXml from './domain-xml.js';
import explainWiring from './explain-wiring.js';
import fixComputeWiring from './fix-compute-wiring.js';
import ipAllocation from './ip-allocation.js';
import l2popFdb from './l2pop-fdb.js';
import portActive from './port-active.js';
import sgRule from './sg-rule.js';
import tapMacs from './tap-macs.js';
import vxlanEncap from './vxlan-encap.js';
import whichTap from './which-tap.js';

export const flow3: Family<any>[] = [
  whichTap,
  ipAllocation,
  tapMacs,
  domainXml,
  attachOrder,
  l2popFdb,
  explainWiring,
  portActive,
  fixComputeWiring,
  vxlanEncap,
  sgRule,
];
