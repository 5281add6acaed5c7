// The ReplicaSet controller, and the ReplicationController controller that shares its logic
// (pkg/controller/replicaset): keep spec.replicas active pods matching the selector, adopting
// orphans and releasing pods whose labels no longer match.
import type { EngineContext } from '../engine-context';
import type { KubeObject } from '../api/types';
import type { WatchEvent } from '../api/server';
import { deepClone, deepEqual } from '../api/object-utils';
import { matchesMapSelector, matchesSelector } from './label-selector';
import { controllerRefOf, controllerRefTo, isControlledBy } from './owner-references';
import { isActive, isAvailable, isReady, isTerminating, msUntilAvailable, readyCondition } from './pod-state';
import { createPodFromTemplate } from './pod-template';
import { sortForDeletion } from './pod-deletion-order';
import { keyOf, splitKey, tryWrite, enqueueGuarded } from './api-helpers';
import { inform } from './informer';

/** Creations per sync are capped, like the controller's burstReplicas. */
const burstReplicas = 500;

interface Flavour {
  kind: 'ReplicaSet' | 'ReplicationController';
  component: string;
  selects(owner: KubeObject, labels: Record<string, string> | undefined): boolean;
}

const replicaSetFlavour: Flavour = {
  kind: 'ReplicaSet',
  component: 'replicaset-controller',
  selects: (rs, labels) => matchesSelector(labels, rs.spec?.selector),
};

const replicationControllerFlavour: Flavour = {
  kind: 'ReplicationController',
  component: 'replication-controller',
  // An RC without a selector uses its template's labels.
  selects: (rc, labels) => matchesMapSelector(labels, rc.spec?.selector ?? rc.spec?.template?.metadata?.labels),
};

export function startReplicaSetController(ctx: EngineContext): void {
  startReplicaController(ctx, replicaSetFlavour);
}

export function startReplicationController(ctx: EngineContext): void {
  startReplicaController(ctx, replicationControllerFlavour);
}

function startReplicaController(ctx: EngineContext, flavour: Flavour): void {
  const prefix = flavour.kind === 'ReplicaSet' ? 'replicaset' : 'replicationcontroller';
  const enqueue = (key: string) => enqueueGuarded(ctx, `${prefix}/${key}`, () => syncReplicas(ctx, flavour, key));

  inform(ctx, flavour.kind, (event: WatchEvent) => enqueue(keyOf(event.object)));

  inform(ctx, 'Pod', (event: WatchEvent) => {
    const pod = event.object;
    // A change the owner neither counts nor claims by (a container restarting or waiting out its
    // back-off) leaves its sync nothing to do.
    if (event.type === 'MODIFIED' && event.oldObject && !changesWhatOwnersSee(event.oldObject, pod)) return;
    const namespace = pod.metadata.namespace!;
    for (const version of [event.oldObject, pod]) {
      if (!version) continue;
      const ref = controllerRefOf(version);
      if (ref) {
        if (ref.kind === flavour.kind) enqueue(`${namespace}/${ref.name}`);
      }
    }
    // An orphan, or a pod whose labels changed, may be adopted by any matching owner.
    const labelsChanged = event.oldObject && !deepEqual(event.oldObject.metadata.labels, pod.metadata.labels);
    if (event.type !== 'DELETED' && (!controllerRefOf(pod) || labelsChanged)) {
      for (const owner of ctx.api.list(flavour.kind, namespace, { readOnly: true })) {
        if (flavour.selects(owner, pod.metadata.labels)) enqueue(keyOf(owner));
      }
    }
  });
}

/** Whether a pod changed in what a sync reads: owner, labels, deletion, phase, readiness and since when. */
function changesWhatOwnersSee(old: KubeObject, pod: KubeObject): boolean {
  if (old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp || old.status?.phase !== pod.status?.phase) return true;
  const oldReady = readyCondition(old);
  const ready = readyCondition(pod);
  if (oldReady?.status !== ready?.status || oldReady?.lastTransitionTime !== ready?.lastTransitionTime) return true;
  return !deepEqual(old.metadata.labels, pod.metadata.labels) || !deepEqual(old.metadata.ownerReferences, pod.metadata.ownerReferences);
}

function syncReplicas(ctx: EngineContext, flavour: Flavour, key: string): void {
  const [namespace, name] = splitKey(key);
  // The stored object, read only: a sync runs on every status change of each of its pods.
  const owner = ctx.api.peek(flavour.kind, namespace, name);
  if (!owner) return;
  const pods = claimPods(ctx, flavour, owner);
  if (!isTerminating(owner)) manageReplicas(ctx, flavour, owner, pods.filter(isActive));
  updateStatus(ctx, flavour, owner);
}

/** Adopts matching orphans and releases owned pods that no longer match (ClaimPods). */
function claimPods(ctx: EngineContext, flavour: Flavour, owner: KubeObject): KubeObject[] {
  const claimed: KubeObject[] = [];
  // Pods controlled by another owner are never claimed, so only the owner's and the orphans are
  // read; an orphan this owner would not adopt is passed over, as the walk below would.
  const namespace = owner.metadata.namespace!;
  const owned = ctx.api.listByController('Pod', namespace, owner.metadata.uid);
  const adoptable = isTerminating(owner) ? [] : ctx.api.listByController('Pod', namespace, undefined).filter((pod) => !isTerminating(pod) && flavour.selects(owner, pod.metadata.labels));
  const candidates = adoptable.length === 0 ? owned : [...owned, ...adoptable].sort(byName);
  for (const stored of candidates) {
    const matches = flavour.selects(owner, stored.metadata.labels);
    if (isControlledBy(stored, owner)) {
      if (matches || isTerminating(stored)) {
        claimed.push(stored);
      } else {
        const pod = deepClone(stored);
        pod.metadata.ownerReferences = (pod.metadata.ownerReferences ?? []).filter((ref) => ref.uid !== owner.metadata.uid);
        if (pod.metadata.ownerReferences.length === 0) delete pod.metadata.ownerReferences;
        tryWrite(() => ctx.api.update(pod));
      }
      continue;
    }
    if (!matches || isTerminating(stored) || isTerminating(owner)) continue;
    const pod = deepClone(stored);
    pod.metadata.ownerReferences = [...(pod.metadata.ownerReferences ?? []), controllerRefTo(owner)];
    const adopted = tryWrite(() => ctx.api.update(pod));
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

function byName(a: KubeObject, b: KubeObject): number {
  return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
}

/** Creates or deletes pods to reach spec.replicas; `active` are stored pods, never changed here. */
function manageReplicas(ctx: EngineContext, flavour: Flavour, owner: KubeObject, active: KubeObject[]): void {
  const desired = owner.spec?.replicas ?? 1;
  const diff = active.length - desired;
  if (diff < 0) {
    // Slow start: batches of 1, 2, 4, ... so a failing creation stops early.
    let remaining = Math.min(-diff, burstReplicas);
    for (let batch = 1; remaining > 0; batch *= 2) {
      const size = Math.min(batch, remaining);
      for (let i = 0; i < size; i++) {
        const { pod, error } = createPodFromTemplate(ctx, owner, owner.spec.template);
        if (!pod) {
          if (error) ctx.events.record(owner, 'Warning', 'FailedCreate', `Error creating: ${error.message}`, { component: flavour.component });
          return;
        }
        ctx.events.record(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, { component: flavour.component });
      }
      remaining -= size;
    }
  } else if (diff > 0) {
    for (const pod of sortForDeletion(active).slice(0, Math.min(diff, burstReplicas))) {
      if (tryWrite(() => ctx.api.delete('Pod', pod.metadata.namespace, pod.metadata.name!))) {
        ctx.events.record(owner, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, { component: flavour.component });
      }
    }
  }
}

function updateStatus(ctx: EngineContext, flavour: Flavour, owner: KubeObject): void {
  const fresh = ctx.api.peek(flavour.kind, owner.metadata.namespace, owner.metadata.name!);
  if (!fresh) return;
  const now = ctx.clock.now();
  const minReadySeconds: number = fresh.spec?.minReadySeconds ?? 0;
  const templateLabels: Record<string, string> = fresh.spec?.template?.metadata?.labels ?? {};
  const active = ctx.api.listByController('Pod', fresh.metadata.namespace!, fresh.metadata.uid).filter(isActive);
  let nextAvailableIn: number | undefined;
  for (const pod of active) {
    const wait = msUntilAvailable(pod, minReadySeconds, now);
    if (wait !== undefined) nextAvailableIn = Math.min(nextAvailableIn ?? wait, wait);
  }
  const status: Record<string, unknown> = {
    replicas: active.length,
    fullyLabeledReplicas: active.filter((pod) => Object.entries(templateLabels).every(([k, v]) => pod.metadata.labels?.[k] === v)).length,
    readyReplicas: active.filter(isReady).length,
    availableReplicas: active.filter((pod) => isAvailable(pod, minReadySeconds, now)).length,
    observedGeneration: fresh.metadata.generation,
  };
  // Zero counts are omitted in the stored object, as omitempty does.
  for (const field of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas']) if (status[field] === 0) delete status[field];
  if (fresh.status?.conditions) status.conditions = fresh.status.conditions;
  if (!deepEqual(status, fresh.status ?? {})) tryWrite(() => ctx.api.updateStatus({ ...fresh, status }));
  if (nextAvailableIn !== undefined) {
    const key = keyOf(fresh);
    const prefix = flavour.kind === 'ReplicaSet' ? 'replicaset' : 'replicationcontroller';
    ctx.clock.after(nextAvailableIn, () => enqueueGuarded(ctx, `${prefix}/${key}`, () => syncReplicas(ctx, flavour, key)), 'min-ready-seconds');
  }
}
