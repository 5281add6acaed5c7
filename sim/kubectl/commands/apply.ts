// `kubectl create -f`, `apply -f` (client-side apply with the last-applied-configuration
// annotation and a three-way merge) and `replace -f`.

import { checkOutputFormat, type DryRun, dryRunMode, printResult, refusing, typeOf } from './common';
import { ApiError, isApiError } from '../../api/errors';
import { labelSelectorMatches, parseLabelSelector } from '../../api/selectors';
import type { KubeObject } from '../../api/types';
import { deepClone, deepEqual } from '../../api/object-utils';
import { kindRecord } from '../../api/kinds';
import type { Invocation, Implementations } from '../command';
import type { Program } from '../../process';
import { formatApiError, formatApiErrorForFile, KubectlError, plainError } from '../errors';
import { hasFileArgs, mappingProblem, readFileArgs, type SourcedObject } from '../manifests';
import { lastAppliedAnnotation, withLastApplied } from '../../api/last-applied';
import { FieldSet, type FieldsV1, type ManagedFieldsEntry } from '../../api/managed-fields';
import { toCompactJson } from '../../api/go-json';

export { lastAppliedAnnotation, withLastApplied };

/** Gives each object its namespace, refusing a mismatch with an explicit -n. */
export function placeInNamespace(inv: Invocation, item: SourcedObject): KubeObject {
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
function forEachManifest(
  inv: Invocation,
  verb: 'apply' | 'create' | 'replace',
  each: (item: SourcedObject, obj: KubeObject, mode: DryRun) => void,
  wording?: (error: ApiError, item: SourcedObject) => string,
): number {
  if (!hasFileArgs(inv)) {
    if (verb === 'create') {
      if (inv.args.length > 0) throw new KubectlError(`error: Unexpected args: [${inv.args.join(' ')}]\nSee '${inv.commandPath} -h' for help and examples`);
      throw plainError('must specify one of -f and -k');
    }
    throw plainError('must specify one of -f and -k');
  }
  checkOutputFormat(inv);
  const mode = dryRunMode(inv);
  let items = readFileArgs(inv);
  // -l keeps only the objects whose labels match.
  if (inv.flags.has('selector')) {
    const selector = parseLabelSelector(inv.flags.string('selector'));
    items = items.filter((item) => labelSelectorMatches(selector, item.object.metadata?.labels));
  }
  if (items.length === 0) throw plainError(`no objects passed to ${verb}`);
  // Objects whose kind the server does not serve in their apiVersion are reported after the rest are done.
  const unmapped = items.map(mappingProblem).filter((problem): problem is string => problem !== undefined);
  items = items.filter((item) => mappingProblem(item) === undefined);
  let failed = unmapped.length > 0;
  for (const item of items) {
    try {
      each(item, placeInNamespace(inv, item), mode);
    } catch (error) {
      if (!isApiError(error)) throw error;
      failed = true;
      const gerund = verb === 'create' ? 'creating' : verb === 'replace' ? 'replacing' : 'creating';
      if (wording) inv.err(`${wording(error, item)}\n`);
      else inv.err(`${error.reason === 'Invalid' ? formatApiError(error) : formatApiErrorForFile(error, gerund, item.source)}\n`);
    }
  }
  // One error is printed as `error: ...`; several, one after another without the prefix.
  if (unmapped.length === 1) inv.err(`error: ${unmapped[0]}\n`);
  else for (const problem of unmapped) inv.err(`${problem}\n`);
  return failed ? 1 : 0;
}

function create(inv: Invocation): number {
  return forEachManifest(inv, 'create', (_item, obj, mode) => {
    const toSend = inv.flags.bool('save-config') ? withLastApplied(obj) : obj;
    const result = mode === 'client' ? toSend : inv.deps.api.create(toSend, { dryRun: mode === 'server', fieldManager: inv.flags.string('field-manager') });
    printResult(inv, result, 'created', mode);
  });
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

/** The object as the server holds it now, in the version of `obj` (kubectl reads it there), or undefined when there is none. */
export function liveObject(inv: Invocation, obj: KubeObject): KubeObject | undefined {
  const type = typeOf(obj);
  try {
    const live = inv.deps.api.get(type.kind, type.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name ?? '');
    return kindRecord(type.kind)?.otherVersions?.[obj.apiVersion]?.fromServed(live) ?? live;
  } catch (error) {
    if (!isApiError(error) || error.reason !== 'NotFound') throw error;
    return undefined;
  }
}

/** What `kubectl apply` makes of `obj` over `live`: the three-way merge with the last applied configuration. */
export function appliedOver(live: KubeObject, obj: KubeObject): KubeObject {
  const desired = withLastApplied(obj);
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
  return merged;
}

/** Whether every field set in `part` has the same value in `whole` (lists item by item). */
function containedIn(part: unknown, whole: unknown): boolean {
  if (isPlainObject(part)) return isPlainObject(whole) && Object.entries(part).every(([key, value]) => containedIn(value, whole[key]));
  if (Array.isArray(part)) return Array.isArray(whole) && part.length === whole.length && part.every((item, i) => containedIn(item, whole[i]));
  return deepEqual(part, whole);
}

function apply(inv: Invocation): number {
  if (inv.flags.bool('force-conflicts') && !inv.flags.bool('server-side')) throw plainError('--force-conflicts only works with --server-side');
  if (inv.flags.bool('server-side')) return serverSideApply(inv);
  const fieldManager = inv.flags.string('field-manager');
  return forEachManifest(inv, 'apply', (_item, obj, mode) => {
    const live = liveObject(inv, obj);
    if (!live) {
      const desired = withLastApplied(obj);
      const result = mode === 'client' ? desired : inv.deps.api.create(desired, { dryRun: mode === 'server', fieldManager });
      printResult(inv, result, 'created', mode);
      return;
    }
    if (mode !== 'client' && live.metadata.annotations?.[lastAppliedAnnotation] === undefined) {
      const type = typeOf(live);
      const resource = `${type.plural}${type.group ? `.${type.group}` : ''}/${live.metadata.name}`;
      inv.err(
        `Warning: resource ${resource} is missing the ${lastAppliedAnnotation} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
      );
    }
    const merged = appliedOver(live, obj);
    // kubectl sends nothing when its patch is empty: every field of the manifest (its
    // last-applied annotation included) already has that value on the live object.
    if (deepEqual(merged, live) || containedIn(withLastApplied(obj), live)) {
      printResult(inv, live, 'unchanged', mode);
      return;
    }
    let result = merged;
    if (mode !== 'client') {
      try {
        result = inv.deps.api.update(merged, { dryRun: mode === 'server', fieldManager });
      } catch (error) {
        if (!isApiError(error) || error.reason === 'Invalid') throw error;
        throw new PatchRefused(error, patchText(live, obj), live);
      }
    }
    printResult(inv, result, 'configured', mode);
  }, (error, item) => {
    if (error instanceof PatchRefused) return `Error from server (${error.reason}): ${error.describe(item.source)}`;
    return error.reason === 'Invalid' ? formatApiError(error) : formatApiErrorForFile(error, 'creating', item.source);
  });
}

/** A refused update of client-side apply, worded as kubectl words a failed patch (cmd/apply/apply.go, patcher.go). */
class PatchRefused extends ApiError {
  constructor(
    cause: ApiError,
    private readonly patch: string,
    private readonly live: KubeObject,
  ) {
    super(cause.reason, cause.message, cause.causes);
  }

  describe(source: string): string {
    const type = typeOf(this.live);
    const version = `${type.group}/${type.version}`;
    return (
      `error when applying patch:\n${this.patch}\nto:\n` +
      `Resource: "${version}, Resource=${type.plural}", GroupVersionKind: "${version}, Kind=${type.kind}"\n` +
      `Name: "${this.live.metadata.name}", Namespace: "${this.live.metadata.namespace ?? ''}"\n` +
      `for: "${source}": error when patching "${source}": ${this.message}`
    );
  }
}

/** The patch client-side apply sends (a three-way merge patch), as JSON, for its error text: maps merge, anything else is replaced whole. */
function patchText(live: KubeObject, obj: KubeObject): string {
  let original: unknown = {};
  try {
    original = JSON.parse(live.metadata.annotations?.[lastAppliedAnnotation] ?? '{}');
  } catch {
    original = {};
  }
  return toCompactJson(threeWayPatch(original, withLastApplied(obj), live) ?? {});
}

function threeWayPatch(original: unknown, modified: unknown, current: unknown): unknown {
  if (!isPlainObject(modified) || !isPlainObject(current)) return deepEqual(modified, current) ? undefined : modified;
  const last = isPlainObject(original) ? original : {};
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(modified)) {
    const changed = key in current ? threeWayPatch(last[key], value, current[key]) : value;
    if (changed !== undefined) patch[key] = changed;
  }
  for (const key of Object.keys(last)) if (!(key in modified)) patch[key] = null;
  return Object.keys(patch).length > 0 ? patch : undefined;
}

/** kubectl's advice after the API server's conflict message (cmd/apply/apply.go). */
const conflictAdvice = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

/** The applier kubectl names when --field-manager is not given with --server-side. */
const serverSideApplier = 'kubectl';

/**
 * `apply --server-side`: each object is sent whole as an apply patch; the API server merges it
 * under the applier's field ownership. An object client-side apply managed before is then moved
 * over, as kubectl does: the last-applied annotation gets an owner of its own, and the fields of
 * the client-side manager become the applier's, so fields dropped from the manifest go.
 */
function serverSideApply(inv: Invocation): number {
  if (['client', 'unchanged', 'true'].includes(inv.flags.string('dry-run'))) throw plainError("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)");
  const fieldManager = inv.flags.has('field-manager') ? inv.flags.string('field-manager') : serverSideApplier;
  const force = inv.flags.bool('force-conflicts');
  const wording = (error: ApiError) => (error.reason === 'Conflict' ? `error: ${error.message}\n${conflictAdvice}` : formatApiError(error));
  return forEachManifest(
    inv,
    'apply',
    (_item, obj, mode) => {
      const dryRun = mode === 'server';
      let result = inv.deps.api.apply(obj, { fieldManager, force, dryRun });
      if (!dryRun) {
        keepLastAppliedOwned(inv, result, fieldManager);
        if (migrateClientSideOwnership(inv, fieldManager, obj)) result = inv.deps.api.apply(obj, { fieldManager, force });
      }
      printResult(inv, result, 'serverside-applied', mode);
    },
    wording,
  );
}

const lastAppliedField = ['f:metadata', 'f:annotations', `f:${lastAppliedAnnotation}`];

function owns(entry: ManagedFieldsEntry, path: string[]): boolean {
  let node: FieldsV1 | undefined = entry.fieldsV1;
  for (const key of path) node = node?.[key];
  return node !== undefined;
}

function managedFieldsOf(obj: KubeObject): ManagedFieldsEntry[] {
  return (obj.metadata.managedFields as ManagedFieldsEntry[] | undefined) ?? [];
}

/**
 * With kubectl's own applier, an object that has the last-applied annotation gets it applied
 * by `kubectl-last-applied`, so the annotation outlives the move and the way back stays open.
 */
function keepLastAppliedOwned(inv: Invocation, live: KubeObject, fieldManager: string): void {
  const annotation = live.metadata.annotations?.[lastAppliedAnnotation];
  if (fieldManager !== serverSideApplier || annotation === undefined) return;
  if (managedFieldsOf(live).some((entry) => entry.operation === 'Apply' && owns(entry, lastAppliedField))) return;
  const justAnnotation: KubeObject = { apiVersion: live.apiVersion, kind: live.kind, metadata: { name: live.metadata.name, annotations: { [lastAppliedAnnotation]: annotation } } };
  if (live.metadata.namespace !== undefined) justAnnotation.metadata.namespace = live.metadata.namespace;
  inv.deps.api.apply(justAnnotation, { fieldManager: 'kubectl-last-applied' });
}

/**
 * The fields client-side apply (the Update managers owning the last-applied annotation) owns
 * become the applier's (csaupgrade). Returns whether anything moved.
 */
function migrateClientSideOwnership(inv: Invocation, fieldManager: string, obj: KubeObject): boolean {
  const type = typeOf(obj);
  const live = inv.deps.api.get(type.kind, type.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name ?? '');
  let entries = managedFieldsOf(live);
  const clientSide = new Set(entries.filter((entry) => entry.operation === 'Update' && owns(entry, lastAppliedField)).map((entry) => entry.manager));
  let moved = false;
  for (const manager of clientSide) {
    const updates = entries.filter((entry) => entry.manager === manager && entry.operation === 'Update' && !entry.subresource);
    if (updates.length === 0) continue;
    const applier = entries.find((entry) => entry.manager === fieldManager && entry.operation === 'Apply' && !entry.subresource);
    const rest = entries.filter((entry) => !updates.includes(entry));
    if (applier) {
      const union = updates.reduce((set, entry) => set.union(FieldSet.fromFieldsV1(entry.fieldsV1)), FieldSet.fromFieldsV1(applier.fieldsV1));
      entries = rest.map((entry) => (entry === applier ? { ...entry, fieldsV1: union.toFieldsV1() } : entry));
    } else {
      entries = [...rest, { ...updates[updates.length - 1], manager: fieldManager, operation: 'Apply' }];
    }
    moved = true;
  }
  if (!moved) return false;
  const patch = [
    { op: 'test', path: '/metadata/resourceVersion', value: live.metadata.resourceVersion },
    { op: 'replace', path: '/metadata/managedFields', value: entries },
  ];
  inv.deps.api.patch(type.kind, type.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name ?? '', patch, 'json');
  return true;
}

function* replace(inv: Invocation): Program {
  // kubectl's own checks: grace period and timeout belong to the delete of --force.
  if (inv.flags.int('grace-period') >= 0 && !inv.flags.bool('force')) throw plainError('--grace-period must have --force specified');
  if (inv.flags.duration('timeout') !== 0 && !inv.flags.bool('force')) throw plainError('--timeout must have --force specified');
  if (inv.flags.bool('force')) return yield* forceReplace(inv);
  return forEachManifest(inv, 'replace', (_item, obj, mode) => {
    const type = typeOf(obj);
    const live = inv.deps.api.get(type.kind, type.namespaced ? obj.metadata.namespace : undefined, obj.metadata.name ?? '');
    const next = inv.flags.bool('save-config') ? withLastApplied(obj) : deepClone(obj);
    if (next.status === undefined && live.status !== undefined) next.status = live.status;
    const result = mode === 'client' ? next : inv.deps.api.update(next, { dryRun: mode === 'server', fieldManager: inv.flags.string('field-manager') });
    printResult(inv, result, 'replaced', mode);
  });
}

/**
 * `replace --force`: deletes each object (gracefully: --force here only means delete and create),
 * waits until they are gone, then creates them from the files again.
 */
function* forceReplace(inv: Invocation): Program {
  if (!hasFileArgs(inv)) throw plainError('must specify one of -f and -k');
  checkOutputFormat(inv);
  const objects = readFileArgs(inv).map((item) => ({ item, obj: placeInNamespace(inv, item) }));
  if (objects.length === 0) throw plainError('no objects passed to replace');
  let grace = inv.flags.int('grace-period');
  // kubectl turns --grace-period=0 into 1 here and waits, to keep the data of the old object safe.
  if (grace === 0) grace = 1;
  const namespaceOf = (obj: KubeObject) => (typeOf(obj).namespaced ? obj.metadata.namespace : undefined);
  for (const { obj } of objects) {
    const type = typeOf(obj);
    try {
      inv.deps.api.delete(type.kind, namespaceOf(obj), obj.metadata.name ?? '', { gracePeriodSeconds: grace >= 0 ? grace : undefined });
      inv.out(`${type.group ? `${type.singular}.${type.group}` : type.singular} "${obj.metadata.name}" deleted\n`);
    } catch (error) {
      // replace creates what does not exist yet, so a missing object is no error.
      if (!isApiError(error) || error.reason !== 'NotFound') throw error;
    }
  }
  const deadline = inv.ctx.now() + (inv.flags.duration('timeout') || 5 * 60_000);
  const present = (obj: KubeObject) => {
    try {
      inv.deps.api.get(typeOf(obj).kind, namespaceOf(obj), obj.metadata.name ?? '');
      return true;
    } catch {
      return false;
    }
  };
  while (objects.some(({ obj }) => present(obj))) {
    if (inv.ctx.now() >= deadline) throw plainError('timed out waiting for the condition');
    yield { kind: 'change', until: deadline };
  }
  let failed = false;
  for (const { item, obj } of objects) {
    const toCreate = inv.flags.bool('save-config') ? withLastApplied(obj) : deepClone(obj);
    delete toCreate.metadata.resourceVersion;
    try {
      printResult(inv, inv.deps.api.create(toCreate, { fieldManager: inv.flags.string('field-manager') }), 'replaced', 'none');
    } catch (error) {
      if (!isApiError(error)) throw error;
      failed = true;
      inv.err(`${error.reason === 'Invalid' ? formatApiError(error) : formatApiErrorForFile(error, 'replacing', item.source)}\n`);
    }
  }
  return failed ? 1 : 0;
}


export { create as createFromFiles };


export { formatApiError };

export const applyCommands: Implementations = {
  apply: { run: refusing(['all', 'cascade', 'force', 'grace-period', 'openapi-patch', 'overwrite', 'prune', 'prune-allowlist', 'subresource', 'timeout', 'wait'], apply) },
  replace: { run: refusing(['cascade', 'raw', 'subresource', 'wait'], replace) },
};
