/** Flow 6's families: one import and one entry each. */
import type { Family } from '../../family.js';
import interfaceDevices from './interface-devices.js';
import metadataRules from './metadata-rules.js';
import routerOrder from './router-order.js';
import eastWestWalk from './east-west-walk.js';
import freshRouter from './fresh-router.js';
import dhcpAfterInterface from './dhcp-after-interface.js';
import fixRouter from './fix-router.js';
import nameRouterFault from './name-router-fault.js';
import explainEastWest from './explain-east-west.js';
import removeInterface from './remove-interface.js';

export const flow6: Family<any>[] = [
  routerOrder,
  interfaceDevices,
  metadataRules,
  eastWestWalk,
  freshRouter,
  dhcpAfterInterface,
  fixRouter,
  nameRouterFault,
  explainEastWest,
  removeInterface,
];
