/**
 * The openstacksdk 3.0.0 Server resource (openstack/compute/v2/server.py) and
 * how OSC 6.6.1 `_prep_server_detail` renames, drops and keeps its fields.
 */
import { attrs, type SdkModel } from './sdk';

/** How one SDK attribute is printed: renamed, dropped, or dropped when None. */
type Shown = { name?: string; optional?: boolean } | 'ignored';

interface ServerModel extends SdkModel {
  readonly shown: ReadonlyMap<string, Shown>;
}

/** _prep_server_detail column_map: SDK name -> the novaclient-era name OSC prints. */
const COLUMN_MAP: Record<string, string> = {
  access_ipv4: 'accessIPv4',
  access_ipv6: 'accessIPv6',
  admin_password: 'adminPass',
  attached_volumes: 'volumes_attached',
  availability_zone: 'OS-EXT-AZ:availability_zone',
  compute_host: 'OS-EXT-SRV-ATTR:host',
  created_at: 'created',
  disk_config: 'OS-DCF:diskConfig',
  flavor_id: 'flavorRef',
  has_config_drive: 'config_drive',
  host_id: 'hostId',
  fault: 'fault',
  hostname: 'OS-EXT-SRV-ATTR:hostname',
  hypervisor_hostname: 'OS-EXT-SRV-ATTR:hypervisor_hostname',
  instance_name: 'OS-EXT-SRV-ATTR:instance_name',
  is_locked: 'locked',
  kernel_id: 'OS-EXT-SRV-ATTR:kernel_id',
  launch_index: 'OS-EXT-SRV-ATTR:launch_index',
  launched_at: 'OS-SRV-USG:launched_at',
  power_state: 'OS-EXT-STS:power_state',
  project_id: 'tenant_id',
  ramdisk_id: 'OS-EXT-SRV-ATTR:ramdisk_id',
  reservation_id: 'OS-EXT-SRV-ATTR:reservation_id',
  root_device_name: 'OS-EXT-SRV-ATTR:root_device_name',
  task_state: 'OS-EXT-STS:task_state',
  terminated_at: 'OS-SRV-USG:terminated_at',
  updated_at: 'updated',
  user_data: 'OS-EXT-SRV-ATTR:user_data',
  vm_state: 'OS-EXT-STS:vm_state',
};

/** _prep_server_detail ignored_columns: computed, create-only, alias and link fields. */
const IGNORED = [
  'interface_ip', 'location', 'private_v4', 'private_v6', 'public_v4', 'public_v6',
  'block_device_mapping', 'image_id', 'max_count', 'min_count', 'scheduler_hints',
  'volumes', 'links',
];

/** _prep_server_detail optional_columns: printed only when not None. */
const OPTIONAL = ['admin_password', 'fault', 'flavor_id', 'networks', 'security_groups'];

const ATTRS = attrs(
  'links',
  ['access_ipv4', 'accessIPv4'],
  ['access_ipv6', 'accessIPv6'],
  'addresses',
  ['admin_password', 'adminPass'],
  ['attached_volumes', 'os-extended-volumes:volumes_attached', []],
  ['availability_zone', 'OS-EXT-AZ:availability_zone'],
  ['block_device_mapping', 'block_device_mapping_v2'],
  'config_drive',
  ['compute_host', 'OS-EXT-SRV-ATTR:host'],
  ['created_at', 'created'],
  'description',
  ['disk_config', 'OS-DCF:diskConfig'],
  ['flavor_id', 'flavorRef'],
  'flavor',
  ['has_config_drive', 'config_drive'],
  ['host_id', 'hostId'],
  'fault',
  'host_status',
  ['hostname', 'OS-EXT-SRV-ATTR:hostname'],
  ['hypervisor_hostname', 'OS-EXT-SRV-ATTR:hypervisor_hostname'],
  ['image_id', 'imageRef'],
  'image',
  ['instance_name', 'OS-EXT-SRV-ATTR:instance_name'],
  ['interface_ip', '\u0000interface_ip', ''],
  ['is_locked', 'locked'],
  ['kernel_id', 'OS-EXT-SRV-ATTR:kernel_id'],
  'key_name',
  ['launch_index', 'OS-EXT-SRV-ATTR:launch_index'],
  ['launched_at', 'OS-SRV-USG:launched_at'],
  'locked_reason',
  'max_count',
  'min_count',
  'networks',
  ['power_state', 'OS-EXT-STS:power_state'],
  'progress',
  ['project_id', 'tenant_id'],
  ['private_v4', '\u0000private_v4', ''],
  ['private_v6', '\u0000private_v6', ''],
  ['public_v4', '\u0000public_v4', ''],
  ['public_v6', '\u0000public_v6', ''],
  ['ramdisk_id', 'OS-EXT-SRV-ATTR:ramdisk_id'],
  ['reservation_id', 'OS-EXT-SRV-ATTR:reservation_id'],
  ['root_device_name', 'OS-EXT-SRV-ATTR:root_device_name'],
  ['scheduler_hints', 'OS-SCH-HNT:scheduler_hints'],
  'security_groups',
  'server_groups',
  'status',
  ['task_state', 'OS-EXT-STS:task_state'],
  ['terminated_at', 'OS-SRV-USG:terminated_at'],
  'trusted_image_certificates',
  ['updated_at', 'updated'],
  ['user_data', 'OS-EXT-SRV-ATTR:user_data'],
  'user_id',
  ['vm_state', 'OS-EXT-STS:vm_state'],
  'id',
  'name',
  ['location', '\u0000location'],
  'metadata',
  ['tags', 'tags', []],
);

function shownMap(): Map<string, Shown> {
  const map = new Map<string, Shown>();
  for (const a of ATTRS) {
    if (IGNORED.includes(a.attr)) map.set(a.attr, 'ignored');
    else map.set(a.attr, { name: COLUMN_MAP[a.attr] ?? a.attr, optional: OPTIONAL.includes(a.attr) });
  }
  return map;
}

export const SERVER_MODEL: ServerModel = { allowUnknown: false, attrs: ATTRS, shown: shownMap() };

/** The keys nova 2024.1 returns for GET /servers/{id} at microversion 2.1 (later ones start at 2.3+). */
export const SERVER_V21_KEYS: ReadonlySet<string> = new Set([
  'id', 'name', 'status', 'tenant_id', 'user_id', 'metadata', 'hostId', 'image', 'flavor', 'created',
  'updated', 'addresses', 'accessIPv4', 'accessIPv6', 'links', 'OS-DCF:diskConfig', 'progress',
  'OS-EXT-AZ:availability_zone', 'config_drive', 'key_name', 'OS-SRV-USG:launched_at',
  'OS-SRV-USG:terminated_at', 'OS-EXT-SRV-ATTR:host', 'OS-EXT-SRV-ATTR:instance_name',
  'OS-EXT-SRV-ATTR:hypervisor_hostname', 'OS-EXT-STS:task_state', 'OS-EXT-STS:vm_state',
  'OS-EXT-STS:power_state', 'os-extended-volumes:volumes_attached', 'security_groups', 'fault',
]);
