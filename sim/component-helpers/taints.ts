// Taints and tolerations, shared by the scheduler and the controllers that place or evict Pods
// (k8s.io/component-helpers/scheduling/corev1; toleration.go semantics).
import type { KubeObject, Taint, Toleration } from '../api/types';

export function toleratesTaint(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  // An empty key with Exists tolerates every taint.
  const operator = toleration.operator ?? 'Equal';
  if (operator === 'Exists') return true;
  return (toleration.value ?? '') === (taint.value ?? '');
}

export function isTolerated(taint: Taint, tolerations: Toleration[] | undefined): boolean {
  return (tolerations ?? []).some((toleration) => toleratesTaint(toleration, taint));
}

/** `{node-role.kubernetes.io/control-plane: }`, as the scheduler prints a taint. */
export function formatTaint(taint: Taint): string {
  return `{${taint.key}: ${taint.value ?? ''}}`;
}

/**
 * The node's taints as the scheduler sees them. A node whose Ready condition is not True carries
 * the not-ready taint the node lifecycle controller puts on such nodes, even if it has not been
 * written yet.
 */
export function effectiveTaints(node: KubeObject): Taint[] {
  const taints: Taint[] = [...(node.spec?.taints ?? [])];
  const ready = (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
  const hasHealthTaint = taints.some((t) => t.key === 'node.kubernetes.io/not-ready' || t.key === 'node.kubernetes.io/unreachable');
  if (ready?.status !== 'True' && !hasHealthTaint) {
    const key = ready?.status === 'Unknown' ? 'node.kubernetes.io/unreachable' : 'node.kubernetes.io/not-ready';
    taints.push({ key, effect: 'NoSchedule' });
  }
  return taints;
}
