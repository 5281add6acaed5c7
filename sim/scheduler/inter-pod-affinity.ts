// The InterPodAffinity filter (pkg/scheduler/framework/plugins/interpodaffinity): a pod's required
// podAffinity and podAntiAffinity terms, and the required anti-affinity of the pods already placed,
// counted per topology pair (a node label's key and value) as its PreFilter does.
import type { KubeObject, LabelSelector } from '../api/types';
import { labelSelectorSpecMatches } from '../api/selectors';
import type { NodeRejection } from './node-fit';

interface AffinityTerm {
  labelSelector?: LabelSelector | null;
  namespaces?: string[];
  namespaceSelector?: LabelSelector | null;
  topologyKey: string;
}

interface Affinity {
  podAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: AffinityTerm[] };
  podAntiAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: AffinityTerm[] };
}

// Read for every placed pod at each attempt; most have none, so nothing is made for them.
const noTerms: readonly AffinityTerm[] = Object.freeze([]);
const affinityOf = (pod: KubeObject): Affinity | undefined => pod.spec?.affinity as Affinity | undefined;
const requiredAffinity = (pod: KubeObject): readonly AffinityTerm[] => affinityOf(pod)?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? noTerms;
const requiredAntiAffinity = (pod: KubeObject): readonly AffinityTerm[] => affinityOf(pod)?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? noTerms;

/** Whether a term of `owner` selects `candidate`: its namespaces (the owner's by default), then its labels. */
function termMatches(term: AffinityTerm, owner: KubeObject, candidate: KubeObject): boolean {
  const namespace = candidate.metadata.namespace ?? 'default';
  const allNamespaces = term.namespaceSelector != null && Object.keys(term.namespaceSelector).length === 0;
  const namespaces = term.namespaces?.length ? term.namespaces : term.namespaceSelector == null ? [owner.metadata.namespace ?? 'default'] : [];
  if (!allNamespaces && !namespaces.includes(namespace)) return false;
  // A null selector selects nothing; an empty one, everything.
  if (term.labelSelector == null) return false;
  return labelSelectorSpecMatches(term.labelSelector, candidate.metadata.labels);
}

type Counts = Map<string, number>;
const pairKey = (key: string, value: string) => `${key}\u0000${value}`;
const bump = (counts: Counts, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

/** The filter for one pod against every node: the reasons a node fails, as the plugin gives them. */
export function interPodAffinityFilter(pod: KubeObject, nodes: KubeObject[], podsByNode: Map<string, KubeObject[]>): (node: KubeObject) => NodeRejection | undefined {
  const labelsOf = new Map(nodes.map((node) => [node.metadata.name!, (node.metadata.labels ?? {}) as Record<string, string>]));
  const affinityTerms = requiredAffinity(pod);
  const antiAffinityTerms = requiredAntiAffinity(pod);
  const affinityCounts: Counts = new Map();
  const antiAffinityCounts: Counts = new Map();
  const existingAntiAffinityCounts: Counts = new Map();
  for (const [nodeName, pods] of podsByNode) {
    const labels = labelsOf.get(nodeName);
    if (!labels) continue;
    for (const other of pods) {
      if (other.metadata.uid === pod.metadata.uid) continue;
      for (const term of affinityTerms) if (term.topologyKey in labels && termMatches(term, pod, other)) bump(affinityCounts, pairKey(term.topologyKey, labels[term.topologyKey]));
      for (const term of antiAffinityTerms) if (term.topologyKey in labels && termMatches(term, pod, other)) bump(antiAffinityCounts, pairKey(term.topologyKey, labels[term.topologyKey]));
      for (const term of requiredAntiAffinity(other)) {
        if (term.topologyKey in labels && termMatches(term, other, pod)) bump(existingAntiAffinityCounts, pairKey(term.topologyKey, labels[term.topologyKey]));
      }
    }
  }
  // The first pod of a group that has affinity to itself may go where its topology labels are.
  const selfMatch = affinityTerms.every((term) => termMatches(term, pod, pod));
  return (node) => {
    const labels = (node.metadata.labels ?? {}) as Record<string, string>;
    let podsExist = true;
    for (const term of affinityTerms) {
      if (!(term.topologyKey in labels)) return { reasons: ["node(s) didn't match pod affinity rules"], unresolvable: true };
      if (!affinityCounts.get(pairKey(term.topologyKey, labels[term.topologyKey]))) podsExist = false;
    }
    if (!podsExist && !(affinityCounts.size === 0 && selfMatch)) return { reasons: ["node(s) didn't match pod affinity rules"], unresolvable: true };
    for (const term of antiAffinityTerms) {
      if (term.topologyKey in labels && antiAffinityCounts.get(pairKey(term.topologyKey, labels[term.topologyKey]))) {
        return { reasons: ["node(s) didn't match pod anti-affinity rules"], unresolvable: false };
      }
    }
    for (const [key, value] of Object.entries(labels)) {
      if (existingAntiAffinityCounts.get(pairKey(key, value))) return { reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"], unresolvable: false };
    }
    return undefined;
  };
}
