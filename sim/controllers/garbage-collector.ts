// The garbage collector (pkg/controller/garbagecollector): removes dependents whose owners are
// gone, and carries out the propagation policy the API server recorded on a deleted owner as a
// finalizer: `orphan` (strip the owner references, then let the owner go) or `foregroundDeletion`
// (delete the dependents first, then the owner). Background deletion needs no finalizer: the owner
// goes at once and its dependents follow.
import type { EngineContext } from '../engine-context';
import type { KubeObject, OwnerReference } from '../api/types';
import type { WatchEvent } from '../api/server';
import { resourceTypeForKind } from '../api/resources';
import { tryGet, tryWrite, enqueueGuarded } from './api-helpers';
import { inform } from './informer';

/** Kinds whose objects carry owner references in this cluster. */
const dependentKinds = ['Pod', 'ReplicaSet', 'Job', 'ControllerRevision', 'EndpointSlice', 'Endpoints', 'ConfigMap', 'Secret', 'Service', 'Lease', 'Deployment', 'DaemonSet', 'ReplicationController', 'CronJob', 'StatefulSet', 'PersistentVolumeClaim'];
const skippedOwnerKinds = new Set(['Event', 'Binding', 'PodMetrics', 'NodeMetrics', 'Namespace']);

interface OwnerIdentity {
  kind: string;
  namespace?: string;
  name: string;
  uid: string;
}

export function startGarbageCollector(ctx: EngineContext): void {
  const servedKinds = new Set(ctx.api.resourceTypes().map((t) => t.kind));
  const kinds = [...servedKinds].filter((k) => !skippedOwnerKinds.has(k));

  for (const kind of kinds) {
    inform(ctx, kind, (event: WatchEvent) => {
      const obj = event.object;
      const owner: OwnerIdentity = { kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name!, uid: obj.metadata.uid! };
      if (event.type === 'DELETED') {
        enqueueGuarded(ctx, `gc/owner-gone/${owner.uid}`, () => ownerGone(ctx, owner));
      } else if (obj.metadata.deletionTimestamp) {
        enqueueGuarded(ctx, `gc/owner-deleting/${owner.uid}`, () => ownerDeleting(ctx, owner));
      }
      // A dependent that appears (or changes) with owners: check that they exist; a dependent that
      // goes may let a foreground owner finish.
      for (const ref of obj.metadata.ownerReferences ?? []) {
        const namespace = ownerNamespace(ref, obj);
        if (event.type === 'DELETED') {
          enqueueGuarded(ctx, `gc/owner-deleting/${ref.uid}`, () => ownerDeleting(ctx, { kind: ref.kind, namespace, name: ref.name, uid: ref.uid }));
        } else if (event.type === 'ADDED') {
          enqueueGuarded(ctx, `gc/dependent/${obj.metadata.uid}`, () => checkDependent(ctx, obj.kind, obj.metadata.namespace, obj.metadata.name!));
        }
      }
    });
  }
}

function ownerNamespace(ref: OwnerReference, dependent: KubeObject): string | undefined {
  return resourceTypeForKind(ref.kind)?.namespaced === false ? undefined : dependent.metadata.namespace;
}

function ownerExists(ctx: EngineContext, ref: OwnerReference, dependent: KubeObject): boolean {
  if (!resourceTypeForKind(ref.kind)) return true; // unknown kinds are never collected
  const owner = tryGet(ctx, ref.kind, ownerNamespace(ref, dependent), ref.name);
  return !!owner && owner.metadata.uid === ref.uid;
}

function dependentsOf(ctx: EngineContext, owner: OwnerIdentity): KubeObject[] {
  const found: KubeObject[] = [];
  const ownerNamespaced = resourceTypeForKind(owner.kind)?.namespaced !== false;
  for (const kind of dependentKinds) {
    if (!resourceTypeForKind(kind)) continue;
    for (const obj of ctx.api.list(kind, ownerNamespaced ? owner.namespace : undefined)) {
      if ((obj.metadata.ownerReferences ?? []).some((ref) => ref.uid === owner.uid)) found.push(obj);
    }
  }
  return found;
}

/** The owner is gone: delete dependents that have no other live owner; others just lose the reference. */
function ownerGone(ctx: EngineContext, owner: OwnerIdentity): void {
  for (const dependent of dependentsOf(ctx, owner)) collectIfOrphaned(ctx, dependent, 'Background');
}

function checkDependent(ctx: EngineContext, kind: string, namespace: string | undefined, name: string): void {
  const dependent = tryGet(ctx, kind, namespace, name);
  if (dependent) collectIfOrphaned(ctx, dependent, 'Background');
}

function collectIfOrphaned(ctx: EngineContext, dependent: KubeObject, policy: 'Background' | 'Foreground'): void {
  const refs = dependent.metadata.ownerReferences ?? [];
  if (refs.length === 0 || dependent.metadata.deletionTimestamp) return;
  const live = refs.filter((ref) => ownerExists(ctx, ref, dependent));
  if (live.length === refs.length) return;
  if (live.length > 0) {
    dependent.metadata.ownerReferences = live;
    tryWrite(() => ctx.api.update(dependent));
    return;
  }
  tryWrite(() => ctx.api.delete(dependent.kind, dependent.metadata.namespace, dependent.metadata.name!, { propagationPolicy: policy }));
}

function ownerDeleting(ctx: EngineContext, identity: OwnerIdentity): void {
  const owner = tryGet(ctx, identity.kind, identity.namespace, identity.name);
  if (!owner || owner.metadata.uid !== identity.uid || !owner.metadata.deletionTimestamp) return;
  const finalizers = owner.metadata.finalizers ?? [];
  if (finalizers.includes('orphan')) {
    for (const dependent of dependentsOf(ctx, identity)) {
      dependent.metadata.ownerReferences = (dependent.metadata.ownerReferences ?? []).filter((ref) => ref.uid !== identity.uid);
      if (dependent.metadata.ownerReferences.length === 0) delete dependent.metadata.ownerReferences;
      tryWrite(() => ctx.api.update(dependent));
    }
    removeFinalizer(ctx, owner, 'orphan');
    return;
  }
  if (finalizers.includes('foregroundDeletion')) {
    const dependents = dependentsOf(ctx, identity);
    for (const dependent of dependents) {
      if (dependent.metadata.deletionTimestamp) continue;
      const otherOwners = (dependent.metadata.ownerReferences ?? []).filter((ref) => ref.uid !== identity.uid && ownerExists(ctx, ref, dependent));
      if (otherOwners.length > 0) {
        dependent.metadata.ownerReferences = otherOwners;
        tryWrite(() => ctx.api.update(dependent));
      } else {
        // Foreground deletion propagates to dependents that have dependents of their own.
        const policy = dependent.kind === 'Pod' ? 'Background' : 'Foreground';
        tryWrite(() => ctx.api.delete(dependent.kind, dependent.metadata.namespace, dependent.metadata.name!, { propagationPolicy: policy }));
      }
    }
    // Only dependents that block owner deletion are waited for.
    const blocking = dependentsOf(ctx, identity).filter((d) =>
      (d.metadata.ownerReferences ?? []).some((ref) => ref.uid === identity.uid && ref.blockOwnerDeletion),
    );
    if (blocking.length === 0) removeFinalizer(ctx, owner, 'foregroundDeletion');
  }
}

function removeFinalizer(ctx: EngineContext, owner: KubeObject, finalizer: string): void {
  owner.metadata.finalizers = (owner.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  if (owner.metadata.finalizers.length === 0) delete owner.metadata.finalizers;
  tryWrite(() => ctx.api.update(owner));
}
