// One node's kubelet and container runtime: it runs the pods bound to the node, renews the node's
// Lease, allocates pod IPs from the node's CIDR, pulls images one at a time and keeps them, and
// reports usage for metrics. `systemctl stop kubelet` on the node stops all of that but the
// containers themselves.

import type { CommandImpl, ProcessInfo } from '../process';
import type { ContainerDeps } from '../runtime/container';
import type { Clock, EngineContext, EventRecorder, Random } from '../engine-context';
import type { KubeObject, Pod } from '../api/types';
import type { SimApiServer } from '../api/api-server';
import type { FileSystem } from '../fs/filesystem';
import type { MemFs } from '../fs/memfs';
import { showsPodMetadata, usesObject } from './volumes';
import { nodeDisk } from './node-disk';
import { ApiError } from '../api/errors';
import { deepEqual, newVersion } from '../api/object-utils';
import { rfc3339Micro } from '../time';
import type { ClusterNetwork, NetworkNamespace } from '../runtime/network';
import type { ImageSpec } from '../runtime/images/catalog';
import { evictionMonitoringPeriodMs } from './local-storage';
import { PodWorker } from './pod-worker';
import { ImageStore } from './image-store';
import { SerialImagePulls } from './serial-image-pulls';
import type { PodHost } from './pod-host';

export interface NodeRuntimeDeps {
  ctx: EngineContext;
  api: SimApiServer;
  network: ClusterNetwork;
  nodeName: string;
  nodeIP: string;
  /** Third octet of the node's pod CIDR 10.244.N.0/24. */
  podSubnet: number;
  allocatePid(): number;
  allocateInode(): number;
  commandResolver(image: ImageSpec, env: Map<string, string>, fs?: FileSystem): (name: string) => CommandImpl | undefined;
}

export class NodeRuntime implements PodHost {
  readonly images: ImageStore;
  readonly imagePulls: SerialImagePulls;
  readonly nodeNetns: NetworkNamespace;
  private readonly workers = new Map<string, PodWorker>();
  /** The node's own files (what `ssh <node>` shows); hostPath volumes are directories of it. */
  private disk?: MemFs;
  private readonly usedIPs = new Set<string>();
  private nextHost = 2;
  private running = true;
  private leaseTimer?: { cancel(): void };

  constructor(private readonly deps: NodeRuntimeDeps) {
    this.images = new ImageStore(deps.ctx.random);
    this.imagePulls = new SerialImagePulls(deps.ctx.clock);
    // The node's own network namespace: hostNetwork pods share it.
    this.nodeNetns = { inode: 4026531840, ip: deps.nodeIP, listeners: new Map() };
    deps.network.register(this.nodeNetns);
    // The eviction manager's housekeeping: local storage limits are checked every 10 s.
    const { clock } = deps.ctx;
    clock.every(clock.now() + evictionMonitoringPeriodMs, evictionMonitoringPeriodMs, () => {
      if (!this.running) return;
      for (const worker of this.workers.values()) worker.checkLocalStorage();
    }, 'eviction-manager');
    deps.api.watch('Pod', undefined, (event) => {
      const pod = event.object as Pod;
      if (pod.spec?.nodeName !== deps.nodeName) return;
      const worker = this.workers.get(pod.metadata.uid!);
      if (event.type === 'DELETED') {
        worker?.teardown();
        return;
      }
      if (worker) {
        // The kubelet's own status writes come back here too; only spec changes and deletion need a sync.
        const old = event.oldObject as Pod | undefined;
        const needsSync = !old || old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp || !deepEqual(old.spec, pod.spec);
        worker.update(pod, needsSync);
        // A downwardAPI volume shows the pod's labels and annotations.
        if (old && (!deepEqual(old.metadata.labels, pod.metadata.labels) || !deepEqual(old.metadata.annotations, pod.metadata.annotations)) && showsPodMetadata(pod)) worker.volumeSourcesChanged();
      } else if (this.running) this.admit(pod);
    });
    // The kubelet watches the ConfigMaps and Secrets its pods' volumes are written from.
    for (const kind of ['ConfigMap', 'Secret'] as const) {
      deps.api.watch(kind, undefined, (event) => {
        const { name, namespace } = event.object.metadata;
        for (const worker of this.workers.values()) {
          const pod = worker.podObject;
          if ((pod.metadata.namespace ?? 'default') === namespace && usesObject(pod, kind, name!)) worker.volumeSourcesChanged();
        }
      });
    }
    for (const pod of deps.api.list('Pod', undefined, { readOnly: true })) {
      if (pod.spec?.nodeName === deps.nodeName) this.admit(pod as Pod);
    }
    this.renewLease();
  }

  get nodeName(): string {
    return this.deps.nodeName;
  }
  get nodeIP(): string {
    return this.deps.nodeIP;
  }
  get api(): SimApiServer {
    return this.deps.api;
  }
  get network(): ClusterNetwork {
    return this.deps.network;
  }
  get clock(): Clock {
    return this.deps.ctx.clock;
  }
  get random(): Random {
    return this.deps.ctx.random;
  }
  get events(): EventRecorder {
    return this.deps.ctx.events;
  }

  enqueue(key: string, work: () => void): void {
    this.deps.ctx.enqueue(key, work);
  }

  allocatePid(): number {
    return this.deps.allocatePid();
  }

  allocateInode(): number {
    return this.deps.allocateInode();
  }

  /** `fs` is the container's, where a package manager may install what the image leaves out. */
  commandResolver(image: ImageSpec, env: Map<string, string>, fs?: FileSystem): (name: string) => CommandImpl | undefined {
    return this.deps.commandResolver(image, env, fs);
  }

  kubeletRunning(): boolean {
    return this.running;
  }

  allocatable(): Record<string, string> {
    return ((this.deps.api.peek('Node', undefined, this.deps.nodeName) as KubeObject | undefined)?.status?.allocatable ?? {}) as Record<string, string>;
  }

  hostDisk(): MemFs {
    this.disk ??= nodeDisk(this.deps.nodeName, () => this.clock.now());
    return this.disk;
  }

  createPodNetns(podNamespace: string): NetworkNamespace {
    let ip = '';
    for (let tries = 0; tries < 253; tries++) {
      const candidate = `10.244.${this.deps.podSubnet}.${this.nextHost}`;
      this.nextHost = this.nextHost >= 254 ? 2 : this.nextHost + 1;
      if (!this.usedIPs.has(candidate)) {
        ip = candidate;
        break;
      }
    }
    this.usedIPs.add(ip);
    const netns: NetworkNamespace = { inode: this.allocateInode(), ip, listeners: new Map(), podNamespace };
    this.deps.network.register(netns);
    return netns;
  }

  releasePodNetns(netns: NetworkNamespace): void {
    this.usedIPs.delete(netns.ip);
    netns.listeners.clear();
    this.deps.network.unregister(netns);
  }

  forget(worker: { readonly uid: string }): void {
    if (this.workers.get(worker.uid) === worker) this.workers.delete(worker.uid);
  }

  podWorkers(): PodWorker[] {
    return [...this.workers.values()];
  }

  /**
   * Every process on the node by its node PID. The node's shell host gives the whole table (init,
   * containerd, the kubelet, the shims); without one it is the containers' processes.
   */
  processTable: () => ProcessInfo[] = () =>
    this.podWorkers()
      .flatMap((worker) => worker.records.flatMap((rec) => (rec.instance?.running ? rec.instance.processInfos('node') : [])))
      .sort((a, b) => a.pid - b.pid);

  hostPids(): NonNullable<ContainerDeps['sharedPids']> {
    return {
      processes: () => this.processTable(),
      kill: (pid, signal, from) => {
        const inContainer = this.podWorkers().some((worker) => worker.records.some((rec) => rec.instance?.running && rec.instance.signalProcess(pid, signal, false, from)));
        if (inContainer) return undefined;
        // The node's own daemons: what the lab lets no container stop.
        return this.processTable().some((p) => p.pid === pid) ? 'Operation not permitted' : 'No such process';
      },
      pidOf: (nodePid) => nodePid,
    };
  }

  worker(uid: string): PodWorker | undefined {
    return this.workers.get(uid);
  }

  /** `systemctl stop kubelet`: no more status, probes or lease renewals; containers keep running. */
  stopKubelet(): void {
    if (!this.running) return;
    this.running = false;
    this.leaseTimer?.cancel();
  }

  /** `systemctl start kubelet`: picks up every pod bound here again. */
  startKubelet(): void {
    if (this.running) return;
    this.running = true;
    this.renewLease();
    for (const pod of this.deps.api.list('Pod', undefined, { readOnly: true })) {
      if (pod.spec?.nodeName !== this.deps.nodeName) continue;
      const worker = this.workers.get(pod.metadata.uid!);
      if (worker) worker.requestSync();
      else this.admit(pod as Pod);
    }
    for (const worker of this.workers.values()) worker.writeStatus();
  }

  private admit(pod: Pod): void {
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
    const worker = new PodWorker(pod, this);
    this.workers.set(pod.metadata.uid!, worker);
    worker.requestSync();
  }

  /** Renews the lease at once and restarts the 10 s cycle from now. */
  renewLeaseNow(): void {
    if (!this.running) return;
    this.leaseTimer?.cancel();
    this.renewLease();
  }

  /** Renews kube-node-lease/<node> every 10 s while the kubelet runs. */
  private renewLease(): void {
    const { api, clock } = this.deps.ctx;
    const name = this.deps.nodeName;
    const renewTime = rfc3339Micro(clock.now());
    const lease = this.deps.api.peek('Lease', 'kube-node-lease', name);
    if (lease) {
      // Only the renew time changes, on an object the kubelet made: a trusted write of a new version.
      if (lease.spec?.renewTime !== renewTime) {
        const spec = { ...lease.spec };
        spec.renewTime = renewTime;
        this.deps.api.replaceTrusted(newVersion(lease, { spec }));
      }
    } else {
      try {
        api.create({
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name, namespace: 'kube-node-lease' },
          spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime },
        });
      } catch (createError) {
        if (!(createError instanceof ApiError)) throw createError;
      }
    }
    this.leaseTimer = clock.after(10_000, () => this.renewLease(), 'lease');
  }
}
