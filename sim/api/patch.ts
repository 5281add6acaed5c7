// PATCH semantics as the API server (and kubectl, for --local and --dry-run=client) apply them:
// JSON merge patch (RFC 7386), JSON patch (RFC 6902) and Kubernetes' strategic merge patch with
// the patch merge keys of the built-in types.
//
// A failure carries two wordings: what kubectl prints when it applies the patch itself
// (`error: <local>`), and the ApiError the server answers with.

import { ApiError, badRequest } from './errors';
import { readJsonStream } from './json-syntax';
import { deepClone, setOwn } from './object-utils';
import type { KubeObject } from './types';
import type { ApiServer } from './server';
import { pruneUnknownFields, strictDecode } from './schema';
import { kindRecord } from './kinds';
import { scalableKinds } from './resources';

export type PatchType = 'strategic' | 'merge' | 'json';

export class PatchFailure extends Error {
  constructor(
    /** kubectl's wording when it patches locally (printed after `error: `). */
    message: string,
    /** What the API server answers for the same patch. */
    readonly server: ApiError,
  ) {
    super(message);
    this.name = 'PatchFailure';
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonMap = { [key: string]: Json };

function isMap(value: unknown): value is JsonMap {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A 422 without details, which kubectl prints as `The request is invalid: <message>`. */
function unprocessable(): ApiError {
  return new ApiError('Invalid', 'The request is invalid: the server rejected our request due to an error in our request');
}

// ---- the patch body ----

/** Go's encoding/json message for text that is not one JSON value (no `json: offset` prefix). */
function jsonSyntaxProblem(text: string): { value?: Json; error?: string } {
  const { values, error } = readJsonStream(text);
  if (error) return { error: error.replace(/^json: offset \d+: /, '') };
  if (values.length === 0) return { error: 'unexpected end of JSON input' };
  if (values.length > 1) {
    const match = /^\s*(\S)/.exec(text.slice(endOfFirstValue(text)));
    return { error: `invalid character '${match ? match[1] : '?'}' after top-level value` };
  }
  return { value: values[0] as Json };
}

/** Where the first JSON value of `text` ends (for the after-top-level-value message). */
function endOfFirstValue(text: string): number {
  let depth = 0;
  let inString = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        if (depth === 0) return i + 1;
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      started = true;
    } else if (c === '{' || c === '[') {
      depth++;
      started = true;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    } else if (/\s/.test(c)) {
      if (started && depth === 0) return i;
    } else started = true;
  }
  return text.length;
}

/**
 * Reads a patch body (JSON text, as kubectl sends it after converting YAML) for `type`.
 * Throws PatchFailure worded as the local patcher and the server word a body they cannot read.
 */
export function decodePatchBody(text: string, type: PatchType): unknown {
  const { value, error } = jsonSyntaxProblem(text);
  if (type === 'json') {
    if (error !== undefined) throw new PatchFailure(error, badRequest(error));
    if (!Array.isArray(value)) {
      const message = `json: cannot unmarshal ${goJsonKind(value ?? null)} into Go value of type jsonpatch.Patch`;
      throw new PatchFailure(message, badRequest(message));
    }
    for (const op of value) {
      if (!isMap(op)) {
        const message = `json: cannot unmarshal ${goJsonKind(op)} into Go value of type jsonpatch.Operation`;
        throw new PatchFailure(message, badRequest(message));
      }
    }
    return value;
  }
  if (type === 'merge') {
    // evanphx/json-patch: a body that is not JSON, or neither an object nor an array
    if (error !== undefined || value === null || (typeof value !== 'object')) throw new PatchFailure('Invalid JSON Patch', badRequest('Invalid JSON Patch'));
    return value;
  }
  if (error !== undefined) throw new PatchFailure('invalid JSON document', badRequest(error));
  if (!isMap(value)) {
    // Not checked against a live API server: the server unmarshals the body into map[string]interface{}.
    throw new PatchFailure('invalid JSON document', badRequest(`json: cannot unmarshal ${goJsonKind(value ?? null)} into Go value of type map[string]interface {}`));
  }
  return value;
}

function goJsonKind(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

// ---- applying ----

/**
 * Applies `patch` (already decoded, see decodePatchBody) to `current` and returns the result;
 * `current` is not changed. `kind` selects the strategic merge keys. Throws PatchFailure.
 */
export function applyPatch(current: unknown, patch: unknown, type: PatchType, kind?: string): unknown {
  const doc = deepClone(current) as Json;
  switch (type) {
    case 'merge':
      if (Array.isArray(patch)) {
        // The whole document becomes the array, which is no object.
        const message = 'json: cannot unmarshal array into Go value of type unstructured.detector';
        throw new PatchFailure(message, badRequest(message));
      }
      return mergePatchValue(doc, patch as Json);
    case 'json':
      return applyJsonPatch(doc, patch as JsonMap[]);
    default:
      if (!isMap(patch)) throw new PatchFailure('invalid JSON document', badRequest('json: cannot unmarshal into Go value of type map[string]interface {}'));
      return strategicMergeMap(isMap(doc) ? doc : {}, patch, rootType(kind ?? (isMap(doc) ? String(doc.kind ?? '') : '')));
  }
}

// ---- RFC 7386 ----

function mergePatchValue(target: Json | undefined, patch: Json): Json {
  if (!isMap(patch)) return deepClone(patch);
  const result: JsonMap = isMap(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else setOwn(result, key, mergePatchValue(result[key], value));
  }
  return result;
}

// ---- RFC 6902, with the wording of evanphx/json-patch v4 (which kubectl and the server use) ----

function decodePointer(path: string): string[] {
  if (path === '') return [];
  return path
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

interface Container {
  parent: Json[] | JsonMap;
  key: string;
}

/** The container of the value `path` names, or undefined when a step on the way is missing. */
function findContainer(doc: Json, path: string): Container | undefined {
  if (!path.startsWith('/')) return undefined;
  const parts = decodePointer(path);
  let node: Json = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i];
    if (Array.isArray(node)) {
      if (!/^\d+$/.test(part)) return undefined;
      const index = Number(part);
      if (index >= node.length) return undefined;
      node = node[index];
    } else if (isMap(node)) {
      if (!(part in node)) return undefined;
      node = node[part];
    } else return undefined;
  }
  if (!Array.isArray(node) && !isMap(node)) return undefined;
  return { parent: node, key: parts[parts.length - 1] };
}

function fail(message: string): never {
  throw new PatchFailure(message, unprocessable());
}

function arrayIndex(op: string, path: string, key: string, length: number, forInsert: boolean): number {
  if (key === '-' && forInsert) return length;
  if (!/^-?\d+$/.test(key)) fail(`error in ${op} for path: '${path}': value was not a proper array index: '${key}': strconv.Atoi: parsing ${JSON.stringify(key)}: invalid syntax`);
  const index = Number(key);
  if (index < 0 || index > length || (!forInsert && index === length)) {
    fail(`error in ${op} for path: '${path}': Unable to access invalid index: ${index}: invalid index referenced`);
  }
  return index;
}

function getAt(container: Container): Json | undefined {
  const { parent, key } = container;
  if (Array.isArray(parent)) {
    if (!/^\d+$/.test(key)) return undefined;
    return parent[Number(key)];
  }
  return key in parent ? parent[key] : undefined;
}

function addAt(op: string, path: string, container: Container, value: Json): void {
  const { parent, key } = container;
  if (Array.isArray(parent)) parent.splice(arrayIndex(op, path, key, parent.length, true), 0, value);
  else setOwn(parent, key, value);
}

function removeAt(op: string, path: string, container: Container): Json {
  const { parent, key } = container;
  if (Array.isArray(parent)) {
    const index = arrayIndex(op, path, key, parent.length, false);
    return parent.splice(index, 1)[0];
  }
  if (!(key in parent)) fail(`error in ${op} for path: '${op === 'move' ? key : path}': Unable to remove nonexistent key: ${key}: missing value`);
  const value = parent[key];
  delete parent[key];
  return value;
}

function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as Json[]).length && a.every((item, i) => jsonEqual(item, (b as Json[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b as JsonMap);
  return ka.length === kb.length && ka.every((k) => k in (b as JsonMap) && jsonEqual((a as JsonMap)[k], (b as JsonMap)[k]));
}

function applyJsonPatch(doc: Json, operations: JsonMap[]): Json {
  let root = doc;
  for (const operation of operations) {
    const op = typeof operation.op === 'string' ? operation.op : 'unknown';
    const path = typeof operation.path === 'string' ? operation.path : '';
    const value = operation.value === undefined ? null : deepClone(operation.value);
    const missingPath = () => fail(`${op} operation does not apply: doc is missing path: ${JSON.stringify(path)}: missing value`);
    switch (op) {
      case 'add': {
        if (path === '') {
          root = value;
          break;
        }
        const container = findContainer(root, path) ?? missingPath();
        addAt('add', path, container, value);
        break;
      }
      case 'remove': {
        const container = findContainer(root, path) ?? missingPath();
        removeAt('remove', path, container);
        break;
      }
      case 'replace': {
        if (path === '') {
          root = value;
          break;
        }
        const container = findContainer(root, path) ?? fail(`replace operation does not apply: doc is missing path: ${path}: missing value`);
        if (Array.isArray(container.parent)) {
          const index = /^\d+$/.test(container.key) ? Number(container.key) : -1;
          if (index < 0 || index >= container.parent.length) {
            // kubectl rewrites json-patch's "doc is missing key" message.
            fail(`Object to be patched is missing field (${path}: missing value)`);
          }
          container.parent[index] = value;
        } else container.parent[container.key] = value;
        break;
      }
      case 'move':
      case 'copy': {
        const from = typeof operation.from === 'string' ? operation.from : '';
        const source = findContainer(root, from) ?? fail(`${op} operation does not apply: doc is missing from path: ${JSON.stringify(from)}: missing value`);
        let moved: Json;
        if (op === 'move') moved = removeAt('move', from, source);
        else moved = deepClone(getAt(source) ?? null);
        const target = findContainer(root, path) ?? fail(`${op} operation does not apply: doc is missing destination path: ${JSON.stringify(path)}: missing value`);
        addAt(op, path, target, moved);
        break;
      }
      case 'test': {
        const container = path === '' ? undefined : findContainer(root, path);
        const actual = path === '' ? root : container ? getAt(container) : undefined;
        if (!jsonEqual(actual ?? null, operation.value === undefined ? null : operation.value)) fail(`testing value ${path} failed: test failed`);
        break;
      }
      default:
        fail(`Unexpected kind: ${op}`);
    }
  }
  return root;
}

// ---- strategic merge patch ----

/** How a list field merges: by a merge key, as a set of primitives, or (absent) replaced whole. */
export type ListRule = { key: string } | { set: true };

interface TypeInfo {
  /** Child field → type name of the value (or of the list's items). */
  children?: Record<string, string>;
  lists?: Record<string, ListRule>;
}

const byName: ListRule = { key: 'name' };
const conditions: Record<string, ListRule> = { conditions: { key: 'type' } };

// patchMergeKey / patchStrategy tags of the Kubernetes API types (core/v1, apps/v1, batch/v1, meta/v1).
const types: Record<string, TypeInfo> = {
  ObjectMeta: { lists: { finalizers: { set: true }, ownerReferences: { key: 'uid' } } },
  PodTemplateSpec: { children: { metadata: 'ObjectMeta', spec: 'PodSpec' } },
  PodSpec: {
    children: { containers: 'Container', initContainers: 'Container', ephemeralContainers: 'Container' },
    lists: {
      containers: byName,
      initContainers: byName,
      ephemeralContainers: byName,
      volumes: byName,
      imagePullSecrets: byName,
      hostAliases: { key: 'ip' },
      topologySpreadConstraints: { key: 'topologyKey' },
      resourceClaims: byName,
      schedulingGates: byName,
    },
  },
  Container: {
    lists: { ports: { key: 'containerPort' }, env: byName, volumeMounts: { key: 'mountPath' }, volumeDevices: { key: 'devicePath' } },
  },
  PodStatus: { lists: { ...conditions, podIPs: { key: 'ip' }, hostIPs: { key: 'ip' } } },
  WorkloadSpec: { children: { template: 'PodTemplateSpec' } },
  CronJobSpec: { children: { jobTemplate: 'JobTemplateSpec' } },
  JobTemplateSpec: { children: { metadata: 'ObjectMeta', spec: 'WorkloadSpec' } },
  ServiceSpec: { lists: { ports: { key: 'port' } } },
  NodeSpec: { lists: { podCIDRs: { set: true } } },
  NodeStatus: { lists: { ...conditions, addresses: { key: 'type' } } },
  Status: { lists: conditions },
  Object: {},
};

/** Whether strategic merge knows the merge keys of a struct type (`PodSpec`, `WorkloadSpec`). */
export function isStrategicMergeType(type: string): boolean {
  return type in types;
}

/** The strategic-merge type of a kind's object (`childType` and `listRule` walk down from it). */
export function rootType(kind: string): string {
  return `Kind:${kind}`;
}

/** The type of `field`'s value (or of its list's items) in a value of `type`. */
export function childType(type: string, field: string): string {
  if (type.startsWith('Kind:')) {
    if (field === 'metadata') return 'ObjectMeta';
    const fieldTypes = kindRecord(type.slice(5))?.patchTypes ?? {};
    return fieldTypes[field] ?? (field === 'status' ? 'Status' : 'Object');
  }
  return types[type]?.children?.[field] ?? 'Object';
}

/** How the list in `field` of a value of `type` merges; undefined when it is replaced whole. */
export function listRule(type: string, field: string): ListRule | undefined {
  if (type.startsWith('Kind:')) return undefined;
  return types[type]?.lists?.[field];
}

/** Go's %v of a decoded JSON value: `map[image:nginx name:web]`, `[a b]`. */
function goValue(value: Json): string {
  if (value === null) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goValue).join(' ')}]`;
  if (isMap(value)) {
    return `map[${Object.keys(value)
      .sort()
      .map((k) => `${k}:${goValue(value[k])}`)
      .join(' ')}]`;
  }
  return String(value);
}

function strategicError(message: string, status: 'BadRequest' | 'InternalError' = 'InternalError'): never {
  // Not checked against a live API server: the server turns merge errors it does not classify into a 500 with the plain message.
  throw new PatchFailure(message, new ApiError(status, message));
}

const directive = '$patch';
const setElementOrderPrefix = '$setElementOrder/';
const deleteFromPrimitiveListPrefix = '$deleteFromPrimitiveList/';
const retainKeysDirective = '$retainKeys';

function strategicMergeMap(original: JsonMap, patch: JsonMap, type: string): JsonMap {
  const result: JsonMap = { ...original };
  const patchDirective = patch[directive];
  if (patchDirective !== undefined) {
    if (patchDirective === 'replace') return cleanPatchValue(withoutDirectives(patch), type) as JsonMap;
    if (patchDirective === 'delete') return {};
    if (patchDirective !== 'merge') strategicError(`Unknown patch type: ${patchDirective} in map: ${goValue(patch)}`, 'BadRequest');
  }
  const retain = patch[retainKeysDirective];
  if (Array.isArray(retain)) {
    for (const key of Object.keys(result)) if (!retain.includes(key) && !(key in patch)) delete result[key];
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key === directive || key === retainKeysDirective || key.startsWith(setElementOrderPrefix)) continue;
    if (key.startsWith(deleteFromPrimitiveListPrefix)) {
      const field = key.slice(deleteFromPrimitiveListPrefix.length);
      if (!Array.isArray(value)) strategicError('invalid patch format for the primitive list', 'BadRequest');
      const current = result[field];
      if (Array.isArray(current)) result[field] = current.filter((item) => !(value as Json[]).some((v) => jsonEqual(v, item)));
      continue;
    }
    if (value === null) {
      delete result[key];
      continue;
    }
    const fieldType = childType(type, key);
    const existing = result[key];
    if (existing === undefined || existing === null) {
      setOwn(result, key, cleanPatchValue(value, fieldType, listRule(type, key)));
      continue;
    }
    if (isMap(value) && isMap(existing)) {
      setOwn(result, key, strategicMergeMap(existing, value, fieldType));
    } else if (Array.isArray(value) && Array.isArray(existing)) {
      const rule = listRule(type, key);
      setOwn(result, key, rule ? mergeList(existing, value, rule, fieldType) : cleanPatchValue(value, fieldType));
    } else {
      setOwn(result, key, cleanPatchValue(value, fieldType, listRule(type, key)));
    }
  }
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(setElementOrderPrefix)) continue;
    const field = key.slice(setElementOrderPrefix.length);
    const rule = listRule(type, field);
    const merged = result[field];
    if (!rule || !Array.isArray(order) || !Array.isArray(merged)) continue;
    const originalList = original[field];
    setOwn(result, field, applyElementOrder(merged, order, rule, Array.isArray(originalList) ? originalList : []));
  }
  return result;
}

/**
 * `$setElementOrder/<list>`: the order the client wants for the merged list (kubectl sends it with
 * every list it changes). As apimachinery's strategic merge orders it: the items it names in its
 * order, woven by mergeSorted into the items only the server has, which keep their original order.
 */
function applyElementOrder(merged: Json[], order: Json[], rule: ListRule, original: Json[]): Json[] {
  const identity = (item: Json): Json | undefined => ('set' in rule ? item : isMap(item) ? item[rule.key] : undefined);
  const orderIndex = (item: Json) => order.findIndex((o) => jsonEqual(identity(o) ?? null, identity(item) ?? null));
  const originalIndex = (item: Json) => original.findIndex((o) => jsonEqual(identity(o) ?? null, identity(item) ?? null));
  if ('key' in rule) {
    for (const item of order) if (!isMap(item) || !(rule.key in item)) strategicError(`map: ${goValue(item)} does not contain declared merge key: ${rule.key}`);
  }
  const named = merged.filter((item) => orderIndex(item) >= 0).sort((a, b) => orderIndex(a) - orderIndex(b));
  const serverOnly = merged.filter((item) => orderIndex(item) < 0);
  const known = serverOnly.filter((item) => originalIndex(item) >= 0).sort((a, b) => originalIndex(a) - originalIndex(b));
  const sortedServerOnly = serverOnly.map((item) => (originalIndex(item) >= 0 ? known.shift()! : item));
  return mergeSorted(sortedServerOnly, named, originalIndex);
}

function withoutDirectives(map: JsonMap): JsonMap {
  const copy = { ...map };
  delete copy[directive];
  return copy;
}

/** A patch value for a field the original lacks: nulls and directives are dropped. */
function cleanPatchValue(value: Json, type: string, rule?: ListRule): Json {
  if (isMap(value)) return strategicMergeMap({}, value, type);
  if (Array.isArray(value)) return rule ? mergeList([], value, rule, type) : value.map((item) => (isMap(item) ? strategicMergeMap({}, item, type) : deepClone(item)));
  return deepClone(value);
}

function keyIndex(list: Json[], key: string, value: Json): number {
  return list.findIndex((item) => isMap(item) && jsonEqual(item[key], value));
}

function mergeList(original: Json[], patch: Json[], rule: ListRule, itemType: string): Json[] {
  if ('set' in rule) {
    const merged = [...original];
    for (const item of patch) if (!merged.some((m) => jsonEqual(m, item))) merged.push(deepClone(item));
    const patchItems = merged.filter((m) => patch.some((p) => jsonEqual(p, m)));
    const serverOnly = merged.filter((m) => !patch.some((p) => jsonEqual(p, m)));
    patchItems.sort((a, b) => patch.findIndex((p) => jsonEqual(p, a)) - patch.findIndex((p) => jsonEqual(p, b)));
    return mergeSorted(serverOnly, patchItems, (item) => original.findIndex((o) => jsonEqual(o, item)));
  }
  const key = rule.key;
  // `{"$patch": "replace"}` among the items: the patch's items are the whole list.
  const plainItems: JsonMap[] = [];
  let merged = original.map((item) => deepClone(item));
  for (const item of patch) {
    if (!isMap(item)) strategicError(`map: ${goValue(item)} does not contain declared merge key: ${key}`);
    const itemDirective = item[directive];
    if (itemDirective === 'replace') {
      return patch.filter((p) => !(isMap(p) && p[directive] === 'replace')).map((p) => cleanPatchValue(p, itemType));
    }
    if (itemDirective === 'delete') {
      if (!(key in item)) strategicError(`map: ${goValue(item)} does not contain declared merge key: ${key}`);
      merged = merged.filter((m) => !(isMap(m) && jsonEqual(m[key], item[key])));
      continue;
    }
    if (itemDirective !== undefined && itemDirective !== 'merge') strategicError(`Unknown patch type: ${itemDirective} in map: ${goValue(item)}`, 'BadRequest');
    plainItems.push(item);
  }
  for (const item of plainItems) {
    if (!(key in item)) strategicError(`map: ${goValue(item)} does not contain declared merge key: ${key}`);
    const index = keyIndex(merged, key, item[key]);
    if (index >= 0) merged[index] = strategicMergeMap(merged[index] as JsonMap, item, itemType);
    else merged.push(cleanPatchValue(item, itemType));
  }
  // The order the server gives: items the patch names in patch order, woven into the others by
  // their place in the original list; items new to the list come first where the order is unknown.
  const inPatch = (m: Json) => plainItems.some((p) => isMap(m) && jsonEqual(p[key], m[key]));
  const patchItems = merged.filter(inPatch);
  patchItems.sort((a, b) => keyIndex(plainItems, key, (a as JsonMap)[key]) - keyIndex(plainItems, key, (b as JsonMap)[key]));
  const serverOnly = merged.filter((m) => !inPatch(m));
  return mergeSorted(serverOnly, patchItems, (item) => (isMap(item) ? keyIndex(original, key, item[key]) : -1));
}

/** apimachinery's mergeSortedSlice: a server item goes first only when both have a known place and it is earlier. */
function mergeSorted(left: Json[], right: Json[], serverIndex: (item: Json) => number): Json[] {
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (j >= right.length) out.push(left[i++]);
    else if (i >= left.length) out.push(right[j++]);
    else {
      const li = serverIndex(left[i]);
      const ri = serverIndex(right[j]);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

// ---- the scale subresource ----

/** The autoscaling/v1 Scale of a Deployment, ReplicaSet or StatefulSet. */
export function scaleOf(obj: KubeObject): KubeObject {
  const selector = obj.spec?.selector?.matchLabels as Record<string, string> | undefined;
  const expressions = (obj.spec?.selector?.matchExpressions ?? []) as { key: string; operator: string; values?: string[] }[];
  const parts = Object.entries(selector ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of expressions) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  const meta = obj.metadata;
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'Scale',
    metadata: {
      name: meta.name,
      namespace: meta.namespace,
      uid: meta.uid,
      resourceVersion: meta.resourceVersion,
      creationTimestamp: meta.creationTimestamp,
    },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, selector: parts.join(',') },
  } as KubeObject;
}

export { scalableKinds };

// ---- the PATCH request ----

export interface PatchRequest {
  kind: string;
  namespace: string | undefined;
  name: string;
  /** Decoded with decodePatchBody. */
  patch: unknown;
  type: PatchType;
  dryRun?: boolean;
  /** '', 'status' or 'scale'. */
  subresource?: string;
  /** The client's field manager, whose change the managed fields record. */
  fieldManager?: string;
}

export interface PatchResult {
  /** What the server answers: the patched object (a Scale for the scale subresource). */
  object: KubeObject;
  /** The object (or Scale) as it was before. */
  before: KubeObject;
  /** Warnings the server returns (`unknown field "spec.foo"`). */
  warnings: string[];
}

function serverSide<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof PatchFailure) throw error.server;
    throw error;
  }
}

/**
 * The API server's PATCH handler over any ApiServer: the main resource (status is kept, unknown
 * fields are dropped with a warning, as under the default Warn field validation), `status`, or
 * `scale` for the workloads that have one. Validation and admission run through update().
 */
export function patchResource(api: ApiServer, request: PatchRequest): PatchResult {
  const { kind, namespace, name, type } = request;
  const subresource = request.subresource ?? '';
  const ephemeral = subresource === 'ephemeralcontainers' && kind === 'Pod';
  if (subresource !== '' && subresource !== 'status' && !ephemeral && !(subresource === 'scale' && scalableKinds.includes(kind))) {
    throw new ApiError('NotFound', 'the server could not find the requested resource');
  }
  const current = api.get(kind, namespace, name);
  if (subresource === 'scale') {
    const before = scaleOf(current);
    const patched = serverSide(() => applyPatch(before, request.patch, type, 'Scale')) as KubeObject;
    const replicas = patched?.spec?.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
      throw badRequest(`Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal ${typeof replicas} into Go struct field ScaleSpec.spec.replicas of type int32`);
    }
    if (replicas < 0) {
      // Not checked against a live API server: the Scale validation of the apps registry.
      throw new ApiError('Invalid', `The Scale "${name}" is invalid: spec.replicas: Invalid value: ${replicas}: must be greater than or equal to 0`);
    }
    const next = deepClone(current);
    next.spec = { ...(next.spec ?? {}), replicas };
    const written = api.update(next, { dryRun: request.dryRun, fieldManager: request.fieldManager, subresource: 'scale' });
    return { object: scaleOf(written), before, warnings: [] };
  }
  const patched = serverSide(() => applyPatch(current, request.patch, type, kind)) as KubeObject;
  if (patched === null || typeof patched !== 'object' || Array.isArray(patched)) {
    throw badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
  }
  if (ephemeral) {
    // Only spec.ephemeralContainers changes through this subresource (`kubectl debug`).
    if (request.dryRun) return { object: patched, before: current, warnings: [] };
    return { object: api.updateEphemeralContainers(patched), before: current, warnings: [] };
  }
  if (subresource === 'status') {
    const next = deepClone(current);
    next.status = deepClone(patched.status);
    if (request.dryRun) return { object: next, before: current, warnings: [] };
    return { object: api.updateStatus(next), before: current, warnings: [] };
  }
  const warnings = strictDecode(patched);
  if (!request.dryRun) {
    return { object: api.patch(kind, namespace, name, request.patch, type, { fieldManager: request.fieldManager }), before: current, warnings };
  }
  pruneUnknownFields(patched);
  // The main resource ignores status changes; identity comes from the stored object.
  patched.status = current.status;
  if (patched.status === undefined) delete patched.status;
  return { object: api.update(patched, { dryRun: true, fieldManager: request.fieldManager }), before: current, warnings };
}
