/**
 * argparse usage blocks of the compute-side commands, captured from python-openstackclient
 * 6.6.1 (Python 3.11 argparse, 80-column wrapping as when stderr is not a terminal),
 * with the required arguments in the order argparse reports them missing.
 * Generated data: do not edit by hand.
 */
import type { UsageEntry } from './usage';

export const USAGE_COMPUTE: Readonly<Record<string, UsageEntry>> = {
  'flavor show': {
    required: ["<flavor>"],
    usage: `usage: openstack flavor show [-h] [-f {json,shell,table,value,yaml}]
                             [-c COLUMN] [--noindent] [--prefix PREFIX]
                             [--max-width <integer>] [--fit-width]
                             [--print-empty]
                             <flavor>`,
  },
  'image show': {
    required: ["<image>"],
    usage: `usage: openstack image show [-h] [-f {json,shell,table,value,yaml}]
                            [-c COLUMN] [--noindent] [--prefix PREFIX]
                            [--max-width <integer>] [--fit-width]
                            [--print-empty] [--human-readable]
                            <image>`,
  },
  'keypair create': {
    required: ["<name>"],
    usage: `usage: openstack keypair create [-h] [-f {json,shell,table,value,yaml}]
                                [-c COLUMN] [--noindent] [--prefix PREFIX]
                                [--max-width <integer>] [--fit-width]
                                [--print-empty]
                                [--public-key <file> | --private-key <file>]
                                [--type <type>] [--user <user>]
                                [--user-domain <user-domain>]
                                <name>`,
  },
  'project show': {
    required: ["<project>"],
    usage: `usage: openstack project show [-h] [-f {json,shell,table,value,yaml}]
                              [-c COLUMN] [--noindent] [--prefix PREFIX]
                              [--max-width <integer>] [--fit-width]
                              [--print-empty] [--domain <domain>] [--parents]
                              [--children]
                              <project>`,
  },
  'security group rule create': {
    required: ["<group>"],
    usage: `usage: openstack security group rule create [-h]
                                            [-f {json,shell,table,value,yaml}]
                                            [-c COLUMN] [--noindent]
                                            [--prefix PREFIX]
                                            [--max-width <integer>]
                                            [--fit-width] [--print-empty]
                                            [--extra-property type=<property_type>,name=<property_name>,value=<property_value>]
                                            [--remote-ip <ip-address> | --remote-group <group> | --remote-address-group <group>]
                                            [--dst-port <port-range>]
                                            [--protocol <protocol>]
                                            [--description <description>]
                                            [--icmp-type <icmp-type>]
                                            [--icmp-code <icmp-code>]
                                            [--ingress | --egress]
                                            [--ethertype <ethertype>]
                                            [--project <project>]
                                            [--project-domain <project-domain>]
                                            <group>`,
  },
  'server add floating ip': {
    required: ["<server>", "<ip-address>"],
    usage: `usage: openstack server add floating ip [-h] [--fixed-ip-address <ip-address>]
                                        <server> <ip-address>`,
  },
  'server add volume': {
    required: ["<server>", "<volume>"],
    usage: `usage: openstack server add volume [-h] [-f {json,shell,table,value,yaml}]
                                   [-c COLUMN] [--noindent] [--prefix PREFIX]
                                   [--max-width <integer>] [--fit-width]
                                   [--print-empty] [--device <device>]
                                   [--tag <tag>]
                                   [--enable-delete-on-termination | --disable-delete-on-termination]
                                   <server> <volume>`,
  },
  'server create': {
    required: ["<server-name>", "--flavor"],
    usage: `usage: openstack server create [-h] [-f {json,shell,table,value,yaml}]
                               [-c COLUMN] [--noindent] [--prefix PREFIX]
                               [--max-width <integer>] [--fit-width]
                               [--print-empty] --flavor <flavor>
                               [--image <image> | --image-property <key=value> | --volume <volume> | --snapshot <snapshot>]
                               [--boot-from-volume <volume-size>]
                               [--block-device-mapping <dev-name=mapping>]
                               [--block-device] [--swap <swap>]
                               [--ephemeral <size=size[,format=format]>]
                               [--network <network>] [--port <port>]
                               [--no-network] [--auto-network]
                               [--nic <net-id=net-uuid,port-id=port-uuid,v4-fixed-ip=ip-addr,v6-fixed-ip=ip-addr,tag=tag,auto,none>]
                               [--password <password>]
                               [--security-group <security-group>]
                               [--key-name <key-name>]
                               [--property <key=value>]
                               [--file <dest-filename=source-filename>]
                               [--user-data <user-data>]
                               [--description <description>]
                               [--availability-zone <zone-name>]
                               [--host <host>]
                               [--hypervisor-hostname <hypervisor-hostname>]
                               [--server-group <server-group>]
                               [--hint <key=value>]
                               [--use-config-drive | --no-config-drive | --config-drive <config-drive-volume>|True]
                               [--min <count>] [--max <count>] [--tag <tag>]
                               [--hostname <hostname>] [--wait]
                               [--trusted-image-cert <trusted-cert-id>]
                               <server-name>`,
  },
  'server delete': {
    required: ["<server>"],
    usage: `usage: openstack server delete [-h] [--force] [--all-projects] [--wait]
                               <server> [<server> ...]`,
  },
  'server remove floating ip': {
    required: ["<server>", "<ip-address>"],
    usage: `usage: openstack server remove floating ip [-h] <server> <ip-address>`,
  },
  'server show': {
    required: ["<server>"],
    usage: `usage: openstack server show [-h] [-f {json,shell,table,value,yaml}]
                             [-c COLUMN] [--noindent] [--prefix PREFIX]
                             [--max-width <integer>] [--fit-width]
                             [--print-empty] [--diagnostics | --topology]
                             <server>`,
  },
  'volume create': {
    required: [],
    usage: `usage: openstack volume create [-h] [-f {json,shell,table,value,yaml}]
                               [-c COLUMN] [--noindent] [--prefix PREFIX]
                               [--max-width <integer>] [--fit-width]
                               [--print-empty] [--size <size>]
                               [--type <volume-type>]
                               [--image <image> | --snapshot <snapshot> | --source <volume> | --backup <backup>]
                               [--description <description>]
                               [--availability-zone <availability-zone>]
                               [--consistency-group consistency-group>]
                               [--property <key=value>] [--hint <key=value>]
                               [--bootable | --non-bootable]
                               [--read-only | --read-write]
                               [<name>]`,
  },
  'volume delete': {
    required: ["<volume>"],
    usage: `usage: openstack volume delete [-h] [--force | --purge]
                               <volume> [<volume> ...]`,
  },
  'volume show': {
    required: ["<volume>"],
    usage: `usage: openstack volume show [-h] [-f {json,shell,table,value,yaml}]
                             [-c COLUMN] [--noindent] [--prefix PREFIX]
                             [--max-width <integer>] [--fit-width]
                             [--print-empty]
                             <volume>`,
  },
};
