// Which pods a ReplicaSet removes first when scaling down (pkg/controller/controller_utils.go
// ActivePodsWithRanks): unscheduled, then Pending before Unknown before Running, not ready, on
// more crowded nodes, ready for the shortest time, more restarts, newest.
import type { KubeObject } from '../api/types';
import { parseRfc3339 } from '../time';
import { isReady, readyCondition, restartCount } from './pod-state';

const phaseRank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

export function sortForDeletion(pods: KubeObject[]): KubeObject[] {
  // Rank: how many of these pods share a node with this one.
  const perNode = new Map<string, number>();
  for (const pod of pods) {
    const node = pod.spec?.nodeName ?? '';
    if (node) perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  const rank = (pod: KubeObject) => perNode.get(pod.spec?.nodeName ?? '') ?? 0;
  const readySince = (pod: KubeObject) => parseRfc3339(readyCondition(pod)?.lastTransitionTime) ?? 0;
  const created = (pod: KubeObject) => parseRfc3339(pod.metadata.creationTimestamp) ?? 0;

  return [...pods].sort((a, b) => {
    const assignedA = a.spec?.nodeName ? 1 : 0;
    const assignedB = b.spec?.nodeName ? 1 : 0;
    if (assignedA !== assignedB) return assignedA - assignedB;
    const phaseA = phaseRank[a.status?.phase ?? 'Pending'] ?? 0;
    const phaseB = phaseRank[b.status?.phase ?? 'Pending'] ?? 0;
    if (phaseA !== phaseB) return phaseA - phaseB;
    const readyA = isReady(a) ? 1 : 0;
    const readyB = isReady(b) ? 1 : 0;
    if (readyA !== readyB) return readyA - readyB;
    if (rank(a) !== rank(b)) return rank(b) - rank(a);
    if (readyA && readyB && readySince(a) !== readySince(b)) return readySince(b) - readySince(a);
    if (restartCount(a) !== restartCount(b)) return restartCount(b) - restartCount(a);
    if (created(a) !== created(b)) return created(b) - created(a);
    return (b.metadata.name ?? '') < (a.metadata.name ?? '') ? -1 : 1;
  });
}
