/**
 * The rule texts of neutron's IptablesFirewallDriver (2024.1), as pure
 * functions of one port: the per-port chains `i…` (to the VM), `o…` (from the
 * VM) and `s…` (IP/MAC anti-spoofing), the physdev jumps into them, the raw
 * table's conntrack zones and the nat PREROUTING short-circuit. Texts are
 * written the way `iptables-save` prints them (comment before `-j`).
 */
import type { FirewallPort, SecurityGroup } from '../core/types.js';
import { cidrParts, cidrString } from '../core/ip.js';
import { withComment } from '../host/iptables.js';

/** neutron/agent/linux/iptables_comments.py (constants, so that a minifier can shorten their names) */
export const UNMATCH_DROP = 'Default drop rule for unmatched traffic.';
export const VM_INT_SG = 'Direct traffic from the VM interface to the security group chain.';
export const SG_TO_VM_SG = 'Jump to the VM specific chain.';
export const INPUT_TO_SG = 'Direct incoming traffic from VM to the security group chain.';
export const PAIR_ALLOW = 'Allow traffic from defined IP/MAC pairs.';
export const PAIR_DROP = 'Drop traffic without an IP/MAC allow rule.';
export const DHCP_CLIENT = 'Allow DHCP client traffic.';
export const DHCP_SPOOF = 'Prevent DHCP Spoofing by VM.';
export const UNMATCHED = 'Send unmatched traffic to the fallback chain.';
export const INVALID_DROP = 'Drop packets that appear related to an existing connection (e.g. TCP ACK/FIN) but do not have an entry in conntrack.';
export const ALLOW_ASSOC = 'Direct packets associated with a known session to the RETURN chain.';
export const TRUSTED_ACCEPT = 'Accept all packets when port is trusted.';

export type Direction = 'ingress' | 'egress';

/** A security group rule as the agent receives it (security_group_info_for_devices). */
export interface SgRule {
  direction: Direction;
  ethertype: 'IPv4' | 'IPv6';
  protocol?: string;
  portRangeMin?: number;
  portRangeMax?: number;
  sourcePortRangeMin?: number;
  sourcePortRangeMax?: number;
  /** remote_ip_prefix, as source (ingress) or destination (egress). */
  sourceIpPrefix?: string;
  destIpPrefix?: string;
  remoteGroupId?: string;
}

/** A group's rules as security_group_info_for_devices hands them to the agent: the remote prefix is the source of ingress and the destination of egress. */
export function rulesOfGroup(sg: SecurityGroup): SgRule[] {
  return sg.rules.map((r) => {
    const out: SgRule = { direction: r.direction, ethertype: r.ethertype };
    if (r.protocol !== null) out.protocol = r.protocol;
    if (r.portRangeMin !== null) out.portRangeMin = r.portRangeMin;
    if (r.portRangeMax !== null) out.portRangeMax = r.portRangeMax;
    if (r.remoteIpPrefix !== null) out[r.direction === 'ingress' ? 'sourceIpPrefix' : 'destIpPrefix'] = r.remoteIpPrefix;
    if (r.remoteGroupId !== null) out.remoteGroupId = r.remoteGroupId;
    return out;
  });
}

/** The chain suffix: `i`/`o`/`s` + the device without `tap`, cut to 11 characters (get_chain_name). */
export function portChain(kind: 'i' | 'o' | 's', device: string): string {
  return `${kind}${device.slice(3)}`.slice(0, 11);
}

/** ipset_manager.get_name: "N" + ethertype + group id, cut so that "<name>-n" fits 31 characters. */
export function ipsetName(sgId: string, ethertype: 'IPv4' | 'IPv6'): string {
  return `N${ethertype}${sgId}`.slice(0, 29);
}

/** Provider rules the server adds per port (_add_ingress_dhcp_rule): DHCP replies to each IPv4 address and to broadcast. */
function dhcpIngressRules(port: FirewallPort): SgRule[] {
  const dests = [...port.fixedIps.filter((ip) => !ip.includes(':')).map((ip) => `${ip}/32`), '255.255.255.255/32'];
  return dests.map((dest) => ({
    direction: 'ingress', ethertype: 'IPv4', protocol: 'udp',
    portRangeMin: 68, portRangeMax: 68, sourcePortRangeMin: 67, sourcePortRangeMax: 67, destIpPrefix: dest,
  }));
}

const portArgs = (flag: string, min?: number, max?: number) =>
  min === undefined ? [] : min === max || max === undefined ? [`--${flag}`, `${min}`] : ['-m multiport', `--${flag}s`, `${min}:${max}`];

/** remote_ip_prefix as iptables-save prints it (host bits cleared); a /0 is no constraint and is left out. */
const prefixArg = (flag: string, prefix?: string) => (prefix && !prefix.endsWith('/0') ? [flag, cidrString(cidrParts(prefix).network, cidrParts(prefix).prefix)] : []);

/** ICMP type and code (port_range_min/max), as `--icmp-type T[/C]` with the match iptables-save shows. */
const icmpArgs = (type?: number, code?: number) => (type === undefined ? [] : ['-m icmp', '--icmp-type', code === undefined ? `${type}` : `${type}/${code}`]);

/**
 * _convert_sg_rule_to_iptables_args: prefixes, protocol (tcp and udp always
 * with their match), ports or the ICMP type; remote-group rules match the
 * group's ipset.
 */
function ruleArgs(r: SgRule): string {
  const icmp = r.protocol === 'icmp';
  const proto = r.protocol && r.protocol !== '0' ? ['-p', r.protocol, ...(r.protocol === 'tcp' || r.protocol === 'udp' ? ['-m', r.protocol] : [])] : [];
  const ports = icmp ? icmpArgs(r.portRangeMin, r.portRangeMax) : [...portArgs('sport', r.sourcePortRangeMin, r.sourcePortRangeMax), ...portArgs('dport', r.portRangeMin, r.portRangeMax)];
  if (r.remoteGroupId) {
    return [...proto, ...ports, '-m set', '--match-set', ipsetName(r.remoteGroupId, r.ethertype), r.direction === 'ingress' ? 'src' : 'dst', '-j RETURN'].join(' ');
  }
  return [...prefixArg('-s', r.sourceIpPrefix), ...prefixArg('-d', r.destIpPrefix), ...proto, ...ports, '-j RETURN'].join(' ');
}

/** RELATED,ESTABLISHED first, the group's rules (deduplicated), INVALID drop, then the fallback chain. */
function groupRules(rules: SgRule[]): string[] {
  const out = [withComment('-m state --state RELATED,ESTABLISHED -j RETURN', ALLOW_ASSOC)];
  for (const text of rules.map(ruleArgs)) if (!out.includes(text)) out.push(text);
  out.push(withComment('-m state --state INVALID -j DROP', INVALID_DROP), withComment('-j $sg-fallback', UNMATCHED));
  return out;
}

/** The IPv4 rules of the port's `i…` chain. */
export function ingressRules(port: FirewallPort, groups: SgRule[]): string[] {
  const rules = [...dhcpIngressRules(port), ...groups.filter((r) => r.direction === 'ingress')];
  return groupRules(rules.filter((r) => r.ethertype === 'IPv4'));
}

/** The IPv4 rules of the port's `o…` chain: DHCP client, anti-spoofing, DHCP server drop, then the groups. */
export function egressRules(port: FirewallPort, groups: SgRule[]): string[] {
  return [
    withComment('-s 0.0.0.0/32 -d 255.255.255.255/32 -p udp -m udp --sport 68 --dport 67 -j RETURN', DHCP_CLIENT),
    ...(spoofRules(port).length ? [`-j $${portChain('s', port.device)}`] : []),
    withComment('-p udp -m udp --sport 68 --dport 67 -j RETURN', DHCP_CLIENT),
    withComment('-p udp -m udp --sport 67 --dport 68 -j DROP', DHCP_SPOOF),
    ...groupRules(groups.filter((r) => r.direction === 'egress' && r.ethertype === 'IPv4')),
  ];
}

/**
 * The `s…` chain: RETURN for each IPv4 address with the port's MAC (upper
 * case), else DROP; a port without addresses is matched on its MAC alone. No
 * IPv4 pair (an IPv6-only port) means no IPv4 chain at all.
 */
export function spoofRules(port: FirewallPort): string[] {
  const mac = port.macAddress.toUpperCase();
  const v4 = port.fixedIps.filter((ip) => !ip.includes(':'));
  const pairs = port.fixedIps.length ? v4.map((ip) => `-s ${ip}/32 -m mac --mac-source ${mac} -j RETURN`) : [`-m mac --mac-source ${mac} -j RETURN`];
  if (!pairs.length) return [];
  return [...pairs.map((r) => withComment(r, PAIR_ALLOW)), withComment('-j DROP', PAIR_DROP)];
}

/** physdev direction of traffic towards the VM (ingress) and from it (egress). */
export const PHYSDEV: Record<Direction, string> = { ingress: 'physdev-out', egress: 'physdev-in' };

/** raw PREROUTING: put the port's bridged traffic in its network's conntrack zone (_get_jump_rules). */
export function zoneRules(port: FirewallPort, zone: number): string[] {
  const bridge = `brq${port.networkId}`.slice(0, 14);
  // The comment strips four characters from "tap…", not three: neutron's own quirk.
  const comment = `Set zone for ${port.device.startsWith('tap') ? port.device.slice(4) : port.device}`;
  return [`-m physdev --physdev-in ${bridge}`, `-i ${bridge}`, `-m physdev --physdev-in ${port.device}`]
    .map((match) => `${match} -m comment --comment "${comment}" -j CT --zone ${zone}`);
}

/** nat PREROUTING: neutron's ports skip the host's other DNAT rules (bug 1908957). */
export function natShortCircuit(device: string): string[] {
  return ['physdev-out', 'physdev-in'].map((d) => withComment(`-m physdev --${d} ${device} -j ACCEPT`, TRUSTED_ACCEPT));
}

/** FORWARD ACCEPT for a trusted (network:*) port, both directions. */
export function trustedRules(device: string): string[] {
  return ['physdev-out', 'physdev-in'].map((d) => withComment(`-m physdev --${d} ${device} --physdev-is-bridged -j ACCEPT`, TRUSTED_ACCEPT));
}
