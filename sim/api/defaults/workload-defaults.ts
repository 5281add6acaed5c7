// Controller object defaults: apps/v1 (Deployment, ReplicaSet, DaemonSet), batch/v1 (Job,
// CronJob) and core/v1 ReplicationController.
import type { KubeObject } from '../types';
import { applyPodTemplateDefaults } from './pod-defaults';

export function applyDeploymentDefaults(deployment: KubeObject): void {
  const spec = (deployment.spec ??= {});
  spec.replicas ??= 1;
  spec.strategy ??= {};
  spec.strategy.type ??= 'RollingUpdate';
  if (spec.strategy.type === 'RollingUpdate') {
    spec.strategy.rollingUpdate ??= {};
    spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
    spec.strategy.rollingUpdate.maxSurge ??= '25%';
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  applyPodTemplateDefaults(spec.template);
}

export function applyReplicaSetDefaults(replicaSet: KubeObject): void {
  const spec = (replicaSet.spec ??= {});
  spec.replicas ??= 1;
  applyPodTemplateDefaults(spec.template);
}

export function applyDaemonSetDefaults(daemonSet: KubeObject): void {
  const spec = (daemonSet.spec ??= {});
  spec.updateStrategy ??= {};
  spec.updateStrategy.type ??= 'RollingUpdate';
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate ??= {};
    spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1;
    spec.updateStrategy.rollingUpdate.maxSurge ??= 0;
  }
  spec.revisionHistoryLimit ??= 10;
  applyPodTemplateDefaults(spec.template);
}

export function applyReplicationControllerDefaults(controller: KubeObject): void {
  const spec = (controller.spec ??= {});
  spec.replicas ??= 1;
  const templateLabels = spec.template?.metadata?.labels;
  if (templateLabels && Object.keys(templateLabels).length > 0) {
    if (!spec.selector || Object.keys(spec.selector).length === 0) spec.selector = { ...templateLabels };
    if (!controller.metadata.labels || Object.keys(controller.metadata.labels).length === 0) controller.metadata.labels = { ...templateLabels };
  }
  applyPodTemplateDefaults(spec.template);
}

/** The Job fields SetDefaults_Job sets (the selector comes from the create strategy, below). */
export function applyJobSpecDefaults(spec: any): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  // With backoffLimitPerIndex the Job-wide limit is effectively off (MaxInt32).
  spec.backoffLimit ??= spec.backoffLimitPerIndex === undefined ? 6 : 2147483647;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  if (spec.podFailurePolicy === undefined) spec.podReplacementPolicy ??= 'TerminatingOrFailed';
}

export function applyJobDefaults(job: KubeObject): void {
  const spec = (job.spec ??= {});
  applyJobSpecDefaults(spec);
  applyPodTemplateDefaults(spec.template);
}

/**
 * The job strategy's PrepareForCreate: unless manualSelector is true, the selector is the
 * controller uid, and the template carries the uid and job-name labels.
 */
export function generateJobSelector(job: KubeObject): void {
  const spec = job.spec;
  if (!spec || spec.manualSelector === true) return;
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  spec.template ??= { spec: {} };
  spec.template.metadata ??= {};
  spec.template.metadata.labels = {
    ...(spec.template.metadata.labels ?? {}),
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  };
  spec.selector ??= {};
  spec.selector.matchLabels = { ...(spec.selector.matchLabels ?? {}), 'batch.kubernetes.io/controller-uid': uid };
  // SetDefaults_Job gives a Job without labels its template's labels; it runs again when the
  // stored Job is read, so a created Job shows the uid and job-name labels too.
  if (!job.metadata.labels || Object.keys(job.metadata.labels).length === 0) job.metadata.labels = { ...spec.template.metadata.labels };
}

export function applyCronJobDefaults(cronJob: KubeObject): void {
  const spec = (cronJob.spec ??= {});
  spec.concurrencyPolicy ??= 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  spec.jobTemplate ??= {};
  spec.jobTemplate.metadata ??= {};
  if (!('creationTimestamp' in spec.jobTemplate.metadata)) spec.jobTemplate.metadata.creationTimestamp = null;
  applyPodTemplateDefaults(spec.jobTemplate.spec?.template);
}
