/**
 * An instance on a flat provider network (the install guide's "provider
 * network" option) with DHCP, plus a router whose gateway and a floating IP
 * live on the same network. Reference §1 (flat: the physical NIC is enslaved
 * into brq<net[:11]>, MTU 1500), §5 (DHCP files), README (router gateway port
 * in the external network's host file, floating IP ports never).
 */
import { describe, expect, it } from 'vitest';
import { buildOk, byName, sh } from '../invariants';

const SCENARIO = [
  '. admin-openrc',
  'openstack network create --share --external --provider-physical-network provider --provider-network-type flat provider-net',
  'openstack subnet create --network provider-net --subnet-range 172.24.4.0/24 --gateway 172.24.4.1 --allocation-pool start=172.24.4.10,end=172.24.4.50 --dns-nameserver 1.1.1.1 provider-v4',
  'openstack server create --flavor m1.nano --image cirros --nic net-id=provider-net --availability-zone nova:compute2 vm-flat',
  'openstack router create r1',
  'openstack router set r1 --external-gateway provider-net',
  'openstack floating ip create provider-net',
];

const s11 = (id: string) => id.slice(0, 11);

describe('an instance on a flat provider network', () => {
  const cloud = buildOk(SCENARIO, { computes: 3, seed: 'flat-provider' });
  const net = byName(cloud.db.networks, 'provider-net');
  const subnet = byName(cloud.db.subnets, 'provider-v4');
  const server = byName(cloud.db.servers, 'vm-flat');
  const vmPort = cloud.db.ports[server.portIds[0]!]!;
  const ports = Object.values(cloud.db.ports);
  const dhcpPort = ports.find((p) => p.deviceOwner === 'network:dhcp')!;
  const gwPort = ports.find((p) => p.deviceOwner === 'network:router_gateway')!;
  const fip = Object.values(cloud.db.floatingIps)[0]!;
  const brq = `brq${s11(net.id)}`;

  it('is a flat network on physnet provider with MTU 1500 and no segmentation ID', () => {
    expect(net).toMatchObject({ networkType: 'flat', physicalNetwork: 'provider', segmentationId: null, mtu: 1500 });
    const show = sh(cloud, 'controller', 'openstack network show provider-net -f value -c mtu -c provider:network_type -c provider:physical_network');
    expect(show.trim().split('\n').sort()).toEqual(['1500', 'flat', 'provider']);
  });

  it('enslaves eth1 itself and the instance TAP into brq<net[:11]> on the compute node, no vxlan device anywhere', () => {
    const out = sh(cloud, 'compute2', 'brctl show');
    expect(out).toMatch(new RegExp(`^${brq}\\t\\t8000\\.[0-9a-f]{12}\\tno\\t\\teth1\\n\\t\\t\\t\\t\\t\\t\\ttap${s11(vmPort.id)}\\n$`, 'm'));
    for (const host of ['controller', 'compute1', 'compute2', 'compute3']) expect(sh(cloud, host, 'ip -d link')).not.toContain('vxlan');
  });

  it('leaves the compute nodes without a port of the network untouched: no bridge, eth1 free', () => {
    for (const host of ['compute1', 'compute3']) {
      expect(sh(cloud, host, 'brctl show')).toBe('bridge name\tbridge id\t\tSTP enabled\tinterfaces\n');
      expect(sh(cloud, host, 'ip link show eth1')).not.toContain('master');
    }
  });

  it('gives the TAP, the libvirt interface and the guest NIC MTU 1500', () => {
    expect(sh(cloud, 'compute2', `ip link show tap${s11(vmPort.id)}`)).toContain(` mtu 1500 `);
    expect(sh(cloud, 'compute2', `ip link show tap${s11(vmPort.id)}`)).toContain(`master ${brq} `);
    const xml = sh(cloud, 'compute2', 'virsh dumpxml instance-00000001');
    expect(xml).toContain(`<source bridge='${brq}'/>`);
    expect(xml).toContain(`<target dev='tap${s11(vmPort.id)}'/>`);
    expect(xml).toContain(`<mtu size='1500'/>`);
    expect(sh(cloud, 'vm-flat', 'ip link show eth0')).toContain(' mtu 1500 ');
  });

  it('gives the DHCP port the first pool address and starts dnsmasq with MTU 1500 and a /24 range', () => {
    expect(dhcpPort.fixedIps.map((f) => f.ipAddress)).toEqual(['172.24.4.10']);
    const dnsmasq = sh(cloud, 'controller', 'ps -eo user,args').split('\n').find((l) => l.startsWith('nobody   dnsmasq '))!;
    expect(dnsmasq).toContain(` --dhcp-range=set:subnet-${subnet.id},172.24.4.0,static,255.255.255.0,86400s --dhcp-option-force=option:mtu,1500 --dhcp-lease-max=256 `);
  });

  it('writes no classless routes for a subnet whose gateway is not a neutron router port: DNS and router only', () => {
    const tag = `tag:subnet-${subnet.id}`;
    expect(sh(cloud, 'controller', `cat /var/lib/neutron/dhcp/${net.id}/opts`)).toBe(`${tag},option:dns-server,1.1.1.1\n${tag},option:router,172.24.4.1`);
  });

  it('lists the instance and the router gateway port in host, never the DHCP or the floating IP port', () => {
    const host = sh(cloud, 'controller', `cat /var/lib/neutron/dhcp/${net.id}/host`);
    const line = (p: typeof vmPort) => `${p.macAddress},host-${p.fixedIps[0]!.ipAddress.replace(/\./g, '-')}.openstacklocal,${p.fixedIps[0]!.ipAddress}\n`;
    expect(host).toBe(line(vmPort) + line(gwPort));
    expect(host).not.toContain(fip.floatingIpAddress);
    expect(sh(cloud, 'controller', `cat /var/lib/neutron/dhcp/${net.id}/addn_hosts`)).not.toContain(fip.floatingIpAddress);
  });

  it('puts the DHCP tap and the qg- tap next to eth1 in the network node\'s brq', () => {
    const out = sh(cloud, 'controller', 'brctl show');
    const ifs = out.split('\n').slice(1).map((l) => l.split('\t').filter(Boolean).at(-1)).filter(Boolean);
    expect(ifs).toEqual(['eth1', `tap${s11(dhcpPort.id)}`, `tap${s11(gwPort.id)}`].sort());
    expect(sh(cloud, 'controller', `ip netns exec qrouter-${byName(cloud.db.routers, 'r1').id} ip route`)).toContain(`default via 172.24.4.1 dev qg-${s11(gwPort.id)} proto static\n`);
  });
});
