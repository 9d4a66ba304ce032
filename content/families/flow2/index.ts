/** Flow 2's families: one import and one entry each. */
import type { Family } from '../../family.js';
import deviceNames from './device-names.js';
import dhcpPortIp from './dhcp-port-ip.js';
import qdhcpRoutes from './qdhcp-routes.js';
import whatAppears from './what-appears.js';
import buildOrder from './build-order.js';
import mtu from './mtu.js';
import vxlanEncap from './vxlan-encap.js';
import explainWhoCreates from './explain-who-creates.js';
import fixDhcpPlumbing from './fix-dhcp-plumbing.js';
import vniSource from './vni-source.js';

export const flow2: Family<any>[] = [
  deviceNames,
  dhcpPortIp,
  qdhcpRoutes,
  whatAppears,
  buildOrder,
  mtu,
  vxlanEncap,
  explainWhoCreates,
  fixDhcpPlumbing,
  vniSource,
];
