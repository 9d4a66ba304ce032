/**
 * Commands that print nothing on success (exit status 0): their OSC classes
 * are plain cliff Commands, not ShowOne or Lister (OSC 6.6.1,
 * openstackclient/{network,compute,volume,identity,image}/...). A success
 * of any of these is `{ stdout: '', stderr: '', exitCode: 0 }`.
 *
 * Not silent although they look like it: `server add volume` and
 * `server add fixed ip` print a table, `router add route` prints the router.
 */
import type { CliOutput } from './output';

export const SILENT_COMMANDS: ReadonlySet<string> = new Set([
  'network delete', 'network set', 'network unset',
  'subnet delete', 'subnet set', 'subnet unset',
  'port delete', 'port set', 'port unset',
  'router delete', 'router set', 'router unset',
  'router add subnet', 'router remove subnet', 'router add port', 'router remove port',
  'floating ip delete', 'floating ip set', 'floating ip unset',
  'security group delete', 'security group set', 'security group unset', 'security group rule delete',
  'server delete', 'server set', 'server unset',
  'server add floating ip', 'server remove floating ip',
  'server add port', 'server remove port', 'server add network', 'server remove network',
  'server add security group', 'server remove security group', 'server remove volume',
  'server start', 'server stop', 'server reboot', 'server pause', 'server unpause',
  'server suspend', 'server resume', 'server lock', 'server unlock',
  'server rescue', 'server unrescue', 'server shelve', 'server unshelve', 'server resize', 'server migrate',
  'volume delete', 'volume set', 'volume unset',
  'flavor delete', 'flavor set', 'flavor unset',
  'image delete', 'image set', 'image unset',
  'project delete', 'project set',
  'keypair delete',
]);

export function isSilentCommand(command: string): boolean {
  return SILENT_COMMANDS.has(command);
}

/** The output of a silent command that succeeded. */
export const SILENT_SUCCESS: CliOutput = { stdout: '', stderr: '', exitCode: 0 };
