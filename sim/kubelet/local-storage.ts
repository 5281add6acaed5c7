// The kubelet eviction manager's local storage checks (pkg/kubelet/eviction). Every 10 s, a pod is
// evicted when an emptyDir on disk outgrows its sizeLimit, when its containers together use more
// local storage than the sum of their ephemeral-storage limits, or when one container uses more
// than its own limit; checked in that order. A container's use is its writable layer plus its log.

import type { Pod } from '../api/types';
import { tryParseQuantity, type Quantity } from '../api/quantity';
import { MemFs } from '../fs/memfs';
import type { PodVolume } from './volumes';

/** The eviction manager's housekeeping period. */
export const evictionMonitoringPeriodMs = 10_000;

export interface StorageUse {
  name: string;
  usedBytes: number;
}

/** Whether the pod sets anything the local storage checks enforce; other pods are not measured. */
export function hasLocalStorageLimits(pod: Pod): boolean {
  return (
    (pod.spec.volumes ?? []).some((v) => v.emptyDir?.sizeLimit !== undefined && v.emptyDir.medium !== 'Memory') ||
    pod.spec.containers.some((c) => c.resources?.limits?.['ephemeral-storage'] !== undefined)
  );
}

/** The eviction message (with the kubelet's trailing space), or undefined while the pod is within its limits. */
export function localStorageEviction(pod: Pod, containers: StorageUse[], emptyDirs: StorageUse[]): string | undefined {
  for (const dir of emptyDirs) {
    const volume = (pod.spec.volumes ?? []).find((v) => v.name === dir.name);
    const limit = volume?.emptyDir?.medium === 'Memory' ? undefined : tryParseQuantity(volume?.emptyDir?.sizeLimit);
    if (limit && limit.value() > 0 && dir.usedBytes > limit.value()) {
      return `Usage of EmptyDir volume "${dir.name}" exceeds the limit "${limit.toString()}". `;
    }
  }
  const limits = new Map<string, Quantity>();
  let podLimit: Quantity | undefined;
  for (const container of pod.spec.containers) {
    const limit = tryParseQuantity(container.resources?.limits?.['ephemeral-storage']);
    if (!limit) continue;
    limits.set(container.name, limit);
    podLimit = podLimit ? podLimit.add(limit) : limit;
  }
  if (!podLimit) return undefined;
  const podUse = [...containers, ...emptyDirs].reduce((sum, use) => sum + use.usedBytes, 0);
  if (podUse > podLimit.value()) return `Pod ephemeral local storage usage exceeds the total limit of containers ${podLimit.toString()}. `;
  for (const use of containers) {
    const limit = limits.get(use.name);
    if (limit && use.usedBytes > limit.value()) return `Container ${use.name} exceeded its local ephemeral storage limit "${limit.toString()}". `;
  }
  return undefined;
}

/** What the eviction manager measures of a pod: each running app container's writable layer and log, and each emptyDir on disk. */
export function localStorageUse(
  containers: readonly { init: boolean; spec: { name: string }; instance?: { running: boolean; logBytes(): number }; writableLayer?: { fs: MemFs; imageBytes: number } }[],
  volumes: Iterable<PodVolume>,
): { containers: StorageUse[]; emptyDirs: StorageUse[] } {
  const used: StorageUse[] = [];
  for (const rec of containers) {
    if (rec.init || !rec.instance?.running || !rec.writableLayer) continue;
    const layer = Math.max(0, rec.writableLayer.fs.usedBytes() - rec.writableLayer.imageBytes);
    used.push({ name: rec.spec.name, usedBytes: layer + rec.instance.logBytes() });
  }
  const emptyDirs: StorageUse[] = [];
  for (const volume of volumes) {
    if (volume.type === 'EmptyDir' && !volume.memoryBacked && volume.fs instanceof MemFs) emptyDirs.push({ name: volume.name, usedBytes: volume.fs.usedBytes() });
  }
  return { containers: used, emptyDirs };
}
