/**
 * `openstack security group list` and `security group rule create|list|show`
 * (openstackclient/network/v2/security_group*.py, OSC 6.6.1, openstacksdk
 * 3.0.0). A rule's show lists the SDK resource's attributes, sorted, without
 * location and tenant_id. The list's Port Range is "type=T:code=C" for ICMP,
 * "min:max" otherwise; its IP Range is 0.0.0.0/0 (or ::/0) when the rule has
 * no prefix.
 */
import { listColumn } from './columns';
import { presentList, presentShow, sortedShow, type CliOutput, type OutputOptions } from './output';
import type { PyValue } from './python';

export interface SecurityGroupDict {
  id: string;
  name: string;
  description: string;
  project_id: string;
  tags: string[];
}

export interface SecurityGroupRuleDict {
  id: string;
  name: null;
  description: string;
  direction: string;
  ether_type: string;
  protocol: string | null;
  port_range_min: number | null;
  port_range_max: number | null;
  remote_ip_prefix: string | null;
  remote_group_id: string | null;
  remote_address_group_id: null;
  security_group_id: string;
  project_id: string;
  revision_number: number;
  created_at: string;
  updated_at: string;
  tags: string[];
}

export function presentSecurityGroupList(groups: readonly SecurityGroupDict[], opts: OutputOptions = {}): CliOutput {
  return presentList({
    headers: ['ID', 'Name', 'Description', 'Project', 'Tags'],
    rows: groups.map((g) => [g.id, g.name, g.description, g.project_id, listColumn(g.tags)]),
  }, opts);
}

export function presentSecurityGroupRuleShow(rule: SecurityGroupRuleDict, opts: OutputOptions = {}): CliOutput {
  return presentShow(sortedShow(Object.entries(rule).map(([k, v]) => [k, v as PyValue] as const)), opts);
}

/** network_utils.format_network_port_range. */
function portRange(r: SecurityGroupRuleDict): string {
  if (r.protocol === 'icmp') return `${r.port_range_min ? `type=${r.port_range_min}` : ''}${r.port_range_max ? `:code=${r.port_range_max}` : ''}`;
  if (!r.port_range_min && !r.port_range_max) return '';
  return `${r.port_range_min ?? r.port_range_max}:${r.port_range_max ?? r.port_range_min}`;
}

/** `security group rule list [GROUP]`: without a group, a last column names each rule's group. */
export function presentSecurityGroupRuleList(rules: readonly SecurityGroupRuleDict[], opts: OutputOptions & { withGroup: boolean }): CliOutput {
  const headers = ['ID', 'IP Protocol', 'Ethertype', 'IP Range', 'Port Range', 'Direction', 'Remote Security Group', 'Remote Address Group', ...(opts.withGroup ? ['Security Group'] : [])];
  return presentList({
    headers,
    rows: rules.map((r) => [
      r.id, r.protocol, r.ether_type, r.remote_ip_prefix ?? (r.ether_type === 'IPv4' ? '0.0.0.0/0' : '::/0'), portRange(r), r.direction, r.remote_group_id, r.remote_address_group_id,
      ...(opts.withGroup ? [r.security_group_id] : []),
    ]),
  }, opts);
}
