/**
 * The API objects the presenters take: plain objects shaped like the REST
 * JSON of neutron v2.0, nova v2.1, cinder v3, glance v2 and keystone v3,
 * with the real field names. Pass what the service would return for the
 * caller (admin-only fields only for admin); a field left out prints as the
 * client prints a field the service did not send (usually `None`).
 *
 * Extra keys are allowed: neutron keys the SDK does not declare (such as
 * `tenant_id` on a network) are shown by `network show`, as the real client does.
 */
import type { PyValue } from './python';

type Extra = { readonly [key: string]: PyValue | undefined };
type Str = string | null;

/** Keys every neutron resource carries in 2024.1 (standard attributes). */
interface NeutronStandard extends Extra {
  id: string;
  /** Project owning it; neutron still sends the same value as `tenant_id`. */
  project_id?: string;
  tenant_id?: string;
  description?: string;
  tags?: string[];
  /** Timestamps exactly as neutron sends them, e.g. "2024-05-01T10:00:00Z". */
  created_at?: string;
  updated_at?: string;
  revision_number?: number;
}

/** GET /v2.0/networks/{id} -> network */
export interface NetworkDict extends NeutronStandard {
  name: string;
  admin_state_up: boolean;
  /** ACTIVE, DOWN, BUILD, ERROR */
  status?: string;
  /** Subnet IDs, in the order neutron returns them (the table sorts them). */
  subnets: string[];
  shared?: boolean;
  mtu?: number;
  'router:external'?: boolean;
  port_security_enabled?: boolean;
  'provider:network_type'?: Str;
  'provider:physical_network'?: Str;
  'provider:segmentation_id'?: number | null;
  availability_zone_hints?: string[];
  availability_zones?: string[];
  ipv4_address_scope?: Str;
  ipv6_address_scope?: Str;
  /** Only with the qos / dns / auto-allocate extensions; absent prints None. */
  qos_policy_id?: Str;
  dns_domain?: Str;
  is_default?: boolean | null;
}

/** GET /v2.0/subnets/{id} -> subnet */
export interface SubnetDict extends NeutronStandard {
  name: string;
  network_id: string;
  ip_version: number;
  /** "192.0.2.0/24" */
  cidr: string;
  gateway_ip: Str;
  enable_dhcp: boolean;
  /** [{start, end}] -> shown "start-end" joined with "," */
  allocation_pools: { start: string; end: string }[];
  dns_nameservers: string[];
  /** [{destination, nexthop}] -> shown "destination='..', gateway='..'" one per line */
  host_routes: { destination: string; nexthop: string }[];
  ipv6_ra_mode?: Str;
  ipv6_address_mode?: Str;
  subnetpool_id?: Str;
  segment_id?: Str;
  service_types?: string[];
  dns_publish_fixed_ip?: boolean | null;
}

/** One entry of a port's fixed_ips. Key order is kept in -f json/value output. */
export type FixedIp = {
  subnet_id: string;
  ip_address: string;
};

/** GET /v2.0/ports/{id} -> port */
export interface PortDict extends NeutronStandard {
  name: string;
  network_id: string;
  mac_address: string;
  admin_state_up: boolean;
  /** ACTIVE, DOWN, BUILD */
  status: string;
  fixed_ips: FixedIp[];
  /** network:dhcp, network:router_interface, network:router_gateway, network:floatingip, compute:nova, "" */
  device_owner: string;
  device_id: string;
  /** Security group IDs. */
  security_groups?: string[];
  allowed_address_pairs?: { ip_address: string; mac_address: string }[];
  extra_dhcp_opts?: PyValue[];
  port_security_enabled?: boolean;
  'binding:host_id'?: string;
  'binding:vif_type'?: string;
  'binding:vnic_type'?: string;
  'binding:profile'?: { [key: string]: PyValue };
  'binding:vif_details'?: { [key: string]: PyValue };
  ip_allocation?: Str;
  dns_name?: Str;
  dns_assignment?: PyValue[] | null;
}

/** external_gateway_info; its key order is printed as is (neutron: network_id, external_fixed_ips, enable_snat). */
export type ExternalGatewayInfo = {
  network_id: string;
  external_fixed_ips?: { subnet_id: string; ip_address: string }[];
  enable_snat?: boolean;
};

/** GET /v2.0/routers/{id} -> router */
export interface RouterDict extends NeutronStandard {
  name: string;
  admin_state_up: boolean;
  status: string;
  external_gateway_info: ExternalGatewayInfo | null;
  /** Extra routes [{destination, nexthop}]. */
  routes?: { destination: string; nexthop: string }[];
  availability_zone_hints?: string[];
  availability_zones?: string[];
  flavor_id?: Str;
  enable_ndp_proxy?: boolean | null;
  /** Admin-only: leave out for a project user (the rows then disappear, as in the client). */
  distributed?: boolean;
  ha?: boolean;
}

/** GET /v2.0/floatingips/{id} -> floatingip */
export interface FloatingIpDict extends NeutronStandard {
  floating_ip_address: string;
  floating_network_id: string;
  fixed_ip_address: Str;
  port_id: Str;
  router_id: Str;
  /** ACTIVE or DOWN */
  status: string;
  /** With the fip-port-details extension: {name, network_id, mac_address, admin_state_up, status, device_id, device_owner} */
  port_details?: { [key: string]: PyValue } | null;
  subnet_id?: Str;
  qos_policy_id?: Str;
  dns_name?: Str;
  dns_domain?: Str;
}

/** One address in a nova server's `addresses[network]`. */
export type ServerAddress = {
  version: number;
  addr: string;
  /** "fixed" or "floating" */
  'OS-EXT-IPS:type'?: string;
  'OS-EXT-IPS-MAC:mac_addr'?: string;
};

/**
 * GET /v2.1/servers/{id} -> server, as nova answers at microversion 2.91
 * (what `server show` / `server list` negotiate). `server create` prints the
 * 2.1 view, which the presenter derives from this by dropping later fields.
 * Admin-only keys (OS-EXT-SRV-ATTR:*, host_status) only for admin callers.
 */
export interface ServerDict extends Extra {
  id: string;
  name: string;
  /** BUILD, ACTIVE, SHUTOFF, ERROR ... */
  status: string;
  tenant_id: string;
  user_id: string;
  /** {} when booted from volume. */
  image: { id: string } | Record<string, never>;
  /**
   * At 2.47+ nova embeds the flavor without its id; give both: `id` (used for
   * the 2.1 view "m1.nano (0)") and original_name/vcpus/ram/disk/ephemeral/swap/extra_specs.
   */
  flavor: {
    id?: string;
    original_name?: string;
    vcpus?: number;
    ram?: number;
    disk?: number;
    ephemeral?: number;
    swap?: number;
    extra_specs?: { [key: string]: string };
  };
  /** network name -> addresses, fixed first then floating, as nova lists them. */
  addresses: { [network: string]: ServerAddress[] };
  metadata: { [key: string]: string };
  key_name: Str;
  created: string;
  updated: string;
  hostId: string;
  accessIPv4: string;
  accessIPv6: string;
  progress: number;
  config_drive: string;
  'OS-DCF:diskConfig': string;
  'OS-EXT-AZ:availability_zone': string;
  'OS-EXT-STS:vm_state': string;
  'OS-EXT-STS:task_state': Str;
  /** 0 NOSTATE, 1 Running, 3 Paused, 4 Shutdown, 6 Crashed, 7 Suspended */
  'OS-EXT-STS:power_state': number;
  'OS-SRV-USG:launched_at': Str;
  'OS-SRV-USG:terminated_at': Str;
  /** [{id, delete_on_termination}] */
  'os-extended-volumes:volumes_attached': { id: string; delete_on_termination?: boolean }[];
  /** [{name}] — absent while the server is building with no ports. */
  security_groups?: { name: string }[];
  locked?: boolean;
  locked_reason?: Str;
  description?: Str;
  tags?: string[];
  trusted_image_certificates?: string[] | null;
  server_groups?: string[];
  host_status?: Str;
  /** Only for servers in ERROR: {code, created, message} */
  fault?: { [key: string]: PyValue };
  'OS-EXT-SRV-ATTR:host'?: Str;
  'OS-EXT-SRV-ATTR:hypervisor_hostname'?: Str;
  'OS-EXT-SRV-ATTR:instance_name'?: string;
}

/** GET /v3/{project}/volumes/{id} -> volume (cinder, API 3.0). Printed key by key, sorted. */
export interface VolumeDict extends Extra {
  id: string;
  name: Str;
  /** creating, available, in-use, error ... */
  status: string;
  size: number;
  /** [{server_id, attachment_id, device, host_name, ...}] */
  attachments: { server_id: string; device: string; [key: string]: PyValue }[];
  /** cinder sends the strings "true" / "false". */
  bootable: string;
  volume_type: Str;
  metadata: { [key: string]: string };
  availability_zone?: string;
  created_at?: string;
  updated_at?: Str;
  description?: Str;
  encrypted?: boolean;
  multiattach?: boolean;
  snapshot_id?: Str;
  source_volid?: Str;
  user_id?: string;
}

/** GET /v3/projects/{id} -> project (keystone). Printed key by key, sorted, without links. */
export interface ProjectDict extends Extra {
  id: string;
  name: string;
  domain_id: string;
  description: string;
  enabled: boolean;
  parent_id: string;
  is_domain: boolean;
  tags?: string[];
  options?: { [key: string]: PyValue };
}

/** GET /v2/images/{id} (glance). Keys other than the standard ones are properties. */
export interface ImageDict extends Extra {
  id: string;
  name: string;
  /** queued, active ... */
  status: string;
  container_format?: Str;
  disk_format?: Str;
  size?: number | null;
  virtual_size?: number | null;
  visibility?: string;
  protected?: boolean;
  min_disk?: number;
  min_ram?: number;
  checksum?: Str;
  owner?: string;
  tags?: string[];
  created_at?: string;
  updated_at?: string;
}

/** GET /v2.1/flavors/{id} (nova, 2.61 view). */
export interface FlavorDict extends Extra {
  id: string;
  name: string;
  ram: number;
  disk: number;
  vcpus: number;
  swap?: number;
  'OS-FLV-EXT-DATA:ephemeral'?: number;
  'OS-FLV-DISABLED:disabled'?: boolean;
  'os-flavor-access:is_public'?: boolean;
  /** A float: 1.0 prints "1.0". */
  rxtx_factor?: number;
  description?: Str;
  extra_specs?: { [key: string]: string };
}
