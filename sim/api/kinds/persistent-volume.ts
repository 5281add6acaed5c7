// PersistentVolume (core/v1) and StorageClass (storage.k8s.io/v1): SetDefaults_PersistentVolume,
// SetDefaults_StorageClass and their validation.
import type { FieldError } from '../errors';
import type { KubeObject } from '../types';
import { defineKind } from './kind-record';
import { coreKindSchema, field } from '../schema-types';
import { notSupported, required } from '../validation/field-error';
import { accessModes } from './persistent-volume-claim';
import { validateHostPathType } from '../validation/pod-validation';

/** The volume sources a PersistentVolume may name (one of them is required). */
const volumeSources = ['hostPath', 'local', 'nfs', 'csi', 'iscsi', 'fc', 'gcePersistentDisk', 'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'rbd', 'glusterfs', 'flexVolume', 'portworxVolume', 'vsphereVolume'];

function validatePersistentVolume(pv: KubeObject): FieldError[] {
  const spec = pv.spec ?? {};
  const errors: FieldError[] = [];
  const modes: string[] = spec.accessModes ?? [];
  if (modes.length === 0) errors.push(required('spec.accessModes', ''));
  for (const mode of modes) if (!accessModes.includes(mode)) errors.push(notSupported('spec.accessModes', mode, accessModes));
  if (!spec.capacity || Object.keys(spec.capacity).length === 0) errors.push(required('spec.capacity', ''));
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy && !['Delete', 'Recycle', 'Retain'].includes(policy)) errors.push(notSupported('spec.persistentVolumeReclaimPolicy', policy, ['Delete', 'Recycle', 'Retain']));
  if (!volumeSources.some((source) => spec[source])) errors.push(required('spec', 'must specify a volume type'));
  else if (spec.hostPath) {
    if (!spec.hostPath.path) errors.push(required('spec.hostPath.path', ''));
    errors.push(...validateHostPathType(spec.hostPath.type, 'spec.hostPath.type'));
  }
  return errors;
}

export const persistentVolume = defineKind('PersistentVolume', 'persistentvolumes', 'v1', 'Cluster', {
  shortNames: ['pv'],
  subresources: ['status'],
  defaults: (pv) => {
    pv.spec ??= {};
    pv.spec.persistentVolumeReclaimPolicy ??= 'Retain';
    pv.spec.volumeMode ??= 'Filesystem';
  },
  // The create strategy starts a volume Pending; the binder makes it Available.
  admit: (pv) => {
    pv.status = { phase: 'Pending' };
    // The StorageObjectInUseProtection plugin: a bound volume is not removed while its claim holds it.
    if (!(pv.metadata.finalizers ?? []).includes('kubernetes.io/pv-protection')) pv.metadata.finalizers = [...(pv.metadata.finalizers ?? []), 'kubernetes.io/pv-protection'];
  },
  validate: validatePersistentVolume,
  schema: {
    PersistentVolume: coreKindSchema('A PersistentVolume is a piece of storage in the cluster, bound to at most one claim.', {
      spec: field('PersistentVolumeSpec', 'The storage: capacity, access modes, source.'),
      status: field('Open', 'The phase: Pending, Available, Bound, Released or Failed.'),
    }),
    PersistentVolumeSpec: {
      goPackage: 'v1',
      description: 'A piece of storage.',
      open: true,
      fields: {
        accessModes: field('[]string', 'ReadWriteOnce, ReadOnlyMany, ReadWriteMany or ReadWriteOncePod.'),
        capacity: field('map[string]Quantity', 'storage: the size of the volume.'),
        claimRef: field('Open', 'The claim bound to this volume.'),
        hostPath: field('HostPathVolumeSource', 'A directory on the node.'),
        mountOptions: field('[]string', 'Mount options.'),
        nodeAffinity: field('Open', 'The nodes this volume can be reached from.'),
        persistentVolumeReclaimPolicy: field('string', 'What happens when the claim goes: Retain (default), Delete or Recycle.'),
        storageClassName: field('string', 'The StorageClass this volume belongs to.'),
        volumeMode: field('string', 'Filesystem (default) or Block.'),
      },
    },
  },
});

export const storageClass = defineKind('StorageClass', 'storageclasses', 'storage.k8s.io/v1', 'Cluster', {
  shortNames: ['sc'],
  defaults: (sc) => {
    sc.reclaimPolicy ??= 'Delete';
    sc.volumeBindingMode ??= 'Immediate';
  },
  validate: (sc) => {
    const errors: FieldError[] = [];
    if (!sc.provisioner) errors.push(required('provisioner', ''));
    if (!['Delete', 'Retain'].includes(sc.reclaimPolicy)) errors.push(notSupported('reclaimPolicy', sc.reclaimPolicy, ['Delete', 'Retain']));
    if (!['Immediate', 'WaitForFirstConsumer'].includes(sc.volumeBindingMode)) errors.push(notSupported('volumeBindingMode', sc.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
    return errors;
  },
  schema: {
    StorageClass: {
      goPackage: 'v1',
      description: 'A StorageClass names a kind of storage and the provisioner that makes volumes of it.',
      fields: {
        allowVolumeExpansion: field('bool', 'Whether claims of this class may grow.'),
        allowedTopologies: field('Open', 'Where volumes may be provisioned.'),
        apiVersion: field('string', 'The versioned schema of this representation.'),
        kind: field('string', 'The type of object.'),
        metadata: field('ObjectMeta', "The object's name, labels and other metadata."),
        mountOptions: field('[]string', 'Mount options of the volumes.'),
        parameters: field('map[string]string', 'Parameters for the provisioner.'),
        provisioner: field('string', 'The provisioner that makes the volumes.', true),
        reclaimPolicy: field('string', 'Delete (default) or Retain.'),
        volumeBindingMode: field('string', 'Immediate (default) or WaitForFirstConsumer.'),
      },
    },
  },
});
