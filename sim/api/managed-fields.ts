// Field ownership (metadata.managedFields) and server-side apply, as the API server's field
// manager and structured-merge-diff compute them: which manager owns which field, the merge of
// an applied configuration into the live object, conflicts, and the removal of fields an applier
// stopped applying.
//
// Paths are kept in FieldsV1's own words: `f:name` for a field, `k:{"name":"web"}` for an item of
// a list keyed by merge keys, `v:"x"` for a value of a set. Types come from the strategic merge
// patch tables (the same merge keys); lists without keys are atomic.

import { ApiError } from './errors';
import { childType, listRule, rootType } from './patch';
import { deepClone, deepEqual, setOwn } from './object-utils';
import type { KubeObject } from './types';

export type FieldsV1 = { [key: string]: FieldsV1 };

export interface ManagedFieldsEntry {
  apiVersion: string;
  fieldsType: 'FieldsV1';
  fieldsV1: FieldsV1;
  manager: string;
  operation: 'Apply' | 'Update';
  subresource?: string;
  time: string;
}

type JsonMap = Record<string, unknown>;

function isMap(value: unknown): value is JsonMap {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A set of field paths as a tree; a node is in the set when it is a member. */
export class FieldSet {
  member = false;
  readonly children = new Map<string, FieldSet>();

  child(key: string): FieldSet {
    let node = this.children.get(key);
    if (!node) this.children.set(key, (node = new FieldSet()));
    return node;
  }

  isEmpty(): boolean {
    if (this.member) return false;
    for (const node of this.children.values()) if (!node.isEmpty()) return false;
    return true;
  }

  /** The members, each as its path of FieldsV1 keys, in the order the API server lists them. */
  paths(prefix: string[] = []): string[][] {
    const found: string[][] = [];
    if (this.member && prefix.length > 0) found.push(prefix);
    for (const key of [...this.children.keys()].sort()) found.push(...this.children.get(key)!.paths([...prefix, key]));
    return found;
  }

  union(other: FieldSet): FieldSet {
    const result = this.copy();
    result.add(other);
    return result;
  }

  /** The members of this set that `other` does not hold. */
  difference(other: FieldSet | undefined): FieldSet {
    const result = new FieldSet();
    result.member = this.member && !other?.member;
    for (const [key, node] of this.children) {
      const rest = node.difference(other?.children.get(key));
      if (!rest.isEmpty()) result.children.set(key, rest);
    }
    return result;
  }

  intersection(other: FieldSet | undefined): FieldSet {
    const result = new FieldSet();
    if (!other) return result;
    result.member = this.member && other.member;
    for (const [key, node] of this.children) {
      const common = node.intersection(other.children.get(key));
      if (!common.isEmpty()) result.children.set(key, common);
    }
    return result;
  }

  /** Whether a member lies at or below this node. */
  hasMember(): boolean {
    return !this.isEmpty();
  }

  toFieldsV1(): FieldsV1 {
    const out: FieldsV1 = {};
    if (this.member && this.children.size > 0) out['.'] = {};
    for (const key of [...this.children.keys()].sort()) {
      const node = this.children.get(key)!;
      if (!node.isEmpty()) setOwn(out, key, node.toFieldsV1());
    }
    return out;
  }

  static fromFieldsV1(value: unknown): FieldSet {
    const set = new FieldSet();
    if (!isMap(value)) return set;
    for (const [key, child] of Object.entries(value)) {
      if (key === '.') set.member = true;
      else {
        const node = FieldSet.fromFieldsV1(child);
        if (isMap(child) && Object.keys(child).length === 0) node.member = true;
        set.children.set(key, node);
      }
    }
    return set;
  }

  private copy(): FieldSet {
    const result = new FieldSet();
    result.add(this);
    return result;
  }

  private add(other: FieldSet): void {
    this.member ||= other.member;
    for (const [key, node] of other.children) this.child(key).add(node);
  }
}

// ---- the shape of each value ----

/** Lists whose keys differ from strategic merge's single merge key: ports are keyed by port and protocol. */
const listKeys: Record<string, string[]> = {
  'Container.ports': ['containerPort', 'protocol'],
  'ServiceSpec.ports': ['port', 'protocol'],
};

/** Structs and maps the API marks atomic (`+structType=atomic`, `+mapType=atomic`): owned as one field. */
const atomicFields = new Set(['selector', 'labelSelector', 'namespaceSelector', 'configMapKeyRef', 'secretKeyRef', 'fieldRef', 'resourceFieldRef']);

type Shape = { kind: 'atomic' } | { kind: 'struct'; type: string } | { kind: 'keyed'; keys: string[]; itemType: string } | { kind: 'set' };

const atomic: Shape = { kind: 'atomic' };

function shapeOf(type: string, field: string, value: unknown): Shape {
  if (Array.isArray(value)) {
    const rule = listRule(type, field);
    if (!rule) return atomic;
    if ('set' in rule) return { kind: 'set' };
    return { kind: 'keyed', keys: listKeys[`${type}.${field}`] ?? [rule.key], itemType: childType(type, field) };
  }
  if (isMap(value) && !atomicFields.has(field)) return { kind: 'struct', type: childType(type, field) };
  return atomic;
}

/** The key fields of a list item; a port's protocol has its default, TCP. */
function keyOf(item: unknown, keys: string[]): Record<string, unknown> {
  const key: Record<string, unknown> = {};
  for (const name of [...keys].sort()) {
    const value = isMap(item) ? item[name] : undefined;
    key[name] = value === undefined && name === 'protocol' ? 'TCP' : value;
  }
  return key;
}

function itemKey(item: unknown, keys: string[]): string {
  return `k:${JSON.stringify(keyOf(item, keys))}`;
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

// ---- sets of an object ----

/** The fields an applied configuration sets (ToFieldSet). */
export function appliedFields(config: KubeObject): FieldSet {
  const set = new FieldSet();
  collect(set, config, rootType(config.kind));
  return withoutServerFields(set, false);
}

function collect(set: FieldSet, value: JsonMap, type: string): void {
  for (const [field, child] of Object.entries(value)) {
    if (!present(child)) continue;
    const node = set.child(`f:${field}`);
    const shape = shapeOf(type, field, child);
    if (shape.kind === 'atomic') node.member = true;
    else if (shape.kind === 'struct') {
      if (Object.keys(child as JsonMap).length === 0) node.member = true;
      else collect(node, child as JsonMap, shape.type);
    } else if (shape.kind === 'keyed') {
      for (const item of child as unknown[]) {
        const itemNode = node.child(itemKey(item, shape.keys));
        itemNode.member = true;
        if (isMap(item)) collect(itemNode, item, shape.itemType);
      }
    } else for (const item of child as unknown[]) node.child(`v:${JSON.stringify(item)}`).member = true;
  }
}

/** What an update changed: fields added or given a new value, and fields removed. */
export interface Comparison {
  changed: FieldSet;
  removed: FieldSet;
}

/** Compares two versions of an object field by field (typed.Compare). */
export function compareObjects(before: KubeObject | undefined, after: KubeObject, stripStatus: boolean): Comparison {
  const changed = new FieldSet();
  const removed = new FieldSet();
  compareMaps(changed, removed, before ?? zeroOf(after), after, rootType(after.kind));
  return { changed: withoutServerFields(changed, stripStatus), removed: withoutServerFields(removed, stripStatus) };
}

/** Struct fields Go always encodes, so an object that is new already has them (without their contents). */
const alwaysEncoded = ['metadata', 'spec', 'status', 'template', 'strategy', 'updateStrategy', 'jobTemplate'];

function zeroOf(value: JsonMap): KubeObject {
  const zero: JsonMap = {};
  for (const field of alwaysEncoded) if (isMap(value[field])) zero[field] = zeroOf(value[field] as JsonMap);
  // A pod spec's containers have no omitempty: Go encodes a new spec with `containers: null`.
  if ('containers' in value) zero.containers = null;
  return zero as KubeObject;
}

function compareMaps(changed: FieldSet, removed: FieldSet, before: JsonMap | undefined, after: JsonMap | undefined, type: string): void {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const field of fields) {
    const old = before?.[field];
    const now = after?.[field];
    if (!present(old) && !present(now)) continue;
    const key = `f:${field}`;
    compareValues(changed, removed, key, old, now, shapeOf(type, field, present(now) ? now : old));
  }
}

function compareValues(changed: FieldSet, removed: FieldSet, key: string, old: unknown, now: unknown, shape: Shape): void {
  // A field that was not there at all (not even null) is added, and so is a list that was.
  if (old === undefined) changed.child(key).member = true;
  else if (!present(now)) removed.child(key).member = true;
  if (shape.kind === 'struct' && (!present(old) || isMap(old)) && (!present(now) || isMap(now))) {
    compareMaps(changed.child(key), removed.child(key), old as JsonMap | undefined, now as JsonMap | undefined, shape.type);
  } else if (shape.kind === 'keyed' && (!present(old) || Array.isArray(old)) && (!present(now) || Array.isArray(now))) {
    const oldItems = new Map(((old as unknown[] | undefined) ?? []).map((item) => [itemKey(item, shape.keys), item] as const));
    const newItems = new Map(((now as unknown[] | undefined) ?? []).map((item) => [itemKey(item, shape.keys), item] as const));
    for (const itemKeyText of new Set([...oldItems.keys(), ...newItems.keys()])) {
      const before = oldItems.get(itemKeyText);
      const after = newItems.get(itemKeyText);
      if (before === undefined) changed.child(key).child(itemKeyText).member = true;
      else if (after === undefined) removed.child(key).child(itemKeyText).member = true;
      compareMaps(changed.child(key).child(itemKeyText), removed.child(key).child(itemKeyText), before as JsonMap, after as JsonMap, shape.itemType);
    }
  } else if (shape.kind === 'set' && (!present(old) || Array.isArray(old)) && (!present(now) || Array.isArray(now))) {
    const oldValues = new Set(((old as unknown[] | undefined) ?? []).map((v) => JSON.stringify(v)));
    const newValues = new Set(((now as unknown[] | undefined) ?? []).map((v) => JSON.stringify(v)));
    for (const value of newValues) if (!oldValues.has(value)) changed.child(key).child(`v:${value}`).member = true;
    for (const value of oldValues) if (!newValues.has(value)) removed.child(key).child(`v:${value}`).member = true;
  } else if (present(old) && present(now) && !deepEqual(old, now)) changed.child(key).member = true;
}

/** The fields the server sets and never tracks (the field manager's stripMeta); status when the main resource is written. */
function withoutServerFields(set: FieldSet, stripStatus: boolean): FieldSet {
  set.children.delete('f:apiVersion');
  set.children.delete('f:kind');
  if (stripStatus) set.children.delete('f:status');
  const meta = set.children.get('f:metadata');
  if (meta) {
    for (const field of ['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'generation', 'managedFields', 'resourceVersion']) meta.children.delete(`f:${field}`);
  }
  return set.difference(undefined);
}

// ---- merging and removing ----

/** The live object with the applied configuration merged in (typed.Merge). */
export function mergeApplied(live: KubeObject, config: KubeObject): KubeObject {
  return mergeMaps(live, config, rootType(live.kind)) as KubeObject;
}

function mergeMaps(live: JsonMap, config: JsonMap, type: string): JsonMap {
  const result: JsonMap = { ...live };
  for (const [field, value] of Object.entries(config)) {
    if (!present(value)) continue;
    const shape = shapeOf(type, field, value);
    const current = live[field];
    if (shape.kind === 'struct' && isMap(current)) setOwn(result, field, mergeMaps(current, value as JsonMap, shape.type));
    else if (shape.kind === 'keyed' && Array.isArray(current)) {
      const merged = [...current];
      for (const item of value as unknown[]) {
        const key = itemKey(item, shape.keys);
        const at = merged.findIndex((existing) => itemKey(existing, shape.keys) === key);
        if (at < 0) merged.push(deepClone(item));
        else merged[at] = isMap(merged[at]) && isMap(item) ? mergeMaps(merged[at] as JsonMap, item, shape.itemType) : deepClone(item);
      }
      setOwn(result, field, merged);
    } else if (shape.kind === 'set' && Array.isArray(current)) {
      const merged = [...current];
      for (const item of value as unknown[]) if (!merged.some((existing) => deepEqual(existing, item))) merged.push(item);
      setOwn(result, field, merged);
    } else setOwn(result, field, deepClone(value));
  }
  return result;
}

/** Removes the members of `set` from `obj`, in place. */
export function removeFields(obj: KubeObject, set: FieldSet): void {
  removeFrom(obj, set, rootType(obj.kind));
}

function removeFrom(value: JsonMap, set: FieldSet, type: string): void {
  for (const [key, node] of set.children) {
    if (!key.startsWith('f:')) continue;
    const field = key.slice(2);
    const current = value[field];
    if (!present(current)) continue;
    if (node.member) {
      delete value[field];
      continue;
    }
    const shape = shapeOf(type, field, current);
    if (shape.kind === 'struct') {
      const copy = { ...(current as JsonMap) };
      removeFrom(copy, node, shape.type);
      // Maps are omitted when empty, as Go encodes them.
      if (Object.keys(copy).length === 0 && childType(type, field) === 'Object') delete value[field];
      else value[field] = copy;
    } else if (shape.kind === 'keyed') {
      const items: unknown[] = [];
      for (const item of current as unknown[]) {
        const itemNode = node.children.get(itemKey(item, shape.keys));
        if (itemNode?.member) continue;
        if (itemNode && isMap(item)) {
          const copy = { ...item };
          removeFrom(copy, itemNode, shape.itemType);
          items.push(copy);
        } else items.push(item);
      }
      if (items.length === 0) delete value[field];
      else value[field] = items;
    } else if (shape.kind === 'set') {
      const items = (current as unknown[]).filter((item) => !node.children.get(`v:${JSON.stringify(item)}`)?.member);
      if (items.length === 0) delete value[field];
      else value[field] = items;
    }
  }
}

/**
 * What an applier stops applying and nobody else owns: the members of its last applied set that
 * neither its new set nor another manager holds, at or below them.
 */
export function fieldsToPrune(lastApplied: FieldSet, kept: FieldSet): FieldSet {
  const result = new FieldSet();
  if (lastApplied.member && !kept.hasMember()) {
    result.member = true;
    return result;
  }
  for (const [key, node] of lastApplied.children) {
    const keptNode = kept.children.get(key);
    const pruned = keptNode ? fieldsToPrune(node, keptNode) : node.difference(undefined);
    if (!pruned.isEmpty()) result.children.set(key, pruned);
  }
  return result;
}

// ---- managers ----

/** A manager's identity in conflicts and bookkeeping: its name, operation and subresource (and version, for updates). */
function identityOf(entry: Pick<ManagedFieldsEntry, 'manager' | 'operation' | 'subresource' | 'apiVersion'>): string {
  return JSON.stringify([entry.manager, entry.operation, entry.operation === 'Update' ? entry.apiVersion : '', entry.subresource ?? '']);
}

/** printManager of the API server's conflict message: `"kubectl-client-side-apply" using apps/v1`. */
function describeManager(entry: ManagedFieldsEntry): string {
  let text = JSON.stringify(entry.manager);
  if (entry.subresource) text += ` with subresource ${JSON.stringify(entry.subresource)}`;
  if (entry.operation === 'Update') text += ` using ${entry.apiVersion}`;
  return text;
}

/** A path as the API server prints it: `.spec.template.spec.containers[name="web"].image`. */
export function pathText(path: string[]): string {
  return path
    .map((element) => {
      if (element.startsWith('f:')) return `.${element.slice(2)}`;
      if (element.startsWith('v:')) return `[=${element.slice(2)}]`;
      const key = JSON.parse(element.slice(2)) as Record<string, unknown>;
      return `[${Object.entries(key)
        .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
        .join(',')}]`;
    })
    .join('');
}

export function entriesOf(obj: KubeObject): ManagedFieldsEntry[] {
  const entries = obj.metadata?.managedFields;
  return Array.isArray(entries) ? (entries as ManagedFieldsEntry[]) : [];
}

/** Apply entries first, then by time, manager, version and subresource (the field manager's order). */
function sortEntries(entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return entries.sort(
    (p, q) =>
      compare(p.operation, q.operation) ||
      compare(p.time, q.time) ||
      compare(p.manager, q.manager) ||
      compare(p.apiVersion, q.apiVersion) ||
      compare(p.subresource ?? '', q.subresource ?? ''),
  );
}

interface Writer {
  manager: string;
  operation: 'Apply' | 'Update';
  subresource?: string;
  apiVersion: string;
  time: string;
}

/**
 * The managed fields after a write: the writer's set becomes `ownSet` (Update: what it had plus
 * what it changed; Apply: what it applied), and every other manager loses what changed.
 */
function managersAfter(entries: ManagedFieldsEntry[], writer: Writer, comparison: Comparison, ownSet: FieldSet, objectChanged: boolean): ManagedFieldsEntry[] {
  const identity = identityOf(writer);
  const taken = comparison.changed.union(comparison.removed);
  const result: ManagedFieldsEntry[] = [];
  let previous: ManagedFieldsEntry | undefined;
  for (const entry of entries) {
    if (identityOf(entry) === identity) {
      previous = entry;
      continue;
    }
    const rest = FieldSet.fromFieldsV1(entry.fieldsV1).difference(taken);
    if (!rest.isEmpty()) result.push({ ...entry, fieldsV1: rest.toFieldsV1() });
  }
  if (!ownSet.isEmpty()) {
    // A write that changed nothing keeps the writer's time.
    const time = !objectChanged && previous ? previous.time : writer.time;
    const entry: ManagedFieldsEntry = { apiVersion: writer.apiVersion, fieldsType: 'FieldsV1', fieldsV1: ownSet.toFieldsV1(), manager: writer.manager, operation: writer.operation, time };
    if (writer.subresource) entry.subresource = writer.subresource;
    result.push(entry);
  }
  return sortEntries(result);
}

/** The managed fields after an update (or create, with `before` undefined) by `writer`. */
export function managedFieldsAfterUpdate(
  before: KubeObject | undefined,
  after: KubeObject,
  writer: Omit<Writer, 'operation'>,
  stripStatus: boolean,
  entries: ManagedFieldsEntry[] = before ? entriesOf(before) : [],
): ManagedFieldsEntry[] {
  const comparison = compareObjects(before, after, stripStatus);
  const identity = identityOf({ ...writer, operation: 'Update' });
  const own = entries.find((entry) => identityOf(entry) === identity);
  const ownSet = (own ? FieldSet.fromFieldsV1(own.fieldsV1).difference(comparison.removed) : new FieldSet()).union(comparison.changed);
  return managersAfter(entries, { ...writer, operation: 'Update' }, comparison, ownSet, !comparison.changed.isEmpty() || !comparison.removed.isEmpty());
}

export interface ApplyResult {
  object: KubeObject;
  managedFields: ManagedFieldsEntry[];
}

/**
 * Server-side apply of `config` over `live` (undefined when the object is new): merge, prune what
 * the applier dropped, and check the changed fields against the other managers. Throws the
 * API server's Conflict error unless `force`. `allowed` holds fields whose conflicts are ignored
 * (the upgrade from client-side apply).
 */
export function applyConfiguration(
  live: KubeObject,
  config: KubeObject,
  writer: Omit<Writer, 'operation'>,
  options: { force: boolean; stripStatus: boolean; allowed?: FieldSet },
): ApplyResult {
  const entries = entriesOf(live);
  const writerIdentity = identityOf({ ...writer, operation: 'Apply' });
  const applied = appliedFields(config);
  const previous = entries.find((entry) => identityOf(entry) === writerIdentity);
  let merged = mergeApplied(live, config);
  if (previous) {
    let kept = applied;
    for (const entry of entries) if (entry !== previous) kept = kept.union(FieldSet.fromFieldsV1(entry.fieldsV1));
    const pruned = fieldsToPrune(FieldSet.fromFieldsV1(previous.fieldsV1), kept);
    if (!pruned.isEmpty()) {
      merged = deepClone(merged);
      removeFields(merged, pruned);
    }
  }
  const comparison = compareObjects(live, merged, options.stripStatus);
  if (!options.force) {
    const conflicts: { entry: ManagedFieldsEntry; path: string[] }[] = [];
    for (const entry of entries) {
      if (identityOf(entry) === writerIdentity) continue;
      let clash = FieldSet.fromFieldsV1(entry.fieldsV1).intersection(comparison.changed);
      if (options.allowed) clash = clash.difference(options.allowed);
      for (const path of clash.paths()) conflicts.push({ entry, path });
    }
    if (conflicts.length > 0) throw conflictError(conflicts);
  }
  const objectChanged = !deepEqual(merged, live);
  return { object: merged, managedFields: managersAfter(entries, { ...writer, operation: 'Apply' }, comparison, applied, objectChanged) };
}

function conflictError(conflicts: { entry: ManagedFieldsEntry; path: string[] }[]): ApiError {
  if (conflicts.length === 1) {
    const [only] = conflicts;
    return new ApiError('Conflict', `Apply failed with 1 conflict: conflict with ${describeManager(only.entry)}: ${pathText(only.path)}`);
  }
  const byManager = new Map<string, { entry: ManagedFieldsEntry; paths: string[][] }>();
  for (const { entry, path } of conflicts) {
    const key = identityOf(entry);
    if (!byManager.has(key)) byManager.set(key, { entry, paths: [] });
    byManager.get(key)!.paths.push(path);
  }
  const lines: string[] = [];
  const groups = [...byManager.values()].sort((a, b) => (a.entry.manager < b.entry.manager ? -1 : a.entry.manager > b.entry.manager ? 1 : 0));
  for (const group of groups) {
    lines.push(`conflicts with ${describeManager(group.entry)}:`);
    for (const path of group.paths) lines.push(`- ${pathText(path)}`);
  }
  return new ApiError('Conflict', `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`);
}

/**
 * The fields of the last-applied-configuration annotation whose live value is still the one
 * applied: conflicts there are ignored for the `kubectl` applier, so moving from client-side
 * to server-side apply with the same manifest just works.
 */
export function fieldsStillAsLastApplied(live: KubeObject, lastApplied: KubeObject): FieldSet {
  const set = appliedFields(lastApplied);
  const differing = compareObjects(lastApplied, live, false);
  return set.difference(differing.changed);
}
