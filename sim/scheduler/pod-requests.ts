// A pod's resource requests as the scheduler counts them: max(sum of app containers, largest init
// container) per resource, plus pod overhead. Native sidecars (init containers with
// restartPolicy Always) add to the app containers' sum.
import type { Container, KubeObject } from '../api/types';
import { milliCpu, quantityValue } from './quantity';

export interface ResourceAmounts {
  /** millicores */
  cpu: number;
  /** bytes */
  memory: number;
  'ephemeral-storage': number;
}

export const resourceNames = ['cpu', 'memory', 'ephemeral-storage'] as const;

function containerRequests(container: Container): ResourceAmounts {
  const requests = container.resources?.requests ?? {};
  // Before defaulting, a limit alone also acts as the request.
  const limits = container.resources?.limits ?? {};
  return {
    cpu: milliCpu(requests.cpu ?? limits.cpu),
    memory: quantityValue(requests.memory ?? limits.memory),
    'ephemeral-storage': quantityValue(requests['ephemeral-storage'] ?? limits['ephemeral-storage']),
  };
}

/**
 * Each pod spec's requests, worked out once: every scheduling attempt sums the requests of all the
 * pods placed on each node. Stored specs are never changed in place (a changed spec is a new
 * object), so a spec's requests hold for as long as it lives.
 */
const requestsBySpec = new WeakMap<object, Readonly<ResourceAmounts>>();

export function podRequests(pod: KubeObject): Readonly<ResourceAmounts> {
  const spec = pod.spec;
  if (!spec) return requestsOf(pod);
  let requests = requestsBySpec.get(spec);
  if (!requests) requestsBySpec.set(spec, (requests = Object.freeze(requestsOf(pod))));
  return requests;
}

function requestsOf(pod: KubeObject): ResourceAmounts {
  const total: ResourceAmounts = { cpu: 0, memory: 0, 'ephemeral-storage': 0 };
  for (const container of pod.spec?.containers ?? []) add(total, containerRequests(container));
  let sidecars: ResourceAmounts = { cpu: 0, memory: 0, 'ephemeral-storage': 0 };
  const initMax: ResourceAmounts = { cpu: 0, memory: 0, 'ephemeral-storage': 0 };
  for (const init of (pod.spec?.initContainers ?? []) as Container[]) {
    const requests = containerRequests(init);
    if (init.restartPolicy === 'Always') {
      sidecars = { ...sidecars };
      add(sidecars, requests);
      add(total, requests);
    } else {
      for (const name of resourceNames) initMax[name] = Math.max(initMax[name], requests[name] + sidecars[name]);
    }
  }
  for (const name of resourceNames) total[name] = Math.max(total[name], initMax[name]);
  const overhead = pod.spec?.overhead as Record<string, string> | undefined;
  if (overhead) {
    total.cpu += milliCpu(overhead.cpu);
    total.memory += quantityValue(overhead.memory);
  }
  return total;
}

function add(into: ResourceAmounts, amounts: ResourceAmounts): void {
  for (const name of resourceNames) into[name] += amounts[name];
}

export function nodeAllocatable(node: KubeObject): ResourceAmounts & { pods: number } {
  const allocatable = node.status?.allocatable ?? node.status?.capacity ?? {};
  return {
    cpu: milliCpu(allocatable.cpu),
    memory: quantityValue(allocatable.memory),
    'ephemeral-storage': quantityValue(allocatable['ephemeral-storage']),
    pods: allocatable.pods !== undefined ? quantityValue(allocatable.pods) : 110,
  };
}
