// The kubelet's work for one pod: the sandbox (pause container and network namespace), image
// pulls, init containers in order, app containers, restarts with back-off, OOM kills and graceful
// termination. Its probes, status writes, container files and eviction checks live beside it.

import type { Pod, Probe } from '../api/types';
import type { TimerHandle } from '../engine-context';
import type { LogLine } from '../api/server';
import { ApiError } from '../api/errors';
import { parseRfc3339 } from '../time';
import type { MemFs } from '../fs/memfs';
import type { ContainerInstance } from '../runtime/container';
import type { LogBuffer } from '../runtime/log-buffer';
import { Backoff } from './backoff';
import { ContainerRecord } from './container-record';
import type { ProbeRecord } from './probe-history';
import { killContainer } from './kill-container';
import { ImagePuller, configRetryMs } from './image-puller';
import { OrderedIndexes } from './ordered-indexes';
import { hasLocalStorageLimits, localStorageEviction, localStorageUse, type StorageUse } from './local-storage';
import { setUpVolumes, type PodVolume } from './volumes';
import { PodStatusManager } from './status-manager';
import { createContainer, type StartHost } from './container-start';
import { ActiveDeadline, deadlineExceededMessage } from './active-deadline';
import { holdInCrashBackOff, shouldRestart, terminatedState, type CrashBackOffHost } from './container-exit';
import type { ProbeHost, ProbeWorker } from './prober/worker';
import type { PodHost } from './pod-host';
import type { Sandbox } from './sandbox';
import type { PodContainers } from '../runtime/container-logs';

/** How long the kubelet takes to notice a container exit (PLEG relist period). */
const exitNoticeMs = 1000;
/** Time to create the sandbox and set up its network. */
const sandboxSetupMs = 1000;

export class PodWorker implements PodContainers {
  readonly records: ContainerRecord[];
  private readonly byName: Map<string, ContainerRecord>;
  private readonly initRecords: ContainerRecord[];
  private readonly appRecords: ContainerRecord[];
  /** Positions in `appRecords` of the app containers not running, for a sync to visit only them. */
  private readonly appsNotRunning = new OrderedIndexes();
  /** Containers whose start (an image pull) is under way: the sync waits for them. */
  private startsInProgress = 0;
  /** While the pod terminates: the records before this position have stopped for good. */
  private stoppedUpTo = 0;
  sandbox?: Sandbox;
  volumes = new Map<string, PodVolume>();
  private sandboxStarting = false;
  private initialized = false;
  private terminal?: 'Succeeded' | 'Failed';
  /** Why the kubelet failed the pod (evicted, past its active deadline), for the status. */
  private failure?: { reason: string; message: string };
  private readonly activeDeadline: ActiveDeadline;
  /** Whether the pod sets a local storage limit (its volumes and limits do not change). */
  private readonly measuresLocalStorage: boolean;
  private terminating = false;
  private finalized = false;
  private readonly crashBackoff = new Backoff();
  private readonly puller: ImagePuller;
  private syncTimer?: TimerHandle;
  /** The pod spec whose container images the records were last brought up to date with. */
  private specSeen?: Pod['spec'];
  private readonly status: PodStatusManager;
  private readonly probeHost: ProbeHost;
  private readonly startHost: StartHost;
  private readonly backOffHost: CrashBackOffHost;
  /** Log of each container's current (or last) instance and of the one before. */
  private readonly logHistory = new Map<string, { current: LogBuffer; previous?: LogBuffer }>();

  constructor(
    private pod: Pod,
    private readonly node: PodHost,
  ) {
    // The kubelet's default for a container not yet created, init containers and sidecars included.
    const waiting = { waiting: { reason: pod.spec.initContainers?.length ? 'PodInitializing' : 'ContainerCreating' } };
    const changed = (record: ContainerRecord) => {
      this.status.containerChanged(record);
      if (!record.init) {
        if (record.state.running) this.appsNotRunning.delete(record.index);
        else this.appsNotRunning.add(record.index);
      }
    };
    this.initRecords = (pod.spec.initContainers ?? []).map((c, index) => new ContainerRecord(c, true, index, waiting, changed));
    this.appRecords = pod.spec.containers.map((c, index) => new ContainerRecord(c, false, index, waiting, changed));
    this.records = [...this.initRecords, ...this.appRecords];
    this.byName = new Map(this.records.map((record) => [record.spec.name, record]));
    this.appRecords.forEach((_, index) => this.appsNotRunning.add(index));
    this.measuresLocalStorage = hasLocalStorageLimits(pod);
    this.activeDeadline = new ActiveDeadline(node.clock, () => this.sync());
    this.status = new PodStatusManager(this.records, node.api, node.nodeIP);
    this.puller = new ImagePuller({
      node,
      podUid: pod.metadata.uid!,
      event: (rec, type, reason, message) => node.events.record(this.pod, type, reason, message, this.source, rec.fieldPath),
      sync: () => this.sync(),
      stopped: () => this.finalized || this.terminating,
      pullStarted: () => this.startsInProgress++,
      pullEnded: () => this.startsInProgress--,
      create: (rec) => createContainer(rec, this.startHost),
      writeStatus: () => this.writeStatus(),
      requestSync: () => this.requestSync(),
    });
    this.probeHost = {
      now: () => this.now,
      kubeletRunning: () => node.kubeletRunning(),
      terminating: () => this.terminating,
      network: node.network,
      nodeNetns: node.nodeNetns,
      podNetns: () => this.sandbox!.netns,
      unhealthy: (rec, message) => node.events.record(this.pod, 'Warning', 'Unhealthy', message, this.source, rec.fieldPath),
      result: (rec, worker, result) => this.probeResult(rec, worker, result),
    };
    this.backOffHost = {
      clock: node.clock,
      podRef: `${this.name}_${this.namespace}(${this.uid})`,
      event: (rec, type, reason, message) => node.events.record(this.pod, type, reason, message, this.source, rec.fieldPath),
      sync: () => this.sync(),
    };
    const worker = this;
    this.startHost = {
      node,
      get pod() {
        return worker.pod;
      },
      get sandbox() {
        return worker.sandbox;
      },
      get volumes() {
        return worker.volumes;
      },
      records: this.records,
      probeHost: this.probeHost,
      event: (type, reason, message, fieldPath) => node.events.record(this.pod, type, reason, message, this.source, fieldPath),
      sync: () => this.sync(),
      requestSync: () => this.requestSync(),
      exited: (rec, instance, code) => this.containerExited(rec, instance, code),
      stop: (rec) => this.stopContainer(rec, this.graceMs(), 'stop'),
      started: (rec, instance) => {
        const history = this.logHistory.get(rec.spec.name);
        this.logHistory.set(rec.spec.name, { current: instance.logs, previous: history?.current });
      },
    };
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

  private get source() {
    return { component: 'kubelet', host: this.node.nodeName };
  }

  private get now(): number {
    return this.node.clock.now();
  }

  /** The latest stored pod (spec changes, deletion) arrived. */
  update(pod: Pod, needsSync = true): void {
    this.pod = pod;
    if (needsSync) this.requestSync();
  }

  requestSync(delayMs = 0): void {
    if (delayMs <= 0) {
      this.node.enqueue(`kubelet/${this.uid}`, () => this.sync());
      return;
    }
    this.syncTimer?.cancel();
    this.syncTimer = this.node.clock.after(delayMs, () => this.sync(), 'pod-sync');
  }

  // ---- the sync loop ----

  sync(): void {
    if (this.finalized || !this.node.kubeletRunning()) return;
    const stored = this.node.api.peek('Pod', this.namespace, this.name) as Pod | undefined;
    if (!stored || stored.metadata.uid !== this.uid) {
      this.teardown();
      return;
    }
    this.pod = stored;
    if (stored.metadata.deletionTimestamp) {
      this.terminate();
      this.writeStatus();
      return;
    }
    if (!this.sandbox) {
      this.startSandbox();
      this.writeStatus();
      return;
    }
    if (this.terminal || this.pastActiveDeadline(stored)) {
      this.writeStatus();
      return;
    }
    this.applyImageChanges();
    this.syncContainers();
    this.writeStatus();
  }

  /**
   * A container whose image was changed in the pod's spec (`kubectl set image`, patch, edit) is
   * killed and started again with the new image, whatever the restart policy, as the kubelet does
   * when a container's definition hash changes. Its crash back-off starts afresh.
   */
  private applyImageChanges(): void {
    // The records take their definitions from the spec, so an unchanged spec has nothing new.
    if (this.pod.spec === this.specSeen) return;
    this.specSeen = this.pod.spec;
    const specs = new Map([...(this.pod.spec.initContainers ?? []), ...this.pod.spec.containers].map((c) => [c.name, c]));
    for (const rec of this.records) {
      const spec = specs.get(rec.spec.name);
      if (!spec || spec.image === rec.spec.image) continue;
      rec.spec = spec;
      this.crashBackoff.reset(spec.name);
      if (rec.instance?.running) {
        this.node.events.record(this.pod, 'Normal', 'Killing', `Container ${spec.name} definition changed, will be restarted`, this.source, rec.fieldPath);
        rec.restartForChange = true;
        this.stopContainer(rec, this.graceMs(), 'stop');
      } else if (rec.retryTimer && !rec.starting) {
        // Waiting on the old image (ImagePullBackOff): the new one is tried now.
        rec.retryTimer.cancel();
        rec.retryTimer = undefined;
      }
    }
  }

  private startSandbox(): void {
    if (this.sandboxStarting) return;
    this.sandboxStarting = true;
    const { volumes, error } = setUpVolumes(this.pod, {
      api: this.node.api,
      now: () => this.now,
      hostPath: (path) => this.node.hostPath(path),
      inodeBase: () => this.node.allocateInode() * 1000,
    });
    if (error) {
      this.node.events.record(this.pod, 'Warning', 'FailedMount', error, this.source);
      this.sandboxStarting = false;
      this.node.clock.after(configRetryMs * 2, () => this.sync(), 'mount-retry');
      return;
    }
    this.volumes = volumes;
    this.node.clock.after(sandboxSetupMs, () => {
      if (this.finalized) return;
      const hostNetwork = this.pod.spec.hostNetwork === true;
      const netns = hostNetwork ? this.node.nodeNetns : this.node.createPodNetns(this.namespace);
      this.sandbox = {
        id: this.node.random.hex(64),
        shimPid: this.node.allocatePid(),
        pid: this.node.allocatePid(),
        netns,
        ipcInode: this.node.allocateInode(),
        utsInode: this.node.allocateInode(),
        createdAt: this.now,
      };
      this.sync();
    }, 'sandbox');
  }

  private syncContainers(): void {
    if (this.startsInProgress > 0) return;
    // Init containers, in order.
    for (const rec of this.initRecords) {
      if (rec.sidecar) {
        if (rec.state.running) {
          if (!rec.started && !this.initialized) return;
          continue;
        }
        if (this.handleStoppedContainer(rec)) return;
        if (!this.initialized) return;
        continue;
      }
      if (this.initialized) continue;
      if (rec.state.terminated?.exitCode === 0 && !rec.starting) continue;
      if (rec.state.running) return;
      if (rec.state.terminated || (rec.state.waiting && rec.lastTerminated)) {
        if (this.pod.spec.restartPolicy === 'Never') {
          this.becomeTerminal('Failed');
          return;
        }
      }
      this.handleStoppedContainer(rec);
      return;
    }
    this.initialized = true;
    // App containers: start the ones not running, one after another (image pulls are serial).
    for (let index = this.appsNotRunning.next(); index !== undefined; index = this.appsNotRunning.next(index)) {
      const rec = this.appRecords[index];
      if (rec.starting) continue;
      if (this.handleStoppedContainer(rec)) return;
    }
    this.checkTerminal();
  }

  /** Starts or restarts a container that is not running. Returns true when a start is under way (stop the walk). */
  private handleStoppedContainer(rec: ContainerRecord): boolean {
    const terminated = rec.state.terminated ?? (rec.state.waiting ? rec.lastTerminated : undefined);
    if (!rec.everCreated && !terminated) {
      this.puller.start(rec);
      return rec.starting;
    }
    if (!terminated) {
      // Waiting on a pull or config error: the retry timer brings us back.
      if (rec.retryTimer) return false;
      this.puller.start(rec);
      return rec.starting;
    }
    const changed = rec.restartForChange === true;
    rec.restartForChange = false;
    if (!changed && !shouldRestart(rec, this.pod.spec.restartPolicy, terminated.exitCode)) return false;
    if (holdInCrashBackOff(rec, terminated, this.crashBackoff, this.backOffHost)) return false;
    this.puller.start(rec);
    return rec.starting;
  }

  private checkTerminal(): void {
    const policy = this.pod.spec.restartPolicy ?? 'Always';
    if (policy === 'Always') return;
    const apps = this.appRecords;
    const finished = apps.every((r) => r.state.terminated && !r.starting && !shouldRestart(r, policy, r.state.terminated.exitCode));
    if (!finished) return;
    const allSucceeded = apps.every((r) => r.state.terminated!.exitCode === 0);
    this.becomeTerminal(allSucceeded ? 'Succeeded' : 'Failed');
  }

  private becomeTerminal(phase: 'Succeeded' | 'Failed', graceMs = this.graceMs()): void {
    this.terminal = phase;
    for (const rec of this.records) {
      if (rec.instance?.running) this.stopContainer(rec, graceMs, 'stop');
      rec.retryTimer?.cancel();
      if (rec.state.waiting && !rec.init) {
        rec.state = rec.lastTerminated ? { terminated: rec.lastTerminated } : rec.state;
      }
    }
    this.stopSandbox();
  }

  // ---- stopping containers ----

  private graceMs(probe?: Probe): number {
    const seconds = probe?.terminationGracePeriodSeconds ?? this.pod.spec.terminationGracePeriodSeconds ?? 30;
    return seconds * 1000;
  }

  /** SIGTERM, the grace period, then SIGKILL — after the preStop hook, if there is one. */
  private stopContainer(rec: ContainerRecord, graceMs: number, reason: ContainerRecord['killReason']): void {
    killContainer(rec, graceMs, reason, {
      clock: this.node.clock,
      sharesPids: this.pod.spec.shareProcessNamespace === true,
      preStopFailed: () => this.node.events.record(this.pod, 'Warning', 'FailedPreStopHook', 'PreStopHook failed', this.source, rec.fieldPath),
    });
  }

  private containerExited(rec: ContainerRecord, instance: ContainerInstance, code: number): void {
    if (rec.instance !== instance) return;
    rec.killTimer?.cancel();
    rec.killTimer = undefined;
    rec.probes?.stop(true);
    rec.state = { terminated: terminatedState(rec, instance, code, this.now) };
    rec.ready = false;
    rec.started = false;
    rec.instance = undefined;
    this.writeStatus();
    if (this.terminating) {
      this.finalizeIfStopped();
      return;
    }
    if (rec.sidecar && this.terminal) return;
    this.requestSync(exitNoticeMs);
  }

  // ---- deletion ----

  private terminate(): void {
    if (this.terminating) return;
    this.terminating = true;
    const deadline = parseRfc3339(this.pod.metadata.deletionTimestamp) ?? this.now;
    const graceMs = Math.max(0, deadline - this.now);
    for (const rec of this.records) {
      rec.retryTimer?.cancel();
      if (rec.instance?.running) {
        this.node.events.record(this.pod, 'Normal', 'Killing', `Stopping container ${rec.spec.name}`, this.source, rec.fieldPath);
        this.stopContainer(rec, graceMs, 'delete');
      }
    }
    this.finalizeIfStopped();
  }

  private finalizeIfStopped(): void {
    if (this.finalized) return;
    // Nothing starts again while the pod terminates, so the scan need not look back.
    while (this.stoppedUpTo < this.records.length && !this.records[this.stoppedUpTo].instance?.running && !this.records[this.stoppedUpTo].starting) this.stoppedUpTo++;
    if (this.stoppedUpTo < this.records.length) return;
    this.finalized = true;
    this.stopSandbox();
    this.syncTimer?.cancel();
    this.activeDeadline.cancel();
    try {
      this.node.api.delete('Pod', this.namespace, this.name, { gracePeriodSeconds: 0 });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
    this.node.forget(this);
  }

  /** The pod object is gone (force delete or node removal): stop everything. */
  teardown(): void {
    if (this.finalized) return;
    this.finalized = true;
    for (const rec of this.records) {
      rec.retryTimer?.cancel();
      rec.killTimer?.cancel();
      rec.probes?.stop(true);
      if (rec.instance?.running) rec.instance.signal('SIGKILL');
    }
    this.stopSandbox();
    this.syncTimer?.cancel();
    this.activeDeadline.cancel();
    this.node.forget(this);
  }

  private stopSandbox(): void {
    if (this.sandbox && this.sandbox.netns !== this.node.nodeNetns) this.node.releasePodNetns(this.sandbox.netns);
  }

  // ---- probe results ----

  /** What the kubelet does when a probe reaches its threshold. */
  private probeResult(rec: ContainerRecord, worker: ProbeWorker, result: 'success' | 'failure'): void {
    switch (worker.kind) {
      case 'readiness': {
        const ready = result === 'success';
        if (rec.ready !== ready) {
          rec.ready = ready;
          this.writeStatus();
        }
        break;
      }
      case 'startup':
        if (result === 'success') {
          rec.started = true;
          if (!rec.spec.readinessProbe) rec.ready = true;
          worker.stopped = true;
          this.writeStatus();
          this.requestSync();
        } else {
          this.killForProbe(rec, worker);
        }
        break;
      case 'liveness':
        if (result === 'failure') this.killForProbe(rec, worker);
        break;
    }
  }

  private killForProbe(rec: ContainerRecord, state: ProbeWorker): void {
    const restarts = this.pod.spec.restartPolicy !== 'Never';
    const what = state.kind === 'liveness' ? 'liveness' : 'startup';
    this.node.events.record(this.pod, 'Normal', 'Killing', `Container ${rec.spec.name} failed ${what} probe${restarts ? ', will be restarted' : ''}`, this.source, rec.fieldPath);
    this.stopContainer(rec, this.graceMs(state.probe), state.kind === 'liveness' ? 'liveness' : 'startup');
  }

  // ---- eviction ----

  /** What the eviction manager measures: each running container's writable layer and log, and each emptyDir on disk. */
  localStorageUse(): { containers: StorageUse[]; emptyDirs: StorageUse[] } {
    return localStorageUse(this.records, this.volumes.values());
  }

  /** Checks the pod's local storage limits, and evicts it when one is exceeded. */
  checkLocalStorage(): void {
    if (!this.measuresLocalStorage || this.terminal || this.terminating || this.finalized) return;
    const use = this.localStorageUse();
    const message = localStorageEviction(this.pod, use.containers, use.emptyDirs);
    if (message) this.evict(message);
  }

  /** As the eviction manager does: the pod fails with reason Evicted, its containers are killed at once. */
  private evict(message: string): void {
    this.node.events.record(this.pod, 'Warning', 'Evicted', message, this.source);
    this.fail('Evicted', message, 0);
  }

  /** Past spec.activeDeadlineSeconds the pod fails with reason DeadlineExceeded; its containers get the pod's grace period. */
  private pastActiveDeadline(stored: Pod): boolean {
    if (!this.activeDeadline.passed(stored)) return false;
    this.node.events.record(this.pod, 'Normal', 'DeadlineExceeded', deadlineExceededMessage, this.source);
    this.fail('DeadlineExceeded', deadlineExceededMessage, this.graceMs());
    return true;
  }

  /** The kubelet fails the pod: its running containers are stopped, and the status says why. */
  private fail(reason: string, message: string, graceMs: number): void {
    for (const rec of this.records) {
      if (rec.instance?.running) this.node.events.record(this.pod, 'Normal', 'Killing', `Stopping container ${rec.spec.name}`, this.source, rec.fieldPath);
    }
    this.failure = { reason, message };
    this.becomeTerminal('Failed', graceMs);
    this.writeStatus();
  }

  // ---- status ----

  writeStatus(): void {
    if (this.finalized || !this.node.kubeletRunning()) return;
    this.status.write(
      {
        pod: this.pod,
        podIP: this.sandbox?.netns.ip,
        sandboxReady: !!this.sandbox && !this.terminal,
        initialized: this.initialized,
        terminal: this.terminal,
        failure: this.failure,
      },
      this.now,
    );
  }

  // ---- what the node shell and the UI see ----

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

  get isTerminating(): boolean {
    return this.terminating;
  }
}
