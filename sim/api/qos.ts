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

export function qosClass(spec: PodSpec): QosClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let everyContainerHasBothLimits = true;
  const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  for (const container of containers) {
    for (const [name, quantity] of nonZero(container.resources?.requests)) {
      requests.set(name, requests.has(name) ? requests.get(name)!.add(quantity) : quantity);
    }
    const containerLimits = nonZero(container.resources?.limits);
    for (const [name, quantity] of containerLimits) {
      limits.set(name, limits.has(name) ? limits.get(name)!.add(quantity) : quantity);
    }
    if (!computeResources.every((name) => containerLimits.has(name))) everyContainerHasBothLimits = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (!everyContainerHasBothLimits) return 'Burstable';
  for (const [name, request] of requests) {
    const limit = limits.get(name);
    if (!limit || limit.cmp(request) !== 0) return 'Burstable';
  }
  return requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
