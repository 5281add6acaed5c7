// The kubelet's records of one pod's containers, and what the node's shell (crictl), `kubectl logs`, `kubectl exec` and `kubectl top` read of one
// pod's containers as the kubelet knows them: each container's instance, its current and previous
// log, its probe results, the memory charged to the pod and its local storage use.

import type { LogLine } from '../api/server';
import type { MemFs } from '../fs/memfs';
import type { ContainerInstance } from '../runtime/container';
import type { LogBuffer } from '../runtime/log-buffer';
import type { PodContainers } from '../runtime/container-logs';
import type { Pod } from '../api/types';
import { ContainerRecord } from './container-record';
import type { ProbeRecord } from './probe-history';
import type { PodVolume } from './volumes';
import { localStorageUse, type StorageUse } from './local-storage';

export abstract class PodContainersView implements PodContainers {
  readonly records: ContainerRecord[];
  protected readonly initRecords: ContainerRecord[];
  protected readonly appRecords: ContainerRecord[];
  private readonly byName: Map<string, ContainerRecord>;
  /** Log of each container's current (or last) instance and of the one before. */
  private readonly logHistory = new Map<string, { current: LogBuffer; previous?: LogBuffer }>();
  volumes = new Map<string, PodVolume>();

  constructor(protected pod: Pod) {
    // The kubelet's default for a container not yet created, init containers and sidecars included.
    const waiting = { waiting: { reason: pod.spec.initContainers?.length ? 'PodInitializing' : 'ContainerCreating' } };
    const changed = (record: ContainerRecord) => this.containerChanged(record);
    this.initRecords = (pod.spec.initContainers ?? []).map((c, index) => new ContainerRecord(c, true, index, waiting, changed));
    this.appRecords = pod.spec.containers.map((c, index) => new ContainerRecord(c, false, index, waiting, changed));
    this.records = [...this.initRecords, ...this.appRecords];
    this.byName = new Map(this.records.map((record) => [record.spec.name, record]));
  }

  /** A container the pod gained while it runs (an ephemeral container): known by name from now on. */
  protected addRecord(record: ContainerRecord): void {
    this.records.push(record);
    this.byName.set(record.spec.name, record);
  }

  get uid(): string {
    return this.pod.metadata.uid!;
  }

  get namespace(): string {
    return this.pod.metadata.namespace ?? 'default';
  }

  get name(): string {
    return this.pod.metadata.name!;
  }

  get podObject(): Pod {
    return this.pod;
  }

  /** A container's state, readiness or restart count changed. */
  protected abstract containerChanged(record: ContainerRecord): void;

  /** A new instance of the container started: its log becomes the current one, the old one the previous. */
  protected logStarted(rec: ContainerRecord, instance: ContainerInstance): void {
    const history = this.logHistory.get(rec.spec.name);
    this.logHistory.set(rec.spec.name, { current: instance.logs, previous: history?.current });
  }

  created(containerName: string): boolean {
    return this.byName.get(containerName)?.everCreated === true;
  }

  instance(containerName: string): ContainerInstance | undefined {
    return this.byName.get(containerName)?.instance;
  }

  currentLogs(containerName: string): LogLine[] | undefined {
    return this.logHistory.get(containerName)?.current.toArray();
  }

  previousLogs(containerName: string): LogLine[] | undefined {
    return this.logHistory.get(containerName)?.previous?.toArray();
  }

  probeRecords(containerName: string): ProbeRecord[] {
    return this.byName.get(containerName)?.probeHistory.toArray() ?? [];
  }

  containerInstances(): { name: string; init: boolean; instance?: ContainerInstance; containerID?: string; image?: string; state: string; restartCount: number; createdAt?: number }[] {
    return this.records.map((r) => ({
      name: r.spec.name,
      init: r.init,
      instance: r.instance,
      containerID: r.containerID,
      image: r.imageRef?.fullName,
      state: r.state.running ? 'running' : r.state.terminated ? 'terminated' : 'waiting',
      restartCount: r.restartCount,
      createdAt: r.instance?.startedAt,
    }));
  }

  /** Memory charged to the pod's cgroup (containers plus memory-backed volumes). */
  memoryBytes(): number {
    let sum = 0;
    for (const r of this.records) sum += r.instance?.memoryBytes() ?? 0;
    for (const v of this.volumes.values()) if (v.memoryBacked && v.type === 'EmptyDir') sum += (v.fs as MemFs).usedBytes?.() ?? 0;
    return sum;
  }

  /** What the eviction manager measures: each running container's writable layer and log, and each emptyDir on disk. */
  localStorageUse(): { containers: StorageUse[]; emptyDirs: StorageUse[] } {
    return localStorageUse(this.records, this.volumes.values());
  }
}
