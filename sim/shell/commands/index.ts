// The command tables: busybox wording for containers, GNU coreutils wording for the learner's
// workstation and the nodes. Both are name → CommandImpl maps.

import type { CommandImpl } from '../../process';
import { awk } from './awk';
import { basename, clear, dirname, echo, falseCommand, printf, seq, sleep, testCommand, trueCommand, yes } from './basic-commands';
import type { Dialect } from './common';
import { dd } from './dd';
import { cat, cp, ls, mkdir, mv, readlink, rm, rmdir, touch } from './file-commands';
import { curl, nc, nslookup, ping, wget } from './net-commands';
import { ifconfig, ip, netstat, route } from './ip-commands';
import { md5sum, shell, which, xargs } from './process-commands';
import { sed } from './sed';
import { tar } from './tar';
import { date, env, hostname, id, kill, printenv, ps, top, uname, whoami } from './system-commands';
import { base64, cut, grep, head, rev, sort, tail, tee, tr, uniq, wc } from './text-commands';

function buildTable(dialect: Dialect): Map<string, CommandImpl> {
  const table = new Map<string, CommandImpl>();
  const lookup = (name: string): CommandImpl | undefined => table.get(name.split('/').pop()!);
  const test = testCommand(dialect);
  const entries: [string, CommandImpl][] = [
    ['echo', echo], ['printf', printf], ['sleep', sleep(dialect)], ['true', trueCommand], ['false', falseCommand],
    ['test', test], ['[', test], ['[[', test], ['seq', seq()], ['basename', basename], ['dirname', dirname], ['yes', yes], ['clear', clear],
    ['cat', cat(dialect)], ['touch', touch(dialect)], ['rm', rm(dialect)], ['mkdir', mkdir(dialect)], ['rmdir', rmdir(dialect)],
    ['ls', ls(dialect)], ['cp', cp(dialect)], ['mv', mv(dialect)], ['dd', dd(dialect)], ['readlink', readlink(dialect)],
    ['head', head(dialect)], ['tail', tail(dialect)], ['grep', grep(dialect)], ['wc', wc(dialect)], ['sort', sort(dialect)],
    ['uniq', uniq(dialect)], ['tr', tr(dialect)], ['cut', cut(dialect)], ['tee', tee(dialect)], ['base64', base64(dialect)], ['rev', rev(dialect)],
    ['md5sum', md5sum(dialect)], ['awk', awk(dialect)], ['sed', sed(dialect)], ['tar', tar(dialect)],
    ['date', date(dialect)], ['hostname', hostname(dialect)], ['env', env], ['printenv', printenv], ['ps', ps(dialect)], ['kill', kill(dialect)],
    ['top', top(dialect)], ['uname', uname(dialect)], ['id', id], ['whoami', whoami(dialect)],
    ['wget', wget()], ['nc', nc(dialect, lookup)], ['nslookup', nslookup()], ['ping', ping(dialect)],
    ['sh', shell(dialect === 'gnu' ? 'bash' : 'busybox', lookup)],
    ['xargs', xargs(lookup)], ['which', which(lookup)],
  ];
  // busybox has the network tools as applets; Debian's slim images have none of them.
  if (dialect === 'busybox') entries.push(['ash', shell('busybox', lookup)], ['ip', ip], ['ifconfig', ifconfig], ['netstat', netstat], ['route', route]);
  else entries.push(['bash', shell('bash', lookup)], ['curl', curl()]);
  for (const [name, impl] of entries) table.set(name, impl);
  return table;
}

/** Commands of a busybox image (`sh` is ash). Images that ship curl add it from `curlCommand`. */
export const busyboxCommands: Map<string, CommandImpl> = buildTable('busybox');

/** GNU coreutils and friends, as on the learner's workstation and the nodes (`sh` and `bash` are bash). */
export const gnuCommands: Map<string, CommandImpl> = buildTable('gnu');

/**
 * Commands whose result depends only on their arguments and the files they read: no clock, no
 * environment, no network, no changes. While a container's files stay the same, running one
 * again gives the same exit code and output, so an exec probe can reuse the last result.
 */
export const fileReadingCommands: ReadonlySet<CommandImpl> = new Set(
  [busyboxCommands, gnuCommands].flatMap((table) => ['cat', 'test', '[', 'true', 'false', 'grep', 'head', 'wc'].map((name) => table.get(name)!)),
);

/** curl, for images that have it (busybox itself does not). */
export const curlCommand: CommandImpl = curl();

export type { Dialect } from './common';
