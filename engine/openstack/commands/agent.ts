/** `openstack network agent list`, `compute service list` and `hypervisor list`: the services' own registries. */
import { computeServices, hypervisors, networkAgents } from '../../neutron/agents.js';
import { dhcpNamespace, routerNamespace } from '../../core/names.js';
import type { Cloud } from '../../core/types.js';
import { flag, str } from '../args.js';
import { presentComputeServiceList, presentHypervisorList, presentNetworkAgentList } from '../present/index.js';
import { findNetwork, findRouter } from '../resolve.js';
import { type CommandDef, outputOptions, withOutput } from './command.js';

/** The client's --agent-type choices and the agent_type each filters on. */
const AGENT_TYPES: Record<string, string> = {
  bgp: 'BGP dynamic routing agent', dhcp: 'DHCP agent', 'open-vswitch': 'Open vSwitch agent', 'linux-bridge': 'Linux bridge agent',
  ofa: 'OFA driver agent', l3: 'L3 agent', loadbalancer: 'Loadbalancer agent', metering: 'Metering agent', metadata: 'Metadata agent',
  macvtap: 'Macvtap agent', nic: 'NIC Switch agent',
};

/** The agents of `agentType` whose host holds `namespace`: those the network or router is scheduled to. */
function hosting(cloud: Cloud, agentType: string, namespace: string) {
  return networkAgents(cloud).filter((a) => a.agentType === agentType && cloud.hosts[a.host]?.namespaces[namespace] !== undefined);
}

/** Nova's updated_at: the last heartbeat, microseconds printed as nova stores them. */
const heartbeat = (epochSeconds: number) => `${new Date(epochSeconds * 1000).toISOString().slice(0, 19)}.000000`;

export const agentCommands: CommandDef[] = [
  {
    path: ['network', 'agent', 'list'],
    spec: withOutput({
      positionals: [],
      options: { '--agent-type': { choices: Object.keys(AGENT_TYPES) }, '--host': {}, '--network': {}, '--router': {}, '--long': { flag: true } },
      exclusive: [['--network', '--router']],
    }),
    run(ctx, args) {
      const { cloud } = ctx;
      const network = str(args, 'network');
      const router = str(args, 'router');
      let rows = networkAgents(cloud);
      if (network !== undefined) rows = hosting(cloud, 'DHCP agent', dhcpNamespace(findNetwork(cloud, network).id));
      else if (router !== undefined) rows = hosting(cloud, 'L3 agent', routerNamespace(findRouter(cloud, router).id));
      else {
        const type = str(args, 'agent-type');
        const host = str(args, 'host');
        if (type !== undefined) rows = rows.filter((a) => a.agentType === AGENT_TYPES[type]);
        if (host !== undefined) rows = rows.filter((a) => a.host === host);
      }
      const dicts = rows.map((a) => ({
        id: a.id, agent_type: a.agentType, host: a.host, availability_zone: a.availabilityZone, alive: a.alive, admin_state_up: a.adminStateUp, binary: a.binary,
        // Legacy (non-HA) routers have no HA state.
        ha_state: null,
      }));
      return presentNetworkAgentList(dicts, { ...outputOptions(args), haState: router !== undefined && flag(args, 'long') });
    },
  },
  {
    path: ['compute', 'service', 'list'],
    spec: withOutput({ positionals: [], options: { '--host': {}, '--service': {}, '--long': { flag: true } } }),
    run(ctx, args) {
      const host = str(args, 'host');
      const service = str(args, 'service');
      const rows = computeServices(ctx.cloud).filter((s) => (host === undefined || s.host === host) && (service === undefined || s.binary === service));
      const dicts = rows.map((s) => ({
        id: s.id, binary: s.binary, host: s.host, zone: s.zone, status: s.status, state: s.up ? 'up' : 'down', updated_at: heartbeat(ctx.now),
        disabled_reason: null, forced_down: false,
      }));
      return presentComputeServiceList(dicts, outputOptions(args, { long: flag(args, 'long') }));
    },
  },
  {
    path: ['hypervisor', 'list'],
    spec: withOutput({ positionals: [], options: { '--matching': {} } }),
    run(ctx, args) {
      // --matching is a substring match on the hypervisor hostname, as nova's search does.
      const matching = str(args, 'matching');
      const rows = hypervisors(ctx.cloud).filter((h) => matching === undefined || h.hostname.includes(matching));
      return presentHypervisorList(rows.map((h) => ({ id: h.id, hypervisor_hostname: h.hostname, hypervisor_type: h.type, host_ip: h.hostIp, state: h.up ? 'up' : 'down' })), outputOptions(args));
    },
  },
];
