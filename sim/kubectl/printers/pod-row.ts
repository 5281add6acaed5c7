// The pod row of `kubectl get pods`: NAME, the summary cells, AGE, and the wide columns.

import type { KubeObject } from '../../api/types';
import { age } from './cells';
import { summarizePod } from './pod-summary';

export function podRow(pod: KubeObject, now: number, wide: boolean): string[] {
  const summary = summarizePod(pod, now);
  const cells = [pod.metadata.name ?? '', summary.ready, summary.status, summary.restarts, age(pod, now)];
  if (!wide) return cells;
  const status = pod.status ?? {};
  const podIP: string = status.podIPs?.[0]?.ip || status.podIP || '<none>';
  const gates: { conditionType: string }[] = pod.spec?.readinessGates ?? [];
  let gatesText = '<none>';
  if (gates.length > 0) {
    const conditions: { type: string; status: string }[] = status.conditions ?? [];
    const trueCount = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
    gatesText = `${trueCount}/${gates.length}`;
  }
  return [...cells, podIP, pod.spec?.nodeName || '<none>', status.nominatedNodeName || '<none>', gatesText];
}
