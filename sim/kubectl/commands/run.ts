// `kubectl run NAME --image=IMAGE [-- COMMAND args...]`: creates one Pod.

import type { Program } from '../../process';
import { flag, type CommandDef, type Invocation } from '../command';
import { attachToRunPod } from './run-attach';
import { KubectlError, plainError, usageError } from '../errors';
import type { KubeObject } from '../../api/types';
import { applyPatch, decodePatchBody, PatchFailure, type PatchType } from '../../api/patch';
import { runPod, runService } from '../generators';
import { allowMissingTemplateKeysFlag, argsAfterDash, checkOutputFormat, createGenerated, dryRunFlag, dryRunMode, enforcedNamespace, outputFlag, recursiveFlag, saveConfigFlag, showManagedFieldsFlag, templateFlag } from './common';

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw plainError(`invalid label spec: ${pair}`);
    labels[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return labels;
}

function parseAnnotations(pairs: string[]): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw plainError(`invalid annotations format: ${pair}`);
    annotations[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return annotations;
}

const overrideTypes = ['json', 'merge', 'strategic'];

/** --overrides: a patch of the generated object, merge (RFC 7386) unless --override-type says otherwise. */
function applyOverrides(inv: Invocation, generated: KubeObject): KubeObject {
  const text = inv.flags.string('overrides');
  const type = inv.flags.string('override-type');
  if (!overrideTypes.includes(type)) throw plainError(`invalid override type: ${type}`);
  if (text === '') return generated;
  let result: unknown;
  try {
    result = applyPatch(generated, decodePatchBody(text, type as PatchType), type as PatchType, 'Pod');
  } catch (error) {
    if (error instanceof PatchFailure) throw plainError(error.message);
    throw error;
  }
  if (result === null || typeof result !== 'object' || Array.isArray(result)) {
    throw plainError(
      `couldn't get version/kind; json parse error: json: cannot unmarshal ${Array.isArray(result) ? 'array' : typeof result} into Go value of type struct { APIVersion string "json:\"apiVersion,omitempty\""; Kind string "json:\"kind,omitempty\"" }`,
    );
  }
  const pod = result as KubeObject;
  // kubectl decodes the result into a typed Pod again: every container has its resources field.
  for (const container of (pod.spec?.containers ?? []) as Record<string, unknown>[]) container.resources ??= {};
  return pod;
}

/** Creates (or with --dry-run=client only prints) the objects in order, and reports each. */
function createAll(inv: Invocation, objects: KubeObject[]): number {
  const output = inv.flags.has('output') ? inv.flags.string('output') : '';
  objects.forEach((obj, index) => {
    // kubectl prints each object with a printer of its own: yaml separators come out doubled.
    if (index > 0 && output === 'yaml') inv.out('---\n---\n');
    createGenerated(inv, obj, 'kubectl-run');
  });
  return 0;
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
  const annotations = parseAnnotations(inv.flags.list('annotations'));
  const expose = inv.flags.bool('expose');
  if (expose && !ports) throw usageError(inv.commandPath, '--port must be set when exposing a service');
  const pod = applyOverrides(
    inv,
    runPod({
      name,
      namespace: enforcedNamespace(inv),
      labels,
      annotations,
      restartPolicy: restart,
      container: {
        name,
        image: inv.flags.string('image'),
        command: useCommand ? extra : undefined,
        args: useCommand ? undefined : extra,
        ports,
        env,
        imagePullPolicy: pullPolicy || undefined,
        privileged: inv.flags.bool('privileged'),
        stdin: interactive,
        tty,
      },
    }),
  );
  const attach = inv.flags.bool('attach') || interactive;
  if (inv.flags.bool('rm') && !attach) throw plainError('--rm should only be used for attached containers');
  const service = expose ? runService({ name, namespace: enforcedNamespace(inv), port: ports![0], selector: labels }) : undefined;
  if (!attach) return createAll(inv, service ? [service, pod] : [pod]);
  if (inv.flags.has('output')) throw plainError('--output is not supported with --attach');
  if (service) createAll(inv, [service]);
  pod.spec.containers[0].stdinOnce = interactive ? true : undefined;
  pod.metadata.namespace = inv.namespace;
  const created = inv.deps.api.create(pod, { fieldManager: inv.flags.string('field-manager') });
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

# Start a hazelcast pod and set environment variables "DNS_DOMAIN=cluster" and "POD_NAMESPACE=default" in the container
kubectl run hazelcast --image=hazelcast/hazelcast --env="DNS_DOMAIN=cluster" --env="POD_NAMESPACE=default"

# Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container
kubectl run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"

# Dry run; print the corresponding API objects without creating them
kubectl run nginx --image=nginx --dry-run=client

# Start a nginx pod, but overload the spec with a partial set of values parsed from JSON
kubectl run nginx --image=nginx --overrides='{ "apiVersion": "v1", "spec": { ... } }'

# Start a busybox pod and keep it in the foreground, don't restart it if it exits
kubectl run -i -t busybox --image=busybox --restart=Never

# Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that command
kubectl run nginx --image=nginx -- <arg1> <arg2> ... <argN>

# Start the nginx pod using a different command and custom arguments
kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>`,
  use: 'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  flags: [
    allowMissingTemplateKeysFlag,
    flag('annotations', 'stringArray', 'Annotations to apply to the pod.'),
    flag('attach', 'bool', "If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true. With '--restart=Never' the exit code of the container process is returned."),
    flag('cascade', 'string', 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.', { defaultValue: 'background', noOptDefault: 'background' }),
    flag('command', 'bool', "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default."),
    dryRunFlag,
    flag('env', 'stringArray', 'Environment variables to set in the container.'),
    flag('expose', 'bool', 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.'),
    flag('field-manager', 'string', 'Name of the manager used to track field ownership.', { defaultValue: 'kubectl-run' }),
    flag('filename', 'stringSlice', 'to use to replace the resource.', { shorthand: 'f' }),
    flag('force', 'bool', 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.'),
    flag('grace-period', 'int', 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).', { defaultValue: '-1' }),
    flag('image', 'string', 'The image for the container to run.', { required: true }),
    flag('image-pull-policy', 'string', 'The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.'),
    flag('kustomize', 'string', "Process a kustomization directory. This flag can't be used together with -f or -R.", { shorthand: 'k' }),
    flag('labels', 'string', 'Comma separated labels to apply to the pod. Will override previous values.', { shorthand: 'l' }),
    flag('leave-stdin-open', 'bool', 'If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes. By default, stdin will be closed after the first attach completes.'),
    outputFlag,
    flag('override-type', 'string', 'The method used to override the generated object: json, merge, or strategic.', { defaultValue: 'merge' }),
    flag('overrides', 'string', 'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.'),
    flag('pod-running-timeout', 'duration', 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running', { defaultValue: '1m0s' }),
    flag('port', 'string', 'The port that this container exposes.'),
    flag('privileged', 'bool', 'If true, run the container in privileged mode.'),
    flag('quiet', 'bool', 'If true, suppress prompt messages.', { shorthand: 'q' }),
    recursiveFlag,
    flag('restart', 'string', 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].', { defaultValue: 'Always' }),
    flag('rm', 'bool', "If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'."),
    saveConfigFlag,
    showManagedFieldsFlag,
    flag('stdin', 'bool', 'Keep stdin open on the container in the pod, even if nothing is attached.', { shorthand: 'i' }),
    templateFlag,
    flag('timeout', 'duration', 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object'),
    flag('tty', 'bool', 'Allocate a TTY for the container in the pod.', { shorthand: 't' }),
    flag('wait', 'bool', 'If true, wait for resources to be gone before returning. This waits for finalizers.'),
  ],
  run,
};
