/**
 * `openstack project create|show|list` (openstackclient/identity/v3/project.py,
 * OSC 6.6.1, keystoneclient): show prints every key of keystone's project
 * but links, sorted, raw (so tags print `[]` and options `{}`).
 */
import { presentList, presentShow, sortedShow, type CliOutput, type OutputOptions } from './output';
import type { Cell } from './columns';
import type { PyValue } from './python';
import type { ProjectDict } from './types';

export function presentProjectShow(project: ProjectDict, opts: OutputOptions = {}): CliOutput {
  const entries: [string, Cell][] = Object.entries(project as unknown as { [k: string]: PyValue })
    .filter(([key, value]) => key !== 'links' && value !== undefined);
  return presentShow(sortedShow(entries), opts);
}

export const presentProjectCreate = presentProjectShow;

/** `openstack project list [--long]`, in the order keystone returned the projects. */
export function presentProjectList(projects: readonly ProjectDict[], opts: OutputOptions = {}): CliOutput {
  const cols: [string, keyof ProjectDict][] = [['ID', 'id'], ['Name', 'name']];
  if (opts.long) cols.push(['Domain ID', 'domain_id'], ['Description', 'description'], ['Enabled', 'enabled']);
  return presentList(
    { headers: cols.map(([h]) => h), rows: projects.map((p) => cols.map(([, k]) => (p[k] as PyValue | undefined) ?? '')) },
    opts,
  );
}
