// `kubectl get` and `kubectl describe` for StatefulSets and storage: PersistentVolume,
// PersistentVolumeClaim and StorageClass (printers.go's rows, describe.go's describers).

import type { KubeObject } from '../../api/types';
import { tryParseQuantity } from '../../api/quantity';
import { age, containerNamesAndImages, formatLabels, formatLabelSelector, timestampSince } from './cells';
import { DescribeWriter } from './describe-writer';
import { writePodTemplate } from './describe-workloads';
import { writeHostPath } from './describe-pod';
import { describeTime, eventsFor, writeAnnotations, writeEvents, writeLabels, type DescribeContext } from './describe-common';

/** The shape of tables.ts's TableDefinition (that file lists these tables, so it is not imported here). */
interface StorageTable {
  columns: { name: string; wide?: boolean }[];
  row(obj: KubeObject, now: number, wide: boolean): string[];
}

const defaultClassAnnotations = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];

function isDefaultClass(sc: KubeObject): boolean {
  return defaultClassAnnotations.some((key) => sc.metadata.annotations?.[key] === 'true');
}

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that order. */
export function accessModesText(modes: string[] | undefined): string {
  const short: [string, string][] = [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']];
  return short.filter(([mode]) => (modes ?? []).includes(mode)).map(([, text]) => text).join(',');
}

/** A quantity as resource.Quantity's String() prints it. */
function quantityText(value: unknown): string {
  if (value === undefined || value === null) return '0';
  return tryParseQuantity(String(value))?.toString() ?? String(value);
}

/** GetPersistentVolumeClass / GetPersistentVolumeClaimClass: the field, else the beta annotation. */
function className(obj: KubeObject): string {
  return obj.spec?.storageClassName ?? obj.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
}

function claimOf(pv: KubeObject): string {
  const ref = pv.spec?.claimRef;
  return ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '';
}

export const storageTables: Record<'StatefulSet' | 'PersistentVolume' | 'PersistentVolumeClaim' | 'StorageClass', StorageTable> = {
  StatefulSet: {
    columns: [{ name: 'Name' }, { name: 'Ready' }, { name: 'Age' }, { name: 'Containers', wide: true }, { name: 'Images', wide: true }],
    row: (sts, now, wide) => {
      const cells = [sts.metadata.name ?? '', `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 0}`, age(sts, now)];
      return wide ? [...cells, ...containerNamesAndImages(sts.spec?.template?.spec)] : cells;
    },
  },
  PersistentVolume: {
    columns: ['Name', 'Capacity', 'Access Modes', 'Reclaim Policy', 'Status', 'Claim', 'StorageClass', 'VolumeAttributesClass', 'Reason', 'Age']
      .map((name): { name: string; wide?: boolean } => ({ name }))
      .concat([{ name: 'VolumeMode', wide: true }]),
    row: (pv, now, wide) => {
      const cells = [
        pv.metadata.name ?? '',
        quantityText(pv.spec?.capacity?.storage),
        accessModesText(pv.spec?.accessModes),
        pv.spec?.persistentVolumeReclaimPolicy ?? '',
        pv.metadata.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
        claimOf(pv),
        className(pv),
        pv.spec?.volumeAttributesClassName ?? '<unset>',
        pv.status?.reason ?? '',
        age(pv, now),
      ];
      return wide ? [...cells, pv.spec?.volumeMode ?? '<unset>'] : cells;
    },
  },
  PersistentVolumeClaim: {
    columns: ['Name', 'Status', 'Volume', 'Capacity', 'Access Modes', 'StorageClass', 'VolumeAttributesClass', 'Age']
      .map((name): { name: string; wide?: boolean } => ({ name }))
      .concat([{ name: 'VolumeMode', wide: true }]),
    row: (pvc, now, wide) => {
      const bound = !!pvc.spec?.volumeName;
      const cells = [
        pvc.metadata.name ?? '',
        pvc.metadata.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
        pvc.spec?.volumeName ?? '',
        bound ? quantityText(pvc.status?.capacity?.storage) : '',
        bound ? accessModesText(pvc.status?.accessModes) : '',
        className(pvc),
        pvc.spec?.volumeAttributesClassName ?? '<unset>',
        age(pvc, now),
      ];
      return wide ? [...cells, pvc.spec?.volumeMode ?? '<unset>'] : cells;
    },
  },
  StorageClass: {
    columns: ['Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age'].map((name) => ({ name })),
    row: (sc, now) => [
      isDefaultClass(sc) ? `${sc.metadata.name} (default)` : (sc.metadata.name ?? ''),
      sc.provisioner ?? '',
      sc.reclaimPolicy ?? 'Delete',
      sc.volumeBindingMode ?? 'Immediate',
      String(sc.allowVolumeExpansion === true),
      age(sc, now),
    ],
  },
};

function podsOwnedBy(obj: KubeObject, ctx: DescribeContext): KubeObject[] {
  try {
    return ctx.api.list('Pod', obj.metadata.namespace).filter((p) => (p.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === obj.metadata.uid));
  } catch {
    return [];
  }
}

export function describeStatefulSet(sts: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = sts.spec ?? {};
  w.line(0, 'Name:', sts.metadata.name ?? '');
  w.line(0, 'Namespace:', sts.metadata.namespace ?? '');
  w.line(0, 'CreationTimestamp:', describeTime(sts.metadata.creationTimestamp));
  w.line(0, 'Selector:', formatLabelSelector(spec.selector));
  writeLabels(w, 'Labels', sts.metadata.labels);
  writeAnnotations(w, 'Annotations', sts.metadata.annotations);
  w.line(0, 'Replicas:', `${spec.replicas ?? 0} desired | ${sts.status?.replicas ?? 0} total`);
  w.line(0, 'Update Strategy:', spec.updateStrategy?.type ?? '');
  const rolling = spec.updateStrategy?.rollingUpdate;
  if (rolling && typeof rolling.partition === 'number') {
    w.line(1, 'Partition:', rolling.partition);
    if (rolling.maxUnavailable !== undefined) w.line(1, 'MaxUnavailable:', String(rolling.maxUnavailable));
  }
  const pods = podsOwnedBy(sts, ctx);
  const count = (phase: string) => pods.filter((p) => p.status?.phase === phase).length;
  w.line(0, 'Pods Status:', `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`);
  writePodTemplate(w, spec.template);
  const claims: KubeObject[] = spec.volumeClaimTemplates ?? [];
  if (claims.length === 0) {
    w.line(0, 'Volume Claims:', '<none>');
  } else {
    w.write(0, 'Volume Claims:\n');
    for (const claim of claims) {
      w.line(1, 'Name:', claim.metadata?.name ?? '');
      w.line(1, 'StorageClass:', className(claim));
      writeLabels(w, 'Labels', claim.metadata?.labels, '  ');
      writeLabels(w, 'Annotations', claim.metadata?.annotations, '  ');
      const storage = claim.spec?.resources?.requests?.storage;
      w.line(1, 'Capacity:', storage === undefined ? '<default>' : quantityText(storage));
      w.line(1, 'Access Modes:', `[${(claim.spec?.accessModes ?? []).join(' ')}]`);
    }
  }
  writeEvents(w, eventsFor(sts, ctx), ctx.now);
  return w.toString();
}

function writeNodeAffinity(w: DescribeWriter, affinity: any): void {
  const terms: any[] | undefined = affinity?.required?.nodeSelectorTerms;
  if (!affinity?.required) {
    w.write(0, 'Node Affinity:\t<none>\n');
    return;
  }
  w.write(0, 'Node Affinity:\t\n');
  if (!terms || terms.length === 0) {
    w.write(1, 'Required Terms:\t<none>\n');
    return;
  }
  w.write(1, 'Required Terms:\t\n');
  terms.forEach((term, i) => {
    const expressions: any[] = term.matchExpressions ?? [];
    if (expressions.length === 0) {
      w.write(2, `Term ${i}:\t<none>\n`);
      return;
    }
    expressions.forEach((req, j) => {
      const text = `${req.key} ${String(req.operator).toLowerCase()}${(req.values ?? []).length > 0 ? ` [${req.values.join(', ')}]` : ''}`;
      w.write(2, j === 0 ? `Term ${i}:\t${text}\n` : `\t${text}\n`);
    });
  });
}

export function describePersistentVolume(pv: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = pv.spec ?? {};
  w.line(0, 'Name:', pv.metadata.name ?? '');
  writeLabels(w, 'Labels', pv.metadata.labels);
  writeAnnotations(w, 'Annotations', pv.metadata.annotations);
  w.line(0, 'Finalizers:', `[${(pv.metadata.finalizers ?? []).join(' ')}]`);
  w.line(0, 'StorageClass:', className(pv));
  w.line(0, 'Status:', pv.metadata.deletionTimestamp ? `Terminating (lasts ${timestampSince(pv.metadata.deletionTimestamp, ctx.now)})` : (pv.status?.phase ?? ''));
  w.line(0, 'Claim:', claimOf(pv));
  w.line(0, 'Reclaim Policy:', spec.persistentVolumeReclaimPolicy ?? '');
  w.line(0, 'Access Modes:', accessModesText(spec.accessModes));
  if (spec.volumeMode) w.line(0, 'VolumeMode:', spec.volumeMode);
  w.line(0, 'Capacity:', quantityText(spec.capacity?.storage));
  writeNodeAffinity(w, spec.nodeAffinity);
  w.line(0, 'Message:', pv.status?.message ?? '');
  w.write(0, 'Source:\n');
  if (spec.hostPath) {
    writeHostPath(w, spec.hostPath);
  } else if (spec.local) {
    w.line(2, 'Type:', 'LocalVolume (a persistent volume backed by local storage on a node)');
    w.line(2, 'Path:', spec.local.path);
  } else {
    w.write(1, '<unknown>\n');
  }
  writeEvents(w, eventsFor(pv, ctx), ctx.now);
  return w.toString();
}

export function describePersistentVolumeClaim(pvc: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = pvc.spec ?? {};
  w.line(0, 'Name:', pvc.metadata.name ?? '');
  w.line(0, 'Namespace:', pvc.metadata.namespace ?? '');
  w.line(0, 'StorageClass:', className(pvc));
  w.line(0, 'Status:', pvc.metadata.deletionTimestamp ? `Terminating (lasts ${timestampSince(pvc.metadata.deletionTimestamp, ctx.now)})` : (pvc.status?.phase ?? ''));
  w.line(0, 'Volume:', spec.volumeName ?? '');
  writeLabels(w, 'Labels', pvc.metadata.labels);
  writeAnnotations(w, 'Annotations', pvc.metadata.annotations);
  w.line(0, 'Finalizers:', `[${(pvc.metadata.finalizers ?? []).join(' ')}]`);
  const bound = !!spec.volumeName;
  w.line(0, 'Capacity:', bound ? quantityText(pvc.status?.capacity?.storage) : '');
  w.line(0, 'Access Modes:', bound ? accessModesText(pvc.status?.accessModes) : '');
  if (spec.volumeMode) w.line(0, 'VolumeMode:', spec.volumeMode);
  let pods: KubeObject[] = [];
  try {
    pods = ctx.api.list('Pod', pvc.metadata.namespace).filter((p) => (p.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === pvc.metadata.name));
  } catch {
    pods = [];
  }
  const names = pods.map((p) => p.metadata.name ?? '').sort();
  w.write(0, `Used By:\t${names.length === 0 ? '<none>' : names.join('\n\t')}\n`);
  writeEvents(w, eventsFor(pvc, ctx), ctx.now);
  return w.toString();
}

export function describeStorageClass(sc: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', sc.metadata.name ?? '');
  w.line(0, 'IsDefaultClass:', isDefaultClass(sc) ? 'Yes' : 'No');
  w.line(0, 'Annotations:', formatLabels(sc.metadata.annotations));
  w.line(0, 'Provisioner:', sc.provisioner ?? '');
  writeLabels(w, 'Parameters', sc.parameters);
  w.line(0, 'AllowVolumeExpansion:', sc.allowVolumeExpansion === undefined ? '<unset>' : String(sc.allowVolumeExpansion));
  const mountOptions: string[] = sc.mountOptions ?? [];
  if (mountOptions.length === 0) w.line(0, 'MountOptions:', '<none>');
  else w.write(0, `MountOptions:\n${mountOptions.map((option) => `  ${option}\n`).join('')}`);
  if (sc.reclaimPolicy) w.line(0, 'ReclaimPolicy:', sc.reclaimPolicy);
  if (sc.volumeBindingMode) w.line(0, 'VolumeBindingMode:', sc.volumeBindingMode);
  writeEvents(w, eventsFor(sc, ctx), ctx.now);
  return w.toString();
}
