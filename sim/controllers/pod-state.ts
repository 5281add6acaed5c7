// What controllers ask of a pod: is it still counting (active), ready, available.
import type { KubeObject } from '../api/types';
import { parseRfc3339 as parseTimestamp } from '../time';

export function isTerminating(obj: KubeObject): boolean {
  return !!obj.metadata.deletionTimestamp;
}

export function isTerminal(pod: KubeObject): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** Counts towards a controller's replicas: not terminating and not finished. */
export function isActive(pod: KubeObject): boolean {
  return !isTerminating(pod) && !isTerminal(pod);
}

export function readyCondition(pod: KubeObject): { status: string; lastTransitionTime?: string } | undefined {
  return (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
}

export function isReady(pod: KubeObject): boolean {
  return readyCondition(pod)?.status === 'True';
}

/** Ready for at least minReadySeconds (podutil.IsPodAvailable). */
export function isAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  if (!isReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = parseTimestamp(readyCondition(pod)?.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 <= now;
}

/** ms until a ready pod becomes available, or undefined when it already is or is not ready. */
export function msUntilAvailable(pod: KubeObject, minReadySeconds: number, now: number): number | undefined {
  if (!isReady(pod) || minReadySeconds <= 0) return undefined;
  const since = parseTimestamp(readyCondition(pod)?.lastTransitionTime);
  if (since === undefined) return undefined;
  const due = since + minReadySeconds * 1000;
  return due > now ? due - now : undefined;
}

export function restartCount(pod: KubeObject): number {
  return (pod.status?.containerStatuses ?? []).reduce((sum: number, s: { restartCount?: number }) => sum + (s.restartCount ?? 0), 0);
}
