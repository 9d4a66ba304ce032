/**
 * Device, namespace and file names, derived the way neutron and nova derive
 * them: interface names are capped at 14 characters (LINUX_DEV_LEN), so a
 * 3-letter prefix keeps 11 characters of the UUID; namespaces keep the full UUID.
 */

/** neutron's RESOURCE_ID_LENGTH: the first 11 characters of a UUID ("8fbc13ca-cf"). */
export const RESOURCE_ID_LENGTH = 11;

const short = (uuid: string) => uuid.slice(0, RESOURCE_ID_LENGTH);

export const bridgeName = (networkId: string) => `brq${short(networkId)}`;
export const vxlanName = (vni: number) => `vxlan-${vni}`;
export const tapName = (portId: string) => `tap${short(portId)}`;
export const dhcpDeviceName = (portId: string) => `ns-${short(portId)}`;
export const routerInterfaceName = (portId: string) => `qr-${short(portId)}`;
export const routerGatewayName = (portId: string) => `qg-${short(portId)}`;
export const dhcpNamespace = (networkId: string) => `qdhcp-${networkId}`;
export const routerNamespace = (routerId: string) => `qrouter-${routerId}`;
export const dhcpConfDir = (networkId: string) => `/var/lib/neutron/dhcp/${networkId}`;
export const metadataProxyConf = (routerId: string) => `/var/lib/neutron/ns-metadata-proxy/${routerId}.conf`;
/** nova's libvirt domain name: instance_name_template = instance-%08x. */
export const domainName = (instanceNumber: number) => `instance-${instanceNumber.toString(16).padStart(8, '0')}`;
/** dnsmasq hostnames: host-<ip with dots as dashes>. */
export const dhcpHostname = (ip: string) => `host-${ip.replace(/[.:]/g, '-')}`;
