// The PodTopologySpread plugin (pkg/scheduler/framework/plugins/podtopologyspread): a pod's
// topologySpreadConstraints. DoNotSchedule ones filter: on a node, the matching pods of its
// domain, plus the pod itself when it matches, less the fewest in any domain, may not exceed
// maxSkew. ScheduleAnyway ones score: the fewer matching pods in a node's domains, the better.
// Domains are the values of the topology key on the nodes that pass the node inclusion policies
// (the pod's node affinity, by default; taints are ignored by default, so a tainted control-plane
// node still counts as a domain).
import type { KubeObject, LabelSelector } from '../api/types';
import { labelSelectorSpecMatches } from '../api/selectors';
import { matchesNodeSelectorAndAffinity } from '../component-helpers/node-affinity';
import { effectiveTaints, isTolerated } from '../component-helpers/taints';
import type { NodeRejection } from './node-fit';

interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  labelSelector?: LabelSelector | null;
  minDomains?: number;
  nodeAffinityPolicy?: 'Honor' | 'Ignore';
  nodeTaintsPolicy?: 'Honor' | 'Ignore';
  matchLabelKeys?: string[];
}

const notMatched: NodeRejection = { reasons: ["node(s) didn't match pod topology spread constraints"], unresolvable: false };
const missingLabel: NodeRejection = { reasons: ["node(s) didn't match pod topology spread constraints (missing required label)"], unresolvable: true };

function constraintsOf(pod: KubeObject, when: SpreadConstraint['whenUnsatisfiable']): SpreadConstraint[] {
  return ((pod.spec?.topologySpreadConstraints ?? []) as SpreadConstraint[]).filter((c) => c.whenUnsatisfiable === when);
}

/** The constraint's selector, with the pod's own values of matchLabelKeys added as requirements. */
function selectorOf(pod: KubeObject, constraint: SpreadConstraint): LabelSelector | undefined {
  const selector = constraint.labelSelector ?? undefined;
  const labels = (pod.metadata.labels ?? {}) as Record<string, string>;
  const keys = (constraint.matchLabelKeys ?? []).filter((key) => key in labels);
  if (!selector || keys.length === 0) return selector;
  return { ...selector, matchExpressions: [...(selector.matchExpressions ?? []), ...keys.map((key) => ({ key, operator: 'In' as const, values: [labels[key]] }))] };
}

/** Whether a node counts as a domain of the constraint for this pod (its node inclusion policies). */
function included(pod: KubeObject, constraint: SpreadConstraint, node: KubeObject): boolean {
  const labels = (node.metadata.labels ?? {}) as Record<string, string>;
  if (!(constraint.topologyKey in labels)) return false;
  if ((constraint.nodeAffinityPolicy ?? 'Honor') === 'Honor' && !matchesNodeSelectorAndAffinity(pod, node)) return false;
  if (constraint.nodeTaintsPolicy === 'Honor') {
    const tolerations = pod.spec?.tolerations;
    if (effectiveTaints(node).some((taint) => (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !isTolerated(taint, tolerations))) return false;
  }
  return true;
}

/** Matching pods per domain (topology value) of each constraint, counted as PreFilter and PreScore do. */
function domainCounts(pod: KubeObject, constraints: SpreadConstraint[], nodes: KubeObject[], podsByNode: Map<string, KubeObject[]>): Map<string, number>[] {
  const namespace = pod.metadata.namespace ?? 'default';
  return constraints.map((constraint) => {
    const selector = selectorOf(pod, constraint);
    const counts = new Map<string, number>();
    for (const node of nodes) {
      if (!included(pod, constraint, node)) continue;
      const value = (node.metadata.labels as Record<string, string>)[constraint.topologyKey];
      let count = counts.get(value) ?? 0;
      for (const other of podsByNode.get(node.metadata.name!) ?? []) {
        // Pods being deleted do not count; a null selector matches nothing.
        if (other.metadata.deletionTimestamp || (other.metadata.namespace ?? 'default') !== namespace || !selector) continue;
        if (labelSelectorSpecMatches(selector, other.metadata.labels)) count++;
      }
      counts.set(value, count);
    }
    return counts;
  });
}

/** The filter for one pod against every node: the reason a node fails its DoNotSchedule constraints. */
export function podTopologySpreadFilter(pod: KubeObject, nodes: KubeObject[], podsByNode: Map<string, KubeObject[]>): (node: KubeObject) => NodeRejection | undefined {
  const constraints = constraintsOf(pod, 'DoNotSchedule');
  if (constraints.length === 0) return () => undefined;
  const counts = domainCounts(pod, constraints, nodes, podsByNode);
  const minimums = counts.map((perDomain, i) => {
    // Fewer eligible domains than minDomains: the global minimum is taken as 0.
    if (perDomain.size < (constraints[i].minDomains ?? 1)) return 0;
    return perDomain.size === 0 ? 0 : Math.min(...perDomain.values());
  });
  return (node) => {
    const labels = (node.metadata.labels ?? {}) as Record<string, string>;
    for (const [i, constraint] of constraints.entries()) {
      if (!(constraint.topologyKey in labels)) return missingLabel;
      const selector = selectorOf(pod, constraint);
      const selfMatch = selector && labelSelectorSpecMatches(selector, pod.metadata.labels) ? 1 : 0;
      const skew = (counts[i].get(labels[constraint.topologyKey]) ?? 0) + selfMatch - minimums[i];
      if (skew > constraint.maxSkew) return notMatched;
    }
    return undefined;
  };
}

/**
 * The plugin's normalized score (0..100) for each feasible node, from its ScheduleAnyway
 * constraints: a node's raw score sums, per constraint, the matching pods of its domain weighted
 * by log(domains + 2), plus maxSkew - 1; the lowest raw score gets the most. Undefined when the
 * pod has no such constraint.
 */
export function podTopologySpreadScores(pod: KubeObject, feasible: KubeObject[], nodes: KubeObject[], podsByNode: Map<string, KubeObject[]>): Map<string, number> | undefined {
  const constraints = constraintsOf(pod, 'ScheduleAnyway');
  if (constraints.length === 0) return undefined;
  const counts = domainCounts(pod, constraints, nodes, podsByNode);
  const raw = new Map<string, number>();
  for (const node of feasible) {
    const labels = (node.metadata.labels ?? {}) as Record<string, string>;
    // A node without every topology key scores nothing.
    if (!constraints.every((c) => c.topologyKey in labels)) continue;
    let score = 0;
    for (const [i, constraint] of constraints.entries()) {
      const weight = Math.log(counts[i].size + 2);
      score += (counts[i].get(labels[constraint.topologyKey]) ?? 0) * weight + (constraint.maxSkew - 1);
    }
    raw.set(node.metadata.name!, Math.round(score));
  }
  const scores = new Map<string, number>();
  const values = [...raw.values()];
  const max = Math.max(0, ...values);
  const min = values.length ? Math.min(...values) : 0;
  for (const node of feasible) {
    const value = raw.get(node.metadata.name!);
    if (value === undefined) scores.set(node.metadata.name!, 0);
    else scores.set(node.metadata.name!, max === 0 ? 100 : Math.floor((100 * (max + min - value)) / max));
  }
  return scores;
}
