/**
 * Flow 5 faults for fix drills (not a family). They follow content/faults.ts;
 * the health check is stricter than "some lease": the guest must get its own
 * port's address and hostname, so a fix that writes a wrong host line fails.
 */
import { bridgeName, dhcpHostname, tapName } from '../../../engine/core/names.js';
import { findLink, release } from '../../../engine/host/kernel.js';
import { dhcpExchange } from '../../../engine/packets/dhcp.js';
import { type Fault, type FaultContext, faultById } from '../../faults.js';
import { dhcpPortOf } from '../../lookup.js';

/** The guest gets exactly its port's address and the agent's hostname for it. */
export function dhcpGivesOwnAddress(c: FaultContext): boolean {
  const lease = dhcpExchange(c.cloud, c.server, c.port).lease;
  const ip = c.port.fixedIps[0]!.ipAddress;
  return !!lease && lease.ip === ip && lease.hostname === dhcpHostname(ip);
}

const dhcpTap = (c: FaultContext) => tapName(dhcpPortOf(c.cloud, c.port.networkId).id);

const strict = (f: Fault): Fault => ({ ...f, applies: (c) => f.applies(c), healthy: dhcpGivesOwnAddress });

export const DHCP_FIX_FAULTS: Fault[] = [
  strict(faultById('host-entry-missing')),
  strict(faultById('tap-not-in-bridge')),
  strict(faultById('fdb-flood-missing')),
  {
    id: 'dhcp-tap-down',
    name: { en: 'The DHCP port\'s tap on the network node is administratively down', zh: '网络节点上 DHCP 端口的 tap 被 down 掉了' },
    symptom: { en: 'No instance of the network gets a DHCP answer; dnsmasq is running and the host file is complete.', zh: '这个网络里所有实例都收不到 DHCP 应答；dnsmasq 在跑，host 文件也完整。' },
    applies: dhcpGivesOwnAddress,
    inject(c) {
      findLink(c.cloud.hosts['controller']!.root, dhcpTap(c))!.up = false;
    },
    healthy: dhcpGivesOwnAddress,
    fix: (c) => ({ host: 'controller', command: `ip link set ${dhcpTap(c)} up` }),
  },
  {
    id: 'dhcp-tap-not-in-bridge',
    name: { en: 'The DHCP port\'s tap was removed from the network\'s bridge on the network node', zh: '网络节点上 DHCP 端口的 tap 被从网络的网桥上摘掉了' },
    symptom: { en: 'No instance of the network gets a DHCP answer; the qdhcp namespace and dnsmasq look fine.', zh: '这个网络里所有实例都收不到 DHCP 应答；qdhcp 命名空间和 dnsmasq 看起来都正常。' },
    applies: dhcpGivesOwnAddress,
    inject(c) {
      release(c.cloud.hosts['controller']!.root, dhcpTap(c));
    },
    healthy: dhcpGivesOwnAddress,
    fix: (c) => ({ host: 'controller', command: `brctl addif ${bridgeName(c.port.networkId)} ${dhcpTap(c)}` }),
  },
];
