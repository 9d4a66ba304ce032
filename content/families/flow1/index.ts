/** Flow 1's families: one import and one entry each. */
import type { Family } from '../../family.js';
import bootOrder from './boot-order.js';
import firstRpc from './first-rpc.js';
import whereItLands from './where-it-lands.js';
import seedClaims from './seed-claims.js';
import imageCache from './image-cache.js';
import portTimeline from './port-timeline.js';
import volumeAttach from './volume-attach.js';
import explainVifPlugged from './explain-vif-plugged.js';
import stuckInBuild from './stuck-in-build.js';
import domainInterface from './domain-interface.js';

export const flow1: Family<any>[] = [
  bootOrder,
  firstRpc,
  whereItLands,
  seedClaims,
  imageCache,
  portTimeline,
  volumeAttach,
  explainVifPlugged,
  stuckInBuild,
  domainInterface,
];
