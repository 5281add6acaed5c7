// The disruption controller (pkg/controller/disruption, 1.32): keeps each PodDisruptionBudget's
// status current — how many of its pods are healthy, how many it wants, how many it expects, and
// so how many disruptions the eviction API may allow now — as pods, budgets and the pods'
// controllers change. A pod the eviction API let go but that was not deleted within two minutes
// counts again.
import type { EngineContext } from '../engine-context';
import type { KubeObject } from '../api/types';
import type { WatchEvent } from '../api/server';
import { deepEqual } from '../api/object-utils';
import { emptyDisruptionStatus, withCondition, withDisruptionAllowedCondition, type PodDisruptionBudgetSpec, type PodDisruptionBudgetStatus } from '../api/kinds/pod-disruption-budget';
import { rfc3339, parseRfc3339 } from '../time';
import { enqueueGuarded, tryWrite } from './api-helpers';
import { inform } from './informer';
import { matchesSelector } from './label-selector';
import { isReady } from './pod-state';

const source = { component: 'controllermanager' };

/** How long a pod the eviction API approved may take to be deleted before the budget counts it again (DeletionTimeout). */
export const disruptionDeletionTimeoutMs = 2 * 60 * 1000;

export function startDisruptionController(ctx: EngineContext): void {
  // The budgets of each namespace, so a pod's change finds them without a list.
  const budgets = new Map<string, Set<string>>();
  const enqueue = (namespace: string, name: string) => enqueueGuarded(ctx, `disruption/${namespace}/${name}`, () => sync(ctx, namespace, name, enqueue));
  const enqueueNamespace = (namespace: string | undefined) => {
    for (const name of budgets.get(namespace ?? '') ?? []) enqueue(namespace!, name);
  };
  inform(ctx, 'PodDisruptionBudget', (event: WatchEvent) => {
    const { namespace = '', name = '' } = event.object.metadata;
    let names = budgets.get(namespace);
    if (event.type === 'DELETED') {
      names?.delete(name);
      return;
    }
    if (!names) budgets.set(namespace, (names = new Set()));
    names.add(name);
    enqueue(namespace, name);
  });
  const onDependency = (event: WatchEvent) => enqueueNamespace(event.object.metadata.namespace);
  for (const kind of ['Pod', 'ReplicaSet', 'Deployment', 'StatefulSet', 'ReplicationController']) inform(ctx, kind, onDependency);
}

function sync(ctx: EngineContext, namespace: string, name: string, enqueue: (namespace: string, name: string) => void): void {
  const pdb = ctx.api.peek('PodDisruptionBudget', namespace, name);
  if (!pdb || pdb.metadata.deletionTimestamp) return;
  const spec = (pdb.spec ?? {}) as PodDisruptionBudgetSpec;
  const pods = ctx.api.list('Pod', namespace, { readOnly: true }).filter((pod) => matchesSelector(pod.metadata.labels, spec.selector));
  if (pods.length === 0) ctx.events.record(pdb, 'Normal', 'NoPods', 'No matching pods found', source);
  let expected: { expectedCount: number; desiredHealthy: number; unmanagedPods: string[] };
  try {
    expected = expectedPodCount(ctx, spec, pods);
  } catch (error) {
    if (!(error instanceof NoControllerError)) throw error;
    ctx.events.record(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${error.message}`, source);
    failSafe(ctx, pdb, error.message);
    return;
  }
  if (expected.unmanagedPods.length > 0) {
    ctx.events.record(
      pdb,
      'Warning',
      'UnmanagedPods',
      `Pods selected by this PodDisruptionBudget (selector: ${goLabelSelector(spec.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`,
      source,
    );
  }
  const now = ctx.clock.now();
  const { disruptedPods, recheckAt } = stillDisrupted(ctx, pdb, pods, now);
  const currentHealthy = countHealthyPods(pods, disruptedPods, now);
  updateStatus(ctx, pdb, currentHealthy, expected.desiredHealthy, expected.expectedCount, disruptedPods);
  if (recheckAt !== undefined) ctx.clock.schedule(recheckAt, () => enqueue(namespace, name), 'disruption-recheck');
}

class NoControllerError extends Error {}

/** getExpectedPodCount: the pods the budget expects and how many of them it wants healthy. */
function expectedPodCount(ctx: EngineContext, spec: PodDisruptionBudgetSpec, pods: KubeObject[]): { expectedCount: number; desiredHealthy: number; unmanagedPods: string[] } {
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const { expectedCount, unmanagedPods } = expectedScale(ctx, pods);
    const maxUnavailable = scaledValueRoundingUp(spec.maxUnavailable, expectedCount);
    return { expectedCount, desiredHealthy: Math.max(0, expectedCount - maxUnavailable), unmanagedPods };
  }
  if (typeof spec.minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanagedPods: [] };
  if (typeof spec.minAvailable === 'string') {
    const { expectedCount, unmanagedPods } = expectedScale(ctx, pods);
    return { expectedCount, desiredHealthy: scaledValueRoundingUp(spec.minAvailable, expectedCount), unmanagedPods };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
}

/** intstr.GetScaledValueFromIntOrPercent with rounding up. */
function scaledValueRoundingUp(value: number | string, total: number): number {
  if (typeof value === 'number') return value;
  return Math.ceil((Number.parseInt(value, 10) * total) / 100);
}

/**
 * getExpectedScale: the sum of the scales of the pods' controllers, each counted once. A pod
 * without a controller is unmanaged; one whose controller has no scale fails the sync.
 */
function expectedScale(ctx: EngineContext, pods: KubeObject[]): { expectedCount: number; unmanagedPods: string[] } {
  const scales = new Map<string, number>();
  const unmanagedPods: string[] = [];
  for (const pod of pods) {
    const ref = (pod.metadata.ownerReferences ?? []).find((owner) => owner.controller);
    if (!ref) {
      unmanagedPods.push(pod.metadata.name!);
      continue;
    }
    if (scales.has(ref.uid)) continue;
    const found = controllerScale(ctx, pod.metadata.namespace!, ref);
    if (!found) throw new NoControllerError(`found no controllers for pod ${JSON.stringify(pod.metadata.name)}`);
    scales.set(found.uid, found.scale);
  }
  let expectedCount = 0;
  for (const scale of scales.values()) expectedCount += scale;
  return { expectedCount, unmanagedPods };
}

/** The finders: a ReplicaSet (or the Deployment controlling it), a ReplicationController, a StatefulSet. */
function controllerScale(ctx: EngineContext, namespace: string, ref: { kind: string; name: string; uid: string }): { uid: string; scale: number } | undefined {
  const owned = (kind: string, name: string, uid: string) => {
    const obj = ctx.api.peek(kind, namespace, name);
    return obj && obj.metadata.uid === uid ? obj : undefined;
  };
  const scaleOf = (obj: KubeObject) => ({ uid: obj.metadata.uid!, scale: (obj.spec?.replicas as number | undefined) ?? 1 });
  if (ref.kind === 'ReplicaSet') {
    const replicaSet = owned('ReplicaSet', ref.name, ref.uid);
    if (!replicaSet) return undefined;
    const deploymentRef = (replicaSet.metadata.ownerReferences ?? []).find((owner) => owner.controller && owner.kind === 'Deployment');
    if (!deploymentRef) return scaleOf(replicaSet);
    const deployment = owned('Deployment', deploymentRef.name, deploymentRef.uid);
    return deployment ? scaleOf(deployment) : undefined;
  }
  if (ref.kind === 'ReplicationController' || ref.kind === 'StatefulSet') {
    const controller = owned(ref.kind, ref.name, ref.uid);
    return controller ? scaleOf(controller) : undefined;
  }
  return undefined;
}

/** buildDisruptedPodMap: the approved evictions still within their deletion timeout, and when the first of them runs out. */
function stillDisrupted(ctx: EngineContext, pdb: KubeObject, pods: KubeObject[], now: number): { disruptedPods: Record<string, string>; recheckAt?: number } {
  const recorded = ((pdb.status as PodDisruptionBudgetStatus | undefined)?.disruptedPods ?? {}) as Record<string, string>;
  const disruptedPods: Record<string, string> = {};
  let recheckAt: number | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const since = recorded[pod.metadata.name!];
    if (since === undefined) continue;
    const expectedDeletion = (parseRfc3339(since) ?? now) + disruptionDeletionTimeoutMs;
    if (expectedDeletion < now) {
      ctx.events.record(pod, 'Warning', 'NotDeleted', `Pod was expected by PDB ${pdb.metadata.namespace}/${pdb.metadata.namespace} to be deleted but it wasn't`, source);
    } else {
      if (recheckAt === undefined || expectedDeletion < recheckAt) recheckAt = expectedDeletion;
      disruptedPods[pod.metadata.name!] = since;
    }
  }
  return { disruptedPods, recheckAt };
}

/** countHealthyPods: ready pods that are neither being deleted nor about to be. */
function countHealthyPods(pods: KubeObject[], disruptedPods: Record<string, string>, now: number): number {
  let healthy = 0;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    const since = disruptedPods[pod.metadata.name!];
    if (since !== undefined && (parseRfc3339(since) ?? 0) + disruptionDeletionTimeoutMs > now) continue;
    if (isReady(pod)) healthy++;
  }
  return healthy;
}

function updateStatus(ctx: EngineContext, pdb: KubeObject, currentHealthy: number, desiredHealthy: number, expectedPods: number, disruptedPods: Record<string, string>): void {
  // A budget that matches no pods yet allows nothing, so its first pods are safe before it is counted again.
  const allowed = currentHealthy - desiredHealthy;
  const disruptionsAllowed = expectedPods <= 0 || allowed <= 0 ? 0 : allowed;
  const old = (pdb.status ?? emptyDisruptionStatus()) as PodDisruptionBudgetStatus;
  const status: PodDisruptionBudgetStatus = { observedGeneration: pdb.metadata.generation ?? 0 } as PodDisruptionBudgetStatus;
  if (Object.keys(disruptedPods).length > 0) status.disruptedPods = disruptedPods;
  Object.assign(status, { disruptionsAllowed, currentHealthy, desiredHealthy, expectedPods });
  if (old.conditions) status.conditions = old.conditions;
  const next = withDisruptionAllowedCondition(status, rfc3339(ctx.clock.now()));
  if (deepEqual(next, old)) return;
  tryWrite(() => ctx.api.updateStatus({ ...pdb, status: next }));
}

/** failSafe: a budget whose pods cannot be counted allows no disruption, and says why. */
function failSafe(ctx: EngineContext, pdb: KubeObject, message: string): void {
  const old = (pdb.status ?? emptyDisruptionStatus()) as PodDisruptionBudgetStatus;
  const next = withCondition({ ...old, disruptionsAllowed: 0 }, 'False', 'SyncFailed', message, rfc3339(ctx.clock.now()));
  if (deepEqual(next, old)) return;
  tryWrite(() => ctx.api.updateStatus({ ...pdb, status: next }));
}

/** A LabelSelector as Go's %v prints the pointer the event formats: `&LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}`. */
function goLabelSelector(selector: PodDisruptionBudgetSpec['selector']): string {
  if (!selector) return 'nil';
  const labels = Object.keys(selector.matchLabels ?? {})
    .sort()
    .map((key) => `${key}: ${selector.matchLabels![key]},`)
    .join('');
  const expressions = (selector.matchExpressions ?? [])
    .map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[]string{${(e.values ?? []).join(',')}},}`)
    .join(',');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]${expressions ? `LabelSelectorRequirement{${expressions},}` : 'LabelSelectorRequirement{}'},}`;
}
