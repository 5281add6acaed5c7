// Controllers: ReplicationController, ReplicaSet, Deployment, DaemonSet, Job, CronJob, ControllerRevision.
import { field, type FieldSchema, type SchemaRegistry } from '../schema-types';

function topLevel(kind: string, description: string, specType: string | undefined, statusType: string | undefined): SchemaRegistry[string] {
  const fields: Record<string, FieldSchema> = {
    apiVersion: field('string', 'The versioned schema of this representation.'),
    kind: field('string', `The type of object: \`${kind}\`.`),
    metadata: field('ObjectMeta', "The object's name, namespace, labels and other metadata."),
  };
  if (specType) fields.spec = field(specType, 'The desired state.');
  if (statusType) fields.status = field(statusType, 'The most recently observed state, written by the controller. Read-only.');
  return { goPackage: 'v1', description, fields };
}

const templateField = field('PodTemplateSpec', 'The pod template: every pod created from it gets this metadata and spec.');

export const workloadSchemas: SchemaRegistry = {
  PodTemplateSpec: {
    goPackage: 'v1',
    description: 'The metadata and spec for pods created from a template.',
    fields: {
      metadata: field('ObjectMeta', 'Labels and annotations the pods get; the labels must match the selector.'),
      spec: field('PodSpec', 'The pod spec of the pods.'),
    },
  },
  ReplicaSet: topLevel('ReplicaSet', 'A ReplicaSet keeps a given number of identical pods running.', 'ReplicaSetSpec', 'Status'),
  ReplicaSetSpec: {
    goPackage: 'v1',
    description: 'The desired state of a ReplicaSet.',
    fields: {
      minReadySeconds: field('int32', 'Seconds a new pod must be ready before it counts as available.'),
      replicas: field('int32', 'How many pods to keep running. Defaults to 1.'),
      selector: field('LabelSelector', 'Which pods belong to the ReplicaSet; must match the template labels.', true),
      template: templateField,
    },
  },
  ReplicationController: topLevel('ReplicationController', 'The older form of ReplicaSet, with an equality-only selector.', 'ReplicationControllerSpec', 'Status'),
  ReplicationControllerSpec: {
    goPackage: 'v1',
    description: 'The desired state of a ReplicationController.',
    fields: {
      minReadySeconds: field('int32', 'Seconds a new pod must be ready before it counts as available.'),
      replicas: field('int32', 'How many pods to keep running. Defaults to 1.'),
      selector: field('map[string]string', 'Labels the pods must have; defaults to the template labels.'),
      template: templateField,
    },
  },
  Deployment: topLevel('Deployment', 'A Deployment manages ReplicaSets to roll out changes to a set of identical pods.', 'DeploymentSpec', 'Status'),
  DeploymentSpec: {
    goPackage: 'v1',
    description: 'The desired state of a Deployment.',
    fields: {
      minReadySeconds: field('int32', 'Seconds a new pod must be ready before it counts as available.'),
      paused: field('bool', 'While true, changes to the template do not start a rollout.'),
      progressDeadlineSeconds: field('int32', 'Seconds a rollout may make no progress before it is reported as failed. Defaults to 600.'),
      replicas: field('int32', 'How many pods to run. Defaults to 1.'),
      revisionHistoryLimit: field('int32', 'How many old ReplicaSets to keep for rollbacks. Defaults to 10.'),
      selector: field('LabelSelector', 'Which pods belong to the Deployment; must match the template labels and cannot change.', true),
      strategy: field('DeploymentStrategy', 'How pods are replaced: RollingUpdate (default) or Recreate.'),
      template: field('PodTemplateSpec', 'The pod template; changing it starts a rollout.', true),
    },
  },
  DeploymentStrategy: {
    goPackage: 'v1',
    description: 'How a Deployment replaces old pods with new ones.',
    fields: {
      rollingUpdate: field('RollingUpdateDeployment', 'Limits for a rolling update.'),
      type: field('string', 'RollingUpdate (default) or Recreate.'),
    },
  },
  RollingUpdateDeployment: {
    goPackage: 'v1',
    description: 'Limits for a rolling update.',
    fields: {
      maxSurge: field('IntOrString', 'How many pods above the desired count may exist during the update (number or percentage). Defaults to 25%.'),
      maxUnavailable: field('IntOrString', 'How many pods may be unavailable during the update (number or percentage). Defaults to 25%.'),
    },
  },
  DaemonSet: topLevel('DaemonSet', 'A DaemonSet runs one copy of a pod on every eligible node.', 'DaemonSetSpec', 'Status'),
  DaemonSetSpec: {
    goPackage: 'v1',
    description: 'The desired state of a DaemonSet.',
    fields: {
      minReadySeconds: field('int32', 'Seconds a new pod must be ready before it counts as available.'),
      revisionHistoryLimit: field('int32', 'How many old revisions to keep. Defaults to 10.'),
      selector: field('LabelSelector', 'Which pods belong to the DaemonSet; must match the template labels.', true),
      template: field('PodTemplateSpec', 'The pod template run on each node.', true),
      updateStrategy: field('DaemonSetUpdateStrategy', 'How pods are replaced when the template changes.'),
    },
  },
  DaemonSetUpdateStrategy: {
    goPackage: 'v1',
    description: 'How a DaemonSet replaces pods.',
    fields: {
      rollingUpdate: field('Open', 'maxUnavailable (default 1) and maxSurge (default 0).'),
      type: field('string', 'RollingUpdate (default) or OnDelete.'),
    },
  },
  Job: topLevel('Job', 'A Job runs pods until a given number of them finish successfully.', 'JobSpec', 'Status'),
  JobSpec: {
    goPackage: 'v1',
    description: 'The desired state of a Job.',
    fields: {
      activeDeadlineSeconds: field('int64', 'Seconds the Job may run before it is stopped and marked failed.'),
      backoffLimit: field('int32', 'How many pod failures are retried before the Job fails. Defaults to 6.'),
      backoffLimitPerIndex: field('int32', 'For Indexed jobs: retries allowed per index.'),
      completionMode: field('string', 'NonIndexed (default) or Indexed.'),
      completions: field('int32', 'How many pods must succeed. Defaults to 1.'),
      manualSelector: field('bool', 'Set to true to write the selector yourself instead of the generated one.'),
      maxFailedIndexes: field('int32', 'For Indexed jobs: failed indexes allowed before the Job fails.'),
      parallelism: field('int32', 'How many pods may run at once. Defaults to 1.'),
      podFailurePolicy: field('Open', 'Rules for how pod failures count.'),
      podReplacementPolicy: field('string', 'When replacement pods are created: TerminatingOrFailed or Failed.'),
      selector: field('LabelSelector', 'Which pods belong to the Job; generated unless manualSelector is true.'),
      successPolicy: field('Open', 'When an Indexed Job counts as succeeded early.'),
      suspend: field('bool', 'While true, no pods are created and running ones are stopped.'),
      template: field('PodTemplateSpec', 'The pod template; restartPolicy must be Never or OnFailure.', true),
      ttlSecondsAfterFinished: field('int32', 'Seconds after finishing before the Job is deleted automatically.'),
    },
  },
  CronJob: topLevel('CronJob', 'A CronJob creates Jobs on a repeating schedule.', 'CronJobSpec', 'Status'),
  CronJobSpec: {
    goPackage: 'v1',
    description: 'The desired state of a CronJob.',
    fields: {
      concurrencyPolicy: field('string', 'What to do when a run is due while the previous one still runs: Allow (default), Forbid or Replace.'),
      failedJobsHistoryLimit: field('int32', 'How many failed Jobs to keep. Defaults to 1.'),
      jobTemplate: field('JobTemplateSpec', 'The Job created at each run.', true),
      schedule: field('string', 'The schedule in cron format, e.g. `*/5 * * * *`.', true),
      startingDeadlineSeconds: field('int64', 'Seconds after a missed run during which it may still start.'),
      successfulJobsHistoryLimit: field('int32', 'How many successful Jobs to keep. Defaults to 3.'),
      suspend: field('bool', 'While true, no new runs start.'),
      timeZone: field('string', 'The time zone of the schedule, e.g. Etc/UTC.'),
    },
  },
  JobTemplateSpec: {
    goPackage: 'v1',
    description: 'The metadata and spec of Jobs created from a template.',
    fields: { metadata: field('ObjectMeta', 'Metadata of the Jobs.'), spec: field('JobSpec', 'The spec of the Jobs.') },
  },
  ControllerRevision: {
    goPackage: 'v1',
    description: 'An immutable snapshot of a DaemonSet or StatefulSet template, used for rollbacks.',
    fields: {
      apiVersion: field('string', 'The versioned schema of this representation.'),
      data: field('any', 'The recorded state.'),
      kind: field('string', 'The type of object: `ControllerRevision`.'),
      metadata: field('ObjectMeta', "The object's name, namespace, labels and other metadata."),
      revision: field('int64', 'The revision number.', true),
    },
  },
  Status: { goPackage: 'v1', description: 'The observed state.', fields: {}, open: true },
};
