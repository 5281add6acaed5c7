// `kubectl set image|env|resources`: change the pod template (or a pod's spec) in place;
// `kubectl set selector`: replace a Service's selector. -f (and -k, but for selector) name the
// objects by their manifests.

import { dryRunMode, dryRunSuffix, objectRef, printResult, refusing } from './common';
import type { KubeObject } from '../../api/types';
import { isApiError, type ApiError } from '../../api/errors';
import type { Invocation, Implementations } from '../command';
import { KubectlError, noResourcesSpecified, plainError } from '../errors';
import { parseResourceArgs } from '../resource-args';
import { hasFileArgs, namesOfFileArgs, refuseResourceArgsWithFiles } from '../manifests';

interface ContainerLike {
  name: string;
  image?: string;
  env?: { name: string; value?: string }[];
  resources?: { limits?: Record<string, string>; requests?: Record<string, string> };
}

function podSpecOf(obj: KubeObject): { containers: ContainerLike[]; initContainers?: ContainerLike[] } {
  if (obj.kind === 'Pod') return obj.spec;
  if (obj.kind === 'CronJob') return obj.spec.jobTemplate.spec.template.spec;
  if (!obj.spec?.template?.spec) throw plainError(`${obj.kind} "${obj.metadata.name}" has no pod template`);
  return obj.spec.template.spec;
}

/** The live objects -f or -k names, as the builder gets them before changing them. */
function liveObjectsOfFiles(inv: Invocation, resources: string[]): KubeObject[] {
  refuseResourceArgsWithFiles(inv, resources);
  return namesOfFileArgs(inv).map((target) => inv.deps.api.get(target.type.kind, target.namespace, target.name));
}

/**
 * Splits `TYPE NAME... key=value...` into resources and assignments; -f or -k names the objects
 * instead. `set env` checks for resources in words of its own, and in kubectl 1.32 that check
 * counts only -f, so `set env -k DIR` always fails it.
 */
function splitArgs(inv: Invocation, command: 'env' | 'other' = 'other'): { objects: KubeObject[]; assignments: string[] } {
  const assignments = inv.args.filter((a) => a.includes('=') || /^[A-Za-z_][A-Za-z0-9_]*-$/.test(a));
  const resources = inv.args.filter((a) => !assignments.includes(a));
  if (command === 'env') {
    if (resources.length === 0 && inv.flags.list('filename').length === 0) throw plainError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  } else if (resources.length === 0 && !hasFileArgs(inv)) throw new KubectlError(noResourcesSpecified);
  if (hasFileArgs(inv)) return { objects: liveObjectsOfFiles(inv, resources), assignments };
  const objects: KubeObject[] = [];
  for (const request of parseResourceArgs(resources)) {
    const namespace = request.type.namespaced ? inv.namespace : undefined;
    if (request.names.length) objects.push(...request.names.map((n) => inv.deps.api.get(request.type.kind, namespace, n)));
    else if (inv.flags.bool('all') || inv.flags.has('selector')) {
      objects.push(...inv.deps.api.list(request.type.kind, namespace, { labelSelector: inv.flags.string('selector') || undefined }));
    }
    else throw plainError('resource(s) were provided, but no name was specified');
  }
  return { objects, assignments };
}

function save(inv: Invocation, obj: KubeObject, what: string): void {
  const mode = dryRunMode(inv);
  const result = mode === 'client' ? obj : inv.deps.api.update(obj, { dryRun: mode === 'server' });
  if (inv.flags.has('output')) printResult(inv, result, what, mode);
  else inv.out(`${objectRef(obj)} ${what}${dryRunSuffix(mode)}\n`);
}

function selectedContainers(inv: Invocation, spec: { containers: ContainerLike[]; initContainers?: ContainerLike[] }): ContainerLike[] {
  const all = [...(spec.initContainers ?? []), ...spec.containers];
  const wanted = inv.flags.string('containers') || '*';
  return wanted === '*' ? spec.containers : all.filter((c) => wanted.split(',').includes(c.name));
}

/**
 * The text of the Status the API server refused a write with, as kubectl's error wrapping it shows
 * it: an Invalid one names the kind with its group (`Deployment.apps "web" is invalid: ...`).
 */
function statusMessage(error: ApiError, obj: KubeObject): string {
  if (error.reason !== 'Invalid') return error.message;
  const group = obj.apiVersion.includes('/') ? `.${obj.apiVersion.split('/')[0]}` : '';
  return error.message.replace(/^The (\S+) /, `$1${group} `);
}

function setImage(inv: Invocation): number {
  const { objects, assignments } = splitArgs(inv);
  if (assignments.length === 0) throw plainError('at least one image update is required');
  // kubectl patches each object in turn, and reports the ones the API server refused at the end.
  const refused: string[] = [];
  for (const obj of objects) {
    const spec = podSpecOf(obj);
    let changed = false;
    for (const assignment of assignments) {
      const eq = assignment.indexOf('=');
      const name = assignment.slice(0, eq);
      const image = assignment.slice(eq + 1);
      const all = [...(spec.initContainers ?? []), ...spec.containers];
      const targets = name === '*' ? all : all.filter((c) => c.name === name);
      if (targets.length === 0) throw plainError(`unable to find container named "${name}"`);
      for (const c of targets) {
        if (c.image !== image) changed = true;
        c.image = image;
      }
    }
    // An object already at these images makes an empty patch, which kubectl neither sends nor reports.
    if (!changed) continue;
    try {
      save(inv, obj, 'image updated');
    } catch (error) {
      if (!isApiError(error)) throw error;
      refused.push(`failed to patch image update to pod template: ${statusMessage(error, obj)}`);
    }
  }
  // One error prints as `error: ...`; several, one a line as they are.
  if (refused.length === 1) throw plainError(refused[0]);
  if (refused.length > 1) throw new KubectlError(refused.join('\n'));
  return 0;
}

function setEnv(inv: Invocation): number {
  const split = splitArgs(inv, 'env');
  const objects = split.objects;
  // -e/--env pairs join the KEY=VALUE arguments.
  const assignments = [...split.assignments, ...inv.flags.list('env')];
  if (assignments.length === 0 && !inv.flags.bool('list')) throw plainError('at least one environment variable must be provided');
  for (const obj of objects) {
    const containers = selectedContainers(inv, podSpecOf(obj));
    if (inv.flags.bool('list')) {
      const kindName = `${obj.kind}/${obj.metadata.name}`;
      for (const c of containers) {
        inv.out(`# ${kindName}, container ${c.name}\n`);
        for (const e of c.env ?? []) inv.out(`${e.name}=${e.value ?? ''}\n`);
      }
      continue;
    }
    for (const c of containers) {
      let env = [...(c.env ?? [])];
      for (const assignment of assignments) {
        if (assignment.endsWith('-') && !assignment.includes('=')) {
          env = env.filter((e) => e.name !== assignment.slice(0, -1));
          continue;
        }
        const eq = assignment.indexOf('=');
        const name = assignment.slice(0, eq);
        const value = assignment.slice(eq + 1);
        const existing = env.find((e) => e.name === name);
        if (existing) existing.value = value;
        else env.push({ name, value });
      }
      if (env.length) c.env = env;
      else delete c.env;
    }
    save(inv, obj, 'env updated');
  }
  return 0;
}

function parseResourceList(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of text.split(',').filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw plainError(`invalid resource specification: ${pair}`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

function setResources(inv: Invocation): number {
  const { objects } = splitArgs(inv);
  const limits = parseResourceList(inv.flags.string('limits'));
  const requests = parseResourceList(inv.flags.string('requests'));
  if (!Object.keys(limits).length && !Object.keys(requests).length) throw plainError('you must specify an update to requests or limits (in the form of --requests/--limits)');
  for (const obj of objects) {
    for (const c of selectedContainers(inv, podSpecOf(obj))) {
      const resources = { ...(c.resources ?? {}) };
      if (Object.keys(limits).length) resources.limits = { ...(resources.limits ?? {}), ...limits };
      if (Object.keys(requests).length) resources.requests = { ...(resources.requests ?? {}), ...requests };
      c.resources = resources;
    }
    save(inv, obj, 'resource requirements updated');
  }
  return 0;
}

/**
 * metav1.ParseToLabelSelector: `a=b,c==d` become matchLabels; `a!=b`, `a in (x,y)`, `a notin (x)`,
 * `a` and `!a` become expressions, shown as Go prints them (`{a In [x y]}`).
 */
function parseSelector(text: string): { labels: Record<string, string>; expressions: string[] } {
  const labels: Record<string, string> = {};
  const expressions: string[] = [];
  for (const term of text.match(/[^,(]+(\([^)]*\))?/g) ?? []) {
    const part = term.trim();
    let match: RegExpExecArray | null;
    if ((match = /^([^!=\s]+)\s*(?:==|=)\s*(.*)$/.exec(part))) labels[match[1]] = match[2];
    else if ((match = /^([^!=\s]+)\s*!=\s*(.*)$/.exec(part))) expressions.push(`{${match[1]} NotIn [${match[2]}]}`);
    else if ((match = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(part))) {
      const values = match[3].split(',').map((v) => v.trim()).filter(Boolean).sort();
      expressions.push(`{${match[1]} ${match[2] === 'in' ? 'In' : 'NotIn'} [${values.join(' ')}]}`);
    } else if ((match = /^!(\S+)$/.exec(part))) expressions.push(`{${match[1]} DoesNotExist []}`);
    else if (part) expressions.push(`{${part} Exists []}`);
  }
  return { labels, expressions };
}

function setSelector(inv: Invocation): number {
  if (inv.args.length === 0) throw plainError('one selector is required');
  const selector = parseSelector(inv.args[inv.args.length - 1]);
  const resources = inv.args.slice(0, -1);
  if (resources.length === 0 && !hasFileArgs(inv)) throw new KubectlError(noResourcesSpecified);
  refuseResourceArgsWithFiles(inv, resources);
  const requests = hasFileArgs(inv)
    ? namesOfFileArgs(inv).map(({ type, namespace, name }) => ({ type, namespace, names: [name] }))
    : parseResourceArgs(resources).map((request) => ({ ...request, namespace: request.type.namespaced ? inv.namespace : undefined }));
  for (const { type, namespace, names } of requests) {
    if (names.length === 0) throw plainError('resource(s) were provided, but no name was specified');
    for (const name of names) {
      const obj = inv.deps.api.get(type.kind, namespace, name);
      if (selector.expressions.length > 0) throw plainError(`match expression [${selector.expressions.join(' ')}] not supported on this object`);
      if (obj.kind !== 'Service') throw plainError('setting a selector is only supported for Services');
      obj.spec = { ...obj.spec, selector: { ...selector.labels } };
      save(inv, obj, 'selector updated');
    }
  }
  return 0;
}

export const setCommands: Implementations = {
  'set env': { run: refusing(['from', 'keys', 'local', 'overwrite', 'prefix', 'recursive', 'resolve'], setEnv) },
  'set image': { run: refusing(['local', 'recursive'], setImage) },
  'set selector': { run: refusing(['local', 'recursive', 'resource-version'], setSelector) },
  'set resources': { run: refusing(['local', 'recursive'], setResources) },
};
