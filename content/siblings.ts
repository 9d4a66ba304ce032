/**
 * Sibling groups: families that test one piece of knowledge from different
 * sides (the SNAT rule as a rule to write, a packet to follow, a fault to
 * name). Like the cards of one Anki note, a learner meets only one of them a
 * day: after "write the float-snat rule", "follow the packet through
 * float-snat" is no longer a test of memory. A family in no group is its own.
 */
export const SIBLING_GROUPS: Readonly<Record<string, readonly string[]>> = {
  'boot-sequence': ['f1-boot-order', 'f1-first-rpc', 'f1-where-it-lands', 'f1-seed-claims'],
  'vif-plugged': ['f1-explain-vif-plugged', 'f1-port-timeline', 'f3-port-active', 'f1-stuck-in-build'],
  'libvirt-interface': ['f1-domain-interface', 'f3-domain-xml', 'f3-tap-macs'],
  'network-devices': ['f2-device-names', 'f2-what-appears', 'f2-build-order', 'f2-explain-who-creates'],
  'vxlan-encapsulation': ['f2-vxlan-encap', 'f3-vxlan-encap', 'f2-mtu'],
  'dhcp-port': ['f2-dhcp-port-ip', 'f2-qdhcp-routes'],
  'compute-wiring': ['f3-which-tap', 'f3-attach-order', 'f3-explain-wiring', 'f3-fix-compute-wiring'],
  'dnsmasq-files': ['f4-host-file', 'f4-host-owners', 'f4-opts-file', 'f4-explain-files', 'f4-initial-leases', 'f6-dhcp-after-interface'],
  'dnsmasq-process': ['f4-dhcp-range', 'f4-cmdline-args', 'f4-reload-order'],
  'dhcp-exchange': ['f5-offer-addresses', 'f5-exchange-path', 'f5-reply-options', 'f5-which-options', 'f5-lease-entry', 'f5-explain-dhcp'],
  'dhcp-faults': ['f2-fix-dhcp-plumbing', 'f4-fix-dhcp', 'f5-name-dhcp-fault', 'f5-fix-no-address'],
  'router-interface': ['f6-router-order', 'f6-interface-devices', 'f6-fresh-router', 'f6-remove-interface'],
  'east-west': ['f6-east-west-walk', 'f6-explain-east-west', 'f7-east-west'],
  'router-faults': ['f6-fix-router', 'f6-name-router-fault'],
  'router-gateway': ['f7-gateway-devices', 'f7-router-routes', 'f7-gateway-address'],
  'snat': ['f7-explain-snat', 'f7-snat-path', 'f7-snat-walk', 'f7-gateway-nat-rules', 'f7-disable-snat'],
  'snat-faults': ['f7-fix-snat', 'f7-name-egress-fault'],
  'floating-ip-nat': ['f8-fip-nat-rules', 'f8-explain-fip-rules', 'f8-dnat-walk', 'f8-hairpin'],
  'floating-ip-setup': ['f8-associate-order', 'f8-fip-on-qg', 'f8-fip-port-facts', 'f8-unreachable'],
  'floating-ip-faults': ['f8-fix-fip-nat', 'f8-name-fip-fault'],
};

const groupOfFamily = new Map(Object.entries(SIBLING_GROUPS).flatMap(([group, ids]) => ids.map((id) => [id, group] as const)));

/** The sibling group of a family: its named group, or the family itself. */
export function siblingGroupOf(familyId: string): string {
  return groupOfFamily.get(familyId) ?? familyId;
}
