/** Flow 7's families: one import and one entry each. */
import type { Family } from '../../family.js';
import disableSnat from './disable-snat.js';
import eastWest from './east-west.js';
import explainSnat from './explain-snat.js';
import fixSnat from './fix-snat.js';
import gatewayAddress from './gateway-address.js';
import gatewayDevices from './gateway-devices.js';
import gatewayNatRules from './gateway-nat-rules.js';
import nameEgressFault from './name-egress-fault.js';
import routerRoutes from './router-routes.js';
import snatPath from './snat-path.js';
import snatWalk from './snat-walk.js';

export const flow7: Family<any>[] = [
  explainSnat,
  fixSnat,
  gatewayDevices,
  routerRoutes,
  snatPath,
  snatWalk,
  disableSnat,
  eastWest,
  gatewayNatRules,
  nameEgressFault,
  gatewayAddress,
];
