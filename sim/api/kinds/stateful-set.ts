// StatefulSet (apps/v1): pkg/registry/apps/statefulset/strategy.go, SetDefaults_StatefulSet and
// ValidateStatefulSet. Pods get stable names and, from volumeClaimTemplates, their own claims.
import type { FieldError } from '../errors';
import type { KubeObject, PodTemplateSpec } from '../types';
import { defineKind } from './kind-record';
import { field, type SchemaRegistry } from '../schema-types';
import { applyPodTemplateDefaults } from '../defaults/pod-defaults';
import { labelSelectorMatches } from '../selectors';
import { deepEqual } from '../object-utils';
import { forbidden, invalid, notSupported, required } from '../validation/field-error';
import { goLabelSelector, goStringMap } from '../validation/go-values';
import { parsedSelector, validateSelectorSyntax, validateTemplate } from '../validation/workload-validation';
import { applyClaimDefaults } from './persistent-volume-claim';

export function applyStatefulSetDefaults(statefulSet: KubeObject): void {
  const spec = (statefulSet.spec ??= {});
  spec.podManagementPolicy ??= 'OrderedReady';
  spec.updateStrategy ??= {};
  spec.updateStrategy.type ??= 'RollingUpdate';
  if (spec.updateStrategy.type === 'RollingUpdate') {
    spec.updateStrategy.rollingUpdate ??= {};
    spec.updateStrategy.rollingUpdate.partition ??= 0;
  }
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ??= 'Retain';
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ??= 'Retain';
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  applyPodTemplateDefaults(spec.template);
  for (const claim of spec.volumeClaimTemplates ?? []) {
    claim.apiVersion ??= 'v1';
    claim.kind ??= 'PersistentVolumeClaim';
    claim.metadata ??= {};
    if (!('creationTimestamp' in claim.metadata)) claim.metadata.creationTimestamp = null;
    applyClaimDefaults(claim);
  }
}

const nonNegativeMessage = 'must be greater than or equal to 0';

export function validateStatefulSet(obj: KubeObject): FieldError[] {
  const spec = obj.spec ?? {};
  const errors: FieldError[] = [];
  const policy = spec.podManagementPolicy;
  if (!policy) errors.push(required('spec.podManagementPolicy', ''));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') errors.push(invalid('spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'"));
  const strategy = spec.updateStrategy ?? {};
  if (strategy.type === 'OnDelete') {
    if (strategy.rollingUpdate) errors.push(invalid('spec.updateStrategy.rollingUpdate', { goSyntax: '&apps.RollingUpdateStatefulSetStrategy{...}' }, "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (strategy.type === 'RollingUpdate') {
    const partition = strategy.rollingUpdate?.partition;
    if (typeof partition === 'number' && partition < 0) errors.push(invalid('spec.updateStrategy.rollingUpdate.partition', partition, nonNegativeMessage));
  } else if (!strategy.type) {
    errors.push(required('spec.updateStrategy', ''));
  } else {
    errors.push(invalid('spec.updateStrategy', strategy.type, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  for (const [path, value] of [['spec.replicas', spec.replicas], ['spec.minReadySeconds', spec.minReadySeconds]] as const) {
    if (typeof value === 'number' && value < 0) errors.push(invalid(path, value, nonNegativeMessage));
  }
  if (!spec.selector) errors.push(required('spec.selector', ''));
  else errors.push(...validateSelectorSyntax(spec.selector, 'spec.selector'));
  const selector = parsedSelector(spec.selector);
  if (spec.selector && selector && selector.length === 0) errors.push(invalid('spec.selector', goLabelSelector(spec.selector), 'empty selector is invalid for statefulset'));
  const template: PodTemplateSpec | undefined = spec.template;
  if (!template) return [...errors, required('spec.template', '')];
  if (selector && selector.length > 0 && !labelSelectorMatches(selector, template.metadata?.labels)) {
    errors.push(invalid('spec.template.metadata.labels', goStringMap(template.metadata?.labels), '`selector` does not match template `labels`'));
  }
  // The pods get a volume for each claim template, so mounts may name them.
  const claimVolumes = (spec.volumeClaimTemplates ?? []).map((claim: KubeObject) => ({ name: claim.metadata?.name, persistentVolumeClaim: { claimName: claim.metadata?.name } }));
  const podSpec = template.spec && claimVolumes.length > 0 ? { ...template.spec, volumes: [...(template.spec.volumes ?? []), ...claimVolumes] } : template.spec;
  errors.push(...validateTemplate({ ...template, spec: podSpec }, 'spec.template'));
  if (template.spec?.restartPolicy !== 'Always') errors.push(notSupported('spec.template.spec.restartPolicy', template.spec?.restartPolicy ?? '', ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined) errors.push(forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported'));
  return errors;
}

/** ValidateStatefulSetUpdate: only these spec fields may change. */
const mutableSpecFields = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

export function validateStatefulSetUpdate(newObj: KubeObject, oldObj: KubeObject): FieldError[] {
  const rest = (spec: Record<string, unknown> | undefined) => JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(spec ?? {}).filter(([key]) => !mutableSpecFields.includes(key)))));
  if (deepEqual(rest(newObj.spec), rest(oldObj.spec))) return [];
  return [
    forbidden(
      'spec',
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ),
  ];
}

const schema: SchemaRegistry = {
  StatefulSet: {
    goPackage: 'v1',
    description: 'A StatefulSet runs pods with stable names, network identities and storage, started and stopped in order.',
    fields: {
      apiVersion: field('string', 'The versioned schema of this representation.'),
      kind: field('string', 'The type of object: `StatefulSet`.'),
      metadata: field('ObjectMeta', "The object's name, namespace, labels and other metadata."),
      spec: field('StatefulSetSpec', 'The desired state.'),
      status: field('Status', 'The most recently observed state, written by the controller. Read-only.'),
    },
  },
  StatefulSetSpec: {
    goPackage: 'v1',
    description: 'The desired state of a StatefulSet.',
    fields: {
      minReadySeconds: field('int32', 'Seconds a new pod must be ready before it counts as available.'),
      ordinals: field('Open', 'The number the first pod gets (start); defaults to 0.'),
      persistentVolumeClaimRetentionPolicy: field('Open', 'Whether claims from volumeClaimTemplates are deleted when the set is deleted or scaled down (Retain or Delete).'),
      podManagementPolicy: field('string', 'OrderedReady (default: one pod at a time, in order) or Parallel.'),
      replicas: field('int32', 'How many pods to run. Defaults to 1.'),
      revisionHistoryLimit: field('int32', 'How many old revisions to keep. Defaults to 10.'),
      selector: field('LabelSelector', 'Which pods belong to the StatefulSet; must match the template labels.', true),
      serviceName: field('string', 'The headless Service that gives the pods their DNS names (<pod>.<serviceName>).'),
      template: field('PodTemplateSpec', 'The pod template; pods are named <statefulset>-<ordinal>.', true),
      updateStrategy: field('StatefulSetUpdateStrategy', 'How pods are replaced when the template changes.'),
      volumeClaimTemplates: field('[]PersistentVolumeClaim', 'Claims each pod gets, named <template>-<pod>; they outlive the pods.'),
    },
  },
  StatefulSetUpdateStrategy: {
    goPackage: 'v1',
    description: 'How a StatefulSet replaces pods.',
    fields: {
      rollingUpdate: field('Open', 'partition: pods with an ordinal below it keep the old template.'),
      type: field('string', 'RollingUpdate (default) or OnDelete.'),
    },
  },
};

export const statefulSet = defineKind('StatefulSet', 'statefulsets', 'apps/v1', 'Namespaced', {
  categories: ['all'],
  shortNames: ['sts'],
  subresources: ['scale', 'status'],
  generation: true,
  resetStatusOnCreate: true,
  patchTypes: { spec: 'WorkloadSpec' },
  defaults: applyStatefulSetDefaults,
  validate: validateStatefulSet,
  validateUpdate: validateStatefulSetUpdate,
  schema,
});
