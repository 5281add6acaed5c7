// The default scheduler: binds pending pods to nodes. Failed pods wait in an "unschedulable"
// pool until something in the cluster changes that could help them (a pod goes away, a node is
// added, uncordoned, becomes Ready, loses a taint or gets more room), honouring a per-pod back-off
// of 1 s doubling to 10 s, and are retried anyway every 5 minutes, as the scheduling queue does.
import type { EngineContext, TimerHandle } from '../engine-context';
import type { KubeObject, PodCondition } from '../api/types';
import type { WatchEvent } from '../api/server';
import { ApiError } from '../api/errors';
import { rfc3339 } from '../time';
import { deepEqual } from '../api/object-utils';
import { filterNode, leastAllocatedScore, nodeUsage, type NodeRejection } from './node-fit';
import { fitErrorPrefix, preFilterErrorMessage } from './fit-error';
import { evictVictims, findPreemption, podPriority, type PodsByNode } from './preemption';
import { interPodAffinityFilter } from './inter-pod-affinity';
import { podTopologySpreadFilter, podTopologySpreadScores } from './pod-topology-spread';
import { preferredNodeAffinityWeight } from '../component-helpers/node-affinity';
import { filterVolumes, podVolumes } from './volume-binding';
import { selectedNodeAnnotation } from '../controllers/persistent-volume';
import { inform } from '../controllers/informer';
import { enqueueGuarded } from '../controllers/api-helpers';

export const schedulerName = 'default-scheduler';
const initialBackoffMs = 1000;
const maxBackoffMs = 10_000;
const unschedulableFlushMs = 5 * 60 * 1000;

interface PendingPod {
  /** The pod's priority: the queue tries pods of higher priority first. */
  priority: number;
  attempts: number;
  backoffUntil: number;
  unschedulable: boolean;
  timer?: TimerHandle;
}

export function needsScheduling(pod: KubeObject): boolean {
  if (pod.spec?.nodeName) return false;
  if (pod.metadata.deletionTimestamp) return false;
  if (Array.isArray(pod.spec?.schedulingGates) && pod.spec.schedulingGates.length > 0) return false;
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return false;
  return (pod.spec?.schedulerName ?? schedulerName) === schedulerName;
}

export function startDefaultScheduler(ctx: EngineContext): void {
  const pending = new Map<string, PendingPod>();
  const keyOf = (pod: KubeObject) => `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;

  const enqueueAttempt = (key: string) => enqueueGuarded(ctx, `scheduler/${key}`, () => scheduleOne(key));

  const retryAt = (key: string, at: number) => {
    const entry = pending.get(key);
    if (!entry) return;
    entry.timer?.cancel();
    entry.timer = ctx.clock.schedule(at, () => enqueueAttempt(key), 'scheduler-retry');
  };

  // Something changed that may let unschedulable pods fit: move them to the active queue once
  // their back-off has passed.
  const clusterChanged = () => {
    for (const [key, entry] of [...pending].sort((a, b) => b[1].priority - a[1].priority)) {
      if (!entry.unschedulable) continue;
      entry.unschedulable = false;
      if (entry.backoffUntil <= ctx.clock.now()) {
        entry.timer?.cancel();
        entry.timer = undefined;
        enqueueAttempt(key);
      } else {
        retryAt(key, entry.backoffUntil);
      }
    }
  };

  const scheduleOne = (key: string) => {
    const [namespace, name] = key.split('/');
    let pod: KubeObject;
    try {
      pod = ctx.api.get('Pod', namespace, name);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      forget(key);
      return;
    }
    if (!needsScheduling(pod)) {
      forget(key);
      return;
    }
    const nodes = ctx.api.list('Node', undefined);
    const podsByNode: PodsByNode = new Map();
    const allPods = ctx.api.list('Pod', undefined, { readOnly: true });
    for (const other of allPods) {
      const nodeName = other.spec?.nodeName;
      if (!nodeName) continue;
      if (other.status?.phase === 'Succeeded' || other.status?.phase === 'Failed') continue;
      let list = podsByNode.get(nodeName);
      if (!list) podsByNode.set(nodeName, (list = []));
      list.push(other);
    }
    const volumes = podVolumes(ctx, pod);
    if (volumes.preFilterError) {
      recordFailure(key, pod, preFilterErrorMessage(nodes.length, volumes.preFilterError));
      return;
    }
    // Pods of at least this priority waiting for a node they preempted for count as placed there.
    const nominated = nominatedPods(pod, allPods);
    const filtersOn = (byNode: PodsByNode) => {
      const placed = nominated.size > 0 ? withNominated(byNode, nominated) : byNode;
      const topologySpread = podTopologySpreadFilter(pod, nodes, placed);
      const podAffinity = interPodAffinityFilter(pod, nodes, placed);
      // Filters in the default profile's order: resources and the like, volume binding, topology spread, inter-pod affinity.
      return (node: KubeObject) =>
        filterNode(pod, node, nodeUsage(placed.get(node.metadata.name!) ?? [])) ?? filterVolumes(ctx, volumes, node) ?? topologySpread(node) ?? podAffinity(node);
    };
    const filter = filtersOn(podsByNode);
    const rejections = new Map<string, NodeRejection>();
    const feasible: { node: KubeObject; score: number; podCount: number; affinity: number }[] = [];
    for (const node of nodes) {
      const rejection = filter(node);
      if (rejection) {
        rejections.set(node.metadata.name!, rejection);
        continue;
      }
      const usage = nodeUsage(podsByNode.get(node.metadata.name!) ?? []);
      feasible.push({ node, score: leastAllocatedScore(pod, node, usage), podCount: usage.podCount, affinity: preferredNodeAffinityWeight(pod, node) });
    }
    // NodeAffinity's score, normalized to 0..100 over the feasible nodes, and PodTopologySpread's
    // count twice each (their weights in the default profile) beside the least-allocated score.
    const maxAffinity = Math.max(0, ...feasible.map((f) => f.affinity));
    const spreadScores = podTopologySpreadScores(pod, feasible.map((f) => f.node), nodes, podsByNode);
    let best: { node: KubeObject; score: number; podCount: number }[] = [];
    for (const f of feasible) {
      const affinityScore = maxAffinity > 0 ? 2 * Math.floor((f.affinity * 100) / maxAffinity) : 0;
      const spreadScore = 2 * (spreadScores?.get(f.node.metadata.name!) ?? 0);
      const candidate = { node: f.node, score: f.score + affinityScore + spreadScore, podCount: f.podCount };
      const top = best[0];
      if (!top || candidate.score > top.score || (candidate.score === top.score && candidate.podCount < top.podCount)) {
        best = [candidate];
      } else if (candidate.score === top.score && candidate.podCount === top.podCount) {
        best.push(candidate);
      }
    }
    // A pod nominated by an earlier preemption takes its node when it fits there.
    const nominatedNode = best.length > 0 ? feasible.find((f) => f.node.metadata.name === pod.status?.nominatedNodeName) : undefined;
    if (nominatedNode) best = [nominatedNode];
    if (best.length === 0) {
      const filterMessage = fitErrorPrefix(nodes.length, [...rejections.values()]);
      if (nodes.length === 0) {
        recordFailure(key, pod, filterMessage);
        return;
      }
      const outcome = findPreemption({ pod, nodes, podsByNode, rejections, filter: (byNode, node) => filtersOn(byNode)(node) }, ctx.clock.now());
      if ('message' in outcome) {
        recordFailure(key, pod, `${filterMessage} ${outcome.message}`, outcome.dropNomination ? '' : undefined);
        return;
      }
      evictVictims(ctx, pod, outcome.nominatedNode, outcome.victims, schedulerName);
      recordFailure(key, pod, filterMessage, outcome.nominatedNode);
      return;
    }
    const chosen = best.length === 1 ? best[0] : best[ctx.random.int(best.length)];
    if (volumes.delayedClaims.length > 0) {
      // PreBind: the claims learn the node, and the pod binds when they are Bound.
      for (const claim of volumes.delayedClaims) {
        if (claim.metadata.annotations?.[selectedNodeAnnotation]) continue;
        claim.metadata.annotations = { ...(claim.metadata.annotations ?? {}), [selectedNodeAnnotation]: chosen.node.metadata.name! };
        ctx.api.update(claim);
      }
      waitForVolumes(key, pod);
      return;
    }
    bind(pod, chosen.node.metadata.name!);
    forget(key);
  };

  const bind = (pod: KubeObject, nodeName: string) => {
    pod.spec.nodeName = nodeName;
    const bound = ctx.api.update(pod);
    bound.status = bound.status ?? {};
    bound.status.conditions = withCondition(bound.status.conditions, {
      type: 'PodScheduled',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: rfc3339(ctx.clock.now()),
    });
    const stored = ctx.api.updateStatus(bound);
    ctx.events.record(
      stored,
      'Normal',
      'Scheduled',
      `Successfully assigned ${stored.metadata.namespace}/${stored.metadata.name} to ${nodeName}`,
      { component: schedulerName },
    );
  };

  /** A failed attempt: back-off, the event and the PodScheduled condition; `nominatedNode` sets the nomination ('' drops it). */
  const recordFailure = (key: string, pod: KubeObject, message: string, nominatedNode?: string) => {
    const entry = pendingEntry(key, pod);
    entry.attempts += 1;
    entry.backoffUntil = ctx.clock.now() + Math.min(initialBackoffMs * 2 ** (entry.attempts - 1), maxBackoffMs);
    entry.unschedulable = true;
    entry.timer?.cancel();
    entry.timer = ctx.clock.after(unschedulableFlushMs, () => {
      entry.unschedulable = false;
      enqueueAttempt(key);
    }, 'scheduler-flush');

    ctx.events.record(pod, 'Warning', 'FailedScheduling', message, { component: schedulerName });
    const existing = (pod.status?.conditions ?? []).find((c: PodCondition) => c.type === 'PodScheduled');
    const condition: PodCondition = {
      type: 'PodScheduled',
      status: 'False',
      lastProbeTime: null,
      lastTransitionTime: existing?.status === 'False' ? existing.lastTransitionTime : rfc3339(ctx.clock.now()),
      reason: 'Unschedulable',
      message,
    };
    const nominationChanges = nominatedNode !== undefined && (pod.status?.nominatedNodeName ?? '') !== nominatedNode;
    if (existing && deepEqual(existing, condition) && !nominationChanges) return;
    pod.status = pod.status ?? {};
    pod.status.phase = pod.status.phase ?? 'Pending';
    pod.status.conditions = withCondition(pod.status.conditions, condition);
    if (nominatedNode) pod.status.nominatedNodeName = nominatedNode;
    else if (nominatedNode === '') delete pod.status.nominatedNodeName;
    try {
      ctx.api.updateStatus(pod);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  };

  const pendingEntry = (key: string, pod: KubeObject): PendingPod => {
    let entry = pending.get(key);
    if (!entry) pending.set(key, (entry = { priority: podPriority(pod), attempts: 0, backoffUntil: 0, unschedulable: false }));
    return entry;
  };

  /** Parks the pod until a claim changes (see the PersistentVolumeClaim watch below). */
  const waitForVolumes = (key: string, pod: KubeObject) => {
    const entry = pendingEntry(key, pod);
    entry.timer?.cancel();
    entry.timer = undefined;
    entry.unschedulable = true;
  };

  const forget = (key: string) => {
    pending.get(key)?.timer?.cancel();
    pending.delete(key);
  };

  inform(ctx, 'Pod', (event: WatchEvent) => {
    const pod = event.object;
    const key = keyOf(pod);
    if (event.type === 'DELETED') {
      forget(key);
      if (pod.spec?.nodeName) clusterChanged();
      return;
    }
    if (needsScheduling(pod)) {
      // A new pod, or a change to a waiting one (e.g. tolerations added): try again.
      if (!pending.has(key) || event.type === 'ADDED' || !deepEqual(pod.spec, event.oldObject?.spec)) {
        const entry = pending.get(key);
        if (entry) {
          entry.unschedulable = false;
          retryAt(key, entry.backoffUntil);
        } else {
          enqueueAttempt(key);
        }
      }
      return;
    }
    const old = event.oldObject;
    if (old && pod.spec?.nodeName && freedResources(old, pod)) {
      clusterChanged();
    }
  });

  inform(ctx, 'PersistentVolumeClaim', (event: WatchEvent) => {
    if (event.type !== 'DELETED' && event.object.status?.phase !== event.oldObject?.status?.phase) clusterChanged();
  });
  inform(ctx, 'PersistentVolume', (event: WatchEvent) => {
    if (event.type === 'ADDED') clusterChanged();
  });

  inform(ctx, 'Node', (event: WatchEvent) => {
    if (event.type === 'DELETED') return;
    if (event.type === 'ADDED' || nodeChangeMayHelp(event.oldObject, event.object)) clusterChanged();
  });
}

/** Pods of at least the pod's priority that wait for the node an earlier preemption nominated, by node. */
function nominatedPods(pod: KubeObject, allPods: KubeObject[]): PodsByNode {
  const byNode: PodsByNode = new Map();
  const priority = podPriority(pod);
  for (const other of allPods) {
    const node = other.status?.nominatedNodeName;
    if (!node || other.spec?.nodeName || other.metadata.uid === pod.metadata.uid || podPriority(other) < priority || !needsScheduling(other)) continue;
    let list = byNode.get(node);
    if (!list) byNode.set(node, (list = []));
    list.push(other);
  }
  return byNode;
}

function withNominated(podsByNode: PodsByNode, nominated: PodsByNode): PodsByNode {
  const placed = new Map(podsByNode);
  for (const [node, pods] of nominated) placed.set(node, [...(placed.get(node) ?? []), ...pods]);
  return placed;
}

function freedResources(old: KubeObject, pod: KubeObject): boolean {
  return !isTerminal(old) && isTerminal(pod);
}

function isTerminal(pod: KubeObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function nodeChangeMayHelp(old: KubeObject | undefined, node: KubeObject): boolean {
  if (!old) return true;
  return (
    !deepEqual(old.metadata.labels, node.metadata.labels) ||
    !deepEqual(old.spec?.taints, node.spec?.taints) ||
    !!old.spec?.unschedulable !== !!node.spec?.unschedulable ||
    !deepEqual(old.status?.allocatable, node.status?.allocatable) ||
    readyStatus(old) !== readyStatus(node)
  );
}

function readyStatus(node: KubeObject): string | undefined {
  return (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready')?.status;
}

function withCondition(conditions: PodCondition[] | undefined, condition: PodCondition): PodCondition[] {
  const list = [...(conditions ?? [])];
  const index = list.findIndex((c) => c.type === condition.type);
  if (index >= 0) list[index] = condition;
  else list.push(condition);
  return list;
}
