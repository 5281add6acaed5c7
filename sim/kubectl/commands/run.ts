// `kubectl run NAME --image=IMAGE [-- COMMAND args...]`: creates one Pod.

import type { Program } from '../../process';
import { flag, type CommandDef, type Invocation } from '../command';
import { attachToRunPod } from './run-attach';
import { KubectlError, plainError, usageError } from '../errors';
import { runPod } from '../generators';
import { argsAfterDash, checkOutputFormat, createGenerated, dryRunFlag, dryRunMode, enforcedNamespace, outputFlag } from './common';

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw plainError(`invalid label spec: ${pair}`);
    labels[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return labels;
}

function run(inv: Invocation): Program | number {
  const names = inv.dashAt >= 0 ? inv.args.slice(0, inv.dashAt) : inv.args;
  if (names.length === 0) throw usageError(inv.commandPath, 'NAME is required for run');
  const name = names[0];
  checkOutputFormat(inv);
  const restart = inv.flags.string('restart');
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw usageError(inv.commandPath, `invalid restart policy: ${restart}`);
  const env = inv.flags.list('env').map((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw plainError(`invalid env: ${pair}`);
    return { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
  });
  const portText = inv.flags.string('port');
  let ports: number[] | undefined;
  if (portText !== '') {
    if (!/^[+-]?\d+$/.test(portText)) throw plainError(`strconv.Atoi: parsing "${portText}": invalid syntax`);
    ports = [Number(portText)];
  }
  const pullPolicy = inv.flags.string('image-pull-policy');
  if (pullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) {
    throw plainError(`invalid image pull policy: ${pullPolicy}`);
  }
  const labelText = inv.flags.string('labels');
  const labels = labelText ? parseLabels(labelText) : { run: name };
  const extra = argsAfterDash(inv);
  const useCommand = inv.flags.bool('command');
  if (useCommand && extra.length === 0) throw plainError('--command requires arguments to be specified');
  const interactive = inv.flags.bool('stdin');
  const tty = inv.flags.bool('tty');
  if ((interactive || tty || inv.flags.bool('attach')) && dryRunMode(inv) !== 'none') {
    throw usageError(inv.commandPath, "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  }
  if (tty && !interactive) throw new KubectlError('error: -i/--stdin is required for containers with -t/--tty=true');
  const pod = runPod({
    name,
    namespace: enforcedNamespace(inv),
    labels,
    restartPolicy: restart,
    container: {
      name,
      image: inv.flags.string('image'),
      command: useCommand ? extra : undefined,
      args: useCommand ? undefined : extra,
      ports,
      env,
      imagePullPolicy: pullPolicy || undefined,
      stdin: interactive,
      tty,
    },
  });
  const attach = inv.flags.bool('attach') || interactive;
  if (inv.flags.bool('rm') && !attach) throw plainError('--rm should only be used for attached containers');
  if (!attach) return createGenerated(inv, pod);
  if (inv.flags.has('output')) throw plainError('--output is not supported with --attach');
  pod.spec.containers[0].stdinOnce = interactive ? true : undefined;
  pod.metadata.namespace = inv.namespace;
  const created = inv.deps.api.create(pod, { fieldManager: 'kubectl-run' });
  return attachToRunPod(inv, created, extra);
}

export const runCommand: CommandDef = {
  name: 'run',
  group: 'Basic Commands (Beginner):',
  short: 'Run a particular image on the cluster',
  long: 'Create and run a particular image in a pod.',
  examples: `# Start a nginx pod
kubectl run nginx --image=nginx

# Start a hazelcast pod and let the container expose port 5701
kubectl run hazelcast --image=hazelcast/hazelcast --port=5701

# Start a busybox pod and keep it in the foreground, don't restart it if it exits
kubectl run -i -t busybox --image=busybox --restart=Never

# Start the nginx pod using a different command and custom arguments
kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>`,
  use: 'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  flags: [
    flag('image', 'string', 'The image for the container to run.', { required: true }),
    flag('env', 'stringArray', 'Environment variables to set in the container.'),
    flag('labels', 'string', 'Comma separated labels to apply to the pod. Will override previous values.', { shorthand: 'l' }),
    flag('port', 'string', 'The port that this container exposes.'),
    flag('restart', 'string', "The restart policy for this Pod.  Legal values [Always, OnFailure, Never].", { defaultValue: 'Always' }),
    flag('command', 'bool', 'If true and extra arguments are present, use them as the \'command\' field in the container, rather than the \'args\' field which is the default.'),
    flag('image-pull-policy', 'string', "The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server."),
    flag('stdin', 'bool', 'Keep stdin open on the container in the pod, even if nothing is attached.', { shorthand: 'i' }),
    flag('tty', 'bool', 'Allocate a TTY for the container in the pod.', { shorthand: 't' }),
    flag('rm', 'bool', 'If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with \'--attach\' or with \'-i/--tty\'.'),
    flag('attach', 'bool', 'If true, wait for the Pod to start running, and then attach to the Pod as if \'kubectl attach ...\' were called.'),
    dryRunFlag,
    outputFlag,
  ],
  run,
};
