/**
 * argparse usage blocks of the network-side commands, captured from python-openstackclient
 * 6.6.1 (Python 3.11 argparse, 80-column wrapping as when stderr is not a terminal),
 * with the required arguments in the order argparse reports them missing.
 * Generated data: do not edit by hand.
 */
import type { UsageEntry } from './usage';

export const USAGE_NETWORK: Readonly<Record<string, UsageEntry>> = {
  'floating ip create': {
    required: ["<network>"],
    usage: `usage: openstack floating ip create [-h] [-f {json,shell,table,value,yaml}]
                                    [-c COLUMN] [--noindent] [--prefix PREFIX]
                                    [--max-width <integer>] [--fit-width]
                                    [--print-empty]
                                    [--extra-property type=<property_type>,name=<property_name>,value=<property_value>]
                                    [--subnet <subnet>] [--port <port>]
                                    [--floating-ip-address <ip-address>]
                                    [--fixed-ip-address <ip-address>]
                                    [--qos-policy <qos-policy>]
                                    [--description <description>]
                                    [--project <project>]
                                    [--dns-domain <dns-domain>]
                                    [--dns-name <dns-name>]
                                    [--project-domain <project-domain>]
                                    [--tag <tag> | --no-tag]
                                    <network>`,
  },
  'floating ip delete': {
    required: ["<floating-ip>"],
    usage: `usage: openstack floating ip delete [-h] <floating-ip> [<floating-ip> ...]`,
  },
  'floating ip show': {
    required: ["<floating-ip>"],
    usage: `usage: openstack floating ip show [-h] [-f {json,shell,table,value,yaml}]
                                  [-c COLUMN] [--noindent] [--prefix PREFIX]
                                  [--max-width <integer>] [--fit-width]
                                  [--print-empty]
                                  <floating-ip>`,
  },
  'network create': {
    required: ["<name>"],
    usage: `usage: openstack network create [-h] [-f {json,shell,table,value,yaml}]
                                [-c COLUMN] [--noindent] [--prefix PREFIX]
                                [--max-width <integer>] [--fit-width]
                                [--print-empty]
                                [--extra-property type=<property_type>,name=<property_name>,value=<property_value>]
                                [--share | --no-share] [--enable | --disable]
                                [--project <project>]
                                [--description <description>] [--mtu <mtu>]
                                [--project-domain <project-domain>]
                                [--availability-zone-hint <availability-zone>]
                                [--enable-port-security | --disable-port-security]
                                [--external | --internal]
                                [--default | --no-default]
                                [--qos-policy <qos-policy>]
                                [--transparent-vlan | --no-transparent-vlan]
                                [--provider-network-type <provider-network-type>]
                                [--provider-physical-network <provider-physical-network>]
                                [--provider-segment <provider-segment>]
                                [--dns-domain <dns-domain>]
                                [--tag <tag> | --no-tag]
                                <name>`,
  },
  'network delete': {
    required: ["<network>"],
    usage: `usage: openstack network delete [-h] <network> [<network> ...]`,
  },
  'network set': {
    required: ["<network>"],
    usage: `usage: openstack network set [-h]
                             [--extra-property type=<property_type>,name=<property_name>,value=<property_value>]
                             [--name <name>] [--enable | --disable]
                             [--share | --no-share]
                             [--description <description>] [--mtu <mtu>]
                             [--enable-port-security | --disable-port-security]
                             [--external | --internal]
                             [--default | --no-default]
                             [--qos-policy <qos-policy> | --no-qos-policy]
                             [--tag <tag>] [--no-tag]
                             [--provider-network-type <provider-network-type>]
                             [--provider-physical-network <provider-physical-network>]
                             [--provider-segment <provider-segment>]
                             [--dns-domain <dns-domain>]
                             <network>`,
  },
  'network show': {
    required: ["<network>"],
    usage: `usage: openstack network show [-h] [-f {json,shell,table,value,yaml}]
                              [-c COLUMN] [--noindent] [--prefix PREFIX]
                              [--max-width <integer>] [--fit-width]
                              [--print-empty]
                              <network>`,
  },
  'port create': {
    required: ["--network", "<name>"],
    usage: `usage: openstack port create [-h] [-f {json,shell,table,value,yaml}]
                             [-c COLUMN] [--noindent] [--prefix PREFIX]
                             [--max-width <integer>] [--fit-width]
                             [--print-empty]
                             [--extra-property type=<property_type>,name=<property_name>,value=<property_value>]
                             --network <network> [--description <description>]
                             [--device <device-id>]
                             [--mac-address <mac-address>]
                             [--device-owner <device-owner>]
                             [--vnic-type <vnic-type>] [--host <host-id>]
                             [--dns-domain dns-domain] [--dns-name <dns-name>]
                             [--numa-policy-required | --numa-policy-preferred | --numa-policy-legacy]
                             [--hint <alias=value>]
                             [--fixed-ip subnet=<subnet>,ip-address=<ip-address> | --no-fixed-ip]
                             [--binding-profile <binding-profile>]
                             [--enable | --disable]
                             [--enable-uplink-status-propagation | --disable-uplink-status-propagation]
                             [--project <project>]
                             [--project-domain <project-domain>]
                             [--extra-dhcp-option name=<name>[,value=<value>,ip-version={4,6}]]
                             [--security-group <security-group> | --no-security-group]
                             [--qos-policy <qos-policy>]
                             [--enable-port-security | --disable-port-security]
                             [--allowed-address ip-address=<ip-address>[,mac-address=<mac-address>]]
                             [--device-profile <device-profile>]
                             [--hardware-offload-type <hardware-offload-type>]
                             [--tag <tag> | --no-tag]
                             <name>`,
  },
  'port delete': {
    required: ["<port>"],
    usage: `usage: openstack port delete [-h] <port> [<port> ...]`,
  },
  'port show': {
    required: ["<port>"],
    usage: `usage: openstack port show [-h] [-f {json,shell,table,value,yaml}] [-c COLUMN]
                           [--noindent] [--prefix PREFIX]
                           [--max-width <integer>] [--fit-width]
                           [--print-empty]
                           <port>`,
  },
  'router add subnet': {
    required: ["<router>", "<subnet>"],
    usage: `usage: openstack router add subnet [-h] <router> <subnet>`,
  },
  'router create': {
    required: ["<name>"],
    usage: `usage: openstack router create [-h] [-f {json,shell,table,value,yaml}]
                               [-c COLUMN] [--noindent] [--prefix PREFIX]
                               [--max-width <integer>] [--fit-width]
                               [--print-empty]
                               [--extra-property type=<property_type>,name=<property_name>,value=<property_value>]
                               [--enable | --disable]
                               [--distributed | --centralized]
                               [--ha | --no-ha] [--description <description>]
                               [--project <project>]
                               [--project-domain <project-domain>]
                               [--availability-zone-hint <availability-zone>]
                               [--tag <tag> | --no-tag]
                               [--external-gateway <network>]
                               [--fixed-ip subnet=<subnet>,ip-address=<ip-address>]
                               [--enable-snat | --disable-snat]
                               [--enable-ndp-proxy | --disable-ndp-proxy]
                               [--flavor-id <flavor-id>]
                               <name>`,
  },
  'router delete': {
    required: ["<router>"],
    usage: `usage: openstack router delete [-h] <router> [<router> ...]`,
  },
  'router remove subnet': {
    required: ["<router>", "<subnet>"],
    usage: `usage: openstack router remove subnet [-h] <router> <subnet>`,
  },
  'router set': {
    required: ["<router>"],
    usage: `usage: openstack router set [-h]
                            [--extra-property type=<property_type>,name=<property_name>,value=<property_value>]
                            [--name <name>] [--description <description>]
                            [--enable | --disable]
                            [--distributed | --centralized]
                            [--route destination=<subnet>,gateway=<ip-address>]
                            [--no-route] [--ha | --no-ha]
                            [--external-gateway <network>]
                            [--fixed-ip subnet=<subnet>,ip-address=<ip-address>]
                            [--enable-snat | --disable-snat]
                            [--enable-ndp-proxy | --disable-ndp-proxy]
                            [--qos-policy <qos-policy> | --no-qos-policy]
                            [--tag <tag>] [--no-tag]
                            <router>`,
  },
  'router show': {
    required: ["<router>"],
    usage: `usage: openstack router show [-h] [-f {json,shell,table,value,yaml}]
                             [-c COLUMN] [--noindent] [--prefix PREFIX]
                             [--max-width <integer>] [--fit-width]
                             [--print-empty]
                             <router>`,
  },
  'subnet create': {
    required: ["<name>", "--network"],
    usage: `usage: openstack subnet create [-h] [-f {json,shell,table,value,yaml}]
                               [-c COLUMN] [--noindent] [--prefix PREFIX]
                               [--max-width <integer>] [--fit-width]
                               [--print-empty]
                               [--extra-property type=<property_type>,name=<property_name>,value=<property_value>]
                               [--project <project>]
                               [--project-domain <project-domain>]
                               [--subnet-pool <subnet-pool> | --use-prefix-delegation | --use-default-subnet-pool]
                               [--prefix-length <prefix-length>]
                               [--subnet-range <subnet-range>]
                               [--dhcp | --no-dhcp]
                               [--dns-publish-fixed-ip | --no-dns-publish-fixed-ip]
                               [--gateway <gateway>] [--ip-version {4,6}]
                               [--ipv6-ra-mode {dhcpv6-stateful,dhcpv6-stateless,slaac}]
                               [--ipv6-address-mode {dhcpv6-stateful,dhcpv6-stateless,slaac}]
                               [--network-segment <network-segment>] --network
                               <network> [--description <description>]
                               [--allocation-pool start=<ip-address>,end=<ip-address>]
                               [--dns-nameserver <dns-nameserver>]
                               [--host-route destination=<subnet>,gateway=<ip-address>]
                               [--service-type <service-type>]
                               [--tag <tag> | --no-tag]
                               <name>`,
  },
  'subnet delete': {
    required: ["<subnet>"],
    usage: `usage: openstack subnet delete [-h] <subnet> [<subnet> ...]`,
  },
  'subnet show': {
    required: ["<subnet>"],
    usage: `usage: openstack subnet show [-h] [-f {json,shell,table,value,yaml}]
                             [-c COLUMN] [--noindent] [--prefix PREFIX]
                             [--max-width <integer>] [--fit-width]
                             [--print-empty]
                             <subnet>`,
  },
};
