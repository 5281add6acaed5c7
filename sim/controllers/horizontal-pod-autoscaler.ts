// The horizontal pod autoscaler (pkg/controller/podautoscaler/horizontal.go): every 15 s, each
// HPA reads its target's scale and its pods' metrics, computes the replicas its metrics ask for,
// steadies that over the stabilization window and the scaling policies, sets the target's scale
// and reports what it did in its status, conditions and events.
import type { EngineContext } from '../engine-context';
import type { KubeObject } from '../api/types';
import { ApiError } from '../api/errors';
import { deepEqual } from '../api/object-utils';
import { kindRecord } from '../api/kinds';
import { parseQuantity } from '../api/quantity';
import { labelSelectorMatches, selectorFromLabelSelector } from '../api/selectors';
import type { ScalingRules } from '../api/kinds/horizontal-pod-autoscaler';
import { rfc3339 } from '../time';
import { keyOf, tryWrite } from './api-helpers';
import { inform } from './informer';
import { MetricError, resourceReplicas } from './hpa-replica-calculator';

/** --horizontal-pod-autoscaler-sync-period. */
const syncPeriodMs = 15_000;
/** --horizontal-pod-autoscaler-downscale-stabilization, for HPAs without a behavior. */
const downscaleStabilizationMs = 5 * 60_000;
const component = { component: 'horizontal-pod-autoscaler' };

interface Condition {
  type: 'AbleToScale' | 'ScalingActive' | 'ScalingLimited';
  status: 'True' | 'False';
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

interface ResourceSource {
  name: string;
  target: { type: string; averageUtilization?: number; averageValue?: string };
}

interface MetricSpec {
  type: string;
  resource?: ResourceSource;
  containerResource?: ResourceSource & { container: string };
  pods?: { metric?: { name?: string } };
  object?: { metric?: { name?: string } };
  external?: { metric?: { name?: string } };
}

/** Why a metric the lab has no API for cannot be read: the cluster has no custom or external metrics API, as a cluster without an adapter. */
function unservedMetricError(spec: MetricSpec): { reason: string; message: string; wrapped: string } {
  switch (spec.type) {
    case 'Pods':
    case 'Object': {
      const name = (spec.type === 'Pods' ? spec.pods : spec.object)?.metric?.name ?? '';
      const message = `unable to get metric ${name}: unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered`;
      return { reason: `FailedGet${spec.type}Metric`, message, wrapped: `failed to get ${spec.type.toLowerCase()} metric value: ${message}` };
    }
    case 'External': {
      const message = `unable to get external metric ${spec.external?.metric?.name ?? ''}: unable to fetch metrics from external metrics API: no external metrics API (external.metrics.k8s.io) registered`;
      return { reason: 'FailedGetExternalMetric', message, wrapped: `failed to get external metric value: ${message}` };
    }
    default: {
      const message = `unknown metric source type "${spec.type}"`;
      return { reason: 'InvalidMetricSourceType', message, wrapped: message };
    }
  }
}

interface Timestamped {
  value: number;
  at: number;
}

/** What the controller remembers of one HPA between syncs: its recommendations and scale events. */
interface Memory {
  recommendations: Timestamped[];
  scaleUps: Timestamped[];
  scaleDowns: Timestamped[];
  timer: { cancel(): void };
}

export function startHorizontalPodAutoscalerController(ctx: EngineContext): void {
  const memories = new Map<string, Memory>();
  inform(ctx, 'HorizontalPodAutoscaler', (event) => {
    const key = keyOf(event.object);
    if (event.type === 'DELETED') {
      memories.get(key)?.timer.cancel();
      memories.delete(key);
      return;
    }
    if (memories.has(key)) return;
    // Requests wait one sync period in the controller's queue: the first sync is 15 s after creation.
    const timer = ctx.clock.every(ctx.clock.now() + syncPeriodMs, syncPeriodMs, () => reconcile(ctx, key, memory), 'hpa-sync');
    const memory: Memory = { recommendations: [], scaleUps: [], scaleDowns: [], timer };
    memories.set(key, memory);
  });
}

function setCondition(conditions: Condition[], type: Condition['type'], status: Condition['status'], reason: string, message: string, now: number): void {
  const existing = conditions.find((c) => c.type === type);
  if (!existing) {
    conditions.push({ type, status, lastTransitionTime: rfc3339(now), reason, message });
    return;
  }
  if (existing.status !== status) existing.lastTransitionTime = rfc3339(now);
  existing.status = status;
  existing.reason = reason;
  existing.message = message;
}

interface Target {
  object: KubeObject;
  pods: KubeObject[];
}

/** The scale subresource of the target: its object and the pods its selector matches. */
function scaleOf(ctx: EngineContext, namespace: string, ref: { apiVersion?: string; kind?: string; name?: string }): Target {
  const group = ref.apiVersion?.includes('/') ? ref.apiVersion.split('/')[0] : '';
  const record = kindRecord(ref.kind ?? '');
  if (!record || record.resource.group !== group || !record.subresources.includes('scale')) throw new ApiError('NotFound', `no matches for kind ${JSON.stringify(ref.kind ?? '')} in group ${JSON.stringify(group)}`);
  const object = ctx.api.get(record.resource.kind, namespace, ref.name ?? '');
  const selectorSpec = record.resource.kind === 'ReplicationController' ? { matchLabels: object.spec?.selector ?? {} } : object.spec?.selector;
  const selector = selectorFromLabelSelector(selectorSpec);
  const pods = ctx.api.list('Pod', namespace, { readOnly: true }).filter((pod) => labelSelectorMatches(selector, pod.metadata.labels));
  return { object, pods };
}

interface MetricsResult {
  replicas: number;
  metricName: string;
  statuses: Record<string, unknown>[];
}

/** computeReplicasForMetric for a Resource or ContainerResource metric: the proposal, or the message of why there is none. */
function resourceMetricProposal(ctx: EngineContext, hpa: KubeObject, resource: ResourceSource & { container?: string }, currentReplicas: number, target: Target): { replicas: number; metricName: string; status: Record<string, unknown> } {
  const byUtilization = resource.target.averageValue === undefined;
  const podNames = new Set(target.pods.map((p) => p.metadata.name));
  const podMetrics = ctx.api.list('PodMetrics', hpa.metadata.namespace, { readOnly: true }).filter((m) => podNames.has(m.metadata.name));
  try {
    if (byUtilization && resource.target.averageUtilization === undefined) {
      throw new MetricError('invalid resource metric source: neither an average utilization target nor an average value (usage) target was set');
    }
    const proposal = resourceReplicas(
      currentReplicas,
      byUtilization ? { utilization: resource.target.averageUtilization } : { averageMilli: parseQuantity(resource.target.averageValue!).milliValue() },
      resource.name,
      target.pods,
      podMetrics,
      ctx.clock.now(),
      resource.container,
    );
    const averageValue = milliQuantity(proposal.rawAverage);
    const current = byUtilization ? { averageUtilization: proposal.utilization, averageValue } : { averageValue };
    return {
      replicas: proposal.replicas,
      metricName: byUtilization ? `${resource.name} resource utilization (percentage of request)` : `${resource.name} resource`,
      status: resource.container === undefined ? { type: 'Resource', resource: { name: resource.name, current } } : { type: 'ContainerResource', containerResource: { name: resource.name, container: resource.container, current } },
    };
  } catch (error) {
    if (!(error instanceof MetricError)) throw error;
    throw new MetricError(`failed to get ${resource.name} ${byUtilization ? 'utilization' : 'usage'}: ${error.message}`);
  }
}

/** resource.NewMilliQuantity(v, DecimalSI).String(): `250m`, `1`. */
function milliQuantity(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** computeReplicasForMetrics: the largest proposal of the metrics, or an error when none (or too few) could be read. */
function computeReplicasForMetrics(ctx: EngineContext, hpa: KubeObject, currentReplicas: number, target: Target, conditions: Condition[]): MetricsResult | { error: string; statuses: Record<string, unknown>[] } {
  const specs: MetricSpec[] = hpa.spec?.metrics ?? [];
  const statuses: Record<string, unknown>[] = specs.map(() => ({ type: '' }));
  const now = ctx.clock.now();
  let replicas = 0;
  let metricName = '';
  let invalid = 0;
  let firstError: { message: string; reason: string; wrapped: string } | undefined;
  specs.forEach((spec, i) => {
    const source = spec.type === 'Resource' ? spec.resource : spec.type === 'ContainerResource' ? spec.containerResource : undefined;
    if (!source) {
      const error = unservedMetricError(spec);
      ctx.events.record(hpa, 'Warning', error.reason, error.message, component);
      firstError ??= error;
      invalid++;
      return;
    }
    try {
      const proposal = resourceMetricProposal(ctx, hpa, source, currentReplicas, target);
      statuses[i] = proposal.status;
      if (replicas === 0 || proposal.replicas > replicas) {
        replicas = proposal.replicas;
        metricName = proposal.metricName;
      }
    } catch (error) {
      if (!(error instanceof MetricError)) throw error;
      const container = spec.containerResource?.container;
      const reason = container === undefined ? 'FailedGetResourceMetric' : 'FailedGetContainerResourceMetric';
      ctx.events.record(hpa, 'Warning', reason, error.message, component);
      const wrapped = container === undefined ? `failed to get ${source.name} resource metric value: ${error.message}` : `failed to get ${container} container metric value: ${error.message}`;
      firstError ??= { message: error.message, reason, wrapped };
      invalid++;
    }
  });
  if (firstError && (invalid >= specs.length || replicas < currentReplicas)) {
    setCondition(conditions, 'ScalingActive', 'False', firstError.reason, `the HPA was unable to compute the replica count: ${firstError.message}`, now);
    return { error: `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstError.wrapped}`, statuses };
  }
  setCondition(conditions, 'ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metricName}`, now);
  return { replicas, metricName, statuses };
}

/** convertDesiredReplicasWithRules: at most twice the current replicas (at least 4), within min and max. */
function limitWithoutBehavior(current: number, desired: number, min: number, max: number): { replicas: number; reason: string; message: string } {
  const scaleUpLimit = Math.max(2 * current, 4);
  let maximum = max;
  let reason = 'TooManyReplicas';
  let message = 'the desired replica count is more than the maximum replica count';
  if (max > scaleUpLimit) {
    maximum = scaleUpLimit;
    reason = 'ScaleUpLimit';
    message = 'the desired replica count is increasing faster than the maximum scale rate';
  }
  if (desired < min) return { replicas: min, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
  if (desired > maximum) return { replicas: maximum, reason, message };
  return { replicas: desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

/** Replicas added (or removed) by the scale events of the last `periodSeconds`. */
function changeInPeriod(events: Timestamped[], periodSeconds: number, now: number): number {
  return events.filter((e) => e.at > now - periodSeconds * 1000).reduce((sum, e) => sum + e.value, 0);
}

/** calculateScaleUpLimitWithScalingRules and calculateScaleDownLimitWithBehaviors. */
function policyLimit(direction: 'up' | 'down', current: number, memory: Memory, rules: ScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const proposals = (rules.policies ?? []).map((policy) => {
    const periodStart = current - changeInPeriod(memory.scaleUps, policy.periodSeconds, now) + changeInPeriod(memory.scaleDowns, policy.periodSeconds, now);
    if (direction === 'up') return policy.type === 'Pods' ? periodStart + policy.value : Math.ceil(periodStart * (1 + policy.value / 100));
    return policy.type === 'Pods' ? periodStart - policy.value : Math.trunc(periodStart * (1 - policy.value / 100));
  });
  // Max picks the largest change: the highest limit up, the lowest limit down.
  const largestChange = (rules.selectPolicy ?? 'Max') === 'Max';
  return direction === 'up' === largestChange ? Math.max(...proposals) : Math.min(...proposals);
}

/** Keeps a recommendation, replacing one older than `keepMs` if there is one (the controller's ring of samples). */
function remember(list: Timestamped[], value: number, now: number, keepMs: number): void {
  const old = list.findIndex((r) => r.at < now - keepMs);
  if (old >= 0) list[old] = { value, at: now };
  else list.push({ value, at: now });
}

function normalize(hpa: KubeObject, memory: Memory, current: number, desired: number, min: number, conditions: Condition[], now: number): number {
  const max: number = hpa.spec?.maxReplicas ?? 0;
  const behavior: { scaleUp: ScalingRules; scaleDown: ScalingRules } | undefined = hpa.spec?.behavior;
  let stabilized = desired;
  let stabilizedReason = 'ScaleDownStabilized';
  let stabilizedMessage = 'recent recommendations were higher than current one, applying the highest recent recommendation';
  let limited: { replicas: number; reason: string; message: string };
  if (!behavior) {
    for (const r of memory.recommendations) if (r.at >= now - downscaleStabilizationMs && r.value > stabilized) stabilized = r.value;
    remember(memory.recommendations, desired, now, downscaleStabilizationMs);
    limited = limitWithoutBehavior(current, stabilized, min, max);
  } else {
    const up = desired >= current;
    const windowMs = ((up ? behavior.scaleUp : behavior.scaleDown).stabilizationWindowSeconds ?? 0) * 1000;
    if (up) {
      stabilizedReason = 'ScaleUpStabilized';
      stabilizedMessage = 'recent recommendations were lower than current one, applying the lowest recent recommendation';
    }
    for (const r of memory.recommendations) if (r.at > now - windowMs) stabilized = up ? Math.min(stabilized, r.value) : Math.max(stabilized, r.value);
    const keepMs = Math.max(behavior.scaleUp.stabilizationWindowSeconds ?? 0, behavior.scaleDown.stabilizationWindowSeconds ?? 0) * 1000;
    remember(memory.recommendations, desired, now, keepMs);
    limited = { replicas: stabilized, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
    if (stabilized > current) {
      const limit = Math.max(policyLimit('up', current, memory, behavior.scaleUp, now), current);
      const [maximum, reason, message] =
        max > limit ? [limit, 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate'] : [max, 'TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
      if (stabilized > maximum) limited = { replicas: maximum, reason, message };
    } else if (stabilized < current) {
      const limit = Math.min(policyLimit('down', current, memory, behavior.scaleDown, now), current);
      const [minimum, reason, message] =
        min < limit ? [limit, 'ScaleDownLimit', 'the desired replica count is decreasing faster than the maximum scale rate'] : [min, 'TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
      if (stabilized < minimum) limited = { replicas: minimum, reason, message };
    }
  }
  if (stabilized !== desired) setCondition(conditions, 'AbleToScale', 'True', stabilizedReason, stabilizedMessage, now);
  else setCondition(conditions, 'AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size', now);
  setCondition(conditions, 'ScalingLimited', limited.replicas === stabilized ? 'False' : 'True', limited.reason, limited.message, now);
  return limited.replicas;
}

/** The longest period a scaling policy may have: older scale events no longer limit anything. */
const longestPolicyPeriodMs = 1800_000;

function storeScaleEvent(memory: Memory, from: number, to: number, now: number): void {
  const events = to > from ? memory.scaleUps : memory.scaleDowns;
  remember(events, Math.abs(to - from), now, longestPolicyPeriodMs);
}

function writeStatus(ctx: EngineContext, hpa: KubeObject, status: Record<string, unknown>): void {
  if (deepEqual(status, hpa.status)) return;
  tryWrite(() => ctx.api.updateStatus({ ...hpa, status }));
}

function reconcile(ctx: EngineContext, key: string, memory: Memory): void {
  const [namespace, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
  const hpa = ctx.api.peek('HorizontalPodAutoscaler', namespace, name);
  if (!hpa) return;
  const now = ctx.clock.now();
  const previous = (hpa.status ?? {}) as Record<string, unknown>;
  const conditions: Condition[] = ((previous.conditions as Condition[] | undefined) ?? []).map((c) => ({ ...c }));
  const ref = hpa.spec?.scaleTargetRef ?? {};
  let target: Target;
  try {
    target = scaleOf(ctx, namespace, ref);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    ctx.events.record(hpa, 'Warning', 'FailedGetScale', error.message, component);
    setCondition(conditions, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${error.message}`, now);
    writeStatus(ctx, hpa, { ...previous, conditions });
    return;
  }
  setCondition(conditions, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale", now);
  const currentReplicas: number = target.object.spec?.replicas ?? 1;
  const min: number = hpa.spec?.minReplicas ?? 1;
  const max: number = hpa.spec?.maxReplicas ?? 0;
  let desired = 0;
  let reason = '';
  let statuses: Record<string, unknown>[] = (previous.currentMetrics as Record<string, unknown>[] | undefined) ?? [];
  if (currentReplicas === 0 && min !== 0) {
    setCondition(conditions, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', now);
  } else if (currentReplicas > max) {
    reason = 'Current number of replicas above Spec.MaxReplicas';
    desired = max;
  } else if (currentReplicas < min) {
    reason = 'Current number of replicas below Spec.MinReplicas';
    desired = min;
  } else {
    const result = computeReplicasForMetrics(ctx, hpa, currentReplicas, target, conditions);
    statuses = result.statuses;
    if ('error' in result) {
      writeStatus(ctx, hpa, { ...previous, currentReplicas, currentMetrics: statuses, conditions });
      ctx.events.record(hpa, 'Warning', 'FailedComputeMetricsReplicas', result.error, component);
      return;
    }
    if (result.replicas > currentReplicas) reason = `${result.metricName} above target`;
    if (result.replicas < currentReplicas) reason = 'All metrics below target';
    desired = normalize(hpa, memory, currentReplicas, result.replicas, min, conditions, now);
  }
  const rescale = desired !== currentReplicas;
  let lastScaleTime = previous.lastScaleTime;
  if (rescale) {
    // Through the scale subresource, as kube-controller-manager: the replicas become its field.
    const scaled = tryWrite(() => ctx.api.update({ ...target.object, spec: { ...target.object.spec, replicas: desired } }, { fieldManager: 'kube-controller-manager', subresource: 'scale' }));
    if (!scaled) {
      ctx.events.record(hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${reason}; error: the object has been modified; please apply your changes to the latest version and try again`, component);
      setCondition(conditions, 'AbleToScale', 'False', 'FailedUpdateScale', 'the HPA controller was unable to update the target scale: the object has been modified; please apply your changes to the latest version and try again', now);
      writeStatus(ctx, hpa, { ...previous, conditions });
      return;
    }
    setCondition(conditions, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`, now);
    ctx.events.record(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`, component);
    if (hpa.spec?.behavior) storeScaleEvent(memory, currentReplicas, desired, now);
    lastScaleTime = rfc3339(now);
  } else {
    desired = currentReplicas;
  }
  const status: Record<string, unknown> = {};
  if (lastScaleTime) status.lastScaleTime = lastScaleTime;
  Object.assign(status, { currentReplicas, desiredReplicas: desired });
  if (statuses.length > 0) status.currentMetrics = statuses;
  status.conditions = conditions;
  writeStatus(ctx, hpa, status);
}
