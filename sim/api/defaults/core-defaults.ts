// Defaults for the other core/v1 kinds: Service, Namespace, Secret, Node.
import type { KubeObject } from '../types';
import { normalizeResourceList } from './container-defaults';

export function applyServiceDefaults(service: KubeObject): void {
  const spec = (service.spec ??= {});
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
    port.protocol ??= 'TCP';
    if (spec.type !== 'ExternalName' && (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '')) {
      port.targetPort = port.port;
    }
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  if (spec.type !== 'ExternalName') {
    spec.internalTrafficPolicy ??= 'Cluster';
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
  }
  service.status ??= { loadBalancer: {} };
}

export function applyNamespaceDefaults(namespace: KubeObject): void {
  const name = namespace.metadata.name;
  if (name) namespace.metadata.labels = { ...(namespace.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
  namespace.spec ??= {};
  namespace.spec.finalizers ??= ['kubernetes'];
  namespace.status ??= {};
  namespace.status.phase ??= 'Active';
}

export function applySecretDefaults(secret: KubeObject): void {
  secret.type ??= 'Opaque';
}

export function applyNodeDefaults(node: KubeObject): void {
  node.status ??= {};
  normalizeResourceList(node.status.capacity);
  if (node.status.capacity && !node.status.allocatable) node.status.allocatable = { ...node.status.capacity };
  normalizeResourceList(node.status.allocatable);
}
