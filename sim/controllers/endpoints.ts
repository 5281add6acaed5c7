// The endpoints and endpointslice controllers (pkg/controller/endpoint, endpointslice): for every
// Service with a selector, an Endpoints object of the same name and EndpointSlices `<svc>-<5>`
// listing the matching pods' IPs and resolved target ports.
import type { EngineContext } from '../engine-context';
import type { KubeObject, ServicePort } from '../api/types';
import type { WatchEvent } from '../api/server';
import { deepClone, deepEqual } from '../api/object-utils';
import { matchesMapSelector } from './label-selector';
import { controllerRefTo, isControlledBy } from './owner-references';
import { isReady, isTerminal, isTerminating } from './pod-state';
import { keyOf, splitKey, tryGet, tryWrite, enqueueGuarded } from './api-helpers';
import { generatedNameBase } from './pod-template';
import { inform } from './informer';

const managedBy = 'endpointslice-controller.k8s.io';

interface ResolvedPort {
  name?: string;
  port: number;
  protocol: string;
}

export function startEndpointsController(ctx: EngineContext): void {
  const enqueue = (key: string) => enqueueGuarded(ctx, `endpoints/${key}`, () => syncService(ctx, key));
  const services = new ServicesByNamespace();
  inform(ctx, 'Service', (event: WatchEvent) => {
    services.update(event);
    enqueue(keyOf(event.object));
  });
  inform(ctx, 'Pod', (event: WatchEvent) => {
    const pod = event.object;
    for (const service of services.in(pod.metadata.namespace ?? 'default')) {
      const selector = service.spec?.selector;
      if (matchesMapSelector(pod.metadata.labels, selector) || matchesMapSelector(event.oldObject?.metadata.labels, selector)) {
        enqueue(keyOf(service));
      }
    }
  });
}

/**
 * The Services of each namespace in name order, as the controller's informer indexes them: a Pod
 * event (every status write of every Pod) looks at its namespace's few Services without listing them.
 */
class ServicesByNamespace {
  private readonly byNamespace = new Map<string, KubeObject[]>();

  in(namespace: string): readonly KubeObject[] {
    return this.byNamespace.get(namespace) ?? [];
  }

  update(event: WatchEvent): void {
    const service = event.object;
    const namespace = service.metadata.namespace ?? 'default';
    const others = this.in(namespace).filter((s) => s.metadata.name !== service.metadata.name);
    if (event.type !== 'DELETED') {
      others.push(service);
      others.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0));
    }
    if (others.length > 0) this.byNamespace.set(namespace, others);
    else this.byNamespace.delete(namespace);
  }
}

/** A named targetPort is looked up among the pod's container ports. */
export function resolveTargetPort(pod: KubeObject, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const protocol = port.protocol ?? 'TCP';
  for (const container of pod.spec?.containers ?? []) {
    for (const containerPort of container.ports ?? []) {
      if (containerPort.name === target && (containerPort.protocol ?? 'TCP') === protocol) return containerPort.containerPort;
    }
  }
  return undefined;
}

function podPorts(pod: KubeObject, service: KubeObject): ResolvedPort[] {
  const ports: ResolvedPort[] = [];
  for (const port of (service.spec?.ports ?? []) as ServicePort[]) {
    const resolved = resolveTargetPort(pod, port);
    if (resolved === undefined) continue;
    ports.push({ ...(port.name ? { name: port.name } : {}), port: resolved, protocol: port.protocol ?? 'TCP' });
  }
  return ports;
}

function targetRef(pod: KubeObject) {
  return { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
}

function compareIp(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

function syncService(ctx: EngineContext, key: string): void {
  const [namespace, name] = splitKey(key);
  const service = tryGet(ctx, 'Service', namespace, name);
  if (!service || service.metadata.deletionTimestamp) {
    // Endpoints carry no owner reference: the controller removes them itself. Slices go with the GC.
    const endpoints = tryGet(ctx, 'Endpoints', namespace, name);
    if (endpoints && !endpoints.metadata.ownerReferences) tryWrite(() => ctx.api.delete('Endpoints', namespace, name));
    return;
  }
  const selector = service.spec?.selector;
  if (!selector || Object.keys(selector).length === 0 || service.spec?.type === 'ExternalName') return;
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  // Filtered before copying: only the selected pods are handed on.
  const pods = ctx.api
    .list('Pod', namespace, { readOnly: true })
    .filter((pod) => matchesMapSelector(pod.metadata.labels, selector) && pod.status?.podIP && !isTerminal(pod))
    .map(deepClone);
  syncEndpoints(ctx, service, pods.filter((pod) => publishNotReady || !isTerminating(pod)), publishNotReady);
  syncSlices(ctx, service, pods, publishNotReady);
}

function syncEndpoints(ctx: EngineContext, service: KubeObject, pods: KubeObject[], publishNotReady: boolean): void {
  // Subsets group addresses that share the same resolved ports (RepackSubsets).
  const groups = new Map<string, { ports: ResolvedPort[]; addresses: any[]; notReadyAddresses: any[] }>();
  const hasPorts = (service.spec?.ports ?? []).length > 0;
  for (const pod of pods) {
    const ports = podPorts(pod, service);
    if (hasPorts && ports.length === 0) continue;
    const sortedPorts = [...ports].sort((a, b) => ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : a.port - b.port));
    const groupKey = JSON.stringify(sortedPorts);
    let group = groups.get(groupKey);
    if (!group) groups.set(groupKey, (group = { ports: sortedPorts, addresses: [], notReadyAddresses: [] }));
    const address: Record<string, unknown> = { ip: pod.status.podIP };
    if (pod.spec?.hostname && pod.spec?.subdomain === service.metadata.name) address.hostname = pod.spec.hostname;
    if (pod.spec?.nodeName) address.nodeName = pod.spec.nodeName;
    address.targetRef = targetRef(pod);
    (publishNotReady || isReady(pod) ? group.addresses : group.notReadyAddresses).push(address);
  }
  const subsets = [...groups.values()].map((group) => {
    const subset: Record<string, unknown> = {};
    if (group.addresses.length > 0) subset.addresses = group.addresses.sort((a, b) => compareIp(a.ip, b.ip));
    if (group.notReadyAddresses.length > 0) subset.notReadyAddresses = group.notReadyAddresses.sort((a, b) => compareIp(a.ip, b.ip));
    if (group.ports.length > 0) subset.ports = group.ports;
    return subset;
  });
  const labels: Record<string, string> = { ...(service.metadata.labels ?? {}) };
  if (service.spec?.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  const existing = tryGet(ctx, 'Endpoints', service.metadata.namespace, service.metadata.name!);
  if (existing) {
    if (deepEqual(existing.subsets ?? [], subsets) && deepEqual(existing.metadata.labels ?? {}, labels)) return;
    existing.subsets = subsets.length > 0 ? subsets : undefined;
    if (!existing.subsets) delete existing.subsets;
    existing.metadata.labels = Object.keys(labels).length > 0 ? labels : undefined;
    tryWrite(() => ctx.api.update(existing));
    return;
  }
  const endpoints: KubeObject = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: service.metadata.name, namespace: service.metadata.namespace },
  };
  if (Object.keys(labels).length > 0) endpoints.metadata.labels = labels;
  if (subsets.length > 0) endpoints.subsets = subsets;
  tryWrite(() => ctx.api.create(endpoints));
}

function syncSlices(ctx: EngineContext, service: KubeObject, pods: KubeObject[], publishNotReady: boolean): void {
  const groups = new Map<string, { ports: ResolvedPort[]; endpoints: any[] }>();
  const hasPorts = (service.spec?.ports ?? []).length > 0;
  for (const pod of pods) {
    const ports = podPorts(pod, service);
    if (hasPorts && ports.length === 0) continue;
    const groupKey = JSON.stringify(ports);
    let group = groups.get(groupKey);
    if (!group) groups.set(groupKey, (group = { ports, endpoints: [] }));
    const terminating = isTerminating(pod);
    const ready = isReady(pod);
    const endpoint: Record<string, unknown> = {
      addresses: [pod.status.podIP],
      conditions: { ready: (ready || publishNotReady) && !terminating, serving: ready || publishNotReady, terminating },
    };
    if (pod.spec?.hostname && pod.spec?.subdomain === service.metadata.name) endpoint.hostname = pod.spec.hostname;
    if (pod.spec?.nodeName) endpoint.nodeName = pod.spec.nodeName;
    endpoint.targetRef = targetRef(pod);
    group.endpoints.push(endpoint);
  }
  if (groups.size === 0) groups.set('[]', { ports: hasPorts ? [] : [], endpoints: [] });

  const existing = ctx.api
    .list('EndpointSlice', service.metadata.namespace)
    .filter((slice) => slice.metadata.labels?.['kubernetes.io/service-name'] === service.metadata.name && isControlledBy(slice, service));
  const labels: Record<string, string> = {
    ...(service.metadata.labels ?? {}),
    'endpointslice.kubernetes.io/managed-by': managedBy,
    'kubernetes.io/service-name': service.metadata.name!,
  };
  if (service.spec?.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
  const unused = [...existing];
  for (const group of groups.values()) {
    const endpoints = group.endpoints.sort((a, b) => compareIp(a.addresses[0], b.addresses[0]));
    const ports = group.ports.map((p) => ({ ...(p.name !== undefined ? { name: p.name } : { name: '' }), port: p.port, protocol: p.protocol }));
    const reuse = unused.shift();
    if (reuse) {
      if (deepEqual(reuse.endpoints ?? [], endpoints) && deepEqual(reuse.ports ?? [], ports) && deepEqual(reuse.metadata.labels, labels)) continue;
      reuse.endpoints = endpoints;
      reuse.ports = ports;
      reuse.metadata.labels = labels;
      tryWrite(() => ctx.api.update(reuse));
      continue;
    }
    const base = generatedNameBase(service.metadata.name!);
    for (let attempt = 0; attempt < 5; attempt++) {
      const slice: KubeObject = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: base + ctx.random.suffix(5),
          generateName: base,
          namespace: service.metadata.namespace,
          labels,
          ownerReferences: [controllerRefTo(service)],
        },
        addressType: 'IPv4',
        endpoints,
        ports,
      };
      if (tryWrite(() => ctx.api.create(slice))) break;
    }
  }
  for (const slice of unused) tryWrite(() => ctx.api.delete('EndpointSlice', slice.metadata.namespace, slice.metadata.name!));
}
