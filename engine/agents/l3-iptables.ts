/**
 * The iptables rules the L3 agent keeps in a router namespace
 * (neutron/agent/l3/router_info.py and agent/metadata/driver.py, 2024.1):
 * address-scope marks, metadata marks and REDIRECT, gateway SNAT and the
 * hairpin rule, and the three rules per floating IP.
 */
import type { CloudConfig } from '../core/types.js';
import { type IptablesManager, addChain, addRule, clearRulesByTag, emptyChain } from '../host/iptables.js';

/** metadata_access_mark / external_ingress_mark and ROUTER_MARK_MASK. */
const METADATA_MARK = '0x1/0xffff';
const EXTERNAL_INGRESS_MARK = '0x2/0xffff';
/** The default address scope takes mark id 1024: 1024 << 16 under mask 0xffff0000. */
export const DEFAULT_SCOPE_MARK = '0x4000000/0xffff0000';
export const METADATA_PORT = 9697;

/** RouterInfo.__init__: address-scope chains, then the metadata mark. */
export function initRouterIptables(m: IptablesManager): void {
  addChain(m, 'mangle', 'scope');
  addChain(m, 'mangle', 'floatingip');
  addChain(m, 'mangle', 'float-snat');
  addChain(m, 'filter', 'scope');
  addRule(m, 'filter', 'FORWARD', '-j $scope');
  addRule(m, 'mangle', 'PREROUTING', '-j $scope');
  addRule(m, 'mangle', 'PREROUTING', '-m connmark ! --mark 0x0/0xffff0000 -j CONNMARK --restore-mark --nfmask 0xffff0000 --ctmask 0xffff0000');
  addRule(m, 'mangle', 'PREROUTING', '-j $floatingip');
  addRule(m, 'mangle', 'float-snat', '-m connmark --mark 0x0/0xffff0000 -j CONNMARK --save-mark --nfmask 0xffff0000 --ctmask 0xffff0000');
  addRule(m, 'mangle', 'PREROUTING', `-d 169.254.169.254/32 -i qr-+ -p tcp -m tcp --dport 80 -j MARK --set-xmark ${METADATA_MARK}`);
  // Emptied again by the first address-scope pass; kept for fidelity with the agent's own sequence.
  addRule(m, 'filter', 'scope', `-m mark --mark ${METADATA_MARK} -j DROP`);
}

/** The metadata driver's AFTER_CREATE callback: accept marked traffic to haproxy, redirect 169.254.169.254:80. */
export function addMetadataRules(m: IptablesManager): void {
  addRule(m, 'filter', 'INPUT', `-m mark --mark ${METADATA_MARK} -j ACCEPT`);
  addRule(m, 'filter', 'INPUT', `-p tcp -m tcp --dport ${METADATA_PORT} -j DROP`);
  addRule(m, 'nat', 'PREROUTING', `-d 169.254.169.254/32 -i qr-+ -p tcp -m tcp --dport 80 -j REDIRECT --to-ports ${METADATA_PORT}`);
}

export interface GatewayNat {
  device: string;
  ip: string;
  enableSnat: boolean;
}

/** _handle_router_snat_rules: the chains are emptied and rebuilt on every pass. */
export function applyGatewayNat(m: IptablesManager, config: CloudConfig, gw: GatewayNat | null): void {
  emptyChain(m, 'nat', 'POSTROUTING');
  emptyChain(m, 'nat', 'snat');
  emptyChain(m, 'mangle', 'mark');
  emptyChain(m, 'mangle', 'POSTROUTING');
  addRule(m, 'nat', 'snat', '-j $float-snat');
  if (!gw) return;
  const randomFully = config.useRandomFully ? ' --random-fully' : '';
  if (gw.enableSnat) {
    addRule(m, 'mangle', 'POSTROUTING', `-o ${gw.device} -m connmark --mark 0x0/0xffff0000 -j CONNMARK --save-mark --nfmask 0xffff0000 --ctmask 0xffff0000`);
    addRule(m, 'nat', 'snat', `-o ${gw.device} -j SNAT --to-source ${gw.ip}${randomFully}`);
  }
  addRule(m, 'nat', 'POSTROUTING', `! -o ${gw.device} -m conntrack ! --ctstate DNAT -j ACCEPT`);
  addRule(m, 'nat', 'snat', `-m mark ! --mark ${EXTERNAL_INGRESS_MARK} -m conntrack --ctstate DNAT -j SNAT --to-source ${gw.ip}${randomFully}`);
  addRule(m, 'mangle', 'mark', `-i ${gw.device} -j MARK --set-xmark ${EXTERNAL_INGRESS_MARK}`);
}

export interface FloatingNat {
  floatingIp: string;
  fixedIp: string;
}

/** floating_forward_rules, tagged so the next pass can clear and rebuild them. */
export function floatingForwardRules(config: CloudConfig, fip: FloatingNat): Array<['PREROUTING' | 'OUTPUT' | 'float-snat', string]> {
  const randomFully = config.useRandomFully ? ' --random-fully' : '';
  return [
    ['PREROUTING', `-d ${fip.floatingIp}/32 -j DNAT --to-destination ${fip.fixedIp}`],
    ['OUTPUT', `-d ${fip.floatingIp}/32 -j DNAT --to-destination ${fip.fixedIp}`],
    ['float-snat', `-s ${fip.fixedIp}/32 -j SNAT --to-source ${fip.floatingIp}${randomFully}`],
  ];
}

export function applyFloatingNat(m: IptablesManager, config: CloudConfig, fips: FloatingNat[]): void {
  clearRulesByTag(m, 'floating_ip');
  for (const fip of fips) {
    for (const [chain, rule] of floatingForwardRules(config, fip)) addRule(m, 'nat', chain, rule, { tag: 'floating_ip' });
  }
}

/** _add_address_scope_mark: every port marks its ingress with the scope; filter drops cross-scope egress. */
export function applyAddressScopes(m: IptablesManager, internalDevices: string[], gateway: { device: string; enableSnat: boolean } | null): void {
  emptyChain(m, 'mangle', 'scope');
  emptyChain(m, 'filter', 'scope');
  const devices = [...internalDevices, ...(gateway ? [gateway.device] : [])];
  for (const dev of devices) {
    addRule(m, 'mangle', 'scope', `-i ${dev} -j MARK --set-xmark ${DEFAULT_SCOPE_MARK}`);
    if (gateway && gateway.enableSnat && dev === gateway.device) continue;
    addRule(m, 'filter', 'scope', `-o ${dev} -m mark ! --mark ${DEFAULT_SCOPE_MARK} -j DROP`);
  }
}
