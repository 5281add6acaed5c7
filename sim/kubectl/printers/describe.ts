// `kubectl describe`: picks the describer for the object's kind.

import type { KubeObject } from '../../api/types';
import type { ResourceType } from '../../api/resources';
import type { DescribeContext } from './describe-common';
import { describePod } from './describe-pod';
import { describeNode } from './describe-node';
import { describeCronJob, describeDaemonSet, describeDeployment, describeJob, describeReplicaSet } from './describe-workloads';
import { describeEndpointSlice, describeEndpoints, describeService } from './describe-service';
import { describeConfigMap, describeNamespace, describeSecret, describeServiceAccount } from './describe-config';
import { describeGeneric } from './describe-generic';

const describers: Record<string, (obj: KubeObject, ctx: DescribeContext) => string> = {
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
};

/** The text `kubectl describe <type> <name>` prints for one object (ends with a line break). */
export function describeObject(type: ResourceType, obj: KubeObject, ctx: DescribeContext): string {
  const describer = describers[type.kind] ?? describers[obj.kind] ?? describeGeneric;
  return describer(obj, ctx);
}
