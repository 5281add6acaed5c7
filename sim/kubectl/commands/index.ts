// kubectl's command tree, in kubectl's registration order (which is also the order cobra lists
// "Did you mean this?" suggestions in).

import { formatDefault, globalFlags, type CommandDef } from '../command';
import { notInLab } from './common';
import { runCommand } from './run';
import { createCommand } from './create';
import { applyCommand, replaceCommand } from './apply';
import { getCommand } from './get';
import { deleteCommand } from './delete';
import { describeCommand } from './describe';
import { logsCommand } from './logs';
import { execCommand } from './exec';
import { annotateCommand, labelCommand } from './label';
import { scaleCommand } from './scale';
import { apiResourcesCommand, apiVersionsCommand, clusterInfoCommand, versionCommand } from './info';
import { configCommand } from './config';
import { exposeCommand } from './expose';
import { setCommand } from './set';
import { editCommand } from './edit';
import { rolloutCommand } from './rollout';
import { topCommand } from './top';
import { cordonCommand, drainCommand, uncordonCommand } from './nodes';
import { portForwardCommand } from './port-forward';
import { waitCommand } from './wait';
import { explainCommand } from './explain';
import { patchCommand } from './patch';
import { taintCommand } from './unavailable';

function unavailable(name: string, group: string, short: string): CommandDef {
  return {
    name,
    group,
    short,
    use: `${name} [options]`,
    run: notInLab,
  };
}

/** `kubectl options`: the flags every command accepts. */
const optionsCommand: CommandDef = {
  name: 'options',
  hidden: true,
  short: 'Print the list of flags inherited by all commands',
  use: 'options [flags] [options]',
  run: (inv) => {
    // --cache-dir lives under the user's home, as kubectl shows it.
    const home = inv.ctx.env.get('HOME') ?? '/root';
    const lines = [...globalFlags]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((f) => (f.name === 'cache-dir' ? { ...f, defaultValue: `${home}/.kube/cache` } : f))
      .map((f) => `    ${f.shorthand ? `-${f.shorthand}, ` : ''}--${f.name}=${formatDefault(f)}:\n\t${f.usage}\n`);
    inv.out(`The following options can be passed to any command:\n\n${lines.join('\n')}\n`);
    return 0;
  },
};

const beginner = 'Basic Commands (Beginner):';
const intermediate = 'Basic Commands (Intermediate):';
const deploy = 'Deploy Commands:';
const cluster = 'Cluster Management Commands:';
const debug = 'Troubleshooting and Debugging Commands:';
const advanced = 'Advanced Commands:';
const settings = 'Settings Commands:';
const other = 'Other Commands:';

export function allCommands(): CommandDef[] {
  const withGroup = (c: CommandDef, group: string): CommandDef => ({ ...c, group });
  return [
    withGroup(createCommand, beginner),
    withGroup(exposeCommand, beginner),
    withGroup(runCommand, beginner),
    withGroup(setCommand, beginner),
    withGroup(explainCommand, intermediate),
    withGroup(getCommand, intermediate),
    withGroup(editCommand, intermediate),
    withGroup(deleteCommand, intermediate),
    withGroup(rolloutCommand, deploy),
    withGroup(scaleCommand, deploy),
    unavailable('autoscale', deploy, 'Auto-scale a deployment, replica set, stateful set, or replication controller'),
    unavailable('certificate', cluster, 'Modify certificate resources'),
    withGroup(clusterInfoCommand, cluster),
    withGroup(topCommand, cluster),
    withGroup(cordonCommand, cluster),
    withGroup(uncordonCommand, cluster),
    withGroup(drainCommand, cluster),
    withGroup(taintCommand, cluster),
    withGroup(describeCommand, debug),
    withGroup(logsCommand, debug),
    unavailable('attach', debug, 'Attach to a running container'),
    withGroup(execCommand, debug),
    withGroup(portForwardCommand, debug),
    unavailable('proxy', debug, 'Run a proxy to the Kubernetes API server'),
    unavailable('cp', debug, 'Copy files and directories to and from containers'),
    unavailable('auth', debug, 'Inspect authorization'),
    unavailable('debug', debug, 'Create debugging sessions for troubleshooting workloads and nodes'),
    unavailable('events', debug, 'List events'),
    unavailable('diff', advanced, 'Diff the live version against a would-be applied version'),
    withGroup(applyCommand, advanced),
    withGroup(patchCommand, advanced),
    withGroup(replaceCommand, advanced),
    withGroup(waitCommand, advanced),
    unavailable('kustomize', advanced, 'Build a kustomization target from a directory or URL'),
    withGroup(labelCommand, settings),
    withGroup(annotateCommand, settings),
    unavailable('completion', settings, 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)'),
    withGroup(apiResourcesCommand, other),
    withGroup(apiVersionsCommand, other),
    withGroup(configCommand, other),
    unavailable('plugin', other, 'Provides utilities for interacting with plugins'),
    withGroup(versionCommand, other),
    optionsCommand,
  ];
}
