// The DisruptionTarget condition a component writes on a pod it is about to delete (the taint
// manager, the pod garbage collector, the scheduler's preemption), replacing an earlier one.
import type { KubeObject, PodCondition } from '../api/types';
import { rfc3339 } from '../time';

/** The pod's conditions with DisruptionTarget True for `reason`, added last as UpdatePodCondition adds it. */
export function withDisruptionTarget(pod: KubeObject, reason: string, message: string, now: number): PodCondition[] {
  const conditions: PodCondition[] = (pod.status?.conditions ?? []).filter((c: PodCondition) => c.type !== 'DisruptionTarget');
  conditions.push({ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(now), reason, message });
  return conditions;
}
