// `kubectl create -f`, `apply -f` (client-side apply with the last-applied-configuration
// annotation and a three-way merge) and `replace -f`.

import { isApiError } from '../../api/errors';
import type { KubeObject } from '../../api/types';
import { deepClone, deepEqual } from '../../api/object-utils';
import { flag, type CommandDef, type Invocation } from '../command';
import { formatApiError, formatApiErrorForFile, KubectlError, plainError } from '../errors';
import { readManifests, type SourcedObject } from '../manifests';
import { checkOutputFormat, dryRunFlag, dryRunMode, filenameFlag, outputFlag, printResult, typeOf, type DryRun } from './common';

export const lastAppliedAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';

/** Gives each object its namespace, refusing a mismatch with an explicit -n. */
function placeInNamespace(inv: Invocation, item: SourcedObject): KubeObject {
  const obj = deepClone(item.object);
  if (!typeOf(obj).namespaced) {
    delete obj.metadata.namespace;
    return obj;
  }
  const own = obj.metadata.namespace;
  if (own && inv.namespaceGiven && own !== inv.namespace) {
    throw plainError(
      `the namespace from the provided object "${own}" does not match the namespace "${inv.namespace}". You must pass '--namespace=${own}' to perform this operation.`,
    );
  }
  obj.metadata.namespace = own || inv.namespace;
  return obj;
}

/** Runs `each` over every object from -f, reporting failures and going on, as kubectl does. */
function forEachManifest(inv: Invocation, verb: 'apply' | 'create' | 'replace', each: (item: SourcedObject, obj: KubeObject, mode: DryRun) => void): number {
  const filenames = inv.flags.list('filename');
  if (filenames.length === 0) {
    if (verb === 'create') {
      if (inv.args.length > 0) throw new KubectlError(`error: Unexpected args: [${inv.args.join(' ')}]\nSee '${inv.commandPath} -h' for help and examples`);
      throw plainError('must specify one of -f and -k');
    }
    throw plainError('must specify one of -f and -k');
  }
  checkOutputFormat(inv);
  const mode = dryRunMode(inv);
  const items = readManifests(inv, filenames);
  if (items.length === 0) throw plainError(`no objects passed to ${verb}`);
  let failed = false;
  for (const item of items) {
    try {
      each(item, placeInNamespace(inv, item), mode);
    } catch (error) {
      if (!isApiError(error)) throw error;
      failed = true;
      const gerund = verb === 'create' ? 'creating' : verb === 'replace' ? 'replacing' : 'creating';
      inv.err(`${error.reason === 'Invalid' ? formatApiError(error) : formatApiErrorForFile(error, gerund, item.source)}\n`);
    }
  }
  return failed ? 1 : 0;
}

function create(inv: Invocation): number {
  return forEachManifest(inv, 'create', (_item, obj, mode) => {
    const result = mode === 'client' ? obj : inv.deps.api.create(obj, { dryRun: mode === 'server', fieldManager: 'kubectl-create' });
    printResult(inv, result, 'created', mode);
  });
}

/** The annotation value kubectl stores: the applied object as compact JSON, without the annotation itself. */
function lastAppliedOf(obj: KubeObject): string {
  const copy = deepClone(obj);
  const annotations = { ...(copy.metadata.annotations ?? {}) };
  delete annotations[lastAppliedAnnotation];
  if (Object.keys(annotations).length) copy.metadata.annotations = annotations;
  else delete copy.metadata.annotations;
  return JSON.stringify(copy) + '\n';
}

function withLastApplied(obj: KubeObject): KubeObject {
  const copy = deepClone(obj);
  copy.metadata.annotations = { ...(copy.metadata.annotations ?? {}), [lastAppliedAnnotation]: lastAppliedOf(obj) };
  return copy;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isNamedList(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => isPlainObject(item) && typeof item.name === 'string');
}

/**
 * Three-way merge: fields in the new config win; fields that were in the last applied config but
 * are gone from the new one are removed; everything else on the live object stays.
 */
export function threeWayMerge(live: unknown, last: unknown, next: unknown): unknown {
  if (isPlainObject(next) && isPlainObject(live)) {
    const result: Record<string, unknown> = { ...live };
    const lastMap = isPlainObject(last) ? last : {};
    for (const [key, value] of Object.entries(next)) result[key] = threeWayMerge(live[key], lastMap[key], value);
    for (const key of Object.keys(lastMap)) if (!(key in next)) delete result[key];
    return result;
  }
  if (isNamedList(next) && isNamedList(live)) {
    const lastList = isNamedList(last) ? last : [];
    return next.map((item) => {
      const liveItem = live.find((l) => l.name === item.name);
      const lastItem = lastList.find((l) => l.name === item.name);
      return liveItem ? threeWayMerge(liveItem, lastItem, item) : deepClone(item);
    });
  }
  return deepClone(next);
}

function apply(inv: Invocation): number {
  return forEachManifest(inv, 'apply', (_item, obj, mode) => {
    const type = typeOf(obj);
    let live: KubeObject | undefined;
    try {
      live = inv.deps.api.get(type.kind, type.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name ?? '');
    } catch (error) {
      if (!isApiError(error) || error.reason !== 'NotFound') throw error;
    }
    const desired = withLastApplied(obj);
    if (!live) {
      const result = mode === 'client' ? desired : inv.deps.api.create(desired, { dryRun: mode === 'server', fieldManager: 'kubectl-client-side-apply' });
      printResult(inv, result, 'created', mode);
      return;
    }
    const previousText = live.metadata.annotations?.[lastAppliedAnnotation];
    let previous: unknown = {};
    if (previousText) {
      try {
        previous = JSON.parse(previousText);
      } catch {
        previous = {};
      }
    }
    const merged = threeWayMerge(live, previous, desired) as KubeObject;
    merged.status = live.status;
    if (merged.status === undefined) delete merged.status;
    if (deepEqual(merged, live)) {
      printResult(inv, live, 'unchanged', mode);
      return;
    }
    const result = mode === 'client' ? merged : inv.deps.api.update(merged, { dryRun: mode === 'server', fieldManager: 'kubectl-client-side-apply' });
    printResult(inv, result, 'configured', mode);
  });
}

function replace(inv: Invocation): number {
  return forEachManifest(inv, 'replace', (_item, obj, mode) => {
    const type = typeOf(obj);
    const live = inv.deps.api.get(type.kind, type.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name ?? '');
    const next = deepClone(obj);
    if (next.status === undefined && live.status !== undefined) next.status = live.status;
    const result = mode === 'client' ? next : inv.deps.api.update(next, { dryRun: mode === 'server', fieldManager: 'kubectl-replace' });
    printResult(inv, result, 'replaced', mode);
  });
}

export const createFileFlags = [filenameFlag, flag('recursive', 'bool', 'Process the directory used in -f, --filename recursively.', { shorthand: 'R' }), dryRunFlag, outputFlag];

export { create as createFromFiles };

export const applyCommand: CommandDef = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin',
  long: 'Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn\'t exist yet.',
  examples: `# Apply the configuration in pod.json to a pod
kubectl apply -f ./pod.json

# Apply the JSON passed into stdin to a pod
cat pod.json | kubectl apply -f -`,
  use: 'apply (-f FILENAME | -k DIRECTORY) [options]',
  flags: [...createFileFlags],
  run: apply,
};

export const replaceCommand: CommandDef = {
  name: 'replace',
  short: 'Replace a resource by file name or stdin',
  long: 'Replace a resource by file name or stdin.',
  examples: `# Replace a pod using the data in pod.json
kubectl replace -f ./pod.json`,
  use: 'replace -f FILENAME [options]',
  flags: [...createFileFlags, flag('force', 'bool', 'If true, immediately remove resources from API and bypass graceful deletion.')],
  run: replace,
};

export { formatApiError };
