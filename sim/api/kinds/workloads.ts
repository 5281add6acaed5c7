// The workload kinds of apps/v1 and batch/v1 (pkg/registry/apps/*/strategy.go,
// pkg/registry/batch/*/strategy.go): they track metadata.generation, their create strategies
// clear the status a client sends, and their controllers own status through the subresource.
import { defineKind } from './kind-record';
import {
  applyCronJobDefaults,
  applyDaemonSetDefaults,
  applyDeploymentDefaults,
  applyJobDefaults,
  applyReplicaSetDefaults,
  applyReplicationControllerDefaults,
  generateJobSelector,
} from '../defaults/workload-defaults';
import { validateCronJob, validateDaemonSet, validateDeployment, validateJob, validateReplicaSet, validateReplicationController } from '../validation/workload-validation';
import { validateJobUpdate, validateSelectorUpdate } from '../validation/update-validation';

const workload = { categories: ['all'], generation: true, resetStatusOnCreate: true, patchTypes: { spec: 'WorkloadSpec' } };
const scalable = { ...workload, subresources: ['scale', 'status'] };

export const replicationController = defineKind('ReplicationController', 'replicationcontrollers', 'v1', 'Namespaced', {
  ...scalable,
  shortNames: ['rc'],
  defaults: applyReplicationControllerDefaults,
  validate: validateReplicationController,
});

export const daemonSet = defineKind('DaemonSet', 'daemonsets', 'apps/v1', 'Namespaced', {
  ...workload,
  shortNames: ['ds'],
  subresources: ['status'],
  defaults: applyDaemonSetDefaults,
  validate: validateDaemonSet,
  validateUpdate: validateSelectorUpdate,
});

export const deployment = defineKind('Deployment', 'deployments', 'apps/v1', 'Namespaced', {
  ...scalable,
  shortNames: ['deploy'],
  defaults: applyDeploymentDefaults,
  validate: validateDeployment,
  validateUpdate: validateSelectorUpdate,
});

export const replicaSet = defineKind('ReplicaSet', 'replicasets', 'apps/v1', 'Namespaced', {
  ...scalable,
  shortNames: ['rs'],
  indexedByController: true,
  defaults: applyReplicaSetDefaults,
  validate: validateReplicaSet,
  validateUpdate: validateSelectorUpdate,
});

export const cronJob = defineKind('CronJob', 'cronjobs', 'batch/v1', 'Namespaced', {
  ...workload,
  shortNames: ['cj'],
  subresources: ['status'],
  defaults: applyCronJobDefaults,
  validate: validateCronJob,
  patchTypes: { spec: 'CronJobSpec' },
});

export const job = defineKind('Job', 'jobs', 'batch/v1', 'Namespaced', {
  ...workload,
  subresources: ['status'],
  indexedByController: true,
  defaults: applyJobDefaults,
  // The job strategy's PrepareForCreate generates the selector from the Job's uid.
  admit: generateJobSelector,
  validate: validateJob,
  validateUpdate: validateJobUpdate,
});
