// `kubectl run NAME --image=IMAGE [-- COMMAND args...]`: creates one Pod.

import type { Program } from '../../process';
import type { Invocation, Implementations } from '../command';
import { attachToRunPod } from './run-attach';
import { KubectlError, plainError, usageError } from '../errors';
import type { KubeObject } from '../../api/types';
import { applyPatch, decodePatchBody, PatchFailure, type PatchType } from '../../api/patch';
import { runPod, runService } from '../generators';
import { argsAfterDash, checkOutputFormat, createGenerated, dryRunMode, enforcedNamespace } from './common';

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
  return attachToRunPod(inv, created);
}

export const runCommands: Implementations = {
  run: { run, required: ['image'] },
};
