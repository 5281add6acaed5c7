// The eviction subresource (POST pods/NAME/eviction; pkg/registry/core/pod/storage/eviction.go,
// 1.32): a pod is deleted only if the PodDisruptionBudget covering it allows one more disruption,
// which the eviction takes from the budget's status; otherwise 429 TooManyRequests, on which
// `kubectl drain` waits and tries again. A pod that is finished, pending or already terminating
// is deleted without asking any budget.
import { ApiError, type FieldError } from './errors';
import type { ApiServer } from './server';
import type { KubeObject, PodCondition } from './types';
import { labelSelectorMatches, selectorFromLabelSelector } from './selectors';
import { withDisruptionAllowedCondition, type PodDisruptionBudgetStatus } from './kinds/pod-disruption-budget';
import { rfc3339 } from '../time';

export interface EvictionOptions {
  /** The DeleteOptions' grace period; the pod's own when undefined. */
  gracePeriodSeconds?: number;
  dryRun?: boolean;
}

const violatesBudget = "Cannot evict pod as it would violate the pod's disruption budget.";

/** The 429 the eviction answers with, with its DisruptionBudget cause. */
function tooManyRequests(cause: string): ApiError {
  const budgetCause: FieldError = { field: '', type: 'DisruptionBudget', detail: cause, text: cause };
  return new ApiError('TooManyRequests', violatesBudget, [budgetCause]);
}

/** Evicts a pod and returns it as deleted, or throws the ApiError the API server would answer with. */
export function evictPod(api: ApiServer, namespace: string, name: string, options: EvictionOptions = {}): KubeObject {
  const pod = api.get('Pod', namespace, name);
  if (!canIgnoreBudgets(pod)) checkBudgets(api, pod, options);
  return addConditionAndDelete(api, pod, options);
}

/** canIgnorePDB: the pod is finished, has not started, or is already going. */
function canIgnoreBudgets(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
}

function isPodReady(pod: KubeObject): boolean {
  return ((pod.status?.conditions ?? []) as PodCondition[]).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** The budgets of the pod's namespace whose selector matches it (a missing selector matches nothing, an empty one everything). */
function budgetsFor(api: ApiServer, pod: KubeObject): KubeObject[] {
  return api.list('PodDisruptionBudget', pod.metadata.namespace, { readOnly: true }).filter((pdb) => {
    if (!pdb.spec?.selector) return false;
    try {
      return labelSelectorMatches(selectorFromLabelSelector(pdb.spec.selector), pod.metadata.labels);
    } catch {
      return false;
    }
  });
}

function checkBudgets(api: ApiServer, pod: KubeObject, options: EvictionOptions): void {
  const budgets = budgetsFor(api, pod);
  if (budgets.length > 1) throw new ApiError('InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  if (budgets.length === 0) return;
  const pdb = budgets[0];
  const status = (pdb.status ?? {}) as PodDisruptionBudgetStatus;
  // A pod that is not ready does not count as healthy, so taking it takes nothing from the budget.
  if (!isPodReady(pod)) {
    if (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') return;
    if ((status.currentHealthy ?? 0) >= (status.desiredHealthy ?? 0) && (status.desiredHealthy ?? 0) > 0) return;
  }
  checkAndDecrement(api, pod, pdb, status, options);
}

function checkAndDecrement(api: ApiServer, pod: KubeObject, pdb: KubeObject, status: PodDisruptionBudgetStatus, options: EvictionOptions): void {
  const name = pdb.metadata.name!;
  if ((status.observedGeneration ?? 0) < (pdb.metadata.generation ?? 0)) throw tooManyRequests(`The disruption budget ${name} is still being processed by the server.`);
  const allowed = status.disruptionsAllowed ?? 0;
  if (allowed < 0) throw new ApiError('Forbidden', `poddisruptionbudget.policy "${name}" is forbidden: pdb disruptions allowed is negative`);
  if (allowed === 0) throw tooManyRequests(`The disruption budget ${name} needs ${status.desiredHealthy ?? 0} healthy pods and has ${status.currentHealthy ?? 0} currently`);
  if (options.dryRun) return;
  const now = rfc3339(api.now());
  let next: PodDisruptionBudgetStatus = { ...status, disruptionsAllowed: allowed - 1, disruptedPods: { ...(status.disruptedPods ?? {}), [pod.metadata.name!]: now } };
  if (next.disruptionsAllowed === 0) next = withDisruptionAllowedCondition(next, now);
  api.updateStatus({ ...pdb, status: next });
}

/** addConditionAndDeletePod: the pod is marked as a disruption target (so a Job's podFailurePolicy can tell an eviction from a failure), then deleted. */
function addConditionAndDelete(api: ApiServer, pod: KubeObject, options: EvictionOptions): KubeObject {
  const phase = pod.status?.phase;
  if (!options.dryRun && phase !== 'Succeeded' && phase !== 'Failed') {
    const conditions = ((pod.status?.conditions ?? []) as PodCondition[]).filter((c) => c.type !== 'DisruptionTarget');
    conditions.push({
      type: 'DisruptionTarget',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: rfc3339(api.now()),
      reason: 'EvictionByEvictionAPI',
      message: 'Eviction API: evicting',
    });
    api.updateStatus({ ...pod, status: { ...(pod.status ?? {}), conditions } });
  }
  const deleteOptions = options.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: options.gracePeriodSeconds } : {};
  return api.delete('Pod', pod.metadata.namespace, pod.metadata.name!, options.dryRun ? { ...deleteOptions, dryRun: true } : deleteOptions);
}
