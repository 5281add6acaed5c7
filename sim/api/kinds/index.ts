// The kind registry: every kind the API server serves, each with its one record. Discovery,
// storage, defaulting, admission, validation, patches, kubectl's resource names and printers
// all ask here; adding a kind means adding its record to this list (docs/architecture.md).
import type { FieldError } from '../errors';
import type { KubeObject } from '../types';
import { validateObjectMeta, validateObjectMetaUpdate } from '../validation/object-meta';
import { isDns1123Subdomain } from '../validation/name-rules';
import type { KindRecord } from './kind-record';
import { pod } from './pod';
import { node } from './node';
import { namespace } from './namespace';
import { service } from './service';
import { configMap } from './config-map';
import { secret } from './secret';
import { binding, endpoints, event, serviceAccount } from './core-plain';
import { limitRange } from './limit-range';
import { resourceQuota } from './resource-quota';
import { cronJob, daemonSet, deployment, job, replicaSet, replicationController } from './workloads';
import { horizontalPodAutoscaler } from './horizontal-pod-autoscaler';
import { controllerRevision, endpointSlice, lease, nodeMetrics, podMetrics } from './other-groups';
import { statefulSet } from './stateful-set';
import { persistentVolumeClaim } from './persistent-volume-claim';
import { persistentVolume, storageClass } from './persistent-volume';
import { priorityClass } from './priority-class';
import { podDisruptionBudget } from './pod-disruption-budget';

export type { KindRecord, ResourceType, AdmissionDeps } from './kind-record';

/** In `kubectl api-resources` order: the core group first, then the groups alphabetically, each by resource name. */
export const kindRecords = [
  binding,
  configMap,
  endpoints,
  event,
  limitRange,
  namespace,
  node,
  persistentVolumeClaim,
  persistentVolume,
  pod,
  replicationController,
  resourceQuota,
  secret,
  serviceAccount,
  service,
  controllerRevision,
  daemonSet,
  deployment,
  replicaSet,
  statefulSet,
  horizontalPodAutoscaler,
  cronJob,
  job,
  lease,
  endpointSlice,
  nodeMetrics,
  podMetrics,
  podDisruptionBudget,
  priorityClass,
  storageClass,
] as const satisfies readonly KindRecord[];

/** The name of every kind the server serves: per-kind tables elsewhere (kubectl's printers) are keyed by it, so the compiler names a kind that lacks an entry. */
export type ServedKind = (typeof kindRecords)[number]['resource']['kind'];

const recordsByKind = new Map<string, KindRecord>(kindRecords.map((record) => [record.resource.kind, record]));

/** The record of a served kind, or undefined for a kind the server does not serve. */
export function kindRecord(kind: string): KindRecord | undefined {
  return recordsByKind.get(kind);
}

/** Fills in defaults in place, as SetDefaults_<Kind> does when the server decodes an object. */
export function applyDefaults(obj: KubeObject): void {
  obj.metadata ??= {};
  kindRecord(obj.kind)?.defaults?.(obj);
}

/** Validation on create; the object is already defaulted. */
export function validateCreate(obj: KubeObject): FieldError[] {
  const record = kindRecord(obj.kind);
  const meta = validateObjectMeta(obj.metadata ?? {}, record?.nameRule ?? isDns1123Subdomain, record?.resource.namespaced ?? true);
  return [...meta, ...(record?.validate?.(obj) ?? [])];
}

/** Validation on update: the create rules plus what may not change. */
export function validateUpdate(newObj: KubeObject, oldObj: KubeObject): FieldError[] {
  const record = kindRecord(newObj.kind);
  return [...validateObjectMetaUpdate(newObj.metadata ?? {}, oldObj.metadata ?? {}), ...(record?.validate?.(newObj) ?? []), ...(record?.validateUpdate?.(newObj, oldObj) ?? [])];
}
