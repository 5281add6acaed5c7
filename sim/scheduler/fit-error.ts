// The FailedScheduling message (pkg/scheduler/framework/types.go FitError.Error and the
// preemption plugin's post-filter message).
import type { NodeRejection } from './node-fit';

export function histogram(reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const items = [...counts].map(([reason, count]) => `${count} ${reason}`);
  items.sort(); // sorted as strings, like sort.Strings
  return items.join(', ');
}

export function fitErrorMessage(nodeCount: number, rejections: NodeRejection[]): string {
  if (nodeCount === 0) return 'no nodes available to schedule pods';
  const reasons = rejections.flatMap((r) => r.reasons);
  const preemption = rejections.map((r) => (r.unresolvable ? 'Preemption is not helpful for scheduling' : 'No preemption victims found for incoming pod'));
  return (
    `0/${nodeCount} nodes are available: ${histogram(reasons)}.` +
    ` preemption: 0/${nodeCount} nodes are available: ${histogram(preemption)}.`
  );
}

/** A PreFilter plugin turned the pod away before any node was looked at: every node is one preemption cannot help. */
export function preFilterErrorMessage(nodeCount: number, message: string): string {
  return `0/${nodeCount} nodes are available: ${message}. preemption: 0/${nodeCount} nodes are available: ${nodeCount} Preemption is not helpful for scheduling.`;
}
