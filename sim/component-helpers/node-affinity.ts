// nodeSelector and required node affinity, shared by the scheduler and the DaemonSet controller
// (k8s.io/component-helpers/scheduling/corev1/nodeaffinity).
import type { KubeObject } from '../api/types';

interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}

interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export function requiredNodeSelectorTerms(pod: KubeObject): NodeSelectorTerm[] | undefined {
  return (pod.spec?.affinity as any)?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
}

export function matchesNodeSelectorAndAffinity(pod: KubeObject, node: KubeObject): boolean {
  const labels: Record<string, string> = node.metadata.labels ?? {};
  for (const [key, value] of Object.entries((pod.spec?.nodeSelector ?? {}) as Record<string, string>)) {
    if (labels[key] !== value) return false;
  }
  const terms = requiredNodeSelectorTerms(pod);
  if (!terms) return true;
  // Terms are ORed; an empty term matches nothing.
  return terms.some((term) => matchesTerm(term, node));
}

/**
 * The NodeAffinity score before normalizing: the weights of the pod's preferred terms the node
 * matches (an empty term matches nothing).
 */
export function preferredNodeAffinityWeight(pod: KubeObject, node: KubeObject): number {
  const terms = ((pod.spec?.affinity as any)?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) as { weight: number; preference: NodeSelectorTerm }[];
  return terms.reduce((sum, term) => sum + (term.preference && matchesTerm(term.preference, node) ? term.weight : 0), 0);
}

function matchesTerm(term: NodeSelectorTerm, node: KubeObject): boolean {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels: Record<string, string> = node.metadata.labels ?? {};
  const fieldValues: Record<string, string> = { 'metadata.name': node.metadata.name ?? '' };
  return expressions.every((r) => matchesRequirement(labels, r)) && fields.every((r) => matchesRequirement(fieldValues, r));
}

function matchesRequirement(values: Record<string, string>, requirement: NodeSelectorRequirement): boolean {
  const has = Object.prototype.hasOwnProperty.call(values, requirement.key);
  const value = values[requirement.key];
  const wanted = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return has && wanted.includes(value);
    case 'NotIn':
      return !has || !wanted.includes(value);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
      return has && wanted.length === 1 && Number.parseInt(value, 10) > Number.parseInt(wanted[0], 10);
    case 'Lt':
      return has && wanted.length === 1 && Number.parseInt(value, 10) < Number.parseInt(wanted[0], 10);
    default:
      return false;
  }
}
