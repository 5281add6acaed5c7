// The pod's QoS class (pkg/apis/core/helper/qos), for describe when status.qosClass is unset.

import type { Container, KubeObject } from '../../api/types';

function isZero(quantity: string): boolean {
  return /^[+-]?0*(\.0*)?([a-zA-Z]*|[eE][-+]?[0-9]+)$/.test(quantity);
}

export function podQosClass(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const requests: Record<string, boolean> = {};
  const limits: Record<string, boolean> = {};
  let guaranteed = true;
  let any = false;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const name of ['cpu', 'memory']) {
      if (req[name] !== undefined && !isZero(req[name])) {
        requests[name] = true;
        any = true;
      }
      if (lim[name] !== undefined && !isZero(lim[name])) {
        limits[name] = true;
        any = true;
      } else guaranteed = false;
      if (req[name] !== undefined && lim[name] !== undefined && req[name] !== lim[name]) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed && limits.cpu && limits.memory ? 'Guaranteed' : 'Burstable';
}
