// The VolumeBinding plugin: a pod's claims must exist and not be going away (PreFilter); a claim
// bound to a volume pins the pod to the nodes that volume is reachable from, an unbound claim of
// an Immediate class keeps the pod waiting, and one of a WaitForFirstConsumer class is given the
// chosen node so its volume can be provisioned there (the pod binds once the claim is Bound).
import type { EngineContext } from '../engine-context';
import type { KubeObject } from '../api/types';
import type { NodeRejection } from './node-fit';
import { tryGet } from '../controllers/api-helpers';
import { claimClass, matchingVolume, volumeReachableFrom } from '../controllers/persistent-volume';

export interface PodVolumes {
  /** Why no node can take the pod, before looking at nodes. */
  preFilterError?: string;
  /** Volumes of bound claims. */
  boundVolumes: KubeObject[];
  /** Unbound claims of WaitForFirstConsumer classes. */
  delayedClaims: KubeObject[];
}

export function podVolumes(ctx: EngineContext, pod: KubeObject): PodVolumes {
  const result: PodVolumes = { boundVolumes: [], delayedClaims: [] };
  let unboundImmediate = false;
  for (const volume of pod.spec?.volumes ?? []) {
    const name: string | undefined = volume.persistentVolumeClaim?.claimName;
    if (!name) continue;
    const claim = tryGet(ctx, 'PersistentVolumeClaim', pod.metadata.namespace, name);
    if (!claim) return { ...result, preFilterError: `persistentvolumeclaim "${name}" not found` };
    if (claim.metadata.deletionTimestamp) return { ...result, preFilterError: `persistentvolumeclaim "${name}" is being deleted` };
    if (claim.spec?.volumeName) {
      const pv = tryGet(ctx, 'PersistentVolume', undefined, claim.spec.volumeName);
      if (pv) result.boundVolumes.push(pv);
    } else if (claimClass(ctx, claim).delayed) {
      result.delayedClaims.push(claim);
    } else {
      unboundImmediate = true;
    }
  }
  if (unboundImmediate) result.preFilterError = 'pod has unbound immediate PersistentVolumeClaims';
  return result;
}

export function filterVolumes(ctx: EngineContext, volumes: PodVolumes, node: KubeObject): NodeRejection | undefined {
  if (volumes.boundVolumes.some((pv) => !volumeReachableFrom(pv, node))) return { reasons: ['node(s) had volume node affinity conflict'], unresolvable: true };
  for (const claim of volumes.delayedClaims) {
    if (claimClass(ctx, claim).storageClass?.provisioner) continue;
    if (!matchingVolume(ctx, claim, node)) return { reasons: ["node(s) didn't find available persistent volumes to bind"], unresolvable: true };
  }
  return undefined;
}
