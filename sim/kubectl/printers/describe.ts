// `kubectl describe`: picks the describer for the object's kind.

import type { KubeObject } from '../../api/types';
import type { ResourceType } from '../../api/resources';
import type { ServedKind } from '../../api/kinds';
import type { DescribeContext } from './describe-common';
import { describePod } from './describe-pod';
import { describeNode } from './describe-node';
import { describeCronJob, describeDaemonSet, describeDeployment, describeJob, describeReplicaSet } from './describe-workloads';
import { describeEndpointSlice, describeEndpoints, describeService } from './describe-service';
import { describeConfigMap, describeLimitRange, describeNamespace, describeResourceQuota, describeSecret, describeServiceAccount } from './describe-config';
import { describeGeneric } from './describe-generic';
import { describeHorizontalPodAutoscaler } from './horizontal-pod-autoscaler';
import { describePodDisruptionBudget } from './pod-disruption-budget';
import { describePersistentVolume, describePersistentVolumeClaim, describeStatefulSet, describeStorageClass } from './storage-printers';
import { describePriorityClass } from './priority-class-printers';

/** One describer per served kind: a kind added to the registry needs its entry here. */
const describers: Record<ServedKind, (obj: KubeObject, ctx: DescribeContext) => string> = {
  Pod: describePod,
  Node: describeNode,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  ReplicationController: describeReplicaSet,
  DaemonSet: describeDaemonSet,
  Job: describeJob,
  CronJob: describeCronJob,
  Service: describeService,
  Endpoints: describeEndpoints,
  EndpointSlice: describeEndpointSlice,
  ConfigMap: describeConfigMap,
  Secret: describeSecret,
  ServiceAccount: describeServiceAccount,
  Namespace: describeNamespace,
  LimitRange: describeLimitRange,
  ResourceQuota: describeResourceQuota,
  HorizontalPodAutoscaler: describeHorizontalPodAutoscaler,
  StatefulSet: describeStatefulSet,
  PersistentVolume: describePersistentVolume,
  PersistentVolumeClaim: describePersistentVolumeClaim,
  StorageClass: describeStorageClass,
  PriorityClass: describePriorityClass,
  PodDisruptionBudget: describePodDisruptionBudget,
  Binding: describeGeneric,
  Event: describeGeneric,
  ControllerRevision: describeGeneric,
  Lease: describeGeneric,
  NodeMetrics: describeGeneric,
  PodMetrics: describeGeneric,
};

/** The text `kubectl describe <type> <name>` prints for one object (ends with a line break). */
export function describeObject(type: ResourceType, obj: KubeObject, ctx: DescribeContext): string {
  const describer = describers[type.kind as ServedKind] ?? describers[obj.kind as ServedKind] ?? describeGeneric;
  return describer(obj, ctx);
}
