// The filter plugins of the default profile, in their order. Like the framework, the first
// plugin that rejects a node decides its reasons (resource fit can give several at once).
import type { KubeObject, Taint } from '../api/types';
import { effectiveTaints, formatTaint, isTolerated } from '../component-helpers/taints';
import { matchesNodeSelectorAndAffinity } from '../component-helpers/node-affinity';
import { nodeAllocatable, podRequests, resourceNames, type ResourceAmounts } from './pod-requests';

export interface NodeRejection {
  reasons: string[];
  /** UnschedulableAndUnresolvable: preempting other pods would not help. */
  unresolvable: boolean;
}

export interface NodeUsage {
  requested: ResourceAmounts;
  podCount: number;
  hostPorts: Set<string>;
}

export function nodeUsage(podsOnNode: KubeObject[]): NodeUsage {
  const usage: NodeUsage = { requested: { cpu: 0, memory: 0, 'ephemeral-storage': 0 }, podCount: 0, hostPorts: new Set() };
  for (const pod of podsOnNode) {
    const requests = podRequests(pod);
    for (const name of resourceNames) usage.requested[name] += requests[name];
    usage.podCount += 1;
    for (const port of hostPortsOf(pod)) usage.hostPorts.add(port);
  }
  return usage;
}

/** Each pod spec's host ports, worked out once (see podRequests). */
const hostPortsBySpec = new WeakMap<object, readonly string[]>();

/** `TCP/0.0.0.0/8080` keys for every hostPort the pod asks for. */
export function hostPortsOf(pod: KubeObject): readonly string[] {
  const spec = pod.spec;
  if (!spec) return [];
  let ports = hostPortsBySpec.get(spec);
  if (!ports) hostPortsBySpec.set(spec, (ports = Object.freeze(hostPortsIn(pod))));
  return ports;
}

function hostPortsIn(pod: KubeObject): string[] {
  const ports: string[] = [];
  for (const container of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    for (const port of container.ports ?? []) {
      if (port.hostPort) ports.push(`${port.protocol ?? 'TCP'}/${port.hostPort}`);
    }
  }
  return ports;
}

export function filterNode(pod: KubeObject, node: KubeObject, usage: NodeUsage): NodeRejection | undefined {
  const tolerations = pod.spec?.tolerations;
  if (node.spec?.unschedulable && !isTolerated({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }, tolerations)) {
    return { reasons: ['node(s) were unschedulable'], unresolvable: true };
  }
  const untolerated = effectiveTaints(node).find(
    (taint: Taint) => (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') && !isTolerated(taint, tolerations),
  );
  if (untolerated) return { reasons: [`node(s) had untolerated taint ${formatTaint(untolerated)}`], unresolvable: true };
  if (!matchesNodeSelectorAndAffinity(pod, node)) {
    return { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true };
  }
  if (hostPortsOf(pod).some((port) => usage.hostPorts.has(port))) {
    return { reasons: ["node(s) didn't have free ports for the requested pod ports"], unresolvable: false };
  }
  return filterResources(pod, node, usage);
}

function filterResources(pod: KubeObject, node: KubeObject, usage: NodeUsage): NodeRejection | undefined {
  const allocatable = nodeAllocatable(node);
  const reasons: string[] = [];
  let unresolvable = false;
  if (usage.podCount + 1 > allocatable.pods) reasons.push('Too many pods');
  const requests = podRequests(pod);
  for (const name of resourceNames) {
    if (requests[name] === 0) continue;
    if (requests[name] > allocatable[name] - usage.requested[name]) {
      reasons.push(`Insufficient ${name}`);
      // No victim could ever free enough room on this node.
      if (requests[name] > allocatable[name]) unresolvable = true;
    }
  }
  return reasons.length > 0 ? { reasons, unresolvable } : undefined;
}

/** Least-allocated score in [0, 100] over cpu and memory after placing the pod. */
export function leastAllocatedScore(pod: KubeObject, node: KubeObject, usage: NodeUsage): number {
  const allocatable = nodeAllocatable(node);
  const requests = podRequests(pod);
  let sum = 0;
  for (const name of ['cpu', 'memory'] as const) {
    if (allocatable[name] <= 0) continue;
    const used = usage.requested[name] + requests[name];
    sum += ((allocatable[name] - used) * 100) / allocatable[name];
  }
  return Math.floor(sum / 2);
}
