// How many replicas a resource metric asks for (pkg/controller/podautoscaler/replica_calculator.go):
// the pods' usage from metrics.k8s.io against their requests, with pods that are not ready yet,
// have no metrics yet or are going away treated as the controller treats them.
import type { KubeObject } from '../api/types';
import { tryParseQuantity } from '../api/quantity';
import { parseRfc3339 } from '../time';
import { readyCondition } from './pod-state';

/** --horizontal-pod-autoscaler-tolerance: a usage ratio within 10% of 1 changes nothing. */
export const tolerance = 0.1;
/** --horizontal-pod-autoscaler-cpu-initialization-period. */
const cpuInitializationPeriodMs = 5 * 60_000;
/** --horizontal-pod-autoscaler-initial-readiness-delay. */
const initialReadinessDelayMs = 30_000;

export interface ResourceProposal {
  replicas: number;
  /** Utilization targets: the pods' usage as a percentage of their requests. */
  utilization?: number;
  /** The average usage per pod, in milli-units. */
  rawAverage: number;
}

/** What a pod uses of a resource, in milli-units, and when metrics-server measured it. */
interface PodMetric {
  value: number;
  timestamp: number;
  windowMs: number;
}

export class MetricError extends Error {}

/** Each pod's use of the resource: all its containers, or the one a ContainerResource metric names. */
function podMetricsByName(podMetrics: KubeObject[], resource: string, containerName?: string): Map<string, PodMetric> {
  const metrics = new Map<string, PodMetric>();
  for (const item of podMetrics) {
    let value = 0;
    const containers = (item.containers ?? []) as { name: string; usage?: Record<string, string> }[];
    const counted = containerName === undefined ? containers : containers.filter((c) => c.name === containerName);
    if (containerName !== undefined && counted.length === 0) throw new MetricError(`container ${containerName} not present in metrics for pod ${item.metadata.namespace}/${item.metadata.name}`);
    for (const container of counted) {
      const usage = tryParseQuantity(container.usage?.[resource]);
      if (usage) value += usage.milliValue();
    }
    const windowMs = (Number.parseFloat(String(item.window ?? '15s')) || 15) * 1000;
    metrics.set(item.metadata.name!, { value, timestamp: parseRfc3339(item.timestamp) ?? 0, windowMs });
  }
  return metrics;
}

/** groupPods: which pods count, which are not ready yet, which have no metrics, which are ignored. */
function groupPods(pods: KubeObject[], metrics: Map<string, PodMetric>, resource: string, now: number) {
  let readyCount = 0;
  const unready = new Set<string>();
  const missing = new Set<string>();
  const ignored = new Set<string>();
  for (const pod of pods) {
    const name = pod.metadata.name!;
    if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Failed') {
      ignored.add(name);
      continue;
    }
    if (pod.status?.phase === 'Pending') {
      unready.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      missing.add(name);
      continue;
    }
    if (resource === 'cpu') {
      const condition = readyCondition(pod);
      const started = parseRfc3339(pod.status?.startTime);
      let isUnready: boolean;
      if (!condition || started === undefined) isUnready = true;
      else {
        const transition = parseRfc3339(condition.lastTransitionTime) ?? 0;
        // A pod still starting up: its CPU counts once it is ready and a whole metrics window has passed since.
        if (started + cpuInitializationPeriodMs > now) isUnready = condition.status === 'False' || metric.timestamp < transition + metric.windowMs;
        else isUnready = condition.status === 'False' && started + initialReadinessDelayMs > transition;
      }
      if (isUnready) {
        unready.add(name);
        continue;
      }
    }
    readyCount++;
  }
  return { readyCount, unready, missing, ignored };
}

/** calculatePodRequests: each pod's request of the resource; a container without one is an error. */
function podRequests(pods: KubeObject[], resource: string, containerName?: string): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    const sidecars = ((pod.spec?.initContainers ?? []) as { restartPolicy?: string }[]).filter((c) => c.restartPolicy === 'Always');
    for (const container of [...(pod.spec?.containers ?? []), ...sidecars] as { name: string; resources?: { requests?: Record<string, string> } }[]) {
      if (containerName !== undefined && container.name !== containerName) continue;
      const request = tryParseQuantity(container.resources?.requests?.[resource]);
      if (!request) throw new MetricError(`missing request for ${resource} in container ${container.name} of Pod ${pod.metadata.name}`);
      sum += request.milliValue();
    }
    requests.set(pod.metadata.name!, sum);
  }
  return requests;
}

/** GetResourceUtilizationRatio. */
function utilizationRatio(metrics: Map<string, number>, requests: Map<string, number>, target: number) {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [name, value] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    metricsTotal += value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) throw new MetricError('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / target, utilization, rawAverage: Math.trunc(metricsTotal / entries) };
}

/** The metrics of the target's pods; an empty answer is the metrics client's error. */
function metricsOf(podMetrics: KubeObject[], resource: string, containerName?: string): Map<string, PodMetric> {
  try {
    if (podMetrics.length === 0) throw new MetricError('no metrics returned from resource metrics API');
    return podMetricsByName(podMetrics, resource, containerName);
  } catch (error) {
    if (!(error instanceof MetricError)) throw error;
    throw new MetricError(`unable to get metrics for resource ${resource}: ${error.message}`);
  }
}

/**
 * GetResourceReplicas (a utilization target) and GetRawResourceReplicas (an average value target):
 * `pods` are the pods the target's selector matches, `podMetrics` their PodMetrics.
 */
export function resourceReplicas(
  currentReplicas: number,
  target: { utilization?: number; averageMilli?: number },
  resource: string,
  pods: KubeObject[],
  podMetrics: KubeObject[],
  now: number,
  containerName?: string,
): ResourceProposal {
  const measured = metricsOf(podMetrics, resource, containerName);
  if (pods.length === 0) throw new MetricError('no pods returned by selector while calculating replica count');
  const { readyCount, unready, missing, ignored } = groupPods(pods, measured, resource, now);
  const metrics = new Map([...measured].filter(([name]) => !ignored.has(name) && !unready.has(name) && pods.some((p) => p.metadata.name === name)).map(([name, m]) => [name, m.value]));
  let requests: Map<string, number>;
  let ratioOf: (values: Map<string, number>) => { ratio: number; utilization?: number; rawAverage: number };
  if (target.utilization !== undefined) {
    requests = podRequests(pods, resource, containerName);
    ratioOf = (values) => utilizationRatio(values, requests, target.utilization!);
  } else {
    requests = new Map(pods.map((p) => [p.metadata.name!, target.averageMilli!]));
    ratioOf = (values) => {
      const total = [...values.values()].reduce((a, b) => a + b, 0);
      return { ratio: total / (target.averageMilli! * values.size), rawAverage: Math.trunc(total / values.size) };
    };
  }
  if (metrics.size === 0) throw new MetricError('did not receive metrics for targeted pods (pods might be unready)');
  const first = ratioOf(metrics);
  const proposal = (replicas: number): ResourceProposal => ({ replicas, utilization: first.utilization, rawAverage: first.rawAverage });
  const scaleUpWithUnready = unready.size > 0 && first.ratio > 1;
  if (!scaleUpWithUnready && missing.size === 0) {
    if (Math.abs(1 - first.ratio) <= tolerance) return proposal(currentReplicas);
    return proposal(Math.ceil(first.ratio * readyCount));
  }
  // Pods without metrics count as using their whole request on the way down and nothing on the way up;
  // pods not ready yet count as using nothing on the way up.
  for (const name of missing) {
    if (first.ratio < 1) metrics.set(name, target.utilization !== undefined ? Math.trunc((requests.get(name)! * Math.max(100, target.utilization)) / 100) : target.averageMilli!);
    else if (first.ratio > 1) metrics.set(name, 0);
  }
  if (scaleUpWithUnready) for (const name of unready) metrics.set(name, 0);
  const next = ratioOf(metrics).ratio;
  if (Math.abs(1 - next) <= tolerance || (first.ratio < 1 && next > 1) || (first.ratio > 1 && next < 1)) return proposal(currentReplicas);
  const replicas = Math.ceil(next * metrics.size);
  if ((next < 1 && replicas > currentReplicas) || (next > 1 && replicas < currentReplicas)) return proposal(currentReplicas);
  return proposal(replicas);
}
