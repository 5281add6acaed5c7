// The resource types the simulated API server serves: what discovery (`kubectl api-resources`)
// reports, and how kubectl resolves `po`, `deploy`, `pods.v1`, `deployments.apps` to a kind.

export interface ResourceType {
  /** Plural resource name, as in URLs and `kubectl get <plural>`. */
  plural: string;
  singular: string;
  kind: string;
  /** API group; '' is the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
}

const allVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function type(plural: string, singular: string, kind: string, group: string, version: string, namespaced: boolean, shortNames: string[] = [], verbs = allVerbs): ResourceType {
  return { plural, singular, kind, group, version, namespaced, shortNames, verbs };
}

/** In `kubectl api-resources` order (core group first, then groups alphabetically). */
export const resourceTypes: readonly ResourceType[] = [
  type('bindings', 'binding', 'Binding', '', 'v1', true, [], ['create']),
  type('configmaps', 'configmap', 'ConfigMap', '', 'v1', true, ['cm']),
  type('endpoints', 'endpoints', 'Endpoints', '', 'v1', true, ['ep']),
  type('events', 'event', 'Event', '', 'v1', true, ['ev']),
  type('namespaces', 'namespace', 'Namespace', '', 'v1', false, ['ns'], ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']),
  type('nodes', 'node', 'Node', '', 'v1', false, ['no']),
  type('pods', 'pod', 'Pod', '', 'v1', true, ['po']),
  type('replicationcontrollers', 'replicationcontroller', 'ReplicationController', '', 'v1', true, ['rc']),
  type('secrets', 'secret', 'Secret', '', 'v1', true),
  type('serviceaccounts', 'serviceaccount', 'ServiceAccount', '', 'v1', true, ['sa']),
  type('services', 'service', 'Service', '', 'v1', true, ['svc'], ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']),
  type('controllerrevisions', 'controllerrevision', 'ControllerRevision', 'apps', 'v1', true),
  type('daemonsets', 'daemonset', 'DaemonSet', 'apps', 'v1', true, ['ds']),
  type('deployments', 'deployment', 'Deployment', 'apps', 'v1', true, ['deploy']),
  type('replicasets', 'replicaset', 'ReplicaSet', 'apps', 'v1', true, ['rs']),
  type('cronjobs', 'cronjob', 'CronJob', 'batch', 'v1', true, ['cj']),
  type('jobs', 'job', 'Job', 'batch', 'v1', true),
  type('leases', 'lease', 'Lease', 'coordination.k8s.io', 'v1', true),
  type('endpointslices', 'endpointslice', 'EndpointSlice', 'discovery.k8s.io', 'v1', true),
  type('nodes', 'node', 'NodeMetrics', 'metrics.k8s.io', 'v1beta1', false, [], ['get', 'list']),
  type('pods', 'pod', 'PodMetrics', 'metrics.k8s.io', 'v1beta1', true, [], ['get', 'list']),
];

export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

const resourceTypesByKind = new Map(resourceTypes.map((type) => [type.kind, type]));

export function resourceTypeForKind(kind: string): ResourceType | undefined {
  return resourceTypesByKind.get(kind);
}

/**
 * Resolves what a learner typed as a resource (`po`, `pods`, `Pod`, `deploy`, `deployments.apps`,
 * `deployment.v1.apps`) the way kubectl's RESTMapper does. Matching is case-insensitive.
 */
export function resolveResourceType(typed: string): ResourceType | undefined {
  const lower = typed.toLowerCase();
  const [name, ...groupParts] = lower.split('.');
  let group: string | undefined;
  let version: string | undefined;
  if (groupParts.length > 0) {
    // `pods.v1`, `deployments.apps`, `deployments.v1.apps`
    if (/^v\d/.test(groupParts[0])) {
      version = groupParts[0];
      group = groupParts.slice(1).join('.');
    } else {
      group = groupParts.join('.');
    }
  }
  return resourceTypes.find((t) => {
    const nameMatches = t.plural === name || t.singular === name || t.kind.toLowerCase() === name || t.shortNames.includes(name);
    if (!nameMatches) return false;
    if (group !== undefined && t.group !== group) return false;
    if (version !== undefined && t.version !== version) return false;
    return true;
  });
}

/** `pod`, `deployment.apps`: the prefix `kubectl get` prints with several kinds or `-o name`. */
export function qualifiedSingular(t: ResourceType): string {
  return t.group ? `${t.singular}.${t.group}` : t.singular;
}
