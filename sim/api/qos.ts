// Pod QoS class (pkg/apis/core/helper/qos): only cpu and memory count, zero values are ignored,
// init containers included.
import type { PodSpec } from './types';
import { tryParseQuantity, type Quantity } from './quantity';

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const computeResources = ['cpu', 'memory'];

function nonZero(list: Record<string, string> | undefined): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const name of computeResources) {
    const quantity = tryParseQuantity(list?.[name]);
    if (quantity && quantity.cmp(tryParseQuantity('0')!) > 0) out.set(name, quantity);
  }
  return out;
}

/** Why a pod has its class, as a learner needs to hear it: what keeps it from the class above. */
export type QosReason =
  | { kind: 'nothingSet' }
  | { kind: 'missingLimit'; container: string; resource: string }
  | { kind: 'requestDiffers'; resource: string; request: string; limit: string }
  | { kind: 'requestsEqualLimits' };

export function qosClass(spec: PodSpec): QosClass {
  return explainQos(spec).qosClass;
}

export function explainQos(spec: PodSpec): { qosClass: QosClass; reason: QosReason } {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let missingLimit: { container: string; resource: string } | undefined;
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  for (const container of containers) {
    for (const [name, quantity] of nonZero(container.resources?.requests)) {
      requests.set(name, requests.has(name) ? requests.get(name)!.add(quantity) : quantity);
    }
    const containerLimits = nonZero(container.resources?.limits);
    for (const [name, quantity] of containerLimits) {
      limits.set(name, limits.has(name) ? limits.get(name)!.add(quantity) : quantity);
    }
    const missing = computeResources.find((name) => !containerLimits.has(name));
    if (missing && !missingLimit) missingLimit = { container: container.name, resource: missing };
  }
  if (requests.size === 0 && limits.size === 0) return { qosClass: 'BestEffort', reason: { kind: 'nothingSet' } };
  if (missingLimit) return { qosClass: 'Burstable', reason: { kind: 'missingLimit', ...missingLimit } };
  for (const [name, request] of requests) {
    const limit = limits.get(name);
    if (!limit || limit.cmp(request) !== 0) {
      return { qosClass: 'Burstable', reason: { kind: 'requestDiffers', resource: name, request: request.toString(), limit: limit?.toString() ?? 'none' } };
    }
  }
  const unrequested = [...limits.keys()].find((name) => !requests.has(name));
  if (unrequested) return { qosClass: 'Burstable', reason: { kind: 'requestDiffers', resource: unrequested, request: 'none', limit: limits.get(unrequested)!.toString() } };
  return { qosClass: 'Guaranteed', reason: { kind: 'requestsEqualLimits' } };
}
