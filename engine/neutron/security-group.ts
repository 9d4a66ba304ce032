/**
 * neutron-server: security group rules (securitygroups_db, 2024.1). A rule is
 * checked (protocol, ports or ICMP type/code, remote prefix, duplicates),
 * stored, and every Linux bridge agent with member ports is told
 * (security_groups_rule_updated) so that it rebuilds their chains.
 */
import type { Ctx } from '../core/context.js';
import { ServiceError } from '../core/errors.js';
import { parseCidr } from '../core/ip.js';
import type { SecurityGroup, SecurityGroupRule } from '../core/types.js';
import { refreshGroupMembers } from '../agents/firewall.js';
import { faults } from './faults.js';

export interface RuleRequest {
  direction: 'ingress' | 'egress';
  ethertype: 'IPv4' | 'IPv6';
  protocol: string | null;
  portRangeMin?: number;
  portRangeMax?: number;
  remoteIpPrefix?: string;
  remoteGroupId?: string;
  description?: string;
}

/** The protocols the emulated firewall renders; neutron accepts more. */
const PROTOCOLS = ['tcp', 'udp', 'icmp'];

const sgFault = (status: number, type: string, message: string) => new ServiceError('neutron', status, type, message);

function validatePorts(req: RuleRequest): void {
  const { portRangeMin: min, portRangeMax: max } = req;
  if (min === undefined && max === undefined) return;
  if (req.protocol === null) throw sgFault(400, 'SecurityGroupProtocolRequiredWithPorts', 'Must also specify protocol if port range is given.');
  if (req.protocol === 'icmp') {
    for (const [value, field] of [[min, 'type(port-range-min)'], [max, 'code(port-range-max)']] as const) {
      if (value !== undefined && (value < 0 || value > 255)) throw sgFault(400, 'SecurityGroupInvalidIcmpValue', `Invalid value for ICMP ${field}: ${value}. It must be 0 to 255.`);
    }
    return;
  }
  for (const port of [min, max]) if (port === 0) throw sgFault(400, 'SecurityGroupInvalidPortValue', 'Invalid value for port 0.');
  if (min !== undefined && max !== undefined && min > max) throw sgFault(400, 'SecurityGroupInvalidPortRange', 'For TCP/UDP protocols, port_range_min must be <= port_range_max');
}

/** Two rules that allow the same traffic: an open IPv4/IPv6 prefix is the same as no prefix. */
function sameRule(a: SecurityGroupRule, b: SecurityGroupRule): boolean {
  const open = (p: string | null) => (p === '0.0.0.0/0' || p === '::/0' ? null : p);
  return a.direction === b.direction && a.ethertype === b.ethertype && a.protocol === b.protocol && a.portRangeMin === b.portRangeMin
    && a.portRangeMax === b.portRangeMax && open(a.remoteIpPrefix) === open(b.remoteIpPrefix) && a.remoteGroupId === b.remoteGroupId;
}

export function findSecurityGroupRule(ctx: Ctx, ruleId: string): { group: SecurityGroup; rule: SecurityGroupRule } {
  for (const group of Object.values(ctx.cloud.db.securityGroups)) {
    const rule = group.rules.find((r) => r.id === ruleId);
    if (rule) return { group, rule };
  }
  throw sgFault(404, 'SecurityGroupRuleNotFound', `Security group rule ${ruleId} does not exist`);
}

/** POST /v2.0/security-group-rules. */
export function createSecurityGroupRule(ctx: Ctx, groupId: string, req: RuleRequest): SecurityGroupRule {
  ctx.api('POST /v2.0/security-group-rules');
  const group = ctx.cloud.db.securityGroups[groupId];
  if (!group) throw sgFault(404, 'SecurityGroupNotFound', `Security group ${groupId} does not exist`);
  if (req.protocol !== null && !PROTOCOLS.includes(req.protocol)) {
    throw new ServiceError('neutron', 400, 'BadRequest', `StackTutor's firewall models the protocols ${PROTOCOLS.join(', ')} (or any): ${req.protocol} is not modelled`);
  }
  validatePorts(req);
  let prefix: string | null = null;
  if (req.remoteIpPrefix !== undefined) {
    const parsed = parseCidr(req.remoteIpPrefix);
    if (!parsed) throw faults.invalidAttribute('remote_ip_prefix', `'${req.remoteIpPrefix}' is not a valid IP subnet`);
    // _validate_ip_prefix adds the mask a bare address lacks; host bits stay (normalized_cidr drops them).
    prefix = req.remoteIpPrefix.includes('/') ? req.remoteIpPrefix : `${req.remoteIpPrefix}/32`;
  }
  const rule: SecurityGroupRule = {
    id: ctx.random.uuid('security-group-rule'), direction: req.direction, ethertype: req.ethertype, protocol: req.protocol,
    portRangeMin: req.portRangeMin ?? null, portRangeMax: req.portRangeMax ?? null, remoteIpPrefix: prefix, remoteGroupId: req.remoteGroupId ?? null,
    description: req.description ?? '', createdAt: ctx.now,
  };
  const twin = group.rules.find((r) => sameRule(r, rule));
  if (twin) throw sgFault(409, 'SecurityGroupRuleExists', `Security group rule already exists. Rule id is ${twin.id}.`);
  group.rules.push(rule);
  ctx.emit({
    from: 'neutron-server', to: 'neutron DB', channel: 'SQL', name: 'INSERT securitygrouprules',
    detail: `${rule.direction} ${rule.ethertype} ${rule.protocol ?? 'any'}${rule.portRangeMin !== null ? ` ${rule.portRangeMin}${rule.portRangeMax !== null ? `:${rule.portRangeMax}` : ''}` : ''} from ${rule.remoteGroupId ? `group ${rule.remoteGroupId}` : (rule.remoteIpPrefix ?? 'anywhere')} in ${group.name} (${group.id})`,
    flows: [3], subjects: [group.id, rule.id],
  });
  notifyRuleUpdated(ctx, group);
  return rule;
}

/** DELETE /v2.0/security-group-rules/{id}. */
export function deleteSecurityGroupRule(ctx: Ctx, ruleId: string): void {
  ctx.api(`DELETE /v2.0/security-group-rules/${ruleId}`);
  const { group, rule } = findSecurityGroupRule(ctx, ruleId);
  group.rules = group.rules.filter((r) => r !== rule);
  ctx.emit({ from: 'neutron-server', to: 'neutron DB', channel: 'SQL', name: 'DELETE securitygrouprules', detail: `rule ${rule.id} of ${group.name}`, flows: [3], subjects: [group.id, rule.id] });
  notifyRuleUpdated(ctx, group);
}

function notifyRuleUpdated(ctx: Ctx, group: SecurityGroup): void {
  ctx.emit({
    from: 'neutron-server', to: 'neutron-linuxbridge-agent (fanout)', channel: 'RPC cast', name: 'security_groups_rule_updated',
    detail: `group ${group.name} (${group.id}) changed: agents with member ports refresh their firewall`, flows: [3], subjects: [group.id],
  });
  refreshGroupMembers(ctx, [group.id], [3]);
}
