// PersistentVolumeClaim (core/v1): pkg/registry/core/persistentvolumeclaim/strategy.go,
// SetDefaults_PersistentVolumeClaim, ValidatePersistentVolumeClaim, and the DefaultStorageClass
// admission plugin that gives a claim without a class the cluster's default one.
import type { FieldError } from '../errors';
import type { KubeObject } from '../types';
import type { AdmissionDeps } from './kind-record';
import { defineKind } from './kind-record';
import { coreKindSchema, field } from '../schema-types';
import { invalid, notSupported, required } from '../validation/field-error';
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

export const persistentVolumeClaim = defineKind('PersistentVolumeClaim', 'persistentvolumeclaims', 'v1', 'Namespaced', {
  shortNames: ['pvc'],
  subresources: ['status'],
  defaults: applyClaimDefaults,
  admit: admitClaim,
  validate: (claim) => validateClaimSpec(claim.spec, 'spec'),
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
