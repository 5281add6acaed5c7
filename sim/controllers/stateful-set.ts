// The StatefulSet controller (pkg/controller/statefulset): pods named <set>-<ordinal> with a stable
// hostname under the set's Service, each with its own claims from volumeClaimTemplates. With
// OrderedReady it creates one pod at a time, in ordinal order, waiting for each to be running and
// ready, and removes them highest ordinal first; Parallel does both at once. A RollingUpdate
// replaces pods from the highest ordinal down to the partition, one at a time.
import type { EngineContext } from '../engine-context';
import type { KubeObject } from '../api/types';
import type { WatchEvent } from '../api/server';
import { deepClone, deepEqual } from '../api/object-utils';
import { controllerRefOf, isControlledBy } from './owner-references';
import { isAvailable, isReady, isTerminal, isTerminating, msUntilAvailable } from './pod-state';
import { podFromTemplate } from './pod-template';
import { computePodTemplateHash } from './pod-template-hash';
import { keyOf, splitKey, tryGet, tryWrite, enqueueGuarded } from './api-helpers';
import { inform } from './informer';
import { syncTemplateRevision } from './controller-history';
import { ApiError } from '../api/errors';

const source = { component: 'statefulset-controller' };
export const revisionHashLabel = 'controller-revision-hash';
export const podNameLabel = 'statefulset.kubernetes.io/pod-name';
export const podIndexLabel = 'apps.kubernetes.io/pod-index';
const historyHashLabel = 'controller.kubernetes.io/hash';

export function startStatefulSetController(ctx: EngineContext): void {
  const enqueue = (key: string) => enqueueGuarded(ctx, `statefulset/${key}`, () => syncStatefulSet(ctx, key, enqueue));
  inform(ctx, 'StatefulSet', (event: WatchEvent) => {
    if (event.type !== 'DELETED') enqueue(keyOf(event.object));
  });
  inform(ctx, 'Pod', (event: WatchEvent) => {
    const ref = controllerRefOf(event.object);
    if (ref?.kind === 'StatefulSet') enqueue(`${event.object.metadata.namespace}/${ref.name}`);
  });
}

/** The ordinal of a pod named <set>-<n>, or -1. */
export function ordinalOf(set: KubeObject, pod: KubeObject): number {
  const prefix = `${set.metadata.name}-`;
  const name = pod.metadata.name ?? '';
  if (!name.startsWith(prefix)) return -1;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9][0-9]*)$/.test(rest) ? Number(rest) : -1;
}

/** The revision of the set's current template: a ControllerRevision named <set>-<hash>. */
function updateRevision(ctx: EngineContext, set: KubeObject): string {
  // The controller always hashes with a collision count, 0 until a name clash.
  return syncTemplateRevision(ctx, set, computePodTemplateHash(set.spec.template, set.status?.collisionCount ?? 0), historyHashLabel);
}

/** The claim name a template gives a pod: <template>-<pod>. */
export function claimName(template: KubeObject, podName: string): string {
  return `${template.metadata?.name ?? ''}-${podName}`;
}

function newPod(set: KubeObject, ordinal: number, revision: string): KubeObject {
  const name = `${set.metadata.name}-${ordinal}`;
  const pod = podFromTemplate(set, set.spec.template, name, { [revisionHashLabel]: revision, [podNameLabel]: name, [podIndexLabel]: String(ordinal) });
  delete pod.metadata.generateName;
  pod.spec.hostname = name;
  if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName;
  const volumes: any[] = (pod.spec.volumes ?? []).filter((v: any) => !(set.spec.volumeClaimTemplates ?? []).some((t: KubeObject) => t.metadata?.name === v.name));
  for (const template of set.spec.volumeClaimTemplates ?? []) volumes.push({ name: template.metadata.name, persistentVolumeClaim: { claimName: claimName(template, name) } });
  if (volumes.length > 0) pod.spec.volumes = volumes;
  return pod;
}

/** Creates the pod's missing claims; false when one could not be made. */
function createClaims(ctx: EngineContext, set: KubeObject, podName: string): boolean {
  for (const template of set.spec.volumeClaimTemplates ?? []) {
    const name = claimName(template, podName);
    if (tryGet(ctx, 'PersistentVolumeClaim', set.metadata.namespace, name)) continue;
    const claim: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name, namespace: set.metadata.namespace, labels: { ...(template.metadata?.labels ?? {}), ...(set.spec.selector?.matchLabels ?? {}) } },
      spec: deepClone(template.spec ?? {}),
    };
    if (template.metadata?.annotations) claim.metadata.annotations = { ...template.metadata.annotations };
    // persistentVolumeClaimRetentionPolicy.whenDeleted: Delete makes the set an owner, so the claim goes with it.
    if (set.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete') claim.metadata.ownerReferences = [ownerRef(set)];
    try {
      ctx.api.create(claim);
      ctx.events.record(set, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${podName} in StatefulSet ${set.metadata.name} success`, source);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      ctx.events.record(set, 'Warning', 'FailedCreate', `create Claim ${name} for Pod ${podName} in StatefulSet ${set.metadata.name} failed error: ${error.message}`, source);
      return false;
    }
  }
  return true;
}

function createPod(ctx: EngineContext, set: KubeObject, pod: KubeObject): void {
  if (!createClaims(ctx, set, pod.metadata.name!)) return;
  try {
    ctx.api.create(pod);
    ctx.events.record(set, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, source);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.reason !== 'AlreadyExists') ctx.events.record(set, 'Warning', 'FailedCreate', `create Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${error.message}`, source);
  }
}

/** A plain (not controlling) reference, as the retention policy sets on claims. */
function ownerRef(owner: KubeObject): { apiVersion: string; kind: string; name: string; uid: string } {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name!, uid: owner.metadata.uid! };
}

/** whenScaled: Delete: a pod removed by scaling down takes its claims over from the set, so they go with it. */
function releaseClaimsWithPod(ctx: EngineContext, set: KubeObject, pod: KubeObject): void {
  if (set.spec.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete') return;
  for (const template of set.spec.volumeClaimTemplates ?? []) {
    const claim = tryGet(ctx, 'PersistentVolumeClaim', set.metadata.namespace, claimName(template, pod.metadata.name!));
    if (!claim || (claim.metadata.ownerReferences ?? []).some((ref) => ref.uid === pod.metadata.uid)) continue;
    claim.metadata.ownerReferences = [...(claim.metadata.ownerReferences ?? []).filter((ref) => ref.uid !== set.metadata.uid), ownerRef(pod)];
    tryWrite(() => ctx.api.update(claim));
  }
}

function deletePod(ctx: EngineContext, set: KubeObject, pod: KubeObject): void {
  if (tryWrite(() => ctx.api.delete('Pod', pod.metadata.namespace, pod.metadata.name!))) {
    ctx.events.record(set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, source);
  }
}

function syncStatefulSet(ctx: EngineContext, key: string, enqueue: (key: string) => void): void {
  const [namespace, name] = splitKey(key);
  const set = tryGet(ctx, 'StatefulSet', namespace, name);
  if (!set || set.metadata.deletionTimestamp) return;
  const revision = updateRevision(ctx, set);
  const pods = ctx.api
    .list('Pod', namespace, { readOnly: true })
    .filter((pod) => isControlledBy(pod, set))
    .map(deepClone);
  const now = ctx.clock.now();
  const minReadySeconds: number = set.spec.minReadySeconds ?? 0;
  const healthy = (pod: KubeObject) => pod.status?.phase === 'Running' && isAvailable(pod, minReadySeconds, now) && !isTerminating(pod);
  const monotonic = set.spec.podManagementPolicy !== 'Parallel';
  const start: number = set.spec.ordinals?.start ?? 0;
  const replicaCount: number = set.spec.replicas ?? 1;

  const replicas: (KubeObject | undefined)[] = new Array(replicaCount).fill(undefined);
  const condemned: KubeObject[] = [];
  for (const pod of pods) {
    const ordinal = ordinalOf(set, pod);
    if (ordinal >= start && ordinal < start + replicaCount) replicas[ordinal - start] = pod;
    else condemned.push(pod);
  }
  condemned.sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));

  const sync = (): void => {
    for (let i = 0; i < replicas.length; i++) {
      const pod = replicas[i];
      if (pod && isTerminal(pod) && !isTerminating(pod)) {
        const reason = pod.status?.phase === 'Failed' ? 'RecreatingFailedPod' : 'RecreatingTerminatedPod';
        const what = pod.status?.phase === 'Failed' ? 'failed' : 'terminated';
        ctx.events.record(set, 'Warning', reason, `StatefulSet ${namespace}/${name} is recreating ${what} Pod ${pod.metadata.name}`, source);
        deletePod(ctx, set, pod);
        if (monotonic) return;
        continue;
      }
      if (!pod) {
        createPod(ctx, set, newPod(set, start + i, revision));
        if (monotonic) return;
        continue;
      }
      if (monotonic && !healthy(pod)) return;
    }
    for (const pod of condemned) {
      if (isTerminating(pod)) {
        if (monotonic) return;
        continue;
      }
      releaseClaimsWithPod(ctx, set, pod);
      deletePod(ctx, set, pod);
      if (monotonic) return;
    }
    if ((set.spec.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
    // Rolling update: highest ordinal first, down to the partition, one pod at a time.
    const partition: number = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
    for (let i = replicas.length - 1; i >= Math.max(0, partition - start); i--) {
      const pod = replicas[i];
      if (!pod) return;
      if (pod.metadata.labels?.[revisionHashLabel] !== revision && !isTerminating(pod)) {
        deletePod(ctx, set, pod);
        return;
      }
      if (!healthy(pod)) return;
    }
  };
  sync();
  updateStatus(ctx, set, revision, enqueue);
}

function updateStatus(ctx: EngineContext, set: KubeObject, revision: string, enqueue: (key: string) => void): void {
  const fresh = tryGet(ctx, 'StatefulSet', set.metadata.namespace, set.metadata.name!);
  if (!fresh) return;
  const now = ctx.clock.now();
  const minReadySeconds: number = fresh.spec.minReadySeconds ?? 0;
  const pods = ctx.api.list('Pod', fresh.metadata.namespace, { readOnly: true }).filter((p) => isControlledBy(p, fresh) && !isTerminal(p));
  const revisionOf = (pod: KubeObject) => pod.metadata.labels?.[revisionHashLabel];
  let ready = 0, available = 0, updated = 0, current = 0;
  let nextAvailableIn: number | undefined;
  // The current revision stays the old one until every pod runs the update revision.
  const allUpdated = pods.length === (fresh.spec.replicas ?? 1) && pods.every((p) => revisionOf(p) === revision);
  const currentRevision = allUpdated || !fresh.status?.currentRevision ? revision : fresh.status.currentRevision;
  for (const pod of pods) {
    if (isReady(pod)) ready += 1;
    if (isAvailable(pod, minReadySeconds, now)) available += 1;
    if (isTerminating(pod)) continue;
    if (revisionOf(pod) === revision) updated += 1;
    if (revisionOf(pod) === currentRevision) current += 1;
    const wait = msUntilAvailable(pod, minReadySeconds, now);
    if (wait !== undefined) nextAvailableIn = Math.min(nextAvailableIn ?? wait, wait);
  }
  const status: Record<string, unknown> = {
    availableReplicas: available,
    collisionCount: fresh.status?.collisionCount ?? 0,
    currentReplicas: current,
    currentRevision,
    observedGeneration: fresh.metadata.generation,
    readyReplicas: ready,
    replicas: pods.length,
    updateRevision: revision,
    updatedReplicas: updated,
  };
  // Zero counts are left out, as the API's omitempty does.
  for (const field of ['currentReplicas', 'readyReplicas', 'updatedReplicas']) if (status[field] === 0) delete status[field];
  if (!deepEqual(status, fresh.status ?? {})) {
    fresh.status = status;
    tryWrite(() => ctx.api.updateStatus(fresh));
  }
  if (nextAvailableIn !== undefined) ctx.clock.after(nextAvailableIn, () => enqueue(keyOf(fresh)), 'statefulset-min-ready');
}
