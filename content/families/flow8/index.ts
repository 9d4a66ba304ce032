/** Flow 8's families: one import and one entry each. */
import type { Family } from '../../family.js';
import associateOrder from './associate-order.js';
import dnatWalk from './dnat-walk.js';
import explainFipRules from './explain-fip-rules.js';
import fipNatRules from './fip-nat-rules.js';
import fipOnQg from './fip-on-qg.js';
import fipPortFacts from './fip-port-facts.js';
import fixFipNat from './fix-fip-nat.js';
import hairpin from './hairpin.js';
import nameFipFault from './name-fip-fault.js';
import unreachable from './unreachable.js';

export const flow8: Family<any>[] = [
  fipNatRules,
  associateOrder,
  dnatWalk,
  hairpin,
  fipOnQg,
  unreachable,
  fipPortFacts,
  fixFipNat,
  explainFipRules,
  nameFipFault,
];
