// One object of a build, with the names it had before (references and patches still find it by
// them), and kustomize's ways of naming and ordering it.

import type { KubeObject } from '../../api/types';

export interface Resource {
  object: KubeObject;
  /** Earlier names, oldest first. */
  previousNames: string[];
  /** A generated ConfigMap or Secret whose name takes its content hash at the end. */
  hashSuffix: boolean;
}

function groupAndVersion(apiVersion: string): [string, string] {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

/** `Pod.v1.[noGrp]/web.[noNs]`: how kustomize names an object in messages. */
export function resourceId(resource: Resource): string {
  const { kind, apiVersion, metadata } = resource.object;
  const [group, version] = groupAndVersion(apiVersion ?? '');
  return `${kind}.${version}.${group || '[noGrp]'}/${metadata.name ?? ''}.${metadata.namespace || '[noNs]'}`;
}

// kustomize's legacy order: these kinds first and last, in this order; the rest between, by
// group, version and kind, then by namespace and name.
const orderFirst = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role',
  'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange',
  'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
const orderLast = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function kindRank(kind: string): number {
  const first = orderFirst.indexOf(kind);
  if (first >= 0) return first - orderFirst.length;
  const last = orderLast.indexOf(kind);
  return last >= 0 ? last + 1 : 0;
}

function gvkString(object: KubeObject): string {
  const [group, version] = groupAndVersion(object.apiVersion ?? '');
  return `${group || '~G'}_${version || '~V'}_${object.kind || '~K'}`;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** kustomize's legacy sort, the order `kubectl kustomize` prints and `apply -k` sends in. */
export function legacyOrder(a: Resource, b: Resource): number {
  const rank = kindRank(a.object.kind) - kindRank(b.object.kind);
  if (rank !== 0) return rank;
  const gvk = compareStrings(gvkString(a.object), gvkString(b.object));
  if (gvk !== 0) return gvk;
  return compareStrings(sortKey(a.object), sortKey(b.object));
}

/** Within one kind: by namespace (none last), then by name. */
function sortKey(object: KubeObject): string {
  return `${object.metadata.namespace || '~X'}|${object.metadata.name ?? ''}`;
}
