// The persistent volume controller (pkg/controller/volume/persistentvolume) with the kind
// cluster's local-path provisioner: binds each claim to the smallest Available volume of its class
// that fits, or has the provisioner make one; a class with WaitForFirstConsumer waits until the
// scheduler picks a node for a pod using the claim. Volumes whose claim is gone are Released, and
// then deleted or kept as their reclaim policy says. It also drops the protection finalizers of
// claims no pod uses and of volumes no claim holds.
import type { EngineContext } from '../engine-context';
import type { KubeObject } from '../api/types';
import type { WatchEvent } from '../api/server';
import { deepEqual } from '../api/object-utils';
import { tryParseQuantity } from '../api/quantity';
import { labelSelectorMatches, selectorFromLabelSelector } from '../api/selectors';
import { rfc3339 } from '../time';
import { keyOf, splitKey, tryGet, tryWrite, enqueueGuarded } from './api-helpers';
import { inform } from './informer';
import { isTerminal } from './pod-state';

const source = { component: 'persistentvolume-controller' };
export const selectedNodeAnnotation = 'volume.kubernetes.io/selected-node';
const boundByController = 'pv.kubernetes.io/bound-by-controller';
const bindCompleted = 'pv.kubernetes.io/bind-completed';
export const claimProtection = 'kubernetes.io/pvc-protection';
export const volumeProtection = 'kubernetes.io/pv-protection';

/** The local-path provisioner kind installs as the default class's provisioner. */
export const localPathProvisioner = 'rancher.io/local-path';
const localPathSource = { component: `${localPathProvisioner}_local-path-provisioner-7577fdbbfb-xk9sw_4b1f7d0a-3c5e-4e8a-9f21-6d0c8b2e7a13` };
const localPathRoot = '/var/local-path-provisioner';
/** How long the provisioner's helper takes to make the directory on the node. */
const provisioningMs = 2000;

/** The class a claim names, and whether it binds only once a pod using it is scheduled. */
export function claimClass(ctx: EngineContext, claim: KubeObject): { name: string; storageClass?: KubeObject; delayed: boolean } {
  const name: string = claim.spec?.storageClassName ?? '';
  const storageClass = name ? tryGet(ctx, 'StorageClass', undefined, name) : undefined;
  return { name, storageClass, delayed: storageClass?.volumeBindingMode === 'WaitForFirstConsumer' };
}

function quantity(value: unknown): number {
  return tryParseQuantity(String(value ?? '0'))?.value() ?? 0;
}

/** Whether a volume's node affinity lets a node reach it. */
export function volumeReachableFrom(pv: KubeObject, node: KubeObject | undefined): boolean {
  const terms: any[] | undefined = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!terms || !node) return true;
  const labels: Record<string, string> = node.metadata.labels ?? {};
  return terms.some((term) =>
    (term.matchExpressions ?? []).every((req: { key: string; operator: string; values?: string[] }) => {
      const value = labels[req.key];
      if (req.operator === 'In') return value !== undefined && (req.values ?? []).includes(value);
      if (req.operator === 'NotIn') return value === undefined || !(req.values ?? []).includes(value);
      if (req.operator === 'Exists') return value !== undefined;
      if (req.operator === 'DoesNotExist') return value === undefined;
      return false;
    }),
  );
}

/** The smallest Available volume of the claim's class, access modes and size (findBestMatchForClaim). */
export function matchingVolume(ctx: EngineContext, claim: KubeObject, node?: KubeObject): KubeObject | undefined {
  const className: string = claim.spec?.storageClassName ?? '';
  const wanted = quantity(claim.spec?.resources?.requests?.storage);
  const modes: string[] = claim.spec?.accessModes ?? [];
  let selector;
  try {
    selector = claim.spec?.selector ? selectorFromLabelSelector(claim.spec.selector) : undefined;
  } catch {
    return undefined;
  }
  const candidates = ctx.api.list('PersistentVolume', undefined, { readOnly: true }).filter((pv) => {
    const ref = pv.spec?.claimRef;
    if (ref && !(ref.name === claim.metadata.name && ref.namespace === claim.metadata.namespace && (!ref.uid || ref.uid === claim.metadata.uid))) return false;
    if (!ref && pv.status?.phase !== 'Available') return false;
    if (pv.metadata.deletionTimestamp) return false;
    if ((pv.spec?.storageClassName ?? '') !== className) return false;
    if ((pv.spec?.volumeMode ?? 'Filesystem') !== (claim.spec?.volumeMode ?? 'Filesystem')) return false;
    if (!modes.every((mode) => (pv.spec?.accessModes ?? []).includes(mode))) return false;
    if (quantity(pv.spec?.capacity?.storage) < wanted) return false;
    if (selector && !labelSelectorMatches(selector, pv.metadata.labels)) return false;
    return volumeReachableFrom(pv, node);
  });
  candidates.sort((a, b) => quantity(a.spec?.capacity?.storage) - quantity(b.spec?.capacity?.storage));
  return candidates[0];
}

export function startPersistentVolumeController(ctx: EngineContext): void {
  const provisioning: ProvisionerState = { making: new Set(), refused: new Set() };
  const enqueueClaim = (key: string) => enqueueGuarded(ctx, `pvc/${key}`, () => syncClaim(ctx, key, provisioning));
  const enqueueVolume = (name: string) => enqueueGuarded(ctx, `pv/${name}`, () => syncVolume(ctx, name));
  const enqueueAllClaims = () => {
    for (const claim of ctx.api.list('PersistentVolumeClaim', undefined, { readOnly: true })) if (claim.status?.phase !== 'Bound' || claim.metadata.deletionTimestamp) enqueueClaim(keyOf(claim));
  };
  inform(ctx, 'PersistentVolumeClaim', (event: WatchEvent) => {
    if (event.type !== 'DELETED') enqueueClaim(keyOf(event.object));
    const volume = event.object.spec?.volumeName;
    if (volume) enqueueVolume(volume);
  });
  inform(ctx, 'PersistentVolume', (event: WatchEvent) => {
    if (event.type !== 'DELETED') enqueueVolume(event.object.metadata.name!);
    // A new or freed volume may be what a waiting claim needs.
    enqueueAllClaims();
  });
  inform(ctx, 'Pod', (event: WatchEvent) => {
    const pod = event.object;
    const gone = event.type === 'DELETED' || isTerminal(pod);
    if (!gone) return;
    for (const volume of pod.spec?.volumes ?? []) {
      const name = volume.persistentVolumeClaim?.claimName;
      if (name) enqueueClaim(`${pod.metadata.namespace}/${name}`);
    }
  });
}

function setAnnotation(obj: KubeObject, key: string, value: string): void {
  obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [key]: value };
}

/** Whether a pod that is not finished uses the claim (the pvc-protection controller's question). */
function claimInUse(ctx: EngineContext, claim: KubeObject): boolean {
  return ctx.api
    .list('Pod', claim.metadata.namespace, { readOnly: true })
    .some((pod) => !isTerminal(pod) && (pod.spec?.volumes ?? []).some((v: any) => v.persistentVolumeClaim?.claimName === claim.metadata.name));
}

function syncClaim(ctx: EngineContext, key: string, provisioning: ProvisionerState): void {
  const [namespace, name] = splitKey(key);
  const claim = tryGet(ctx, 'PersistentVolumeClaim', namespace, name);
  if (!claim) return;
  if (claim.metadata.deletionTimestamp) {
    if ((claim.metadata.finalizers ?? []).includes(claimProtection) && !claimInUse(ctx, claim)) {
      claim.metadata.finalizers = claim.metadata.finalizers!.filter((f) => f !== claimProtection);
      tryWrite(() => ctx.api.update(claim));
    }
    return;
  }
  if (claim.spec?.volumeName) {
    const pv = tryGet(ctx, 'PersistentVolume', undefined, claim.spec.volumeName);
    if (pv && claim.status?.phase !== 'Bound') completeBinding(ctx, claim, pv);
    return;
  }
  const { name: className, storageClass, delayed } = claimClass(ctx, claim);
  const selectedNode: string | undefined = claim.metadata.annotations?.[selectedNodeAnnotation];
  if (delayed && !selectedNode) {
    ctx.events.record(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', source);
    return;
  }
  const node = selectedNode ? tryGet(ctx, 'Node', undefined, selectedNode) : undefined;
  const pv = matchingVolume(ctx, claim, node);
  if (pv) {
    bind(ctx, claim, pv);
    return;
  }
  if (!className) {
    ctx.events.record(claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set', source);
    return;
  }
  if (!storageClass) {
    ctx.events.record(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`, source);
    return;
  }
  provision(ctx, claim, storageClass, selectedNode, provisioning);
}

/** The controller binds both ways: the volume's claimRef, then the claim's volumeName and status. */
function bind(ctx: EngineContext, claim: KubeObject, pv: KubeObject): void {
  if (!pv.spec.claimRef) {
    pv.spec.claimRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim.metadata.name, namespace: claim.metadata.namespace, resourceVersion: claim.metadata.resourceVersion, uid: claim.metadata.uid };
    setAnnotation(pv, boundByController, 'yes');
    const updated = tryWrite(() => ctx.api.update(pv));
    if (!updated) return;
    pv = updated;
  }
  completeBinding(ctx, claim, pv);
}

function completeBinding(ctx: EngineContext, claim: KubeObject, pv: KubeObject): void {
  if (pv.status?.phase !== 'Bound') {
    pv.status = { phase: 'Bound', lastPhaseTransitionTime: rfc3339(ctx.clock.now()) };
    tryWrite(() => ctx.api.updateStatus(pv));
  }
  if (!claim.spec.volumeName) {
    claim.spec.volumeName = pv.metadata.name;
    setAnnotation(claim, bindCompleted, 'yes');
    setAnnotation(claim, boundByController, 'yes');
    const updated = tryWrite(() => ctx.api.update(claim));
    if (!updated) return;
    claim = updated;
  }
  claim.status = { phase: 'Bound', accessModes: [...(pv.spec?.accessModes ?? [])], capacity: { ...(pv.spec?.capacity ?? {}) } };
  tryWrite(() => ctx.api.updateStatus(claim));
}

interface ProvisionerState {
  /** Claims whose volume the provisioner is making, so it starts once per claim. */
  making: Set<string>;
  /** Versions of claims it has turned down, so it says so once per version. */
  refused: Set<string>;
}

/** The external provisioner's part: it answers claims of its class with a directory on the chosen node. */
function provision(ctx: EngineContext, claim: KubeObject, storageClass: KubeObject, selectedNode: string | undefined, provisioning: ProvisionerState): void {
  const provisioner: string = storageClass.provisioner;
  // The provisioner looks only at claims annotated for it: it sees this one from its next version on.
  const seenByProvisioner = claim.metadata.annotations?.['volume.kubernetes.io/storage-provisioner'] === provisioner;
  if (!seenByProvisioner) {
    setAnnotation(claim, 'volume.beta.kubernetes.io/storage-provisioner', provisioner);
    setAnnotation(claim, 'volume.kubernetes.io/storage-provisioner', provisioner);
    if (!tryWrite(() => ctx.api.update(claim))) return;
  }
  ctx.events.record(
    claim,
    'Normal',
    'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    source,
  );
  // Only the local-path provisioner runs in this cluster; claims of other classes wait.
  if (provisioner !== localPathProvisioner) return;
  // It makes directories, not raw devices: a Block claim is refused before any work (canProvision).
  if (claim.spec?.volumeMode === 'Block') {
    const version = `${claim.metadata.uid}/${claim.metadata.resourceVersion}`;
    if (seenByProvisioner && !provisioning.refused.has(version)) {
      provisioning.refused.add(version);
      ctx.events.record(claim, 'Warning', 'ProvisioningFailed', `${provisioner} does not support block volume provisioning`, localPathSource);
    }
    return;
  }
  const node = selectedNode ?? ctx.api.list('Node', undefined, { readOnly: true }).find((n) => !n.spec?.taints?.length)?.metadata.name;
  if (!node) return;
  const namespace = claim.metadata.namespace!;
  const claimName = claim.metadata.name!;
  const volumeName = `pvc-${claim.metadata.uid}`;
  if (provisioning.making.has(claim.metadata.uid!) || tryGet(ctx, 'PersistentVolume', undefined, volumeName)) return;
  provisioning.making.add(claim.metadata.uid!);
  ctx.events.record(claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${namespace}/${claimName}"`, localPathSource);
  ctx.clock.after(
    provisioningMs,
    () => {
      provisioning.making.delete(claim.metadata.uid!);
      const current = tryGet(ctx, 'PersistentVolumeClaim', namespace, claimName);
      if (!current || current.metadata.uid !== claim.metadata.uid || current.spec?.volumeName || tryGet(ctx, 'PersistentVolume', undefined, volumeName)) return;
      const created = tryWrite(() =>
        ctx.api.create({
          apiVersion: 'v1',
          kind: 'PersistentVolume',
          metadata: { name: volumeName, annotations: { 'local.path.provisioner/selected-node': node, 'pv.kubernetes.io/provisioned-by': provisioner } },
          spec: {
            accessModes: [...(current.spec?.accessModes ?? [])],
            capacity: { storage: current.spec?.resources?.requests?.storage },
            claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claimName, namespace, resourceVersion: current.metadata.resourceVersion, uid: current.metadata.uid },
            hostPath: { path: `${localPathRoot}/${volumeName}_${namespace}_${claimName}`, type: 'DirectoryOrCreate' },
            nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
            persistentVolumeReclaimPolicy: storageClass.reclaimPolicy ?? 'Delete',
            storageClassName: storageClass.metadata.name,
            volumeMode: current.spec?.volumeMode ?? 'Filesystem',
          },
        }),
      );
      if (created) ctx.events.record(current, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${volumeName}`, localPathSource);
    },
    'local-path-provisioning',
  );
}

function syncVolume(ctx: EngineContext, name: string): void {
  const pv = tryGet(ctx, 'PersistentVolume', undefined, name);
  if (!pv) return;
  if (pv.metadata.deletionTimestamp) {
    if ((pv.metadata.finalizers ?? []).includes(volumeProtection) && pv.status?.phase !== 'Bound') {
      pv.metadata.finalizers = pv.metadata.finalizers!.filter((f) => f !== volumeProtection);
      tryWrite(() => ctx.api.update(pv));
    }
    return;
  }
  const ref = pv.spec?.claimRef;
  const setPhase = (phase: string) => {
    if (pv.status?.phase === phase) return;
    pv.status = { phase, lastPhaseTransitionTime: rfc3339(ctx.clock.now()) };
    tryWrite(() => ctx.api.updateStatus(pv));
  };
  if (!ref) {
    setPhase('Available');
    return;
  }
  const claim = tryGet(ctx, 'PersistentVolumeClaim', ref.namespace, ref.name);
  if (claim && (!ref.uid || claim.metadata.uid === ref.uid)) {
    if (claim.spec?.volumeName === name) setPhase('Bound');
    return;
  }
  if (!ref.uid) return;
  // The claim is gone: Released, then deleted when its reclaim policy says Delete.
  setPhase('Released');
  if (pv.spec?.persistentVolumeReclaimPolicy === 'Delete') {
    const fresh = tryGet(ctx, 'PersistentVolume', undefined, name);
    if (fresh && !deepEqual(fresh.status?.phase, 'Bound')) tryWrite(() => ctx.api.delete('PersistentVolume', undefined, name));
  }
}
