/** What the API services keep: neutron, nova, cinder, glance and keystone rows, keyed by UUID in creation order. */
export interface Project { id: string; name: string; domainId: string }
export interface Image { id: string; name: string; size: number; diskFormat: string; checksum: string }
export interface Flavor { id: string; name: string; vcpus: number; ram: number; disk: number }

export type NetworkType = 'vxlan' | 'flat' | 'vlan';

export interface Network {
  id: string;
  name: string;
  projectId: string;
  shared: boolean;
  external: boolean;
  networkType: NetworkType;
  physicalNetwork: string | null;
  segmentationId: number | null;
  mtu: number;
  createdAt: number;
  updatedAt: number;
  revision: number;
  description: string;
}

export interface AllocationPool { start: string; end: string }
export interface HostRoute { destination: string; nexthop: string }

export interface Subnet {
  id: string;
  name: string;
  networkId: string;
  projectId: string;
  cidr: string;
  gatewayIp: string | null;
  allocationPools: AllocationPool[];
  dnsNameservers: string[];
  hostRoutes: HostRoute[];
  enableDhcp: boolean;
  createdAt: number;
  updatedAt: number;
  revision: number;
  description: string;
}

export interface FixedIp { subnetId: string; ipAddress: string }

export type PortStatus = 'DOWN' | 'ACTIVE' | 'BUILD' | 'N/A';

export interface Port {
  id: string;
  name: string;
  networkId: string;
  projectId: string;
  macAddress: string;
  fixedIps: FixedIp[];
  deviceOwner: string;
  deviceId: string;
  bindingHostId: string;
  vifType: 'unbound' | 'bridge' | 'binding_failed';
  status: PortStatus;
  /** Provisioning blocks still holding the port DOWN (neutron's provisioning_blocks). */
  provisioningBlocks: Array<'L2' | 'DHCP'>;
  securityGroupIds: string[];
  createdAt: number;
  updatedAt: number;
  revision: number;
  description: string;
}

export interface RouterGateway {
  networkId: string;
  enableSnat: boolean;
  portId: string;
}

export interface Router {
  id: string;
  name: string;
  projectId: string;
  gateway: RouterGateway | null;
  /** Host whose L3 agent hosts the legacy router. */
  l3AgentHost: string;
  /** Extra routes (`router set --route`), in the order set. */
  routes: HostRoute[];
  createdAt: number;
  updatedAt: number;
  revision: number;
  description: string;
}

export interface FloatingIp {
  id: string;
  floatingIpAddress: string;
  floatingNetworkId: string;
  portId: string | null;
  fixedIpAddress: string | null;
  routerId: string | null;
  status: 'DOWN' | 'ACTIVE';
  /** The network:floatingip port holding the address on the external network. */
  fipPortId: string;
  projectId: string;
  createdAt: number;
  updatedAt: number;
  revision: number;
  description: string;
}

export interface SecurityGroupRule {
  id: string;
  direction: 'ingress' | 'egress';
  ethertype: 'IPv4' | 'IPv6';
  /** null = any protocol. */
  protocol: string | null;
  /** Ports for TCP/UDP; ICMP type (min) and code (max) for ICMP. */
  portRangeMin: number | null;
  portRangeMax: number | null;
  remoteIpPrefix: string | null;
  remoteGroupId: string | null;
  description: string;
  createdAt: number;
}

export interface SecurityGroup {
  id: string;
  name: string;
  projectId: string;
  /** In creation order; the agents get them in this order. */
  rules: SecurityGroupRule[];
}

export type ServerStatus = 'BUILD' | 'ACTIVE' | 'ERROR' | 'SHUTOFF';

export interface ServerFault { code: number; message: string }

export interface Server {
  id: string;
  name: string;
  projectId: string;
  /** nova's integer instance id: the libvirt domain is instance-%08x of it. */
  instanceNumber: number;
  flavorId: string;
  imageId: string;
  host: string | null;
  status: ServerStatus;
  powerState: 'RUNNING' | 'NOSTATE' | 'SHUTDOWN';
  portIds: string[];
  /** Ports nova created for `--nic net-id=` (deleted with the server; `port-id=` ports are only unbound). */
  ownedPortIds: string[];
  /** network-vif-plugged events the paused guest still waits for. */
  pendingVifEvents: string[];
  volumeIds: string[];
  availabilityZone: string;
  fault: ServerFault | null;
  createdAt: number;
  updatedAt: number;
}

export interface VolumeAttachment { serverId: string; attachmentId: string; device: string; host: string }

export interface Volume {
  id: string;
  name: string;
  projectId: string;
  size: number;
  status: 'available' | 'in-use';
  attachments: VolumeAttachment[];
  createdAt: number;
  updatedAt: number;
  description: string;
}

export interface Database {
  projects: Record<string, Project>;
  images: Record<string, Image>;
  flavors: Record<string, Flavor>;
  networks: Record<string, Network>;
  subnets: Record<string, Subnet>;
  /** Subnet IDs per network in creation order: an index kept by createSubnet/deleteSubnet. */
  subnetsByNetwork: Record<string, string[]>;
  ports: Record<string, Port>;
  /** Port IDs per network in creation order: an index kept by createPort/deletePort. */
  portsByNetwork: Record<string, string[]>;
  routers: Record<string, Router>;
  floatingIps: Record<string, FloatingIp>;
  securityGroups: Record<string, SecurityGroup>;
  servers: Record<string, Server>;
  volumes: Record<string, Volume>;
  /** Next nova instance number (instances.id autoincrement). */
  nextInstanceNumber: number;
}
