// DefaultPreemption (pkg/scheduler/framework/plugins/defaultpreemption and framework/preemption):
// the PostFilter that runs when no node fits a pod. On every node where evicting pods could help,
// it removes the pods of lower priority, checks the pod fits, then gives back as many of them as
// it can, most important first; of the nodes that work it picks the one whose victims matter
// least, marks and deletes those victims, and nominates the node for the pod. PodDisruptionBudgets
// are not served by this cluster, so no victim violates one.
import type { EngineContext } from '../engine-context';
import type { KubeObject, PodCondition } from '../api/types';
import { ApiError } from '../api/errors';
import { parseRfc3339 } from '../time';
import { withDisruptionTarget } from '../component-helpers/disruption-target';
import type { NodeRejection } from './node-fit';
import { histogram, noVictims, notHelpful } from './fit-error';

export type PodsByNode = Map<string, KubeObject[]>;

export interface PreemptionInput {
  pod: KubeObject;
  nodes: KubeObject[];
  /** The pods bound to each node. */
  podsByNode: PodsByNode;
  /** Why each node was rejected in this attempt. */
  rejections: Map<string, NodeRejection>;
  /** The filters of the attempt, run against other pods on the nodes (victims taken away). */
  filter(podsByNode: PodsByNode, node: KubeObject): NodeRejection | undefined;
}

export type PreemptionOutcome =
  | { nominatedNode: string; victims: KubeObject[] }
  /** The PostFilter's message, appended to the FailedScheduling message; with no node to preempt on, an earlier nomination is dropped. */
  | { message: string; dropNomination: boolean };

export function podPriority(pod: KubeObject): number {
  return typeof pod.spec?.priority === 'number' ? pod.spec.priority : 0;
}

function startTime(pod: KubeObject, now: number): number {
  return (pod.status?.startTime ? parseRfc3339(pod.status.startTime) : undefined) ?? now;
}

/** util.MoreImportantPod: higher priority, then the one that started first. */
function moreImportant(a: KubeObject, b: KubeObject, now: number): number {
  return podPriority(b) - podPriority(a) || startTime(a, now) - startTime(b, now);
}

/** A pod the scheduler is deleting to make room: its victims keep their place until they are gone. */
function terminatingByPreemption(pod: KubeObject): boolean {
  if (!pod.metadata.deletionTimestamp) return false;
  return (pod.status?.conditions ?? []).some((c: PodCondition) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler');
}

/** PodEligibleToPreemptOthers: the reason the pod may not preempt, or undefined when it may. */
function ineligibility(input: PreemptionInput): string | undefined {
  const { pod, podsByNode, rejections } = input;
  if (pod.spec?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
  const nominated: string | undefined = pod.status?.nominatedNodeName;
  if (!nominated || rejections.get(nominated)?.unresolvable) return undefined;
  const priority = podPriority(pod);
  if ((podsByNode.get(nominated) ?? []).some((other) => podPriority(other) < priority && terminatingByPreemption(other))) {
    return 'not eligible due to a terminating pod on the nominated node.';
  }
  return undefined;
}

interface Candidate {
  node: string;
  victims: KubeObject[];
}

/** SelectVictimsOnNode: the fewest, least important pods to remove, or the node's status when there are none. */
function selectVictims(input: PreemptionInput, node: KubeObject, now: number): Candidate | { reasons: string[] } {
  const name = node.metadata.name!;
  const priority = podPriority(input.pod);
  const onNode = input.podsByNode.get(name) ?? [];
  const potential = onNode.filter((other) => podPriority(other) < priority);
  if (potential.length === 0) return { reasons: [noVictims] };
  const remaining = new Set(onNode.filter((other) => !potential.includes(other)));
  const fitsWith = () => input.filter(new Map(input.podsByNode).set(name, onNode.filter((other) => remaining.has(other))), node);
  const stillRejected = fitsWith();
  if (stillRejected) return { reasons: stillRejected.reasons };
  const victims: KubeObject[] = [];
  for (const candidate of [...potential].sort((a, b) => moreImportant(a, b, now))) {
    remaining.add(candidate);
    if (fitsWith()) {
      remaining.delete(candidate);
      victims.push(candidate);
    }
  }
  return { node: name, victims };
}

/** pickOneNodeForPreemption, its criteria in order (no PDB violations here): the first best candidate. */
function pickCandidate(candidates: Candidate[], now: number): Candidate {
  const highest = (c: Candidate) => Math.max(...c.victims.map(podPriority));
  // Each priority is shifted by 2^31 (MaxInt32 + 1) so that it counts as positive.
  const prioritySum = (c: Candidate) => c.victims.reduce((sum, victim) => sum + podPriority(victim) + 2 ** 31, 0);
  const earliestStartOfHighest = (c: Candidate) => Math.min(...c.victims.filter((victim) => podPriority(victim) === highest(c)).map((victim) => startTime(victim, now)));
  const criteria: ((c: Candidate) => number)[] = [highest, prioritySum, (c) => c.victims.length, (c) => -earliestStartOfHighest(c)];
  let best = candidates;
  for (const score of criteria) {
    if (best.length === 1) break;
    const lowest = Math.min(...best.map(score));
    best = best.filter((c) => score(c) === lowest);
  }
  return best[0];
}

/** What preemption can do for a pod no node fits: a node and its victims, or why not. */
export function findPreemption(input: PreemptionInput, now: number): PreemptionOutcome {
  const reason = ineligibility(input);
  if (reason) return { message: `preemption: ${reason}`, dropNomination: false };
  const candidates: Candidate[] = [];
  const statuses: string[] = [];
  for (const node of input.nodes) {
    const rejection = input.rejections.get(node.metadata.name!);
    if (!rejection) continue;
    if (rejection.unresolvable) {
      statuses.push(notHelpful);
      continue;
    }
    const selected = selectVictims(input, node, now);
    if ('node' in selected) candidates.push(selected);
    else statuses.push(...selected.reasons);
  }
  if (candidates.length === 0) {
    return { message: `preemption: 0/${input.nodes.length} nodes are available: ${histogram(statuses)}.`, dropNomination: true };
  }
  const chosen = pickCandidate(candidates, now);
  return { nominatedNode: chosen.node, victims: chosen.victims };
}

/**
 * prepareCandidate: each victim is marked as disrupted by preemption, deleted with its grace
 * period and told why; lower-priority pods nominated to the node lose their nomination.
 */
export function evictVictims(ctx: EngineContext, preemptor: KubeObject, nodeName: string, victims: KubeObject[], schedulerName: string): void {
  const now = ctx.clock.now();
  for (const victim of victims) {
    try {
      const current = ctx.api.get('Pod', victim.metadata.namespace, victim.metadata.name!);
      const conditions = withDisruptionTarget(current, 'PreemptionByScheduler', `${schedulerName}: preempting to accommodate a higher priority pod`, now);
      current.status = { ...current.status, conditions };
      ctx.api.updateStatus(current);
      ctx.api.delete('Pod', victim.metadata.namespace, victim.metadata.name!);
    } catch (error) {
      // A victim already gone is as good as deleted.
      if (!(error instanceof ApiError)) throw error;
    }
    ctx.events.record(victim, 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata.uid} on node ${nodeName}`, { component: schedulerName });
  }
  const priority = podPriority(preemptor);
  for (const other of ctx.api.list('Pod', undefined)) {
    if (other.status?.nominatedNodeName !== nodeName || other.spec?.nodeName || podPriority(other) >= priority) continue;
    delete other.status.nominatedNodeName;
    ctx.api.updateStatus(other);
  }
}
