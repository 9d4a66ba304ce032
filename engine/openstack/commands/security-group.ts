/** `openstack security group list` and `openstack security group rule create|list|show|delete`. */
import { ClientError } from '../../core/errors.js';
import type { Cloud, SecurityGroup, SecurityGroupRule } from '../../core/types.js';
import { isoTime } from '../dicts.js';
import { isAdmin } from '../../neutron/policy.js';
import { createSecurityGroupRule, deleteSecurityGroupRule, findSecurityGroupRule, type RuleRequest } from '../../neutron/security-group.js';
import { flag, pos, str, type ParsedArgs } from '../args.js';
import { ArgparseError } from '../errors.js';
import { presentSecurityGroupList, presentSecurityGroupRuleList, presentSecurityGroupRuleShow, type SecurityGroupRuleDict } from '../present/index.js';
import { findByNameOrId } from '../resolve.js';
import { type CommandDef, deleteEach, outputOptions, printed, withOutput } from './command.js';

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The groups the caller sees: every project's for admin, else its own. */
function visibleGroups(cloud: Cloud, admin: boolean): SecurityGroup[] {
  return Object.values(cloud.db.securityGroups).filter((g) => admin || g.projectId === cloud.currentProject).sort(byId);
}

/**
 * find_security_group among the groups the caller sees: for admin that is
 * every project's, so the name "default" is ambiguous, as it is on a real cloud.
 */
function findGroup(cloud: Cloud, admin: boolean, key: string): SecurityGroup {
  return findByNameOrId('SecurityGroup', Object.fromEntries(visibleGroups(cloud, admin).map((g) => [g.id, g])), key);
}

function ruleDict(group: SecurityGroup, r: SecurityGroupRule): SecurityGroupRuleDict {
  return {
    id: r.id, name: null, description: r.description, direction: r.direction, ether_type: r.ethertype, protocol: r.protocol,
    port_range_min: r.portRangeMin, port_range_max: r.portRangeMax, remote_ip_prefix: r.remoteIpPrefix, remote_group_id: r.remoteGroupId,
    remote_address_group_id: null, security_group_id: group.id, project_id: group.projectId, revision_number: 0,
    created_at: isoTime(r.createdAt), updated_at: isoTime(r.createdAt), tags: [],
  };
}

/** osc-lib RangeAction: "P" or "MIN:MAX". */
function portRange(text: string): [number, number] {
  const parts = text.split(':');
  const nums = parts.map((p) => (/^-?\d+$/.test(p) ? Number(p) : NaN));
  if (parts.length > 2) throw new ArgparseError('argument --dst-port: Invalid range, too many values');
  if (nums.some(Number.isNaN)) throw new ArgparseError(`argument --dst-port: invalid int value: '${text}'`);
  const [min, max = min] = nums as [number, number?];
  if (min > max!) throw new ArgparseError(`argument --dst-port: Invalid range, ${parts[0]} is not less than ${parts[1]}`);
  return [min, max!];
}

function intOption(args: ParsedArgs, name: string): number | undefined {
  const text = str(args, name);
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text)) throw new ArgparseError(`argument --${name}: invalid int value: '${text}'`);
  return Number(text);
}

/** CreateSecurityGroupRule.take_action_network: defaults and the client's own checks, then the request. */
function ruleRequest(ctx: { cloud: Cloud }, admin: boolean, args: ParsedArgs): RuleRequest {
  const asked = (str(args, 'protocol') ?? str(args, 'proto'))?.toLowerCase();
  const protocol = asked === undefined || asked === 'any' ? null : asked;
  const icmp = protocol === 'icmp' || protocol === '1';
  const dst = str(args, 'dst-port');
  const type = intOption(args, 'icmp-type');
  const code = intOption(args, 'icmp-code');
  if (dst && (type || code)) throw new ClientError('Argument --dst-port not allowed with arguments --icmp-type and --icmp-code');
  if (type === undefined && code !== undefined) throw new ClientError('Argument --icmp-type required with argument --icmp-code');
  if (!icmp && (type || code)) throw new ClientError('ICMP IP protocol required with arguments --icmp-type and --icmp-code');
  const ethertype = (str(args, 'ethertype') ?? 'IPv4') as 'IPv4' | 'IPv6';
  const req: RuleRequest = { direction: flag(args, 'egress') ? 'egress' : 'ingress', ethertype, protocol };
  // An ICMP rule ignores --dst-port, as the client always has.
  if (dst && !icmp) [req.portRangeMin, req.portRangeMax] = portRange(dst);
  if (type !== undefined && type >= 0) req.portRangeMin = type;
  if (code !== undefined && code >= 0) req.portRangeMax = code;
  const remoteGroup = str(args, 'remote-group');
  if (remoteGroup !== undefined) req.remoteGroupId = findGroup(ctx.cloud, admin, remoteGroup).id;
  else req.remoteIpPrefix = str(args, 'remote-ip') ?? (ethertype === 'IPv4' ? '0.0.0.0/0' : '::/0');
  const description = str(args, 'description');
  if (description !== undefined) req.description = description;
  return req;
}

export const securityGroupCommands: CommandDef[] = [
  {
    path: ['security', 'group', 'list'],
    spec: withOutput({ positionals: [], options: { '--all-projects': { flag: true }, '--project': {} } }),
    run(ctx, args) {
      let groups = visibleGroups(ctx.cloud, isAdmin(ctx));
      const projectKey = str(args, 'project');
      if (projectKey !== undefined) {
        // identity_common.find_project: an ID or a name, through keystone.
        const project = Object.values(ctx.cloud.db.projects).find((p) => p.id === projectKey || p.name === projectKey);
        if (!project) throw new ClientError(`No project with a name or ID of '${projectKey}' exists.`);
        groups = groups.filter((g) => g.projectId === project.id);
      }
      return presentSecurityGroupList(groups.map((g) => ({ id: g.id, name: g.name, description: g.name === 'default' ? 'Default security group' : '', project_id: g.projectId, tags: [] })), outputOptions(args));
    },
  },
  {
    path: ['security', 'group', 'rule', 'create'],
    spec: withOutput({
      positionals: [{ name: 'group' }],
      options: {
        '--remote-ip': {}, '--remote-group': {}, '--dst-port': {}, '--protocol': {}, '--proto': {}, '--icmp-type': {}, '--icmp-code': {},
        '--ingress': { flag: true }, '--egress': { flag: true }, '--ethertype': { choices: ['IPv4', 'IPv6'] }, '--description': {},
      },
      exclusive: [['--remote-ip', '--remote-group'], ['--protocol', '--proto'], ['--ingress', '--egress']],
    }),
    run(ctx, args) {
      const group = findGroup(ctx.cloud, isAdmin(ctx), pos(args, 'group'));
      const rule = createSecurityGroupRule(ctx, group.id, ruleRequest(ctx, isAdmin(ctx), args));
      return printed(ctx, () => presentSecurityGroupRuleShow(ruleDict(group, rule), outputOptions(args)));
    },
  },
  {
    path: ['security', 'group', 'rule', 'list'],
    spec: withOutput({
      positionals: [{ name: 'group', optional: true }],
      options: { '--protocol': {}, '--ethertype': {}, '--ingress': { flag: true }, '--egress': { flag: true }, '--long': { flag: true }, '--all-projects': { flag: true } },
      exclusive: [['--ingress', '--egress']],
    }),
    // The 6.6.1 client parses --ethertype here but never sends it: every ethertype is listed.
    run(ctx, args) {
      const key = args.positionals['group'] as string | undefined;
      const groups = key === undefined ? visibleGroups(ctx.cloud, isAdmin(ctx)) : [findGroup(ctx.cloud, isAdmin(ctx), key)];
      const protocol = str(args, 'protocol')?.toLowerCase();
      const rows = groups.flatMap((g) => g.rules.map((r) => ruleDict(g, r)))
        .filter((r) => (!flag(args, 'ingress') || r.direction === 'ingress') && (!flag(args, 'egress') || r.direction === 'egress') && (protocol === undefined || r.protocol === protocol))
        .sort(byId);
      const listed = presentSecurityGroupRuleList(rows, { ...outputOptions(args), withGroup: key === undefined });
      return flag(args, 'long') ? { ...listed, stderr: `The --long option has been deprecated and is no longer needed\n${listed.stderr}` } : listed;
    },
  },
  {
    path: ['security', 'group', 'rule', 'show'],
    spec: withOutput({ positionals: [{ name: 'rule' }], options: {} }),
    run(ctx, args) {
      const { group, rule } = findSecurityGroupRule(ctx, pos(args, 'rule'));
      return presentSecurityGroupRuleShow(ruleDict(group, rule), outputOptions(args));
    },
  },
  {
    path: ['security', 'group', 'rule', 'delete'],
    spec: { positionals: [{ name: 'rule', repeat: true }], options: {} },
    run: (ctx, args) => deleteEach(ctx, 'security group rule delete', 'rule', args.positionals['rule'] as string[], (id) => deleteSecurityGroupRule(ctx, id)),
  },
];
