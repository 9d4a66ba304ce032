/**
 * argparse usage blocks of the compute-side commands, captured from python-openstackclient
 * 6.6.1 (Python 3.11 argparse, 80-column wrapping as when stderr is not a terminal),
 * with the required arguments in the order argparse reports them missing.
 * Stored flat and wrapped again by usage.ts exactly as argparse wraps them (checked
 * against every captured block when this file was generated). Generated data: do not edit by hand.
 */
import type { UsageData } from './usage';

export const USAGE_COMPUTE: Readonly<Record<string, UsageData>> = {
  'flavor show': { required: ["<flavor>"], options: "@show", positionals: "<flavor>" },
  'image show': { required: ["<image>"], options: "@show [--human-readable]", positionals: "<image>" },
  'server add floating ip': { required: ["<server>", "<ip-address>"], options: "[-h] [--fixed-ip-address <ip-address>] <server> <ip-address>", positionals: "" },
  'server add volume': { required: ["<server>", "<volume>"], options: "@show [--device <device>] [--tag <tag>] [--enable-delete-on-termination | --disable-delete-on-termination] <server> <volume>", positionals: "" },
  'server create': { required: ["<server-name>", "--flavor"], options: "@show --flavor <flavor> [--image <image> | --image-property <key=value> | --volume <volume> | --snapshot <snapshot>] [--boot-from-volume <volume-size>] [--block-device-mapping <dev-name=mapping>] [--block-device] [--swap <swap>] [--ephemeral <size=size[,format=format]>] [--network <network>] [--port <port>] [--no-network] [--auto-network] [--nic <net-id=net-uuid,port-id=port-uuid,v4-fixed-ip=ip-addr,v6-fixed-ip=ip-addr,tag=tag,auto,none>] [--password <password>] [--security-group <security-group>] [--key-name <key-name>] [--property <key=value>] [--file <dest-filename=source-filename>] [--user-data <user-data>] [--description <description>] [--availability-zone <zone-name>] [--host <host>] [--hypervisor-hostname <hypervisor-hostname>] [--server-group <server-group>] [--hint <key=value>] [--use-config-drive | --no-config-drive | --config-drive <config-drive-volume>|True] [--min <count>] [--max <count>] [--tag <tag>] [--hostname <hostname>] [--wait] [--trusted-image-cert <trusted-cert-id>] <server-name>", positionals: "" },
  'server delete': { required: ["<server>"], options: "[-h] [--force] [--all-projects] [--wait] <server> [<server> ...]", positionals: "" },
  'server remove floating ip': { required: ["<server>", "<ip-address>"], options: "[-h] <server> <ip-address>", positionals: "" },
  'server show': { required: ["<server>"], options: "@show [--diagnostics | --topology] <server>", positionals: "" },
  'volume create': { required: [], options: "@show [--size <size>] [--type <volume-type>] [--image <image> | --snapshot <snapshot> | --source <volume> | --backup <backup>] [--description <description>] [--availability-zone <availability-zone>] [--consistency-group consistency-group>] [--property <key=value>] [--hint <key=value>] [--bootable | --non-bootable] [--read-only | --read-write]", positionals: "[<name>]" },
  'volume delete': { required: ["<volume>"], options: "[-h] [--force | --purge]", positionals: "<volume> [<volume> ...]" },
  'volume show': { required: ["<volume>"], options: "@show", positionals: "<volume>" },
};
