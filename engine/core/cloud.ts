/**
 * A freshly installed cloud, as the install guide leaves it: keystone
 * projects admin and demo, the cirros image, the m1.nano flavor, no networks;
 * each node with lo, its management NIC (addressed) and its provider NIC (up,
 * unaddressed), and the agents' processes.
 */
import { type TopologyOptions, defaultConfig } from './config.js';
import { Random } from './random.js';
import type { Cloud, Database, Host, HostSpec } from './types.js';
import { addAddress, addLink, addRoute, newNetns } from '../host/kernel.js';
import { spawnProcess } from '../host/processes.js';

/** Ubuntu's packaging: python3 /usr/bin/<service> with its config files and a log file per service. */
function service(user: 'neutron' | 'nova', name: string, extra: string[] = []): [string, string] {
  const configs = [`/etc/${user}/${user}.conf`, ...extra].map((c) => `--config-file=${c}`).join(' ');
  return [user, `/usr/bin/python3 /usr/bin/${name} ${configs} --log-file=/var/log/${user}/${name}.log`];
}

const LB_AGENT = service('neutron', 'neutron-linuxbridge-agent', ['/etc/neutron/plugins/ml2/linuxbridge_agent.ini']);

const SERVICES: Record<HostSpec['role'], Array<[string, string]>> = {
  controller: [
    service('neutron', 'neutron-server', ['/etc/neutron/plugins/ml2/ml2_conf.ini']),
    LB_AGENT,
    service('neutron', 'neutron-dhcp-agent', ['/etc/neutron/dhcp_agent.ini']),
    service('neutron', 'neutron-l3-agent', ['/etc/neutron/l3_agent.ini']),
    service('neutron', 'neutron-metadata-agent', ['/etc/neutron/metadata_agent.ini']),
    service('nova', 'nova-api'),
    service('nova', 'nova-conductor'),
    service('nova', 'nova-scheduler'),
  ],
  compute: [LB_AGENT, service('nova', 'nova-compute'), ['root', '/usr/sbin/libvirtd']],
};

/** The programs installed on a node of this role, by name (neutron-dhcp-agent, nova-compute, libvirtd), in start order. */
export function installedServices(role: HostSpec['role']): readonly string[] {
  return INSTALLED[role];
}

const programOf = (args: string) => args.split(' ').find((w) => w.startsWith('/usr/') && !w.endsWith('python3'))!.split('/').pop()!;
const INSTALLED: Record<HostSpec['role'], readonly string[]> = {
  controller: SERVICES.controller.map(([, args]) => programOf(args)),
  compute: SERVICES.compute.map(([, args]) => programOf(args)),
};

/** Whether the program runs on the host now (a fault may have stopped it). */
export function isRunning(host: Host, program: string): boolean {
  return host.processes.some((p) => p.netns === '' && p.args.split(' ').some((w) => w.endsWith(`/${program}`)));
}

function newHost(random: Random, spec: HostSpec, cidrPrefix: number, gateway: string, mgmtIf: string, providerIf: string): Host {
  const host: Host = {
    name: spec.name, role: spec.role, managementIp: spec.managementIp, root: newNetns('', null), namespaces: {}, nextNsid: 0,
    files: {}, processes: [], nextPid: 1000 + random.int(`pid:${spec.name}`, 9000), domains: [], nextDomainId: 1, imageCache: [],
  };
  addLink(host.root, { name: 'lo', kind: 'loopback', mac: '00:00:00:00:00:00', mtu: 65536, up: true });
  host.root.addresses.push({ dev: 'lo', cidr: '127.0.0.1/8', broadcast: null, scope: 'host' });
  // Install-guide nodes are VMs: virtio NICs with the 52:54:00 prefix.
  const nicMac = () => `52:54:00:${random.bytes(`nic:${spec.name}`, 3).map((b) => b.toString(16).padStart(2, '0')).join(':')}`;
  addLink(host.root, { name: mgmtIf, kind: 'ether', mac: nicMac(), mtu: 1500, up: true });
  addLink(host.root, { name: providerIf, kind: 'ether', mac: nicMac(), mtu: 1500, up: true });
  addAddress(host.root, mgmtIf, `${spec.managementIp}/${cidrPrefix}`);
  addRoute(host.root, { dst: 'default', via: gateway, dev: mgmtIf });
  for (const [user, args] of SERVICES[spec.role]) spawnProcess(host, { user, args, netns: '' });
  return host;
}

function initialDatabase(random: Random, startTime: number): Database {
  const projects = ['admin', 'demo'].map((name) => ({ id: random.uuid('keystone').replace(/-/g, ''), name, domainId: 'default' }));
  const image = { id: random.uuid('glance'), name: 'cirros', size: 12716032, diskFormat: 'qcow2', checksum: '443b7623e27ecf03dc9e01ee93f67afe' };
  const db: Database = {
    projects: Object.fromEntries(projects.map((p) => [p.id, p])),
    images: { [image.id]: image },
    flavors: { '0': { id: '0', name: 'm1.nano', vcpus: 1, ram: 64, disk: 1 } },
    networks: {}, subnets: {}, subnetsByNetwork: {}, ports: {}, portsByNetwork: {}, routers: {}, floatingIps: {}, securityGroups: {}, servers: {}, volumes: {},
    nextInstanceNumber: 1,
  };
  for (const p of projects) {
    const id = random.uuid('security-group');
    // neutron's default group: ingress from its own members and egress anywhere, for IPv4 and IPv6.
    const rule = (direction: 'ingress' | 'egress', ethertype: 'IPv4' | 'IPv6') => ({
      id: random.uuid('security-group-rule'), direction, ethertype, protocol: null, portRangeMin: null, portRangeMax: null,
      remoteIpPrefix: null, remoteGroupId: direction === 'ingress' ? id : null, description: '', createdAt: startTime,
    });
    db.securityGroups[id] = { id, name: 'default', projectId: p.id, rules: [rule('ingress', 'IPv4'), rule('ingress', 'IPv6'), rule('egress', 'IPv4'), rule('egress', 'IPv6')] };
  }
  return db;
}

export function createCloud(options: TopologyOptions = {}): Cloud {
  const config = defaultConfig(options);
  const rng = {};
  const random = new Random(config.seed, rng);
  const prefix = Number(config.managementCidr.split('/')[1]);
  const hosts = Object.fromEntries(config.hosts.map((spec) => [spec.name, newHost(random, spec, prefix, config.managementGateway, config.managementInterface, config.providerInterface)]));
  const db = initialDatabase(random, config.startTime);
  const admin = Object.values(db.projects).find((p) => p.name === 'admin')!;
  return { config, rng, clock: config.startTime, currentProject: admin.id, db, hosts, guests: {}, guestsByName: {}, events: [], tracing: options.tracing ?? true, commandCount: 0 };
}
