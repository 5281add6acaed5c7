// PersistentVolumeClaim (core/v1): pkg/registry/core/persistentvolumeclaim/strategy.go,
// SetDefaults_PersistentVolumeClaim, ValidatePersistentVolumeClaim, and the DefaultStorageClass
// admission plugin that gives a claim without a class the cluster's default one.
import { ApiError, type FieldError } from '../errors';
import type { KubeObject } from '../types';
import type { AdmissionDeps } from './kind-record';
import { defineKind } from './kind-record';
import { coreKindSchema, field } from '../schema-types';
import { forbidden, invalid, notSupported, required } from '../validation/field-error';
import { specDiff } from '../validation/update-validation';
import { deepEqual } from '../object-utils';
import { tryParseQuantity } from '../quantity';

export const accessModes = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
export const defaultClassAnnotation = 'storageclass.kubernetes.io/is-default-class';

/** SetDefaults_PersistentVolumeClaim: also used for a StatefulSet's volumeClaimTemplates. */
export function applyClaimDefaults(claim: KubeObject): void {
  claim.spec ??= {};
  claim.spec.volumeMode ??= 'Filesystem';
  claim.status ??= {};
  claim.status.phase ??= 'Pending';
}

/** The class a claim gets when it names none: the newest StorageClass marked default (GetDefaultClass). */
export function defaultStorageClass(classes: KubeObject[]): KubeObject | undefined {
  const defaults = classes.filter((sc) => sc.metadata.annotations?.[defaultClassAnnotation] === 'true');
  defaults.sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
  return defaults[0];
}

function admitClaim(claim: KubeObject, deps: AdmissionDeps): void {
  // The create strategy starts a claim Pending, whatever status the client sent.
  claim.status = { phase: 'Pending' };
  // The StorageObjectInUseProtection plugin: a claim in use is not removed until no pod uses it.
  if (!(claim.metadata.finalizers ?? []).includes('kubernetes.io/pvc-protection')) claim.metadata.finalizers = [...(claim.metadata.finalizers ?? []), 'kubernetes.io/pvc-protection'];
  if (claim.spec && claim.spec.storageClassName === undefined) {
    const chosen = defaultStorageClass(deps.list?.('StorageClass', '') ?? []);
    if (chosen) claim.spec.storageClassName = chosen.metadata.name;
  }
}

/** ValidatePersistentVolumeClaimSpec's access modes and storage request, shared with StatefulSet templates. */
export function validateClaimSpec(spec: any, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const modes: string[] = spec?.accessModes ?? [];
  if (modes.length === 0) errors.push(required(`${path}.accessModes`, 'at least 1 access mode is required'));
  for (const mode of modes) if (!accessModes.includes(mode)) errors.push(notSupported(`${path}.accessModes`, mode, accessModes));
  const storage = spec?.resources?.requests?.storage;
  if (storage === undefined) errors.push(required(`${path}.resources[storage]`, ''));
  else if (!((tryParseQuantity(String(storage))?.milliValue() ?? 0) > 0)) errors.push(invalid(`${path}.resources[storage]`, String(storage), 'must be greater than zero'));
  return errors;
}

const betaClassAnnotation = 'volume.beta.kubernetes.io/storage-class';

/** GetPersistentVolumeClaimClass: the beta annotation wins over the field. */
function claimClassName(claim: KubeObject): string {
  return claim.metadata.annotations?.[betaClassAnnotation] ?? claim.spec?.storageClassName ?? '';
}

function storageRequest(claim: KubeObject) {
  return tryParseQuantity(String(claim.spec?.resources?.requests?.storage ?? '0'));
}

/**
 * ValidatePersistentVolumeClaimUpdate: the spec is fixed once made, except the volume it binds to
 * (set once), a class for a claim that had none, and a bound claim's storage request, which may
 * not fall to its status.capacity or below (RecoverVolumeExpansionFailure, on in 1.32).
 */
function validateClaimUpdate(claim: KubeObject, old: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const oldSpec = old.spec ?? {};
  const newSpec = JSON.parse(JSON.stringify(claim.spec ?? {}));
  const allowed = JSON.parse(JSON.stringify(oldSpec));
  const takeNew = (field: string) => {
    if (newSpec[field] === undefined) delete allowed[field];
    else allowed[field] = newSpec[field];
  };
  if (!oldSpec.volumeName) takeNew('volumeName');
  if (oldSpec.storageClassName === undefined && !old.metadata.annotations?.[betaClassAnnotation]) takeNew('storageClassName');
  if (claim.status?.phase === 'Bound' && newSpec.resources?.requests) {
    if (oldSpec.resources?.requests?.storage === undefined) delete newSpec.resources.requests.storage;
    else newSpec.resources.requests.storage = oldSpec.resources.requests.storage;
  }
  if (!deepEqual(newSpec, allowed)) {
    errors.push(forbidden('spec', `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${specDiff('core.PersistentVolumeClaimSpec', allowed, newSpec)}`));
  }
  const oldSize = storageRequest(old);
  const newSize = storageRequest(claim);
  const statusSize = tryParseQuantity(String(old.status?.capacity?.storage ?? '0'));
  if (oldSize && newSize && statusSize && newSize.cmp(oldSize) < 0 && newSize.cmp(statusSize) <= 0) {
    errors.push(forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
  }
  if (claim.spec?.volumeMode !== oldSpec.volumeMode) errors.push(invalid('volumeMode', claim.spec?.volumeMode ?? null, 'field is immutable'));
  return errors;
}

/**
 * The PersistentVolumeClaimResize admission plugin: a claim grows only once bound, and only when
 * its StorageClass allows volume expansion.
 */
function admitClaimResize(claim: KubeObject, old: KubeObject, deps: Pick<AdmissionDeps, 'list'>): ApiError | undefined {
  const oldSize = storageRequest(old);
  const newSize = storageRequest(claim);
  if (!oldSize || !newSize || newSize.cmp(oldSize) <= 0) return undefined;
  const refuse = (message: string) => new ApiError('Forbidden', `persistentvolumeclaims ${JSON.stringify(claim.metadata.name ?? '')} is forbidden: ${message}`);
  if (old.status?.phase !== 'Bound') return refuse('Only bound persistent volume claims can be expanded');
  const className = claimClassName(claim);
  const storageClass = className && className === claimClassName(old) ? deps.list?.('StorageClass', '').find((sc) => sc.metadata.name === className) : undefined;
  if (storageClass?.allowVolumeExpansion !== true) return refuse('only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
  return undefined;
}

export const persistentVolumeClaim = defineKind('PersistentVolumeClaim', 'persistentvolumeclaims', 'v1', 'Namespaced', {
  shortNames: ['pvc'],
  subresources: ['status'],
  defaults: applyClaimDefaults,
  admit: admitClaim,
  validate: (claim) => validateClaimSpec(claim.spec, 'spec'),
  validateUpdate: validateClaimUpdate,
  validateUpdateAdmission: admitClaimResize,
  schema: {
    PersistentVolumeClaim: coreKindSchema('A PersistentVolumeClaim asks for storage of a class, size and access mode; it binds to one PersistentVolume.', {
      spec: field('PersistentVolumeClaimSpec', 'What storage is asked for.'),
      status: field('Open', 'The phase (Pending, Bound, Lost), and the capacity and access modes of the bound volume.'),
    }),
    PersistentVolumeClaimSpec: {
      goPackage: 'v1',
      description: 'What a claim asks for.',
      fields: {
        accessModes: field('[]string', 'ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.'),
        dataSource: field('Open', 'An object to fill the new volume from.'),
        dataSourceRef: field('Open', 'An object to fill the new volume from.'),
        resources: field('Open', 'requests.storage: the least capacity the volume must have.'),
        selector: field('LabelSelector', 'Labels the volume must have.'),
        storageClassName: field('string', 'The StorageClass; the default class when left out, none when "".'),
        volumeAttributesClassName: field('string', 'The VolumeAttributesClass.'),
        volumeMode: field('string', 'Filesystem (default) or Block.'),
        volumeName: field('string', 'The PersistentVolume this claim is bound to.'),
      },
    },
  },
});
