// The FailedScheduling message (pkg/scheduler/framework/types.go FitError.Error and the
// preemption plugin's post-filter message).
import type { NodeRejection } from './node-fit';

/** A node's status in the preemption part: nothing to evict could make room, or nothing of lower priority runs there. */
export const notHelpful = 'Preemption is not helpful for scheduling';
export const noVictims = 'No preemption victims found for incoming pod';

export function histogram(reasons: string[]): string {
  const counts = new Map<string, number>();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  const items = [...counts].map(([reason, count]) => `${count} ${reason}`);
  items.sort(); // sorted as strings, like sort.Strings
  return items.join(', ');
}

/** The filters' part: `0/N nodes are available: <histogram>.` (what follows comes from preemption). */
export function fitErrorPrefix(nodeCount: number, rejections: NodeRejection[]): string {
  if (nodeCount === 0) return 'no nodes available to schedule pods';
  return `0/${nodeCount} nodes are available: ${histogram(rejections.flatMap((r) => r.reasons))}.`;
}

/** The whole message when preemption finds no victim on any node (no pod of lower priority). */
export function fitErrorMessage(nodeCount: number, rejections: NodeRejection[]): string {
  if (nodeCount === 0) return fitErrorPrefix(nodeCount, rejections);
  const preemption = rejections.map((r) => (r.unresolvable ? notHelpful : noVictims));
  return `${fitErrorPrefix(nodeCount, rejections)} preemption: 0/${nodeCount} nodes are available: ${histogram(preemption)}.`;
}

/** A PreFilter plugin turned the pod away before any node was looked at: every node is one preemption cannot help. */
export function preFilterErrorMessage(nodeCount: number, message: string): string {
  return `0/${nodeCount} nodes are available: ${message}. preemption: 0/${nodeCount} nodes are available: ${nodeCount} ${notHelpful}.`;
}
