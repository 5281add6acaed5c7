// The simulated API server: one store of objects with Kubernetes' metadata rules (names,
// generateName, uid, resourceVersion, generation, deletion with grace periods and finalizers),
// admission (defaulting and validation), watches, and the pod subresources served by kubelets.

import { ApiError, alreadyExists, badRequest, invalidError, notFound } from './errors';
import { applyContainerDefaults } from './defaults/container-defaults';
import { validateEphemeralContainersUpdate } from './validation/pod-validation';
import { applyPatch, PatchFailure, type PatchType } from './patch';
import { pruneUnknownFields } from './schema';
import { apiVersionOf, resourceTypes, type ResourceType } from './resources';
import { kindRecord, type KindRecord } from './kinds';
import { systemPriorityClasses } from './kinds/priority-class';
import type { EngineApi, ApplyOptions, AttachOptions, Attachment, DeleteOptions, ExecOptions, ListOptions, LogLine, LogOptions, WatchEvent, WriteOptions } from './server';
import { applyConfiguration, fieldsStillAsLastApplied, managedFieldsAfterUpdate, type ManagedFieldsEntry } from './managed-fields';
import { lastAppliedAnnotation, lastAppliedOf } from './last-applied';
import { decodedAndDefaulted } from './machinery';
import type { Container, KubeObject } from './types';
import type { Program } from '../process';
import type { Random } from '../engine-context';
import { buildListFilter } from './list-filter';
import { deepClone, deepEqual, newVersion } from './object-utils';
import { rfc3339 } from '../time';
import { podSecurityOnUpdate } from './pod-security/admission';

/** What the API server asks of the rest of the cluster: admission plugins and pod subresources. */
export interface ApiServerHooks {
  /** Defaulting + validation for a new object; throws ApiError. May mutate `obj`. Admission's warnings go to `warn`. */
  admitCreate?(obj: KubeObject, warn: (warning: string) => void): void;
  /** Defaulting and validation of an update; throws ApiError. Returns the object to store. */
  admitUpdate?(newObj: KubeObject, oldObj: KubeObject, warn: (warning: string) => void): KubeObject;
  logs?(pod: KubeObject, options: LogOptions): LogLine[];
  exec?(pod: KubeObject, argv: string[], options: ExecOptions): Program;
  attach?(pod: KubeObject, options: AttachOptions): Attachment;
  /** Computed kinds (PodMetrics, NodeMetrics): served from live data instead of the store. */
  virtualList?(kind: string, namespace: string | undefined): KubeObject[] | undefined;
}

type Listener = (event: WatchEvent) => void;

export class SimApiServer implements EngineApi {
  /** kind → key (`ns/name` or `name`) → stored object. */
  private readonly objects = new Map<string, Map<string, KubeObject>>();
  private readonly listeners = new Map<string, Set<Listener>>();
  /** Stored objects by kind, namespace and controller uid (see controllerGroup), like an informer's indexer. */
  private readonly byController = new Map<string, Map<string, KubeObject>>();
  /** kind → keys in list order, dropped whenever a key is added or removed (see listOrderOf). */
  private readonly listOrder = new Map<string, string[]>();
  /** The same for each group of byController. */
  private readonly controllerOrder = new Map<string, string[]>();
  private resourceVersion = 1000;
  hooks: ApiServerHooks = {};

  constructor(
    private readonly clockNow: () => number,
    private readonly random: Random,
  ) {}

  resourceTypes(): readonly ResourceType[] {
    return resourceTypes;
  }

  now(): number {
    return this.clockNow();
  }

  // ---- reads ----

  get(kind: string, namespace: string | undefined, name: string): KubeObject {
    return deepClone(this.getStored(kind, namespace, name));
  }

  /** The stored object itself, never to be mutated: for readers on hot paths (printers, kubelet). */
  peek(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const type = this.typeOf(kind);
    return this.bucket(type.kind).get(this.keyOf(type, namespace, name));
  }

  listByController(kind: string, namespace: string, controllerUid: string | undefined): KubeObject[] {
    if (!kindRecord(kind)?.indexedByController) throw new Error(`${kind} objects are not indexed by controller`);
    const group = controllerGroup(this.typeOf(kind).kind, namespace, controllerUid ?? '');
    const members = this.byController.get(group);
    if (!members) return [];
    // A ReplicaSet's sync reads its pods and the namespace's orphans at each change of one of
    // its pods: the order is kept until a member comes or goes, as for listOrderOf.
    let keys = this.controllerOrder.get(group);
    if (!keys) {
      keys = [...members.entries()].sort((a, b) => compareByNamespaceAndName(a[1], b[1])).map(([key]) => key);
      this.controllerOrder.set(group, keys);
    }
    return keys.map((key) => members.get(key)!);
  }

  list(kind: string, namespace: string | undefined, options: ListOptions = {}): KubeObject[] {
    const stored = this.listStored(kind, namespace, options);
    return options.readOnly ? stored : stored.map(deepClone);
  }

  private listStored(kind: string, namespace: string | undefined, options: ListOptions): KubeObject[] {
    const type = this.typeOf(kind);
    const virtual = this.hooks.virtualList?.(type.kind, namespace);
    const filter = buildListFilter(type.kind, options);
    const only = type.namespaced ? namespace : undefined;
    const result: KubeObject[] = [];
    if (virtual) {
      for (const obj of virtual) if (listed(obj, only, filter)) result.push(obj);
      result.sort(compareByNamespaceAndName);
      return result;
    }
    const bucket = this.bucket(type.kind);
    for (const key of this.listOrderOf(type.kind)) {
      const obj = bucket.get(key)!;
      if (listed(obj, only, filter)) result.push(obj);
    }
    return result;
  }

  /**
   * The keys of a kind in list order (namespace, then name). A key's object may change but its
   * namespace and name never do, so the order only goes stale when a key is added or removed.
   */
  private listOrderOf(kind: string): string[] {
    let keys = this.listOrder.get(kind);
    if (!keys) {
      const entries = [...this.bucket(kind).entries()].sort((a, b) => compareByNamespaceAndName(a[1], b[1]));
      keys = entries.map(([key]) => key);
      this.listOrder.set(kind, keys);
    }
    return keys;
  }

  // ---- writes ----

  create(input: KubeObject, options: WriteOptions = {}): KubeObject {
    const obj = this.insert(deepClone(input), options, true);
    return options.dryRun ? obj : deepClone(obj);
  }

  createTrusted(object: KubeObject): void {
    this.insert(object, {}, false);
  }

  /**
   * Stores `obj` itself as a new object (after admission, when `admit`), unless it is a dry run; returns it.
   * A create by a field manager records what it set (`managedFields`, when an apply computed them).
   */
  private insert(obj: KubeObject, options: WriteOptions, admit: boolean, managedFields?: ManagedFieldsEntry[]): KubeObject {
    const type = this.typeOf(obj.kind);
    obj.apiVersion = obj.apiVersion || apiVersionOf(type);
    obj.metadata = obj.metadata ?? {};
    let meta = obj.metadata;
    if (type.namespaced) {
      meta.namespace = meta.namespace || 'default';
      this.checkNamespaceAcceptsCreate(meta.namespace);
    } else {
      delete meta.namespace;
    }
    if (!meta.name && meta.generateName) meta.name = meta.generateName + this.random.suffix(5);
    if (!meta.name) {
      throw new ApiError('Invalid', `The ${type.kind} "" is invalid: metadata.name: Required value: name or generateName is required`);
    }
    // The server, not the client, gives an object its uid (admission may already use it, e.g. a Job's selector);
    // an object the cluster makes for itself may come with one.
    if (admit || !meta.uid) meta.uid = uuid(this.random);
    const requested = options.fieldManager && !managedFields ? deepClone(obj) : undefined;
    if (admit) this.hooks.admitCreate?.(obj, warnTo(options));
    if (managedFields) obj.metadata.managedFields = managedFields;
    else if (requested) obj.metadata.managedFields = managedFieldsAfterUpdate(undefined, decodedAndDefaulted(requested), this.writer(type, options), hasStatusSubresource(type));
    if (admit && !(obj.metadata.managedFields as unknown[] | undefined)?.length) delete obj.metadata.managedFields;
    const key = this.keyOf(type, obj.metadata.namespace, obj.metadata.name!);
    if (this.bucket(type.kind).has(key)) throw alreadyExists(type.plural, obj.metadata.name!, type.group);
    if (options.dryRun) return obj;

    meta = obj.metadata;
    meta.creationTimestamp = rfc3339(this.clockNow());
    meta.resourceVersion = this.nextResourceVersion();
    if (recordOf(type).generation) meta.generation = 1;
    delete meta.deletionTimestamp;
    this.put(type.kind, key, obj);
    this.listOrder.delete(type.kind);
    this.notify(type.kind, { type: 'ADDED', object: obj });
    return obj;
  }

  update(input: KubeObject, options: WriteOptions = {}): KubeObject {
    return this.write(input, 'all', options);
  }

  updateStatus(input: KubeObject): KubeObject {
    return this.write(input, 'status', {});
  }

  updateEphemeralContainers(input: KubeObject, options: WriteOptions = {}): KubeObject {
    const type = this.typeOf('Pod');
    const name = input.metadata?.name ?? '';
    const key = this.keyOf(type, input.metadata?.namespace || 'default', name);
    const stored = this.bucket('Pod').get(key);
    if (!stored) throw notFound(type.plural, name);
    // Only spec.ephemeralContainers changes through this subresource; the rest of the input is ignored.
    const ephemeral = deepClone(input.spec?.ephemeralContainers ?? []) as Container[];
    for (const container of ephemeral) applyContainerDefaults(container);
    const spec = { ...stored.spec, ephemeralContainers: ephemeral };
    if (ephemeral.length === 0) delete spec.ephemeralContainers;
    const errors = validateEphemeralContainersUpdate(spec, stored.spec);
    if (errors.length > 0) throw invalidError('Pod', name, errors);
    if (deepEqual(spec, stored.spec)) return deepClone(stored);
    // PodSecurity judges this subresource as a change of the pod: a new ephemeral container is checked.
    const podSecurity = podSecurityOnUpdate({ ...stored, spec }, stored, { list: (kind, namespace) => this.list(kind, namespace, { readOnly: true }) });
    if (podSecurity.error) throw podSecurity.error;
    for (const warning of podSecurity.warnings) options.onWarning?.(warning);
    return this.store(type, key, newVersion(stored, { spec }), stored);
  }

  replaceTrusted(object: KubeObject): void {
    const type = this.typeOf(object.kind);
    const key = this.keyOf(type, object.metadata.namespace, object.metadata.name!);
    const stored = this.bucket(type.kind).get(key);
    if (!stored) throw notFound(type.plural, object.metadata.name!, type.group);
    if (object.metadata.resourceVersion !== stored.metadata.resourceVersion || object.metadata.uid !== stored.metadata.uid) {
      throw new Error(`trusted write of ${type.kind} ${key} from another version`);
    }
    this.storeUncopied(type, key, object, stored);
  }

  setStatusTrusted(kind: string, namespace: string | undefined, name: string, status: Record<string, unknown>): unknown {
    const type = this.typeOf(kind);
    const key = this.keyOf(type, namespace, name);
    const stored = this.bucket(type.kind).get(key);
    if (!stored) throw notFound(type.plural, name, type.group);
    if (deepEqual(status, stored.status)) return stored.status;
    this.storeUncopied(type, key, newVersion(stored, { status }), stored);
    return status;
  }

  patch(kind: string, namespace: string | undefined, name: string, patch: unknown, type: PatchType = 'strategic', options: WriteOptions = {}): KubeObject {
    const current = this.get(kind, namespace, name);
    let next: KubeObject;
    try {
      next = applyPatch(current, patch, type, current.kind) as KubeObject;
    } catch (error) {
      if (error instanceof PatchFailure) throw error.server;
      throw error;
    }
    if (next === null || typeof next !== 'object' || Array.isArray(next)) throw badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
    // Under the default (Warn) field validation the server drops fields it does not know.
    pruneUnknownFields(next);
    // Identity is the URL's: a patch cannot rename or move the object.
    next.kind = current.kind;
    next.metadata = { ...(next.metadata ?? {}), name: current.metadata.name };
    if (current.metadata.namespace !== undefined) next.metadata.namespace = current.metadata.namespace;
    // ObjectMeta's maps and lists are `omitempty`: emptied, they vanish in the server's encoding.
    for (const field of ['labels', 'annotations', 'finalizers'] as const) {
      const value = next.metadata[field] as object | undefined;
      if (value && Object.keys(value).length === 0) delete next.metadata[field];
    }
    return this.write(next, 'all', options);
  }

  apply(config: KubeObject, options: ApplyOptions): KubeObject {
    const type = this.typeOf(config.kind);
    const namespace = type.namespaced ? config.metadata?.namespace || 'default' : undefined;
    const name = config.metadata?.name ?? '';
    const stored = this.bucket(type.kind).get(this.keyOf(type, namespace, name));
    const writer = this.writer(type, options);
    const stripStatus = hasStatusSubresource(type);
    const applied = deepClone(config);
    // The served version is the one ownership is recorded in (an autoscaling/v1 HPA is applied as v2).
    recordOf(type).otherVersions?.[applied.apiVersion]?.toServed(applied);
    applied.apiVersion = apiVersionOf(type);
    if (!stored) {
      const empty = { apiVersion: applied.apiVersion, kind: type.kind, metadata: {} } as KubeObject;
      const result = applyConfiguration(empty, applied, writer, { force: true, stripStatus });
      const created = this.insert(result.object, { dryRun: options.dryRun, onWarning: options.onWarning }, true, result.managedFields);
      return options.dryRun ? created : deepClone(created);
    }
    // kubectl's own applier may take over fields that still hold what client-side apply last applied.
    const lastApplied = stored.metadata.annotations?.[lastAppliedAnnotation];
    const allowed = options.fieldManager === 'kubectl' && lastApplied ? parsedLastApplied(lastApplied, stored) : undefined;
    const result = applyConfiguration(stored, applied, writer, { force: options.force === true, stripStatus, allowed });
    const next = result.object;
    next.metadata = { ...next.metadata, managedFields: result.managedFields };
    // The server keeps that annotation in step with what `kubectl` applies.
    if (options.fieldManager === 'kubectl' && next.metadata.annotations?.[lastAppliedAnnotation] !== undefined) {
      next.metadata.annotations = { ...next.metadata.annotations, [lastAppliedAnnotation]: lastAppliedOf(applied) };
    }
    if (next.status === undefined) delete next.status;
    return this.write(next, 'all', { dryRun: options.dryRun, onWarning: options.onWarning }, result.managedFields);
  }

  delete(kind: string, namespace: string | undefined, name: string, options: DeleteOptions = {}): KubeObject {
    const type = this.typeOf(kind);
    const key = this.keyOf(type, namespace, name);
    const stored = this.bucket(type.kind).get(key);
    if (!stored) throw notFound(type.plural, name, type.group);
    if (type.kind === 'PriorityClass' && systemPriorityClasses.some((system) => system.name === name)) {
      throw new ApiError('Forbidden', `priorityclasses.scheduling.k8s.io "${name}" is forbidden: this is a system priority class and cannot be deleted`);
    }
    if (options.dryRun) return deepClone(stored);

    const obj = deepClone(stored);
    const meta = obj.metadata;
    const policy = options.propagationPolicy;
    const finalizers = new Set(meta.finalizers ?? []);
    if (policy === 'Orphan') finalizers.add('orphan');
    if (policy === 'Foreground') finalizers.add('foregroundDeletion');

    // Pods on a node are removed by their kubelet once the containers have stopped.
    if (type.kind === 'Pod' && obj.spec?.nodeName && !isTerminal(obj)) {
      const grace = options.gracePeriodSeconds ?? meta.deletionGracePeriodSeconds ?? obj.spec.terminationGracePeriodSeconds ?? 30;
      if (grace > 0 || finalizers.size > 0) {
        if (meta.deletionTimestamp && (meta.deletionGracePeriodSeconds ?? 0) <= grace) return deepClone(stored);
        meta.deletionTimestamp = rfc3339(this.clockNow() + grace * 1000);
        meta.deletionGracePeriodSeconds = grace;
        meta.finalizers = finalizers.size > 0 ? [...finalizers] : undefined;
        if (!meta.finalizers) delete meta.finalizers;
        return this.store(type, key, obj, stored);
      }
    }
    if (type.kind === 'Namespace') {
      if (['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(name)) {
        throw new ApiError('Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`);
      }
      if (!meta.deletionTimestamp) {
        meta.deletionTimestamp = rfc3339(this.clockNow());
        obj.status = { ...(obj.status ?? {}), phase: 'Terminating' };
        obj.spec = { ...(obj.spec ?? {}), finalizers: ['kubernetes'] };
        return this.store(type, key, obj, stored);
      }
      if ((obj.spec?.finalizers ?? []).length > 0) return deepClone(stored);
    }
    if (finalizers.size > 0) {
      if (!meta.deletionTimestamp) meta.deletionTimestamp = rfc3339(this.clockNow());
      meta.deletionGracePeriodSeconds = 0;
      meta.finalizers = [...finalizers];
      return this.store(type, key, obj, stored);
    }
    this.remove(type.kind, key, stored);
    this.listOrder.delete(type.kind);
    meta.resourceVersion = this.nextResourceVersion();
    if (!meta.deletionTimestamp) meta.deletionTimestamp = rfc3339(this.clockNow());
    this.notify(type.kind, { type: 'DELETED', object: obj, oldObject: stored });
    return deepClone(obj);
  }

  // ---- watch ----

  watch(kind: string, namespace: string | undefined, listener: Listener): () => void {
    const type = this.typeOf(kind);
    const wrapped: Listener =
      namespace === undefined ? listener : (event) => (event.object.metadata.namespace === namespace ? listener(event) : undefined);
    let set = this.listeners.get(type.kind);
    if (!set) this.listeners.set(type.kind, (set = new Set()));
    set.add(wrapped);
    return () => set!.delete(wrapped);
  }

  /** Every change of every kind (the session's change notification). */
  watchAll(listener: Listener): () => void {
    let set = this.listeners.get('*');
    if (!set) this.listeners.set('*', (set = new Set()));
    set.add(listener);
    return () => set!.delete(listener);
  }

  // ---- subresources ----

  logs(namespace: string, pod: string, options: LogOptions = {}): LogLine[] {
    const obj = this.getStored('Pod', namespace, pod);
    if (!this.hooks.logs) throw new ApiError('BadRequest', 'logs are not available');
    return this.hooks.logs(obj, options);
  }

  exec(namespace: string, pod: string, argv: string[], options: ExecOptions): Program {
    const obj = this.getStored('Pod', namespace, pod);
    if (!this.hooks.exec) throw new ApiError('BadRequest', 'exec is not available');
    return this.hooks.exec(obj, argv, options);
  }

  attach(namespace: string, pod: string, options: AttachOptions): Attachment {
    const obj = this.getStored('Pod', namespace, pod);
    if (!this.hooks.attach) throw new ApiError('BadRequest', 'attach is not available');
    return this.hooks.attach(obj, options);
  }

  // ---- internals ----

  /** Stores a new version of an object; `managedFields` are those an apply computed, else a field manager's update is recorded. */
  private write(input: KubeObject, scope: 'all' | 'status', options: WriteOptions, managedFields?: ManagedFieldsEntry[]): KubeObject {
    const type = this.typeOf(input.kind);
    const namespace = type.namespaced ? input.metadata?.namespace || 'default' : undefined;
    const name = input.metadata?.name;
    if (!name) throw new ApiError('Invalid', `The ${type.kind} "" is invalid: metadata.name: Required value: name is required`);
    const key = this.keyOf(type, namespace, name);
    const stored = this.bucket(type.kind).get(key);
    if (!stored) throw notFound(type.plural, name, type.group);
    const wantedVersion = input.metadata.resourceVersion;
    if (wantedVersion && wantedVersion !== stored.metadata.resourceVersion) {
      throw new ApiError(
        'Conflict',
        `Operation cannot be fulfilled on ${type.group ? `${type.plural}.${type.group}` : type.plural} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      );
    }
    let next: KubeObject;
    if (scope === 'status') {
      // Stored objects are never changed in place, so the new version shares everything but its status.
      if (deepEqual(input.status, stored.status)) return deepClone(stored);
      next = newVersion(stored, { status: deepClone(input.status) });
    } else {
      next = deepClone(input);
      // An object written in another version of its kind (an autoscaling/v1 HPA) is converted first.
      recordOf(type).otherVersions?.[next.apiVersion]?.toServed(next);
      next.apiVersion = stored.apiVersion;
      next.status = input.status !== undefined && !recordOf(type).subresources.includes('status') ? next.status : deepClone(stored.status);
      // System-owned metadata cannot be changed by clients.
      next.metadata.uid = stored.metadata.uid;
      next.metadata.creationTimestamp = stored.metadata.creationTimestamp;
      next.metadata.namespace = stored.metadata.namespace;
      next.metadata.deletionTimestamp = stored.metadata.deletionTimestamp;
      if (!next.metadata.deletionTimestamp) delete next.metadata.deletionTimestamp;
      if (stored.metadata.deletionGracePeriodSeconds !== undefined) next.metadata.deletionGracePeriodSeconds = stored.metadata.deletionGracePeriodSeconds;
      if (stored.metadata.generation !== undefined) next.metadata.generation = stored.metadata.generation;
      // Only PodSecurity warns, and it ignores subresources.
      if (this.hooks.admitUpdate) next = this.hooks.admitUpdate(next, stored, options.subresource ? () => {} : warnTo(options));
      if (recordOf(type).generation && !deepEqual(next.spec, stored.spec)) {
        next.metadata.generation = (stored.metadata.generation ?? 1) + 1;
      }
      // Managed fields the client sent (a migration from client-side apply rewrites them) replace the stored ones.
      const sent = input.metadata.managedFields;
      const base = (Array.isArray(sent) && sent.length > 0 ? sent : stored.metadata.managedFields) as ManagedFieldsEntry[] | undefined;
      if (managedFields) next.metadata.managedFields = managedFields;
      else if (options.fieldManager) next.metadata.managedFields = managedFieldsAfterUpdate(stored, next, this.writer(type, options), hasStatusSubresource(type), base ?? []);
      else next.metadata.managedFields = base;
      if (!(next.metadata.managedFields as unknown[] | undefined)?.length) delete next.metadata.managedFields;
    }
    next.metadata.resourceVersion = stored.metadata.resourceVersion;
    if (deepEqual(next, stored)) return deepClone(stored);
    if (options.dryRun) return next;

    // An object being deleted goes once its last finalizer is removed.
    if (next.metadata.deletionTimestamp && type.kind !== 'Pod' && (next.metadata.finalizers ?? []).length === 0) {
      if (type.kind !== 'Namespace' || (next.spec?.finalizers ?? []).length === 0) {
        this.remove(type.kind, key, stored);
        this.listOrder.delete(type.kind);
        next.metadata.resourceVersion = this.nextResourceVersion();
        this.notify(type.kind, { type: 'DELETED', object: next, oldObject: stored });
        return deepClone(next);
      }
    }
    return this.store(type, key, next, stored);
  }

  private store(type: ResourceType, key: string, obj: KubeObject, old: KubeObject): KubeObject {
    this.storeUncopied(type, key, obj, old);
    return deepClone(obj);
  }

  private storeUncopied(type: ResourceType, key: string, obj: KubeObject, old: KubeObject): void {
    obj.metadata.resourceVersion = this.nextResourceVersion();
    this.put(type.kind, key, obj, old);
    this.notify(type.kind, { type: 'MODIFIED', object: obj, oldObject: old });
  }

  private notify(kind: string, event: WatchEvent): void {
    const set = this.listeners.get(kind);
    if (set && set.size > 0) callEach(set, event);
    const all = this.listeners.get('*');
    if (all && all.size > 0) callEach(all, event);
  }

  /** Who writes, as the managed fields record it. */
  private writer(type: ResourceType, options: WriteOptions): { manager: string; apiVersion: string; time: string; subresource?: string } {
    const writer: { manager: string; apiVersion: string; time: string; subresource?: string } = { manager: options.fieldManager ?? '', apiVersion: apiVersionOf(type), time: rfc3339(this.clockNow()) };
    if (options.subresource) writer.subresource = options.subresource;
    return writer;
  }

  private checkNamespaceAcceptsCreate(namespace: string): void {
    const ns = this.bucket('Namespace').get(namespace);
    if (!ns) throw notFound('namespaces', namespace);
    if (ns.metadata.deletionTimestamp) {
      throw new ApiError('Forbidden', `unable to create new content in namespace ${namespace} because it is being terminated`);
    }
  }

  private getStored(kind: string, namespace: string | undefined, name: string): KubeObject {
    const type = this.typeOf(kind);
    if (recordOf(type).computed) {
      const found = this.listStored(type.kind, namespace, {}).find((o) => o.metadata.name === name);
      if (!found) throw notFound(type.plural, name, type.group);
      return found;
    }
    const stored = this.bucket(type.kind).get(this.keyOf(type, namespace, name));
    if (!stored) throw notFound(type.plural, name, type.group);
    return stored;
  }

  private typeOf(kind: string): ResourceType {
    const type = kindRecord(kind)?.resource;
    if (!type) throw new ApiError('NotFound', `the server could not find the requested resource (kind ${kind})`);
    return type;
  }

  private keyOf(type: ResourceType, namespace: string | undefined, name: string): string {
    return type.namespaced ? `${namespace ?? 'default'}/${name}` : name;
  }

  /** Stores an object under its key (in place of `old`, when it replaces one) and in the index of objects by controller. */
  private put(kind: string, key: string, obj: KubeObject, old?: KubeObject): void {
    this.bucket(kind).set(key, obj);
    if (!kindRecord(kind)?.indexedByController) return;
    const group = controllerGroupOf(kind, obj);
    if (old) {
      const oldGroup = controllerGroupOf(kind, old);
      if (oldGroup !== group) this.unindex(oldGroup, key);
    }
    let members = this.byController.get(group);
    if (!members) this.byController.set(group, (members = new Map()));
    if (!members.has(key)) this.controllerOrder.delete(group);
    members.set(key, obj);
  }

  /** Removes the stored `obj` from its key and from the index. */
  private remove(kind: string, key: string, obj: KubeObject): void {
    this.bucket(kind).delete(key);
    if (kindRecord(kind)?.indexedByController) this.unindex(controllerGroupOf(kind, obj), key);
  }

  private unindex(group: string, key: string): void {
    const members = this.byController.get(group);
    members?.delete(key);
    this.controllerOrder.delete(group);
    if (members?.size === 0) this.byController.delete(group);
  }

  private bucket(kind: string): Map<string, KubeObject> {
    let bucket = this.objects.get(kind);
    if (!bucket) this.objects.set(kind, (bucket = new Map()));
    return bucket;
  }

  private nextResourceVersion(): string {
    this.resourceVersion += 1;
    return String(this.resourceVersion);
  }
}

/** The record of a type the server serves (typeOf has checked that it is served). */
function recordOf(type: ResourceType): KindRecord {
  return kindRecord(type.kind)!;
}

/** A kind whose status is written through its own subresource: the main resource's writes do not own status. */
function hasStatusSubresource(type: ResourceType): boolean {
  return recordOf(type).subresources.includes('status');
}

/** The fields of a last-applied-configuration that still hold their applied values (none when the text does not parse). */
function parsedLastApplied(text: string, live: KubeObject) {
  try {
    const parsed = JSON.parse(text) as KubeObject;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
    parsed.kind = live.kind;
    return fieldsStillAsLastApplied(live, parsed);
  } catch {
    return undefined;
  }
}

/** Whether a list in `namespace` (all of them when undefined) that passes `filter` shows `obj`. */
function listed(obj: KubeObject, namespace: string | undefined, filter: ((obj: KubeObject) => boolean) | undefined): boolean {
  return (namespace === undefined || obj.metadata.namespace === namespace) && (!filter || filter(obj));
}

function controllerGroup(kind: string, namespace: string, controllerUid: string): string {
  return `${kind}\u0000${namespace}\u0000${controllerUid}`;
}

/** The index group of an object: its kind, namespace and the uid of its controller ('' without one). */
function controllerGroupOf(kind: string, obj: KubeObject): string {
  const controller = obj.metadata.ownerReferences?.find((ref) => ref.controller === true);
  return controllerGroup(kind, obj.metadata.namespace ?? '', controller?.uid ?? '');
}

function compareByNamespaceAndName(a: KubeObject, b: KubeObject): number {
  const na = a.metadata.namespace ?? '';
  const nb = b.metadata.namespace ?? '';
  if (na !== nb) return na < nb ? -1 : 1;
  const ma = a.metadata.name ?? '';
  const mb = b.metadata.name ?? '';
  return ma < mb ? -1 : ma > mb ? 1 : 0;
}

function isTerminal(pod: KubeObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function uuid(random: Random): string {
  const hex = random.hex(32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[random.int(4)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Where admission's warnings for a write go: the caller's listener, if it gave one. */
function warnTo(options: WriteOptions): (warning: string) => void {
  return (warning) => options.onWarning?.(warning);
}

/** Calls the listeners watching when the change happened: one added or removed meanwhile does not change who hears it. */
function callEach(listeners: Set<Listener>, event: WatchEvent): void {
  if (listeners.size === 1) {
    listeners.values().next().value!(event);
    return;
  }
  for (const listener of [...listeners]) listener(event);
}
