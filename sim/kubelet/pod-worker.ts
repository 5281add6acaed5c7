// The kubelet's work for one pod: the sandbox (pause container and network namespace), image
// pulls, init containers in order, app containers, restarts with back-off, OOM kills and graceful
// termination. Its probes and their results, status writes, container files, deletion and what
// others read of its containers live beside it.

import type { Pod, Probe } from '../api/types';
import type { EventSource, TimerHandle } from '../engine-context';
import type { ContainerInstance } from '../runtime/container';
import { Backoff } from './backoff';
import type { ContainerRecord } from './container-record';
import { gracePeriodMs, killContainer } from './kill-container';
import { ImagePuller } from './image-puller';
import { OrderedIndexes } from './ordered-indexes';
import { hasLocalStorageLimits, localStorageEviction } from './local-storage';
import { refreshVolumes, setUpVolumes, type VolumeDeps } from './volumes';
import { applyImageChanges } from './image-change';
import { PodStatusManager } from './status-manager';
import { createContainer, type StartHost } from './container-start';
import { ActiveDeadline, deadlineExceededMessage } from './active-deadline';
import { holdInCrashBackOff, recordExit, shouldRestart, type CrashBackOffHost } from './container-exit';
import type { ProbeHost } from './prober/worker';
import { handleProbeResult, type ProbeResultHost } from './prober/probe-results';
import { PodContainersView } from './pod-containers-view';
import { PodTermination } from './pod-termination';
import type { PodHost } from './pod-host';
import { createSandbox, releaseSandbox, type Sandbox } from './sandbox';
import { EphemeralContainers } from './ephemeral-containers';

/** How long the kubelet takes to notice a container exit (PLEG relist period). */
const exitNoticeMs = 1000;
/** Time to create the sandbox and set up its network. */
const sandboxSetupMs = 1000;

/** exponentialbackoff's bounds for a failed volume operation: 500 ms, doubling up to 2m2s. */
const firstMountRetryMs = 500;
const maxMountRetryMs = 122_000;
/**
 * The kubelet syncs each pod again about once a minute (syncFrequency); that is when its
 * configMap, secret, projected and downwardAPI volumes take up what changed in their sources.
 */
const periodicSyncMs = 60_000;

export class PodWorker extends PodContainersView {
  /** Positions in `appRecords` of the app containers not running, for a sync to visit only them. */
  private readonly appsNotRunning = new OrderedIndexes();
  /** Containers whose start (an image pull) is under way: the sync waits for them. */
  private startsInProgress = 0;
  sandbox?: Sandbox;
  private sandboxStarting = false;
  /** The volume manager's back-off after a failed mount: the current delay, and when the next try may run. */
  private mountRetry = { delayMs: 0, at: 0 };
  private initialized = false;
  private terminal?: 'Succeeded' | 'Failed';
  /** Why the kubelet failed the pod (evicted, past its active deadline), for the status. */
  private failure?: { reason: string; message: string };
  private readonly activeDeadline: ActiveDeadline;
  /** Whether the pod sets a local storage limit (its volumes and limits do not change). */
  private readonly measuresLocalStorage: boolean;
  private readonly termination: PodTermination;
  private readonly crashBackoff = new Backoff();
  private readonly puller: ImagePuller;
  private syncTimer?: TimerHandle;
  /** When the volumes were set up, from which the pod's periodic syncs count. */
  private volumesSetUpAt = 0;
  private volumeRefresh?: TimerHandle;
  /** The pod spec whose container images the records were last brought up to date with. */
  private specSeen?: Pod['spec'];
  private readonly status: PodStatusManager;
  private readonly probeHost: ProbeHost;
  private readonly startHost: StartHost;
  private readonly backOffHost: CrashBackOffHost;
  /** Who reports this pod's events: the kubelet of its node. */
  private readonly source: EventSource;
  private readonly ephemeral = new EphemeralContainers({
    add: (record) => this.addRecord(record),
    start: (record) => this.puller.start(record),
    changed: () => this.requestSync(),
  });

  constructor(
    pod: Pod,
    private readonly node: PodHost,
  ) {
    super(pod);
    this.source = { component: 'kubelet', host: node.nodeName };
    this.appRecords.forEach((_, index) => this.appsNotRunning.add(index));
    this.measuresLocalStorage = hasLocalStorageLimits(pod);
    this.activeDeadline = new ActiveDeadline(node.clock, () => this.sync());
    this.status = new PodStatusManager(this.records, node.api, node.nodeIP);
    this.puller = new ImagePuller({
      node,
      podUid: pod.metadata.uid!,
      event: (rec, type, reason, message) => node.events.record(this.pod, type, reason, message, this.source, rec.fieldPath),
      sync: () => this.sync(),
      stopped: () => this.termination.finalized || this.termination.terminating,
      pullStarted: () => this.startsInProgress++,
      pullEnded: () => this.startsInProgress--,
      create: (rec) => createContainer(rec, this.startHost),
      writeStatus: () => this.writeStatus(),
      requestSync: () => this.requestSync(),
    });
    // Made once: a probe reports a result every few seconds.
    const probeResultHost: ProbeResultHost = {
      restartPolicy: () => this.pod.spec.restartPolicy,
      writeStatus: () => this.writeStatus(),
      requestSync: () => this.requestSync(),
      killing: (rec, message) => this.killingEvent(rec, message),
      kill: (rec, probe, reason) => this.stopContainer(rec, this.graceMs(probe), reason),
    };
    this.probeHost = {
      now: () => this.now,
      kubeletRunning: () => node.kubeletRunning(),
      terminating: () => this.termination.terminating,
      network: node.network,
      nodeNetns: node.nodeNetns,
      podNetns: () => this.sandbox!.netns,
      unhealthy: (rec, message) => node.events.record(this.pod, 'Warning', 'Unhealthy', message, this.source, rec.fieldPath),
      result: (rec, worker, result) => handleProbeResult(rec, worker, result, probeResultHost),
    };
    this.backOffHost = {
      clock: node.clock,
      podRef: `${this.name}_${this.namespace}(${this.uid})`,
      event: (rec, type, reason, message) => node.events.record(this.pod, type, reason, message, this.source, rec.fieldPath),
      sync: () => this.sync(),
    };
    this.termination = new PodTermination({
      node,
      records: this.records,
      pod: () => this.pod,
      killing: (rec, message) => this.killingEvent(rec, message),
      stop: (rec, graceMs) => this.stopContainer(rec, graceMs, 'delete'),
      release: () => {
        releaseSandbox(this.node, this.sandbox);
        this.syncTimer?.cancel();
        this.activeDeadline.cancel();
      },
      forget: () => node.forget(this),
    });
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
      started: (rec, instance) => this.logStarted(rec, instance),
    };
  }

  protected containerChanged(record: ContainerRecord): void {
    this.status.containerChanged(record);
    if (!record.init) {
      if (record.state.running) this.appsNotRunning.delete(record.index);
      else this.appsNotRunning.add(record.index);
    }
  }

  private killingEvent(rec: ContainerRecord, message: string): void {
    this.node.events.record(this.pod, 'Normal', 'Killing', message, this.source, rec.fieldPath);
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
    if (this.termination.finalized || !this.node.kubeletRunning()) return;
    const stored = this.node.api.peek('Pod', this.namespace, this.name) as Pod | undefined;
    if (!stored || stored.metadata.uid !== this.uid) {
      this.teardown();
      return;
    }
    this.pod = stored;
    if (stored.metadata.deletionTimestamp) {
      this.termination.begin();
      this.puller.cancelPulls();
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
    if (this.initialized) this.ephemeral.sync(this.pod);
    this.writeStatus();
  }

  /** Restarts the containers whose image the spec changed; the records take their definitions from the spec, so an unchanged spec has nothing new. */
  private applyImageChanges(): void {
    if (this.pod.spec === this.specSeen) return;
    this.specSeen = this.pod.spec;
    applyImageChanges(this.pod.spec, this.records, {
      resetBackoff: (name) => this.crashBackoff.reset(name),
      killing: (rec, message) => this.killingEvent(rec, message),
      stop: (rec) => this.stopContainer(rec, this.graceMs(), 'stop'),
    });
  }

  private startSandbox(): void {
    if (this.sandboxStarting || this.now < this.mountRetry.at) return;
    this.sandboxStarting = true;
    const { volumes, error } = setUpVolumes(this.pod, this.volumeDeps());
    if (error) {
      this.node.events.record(this.pod, 'Warning', 'FailedMount', error, this.source);
      this.sandboxStarting = false;
      this.mountRetry.delayMs = Math.min(this.mountRetry.delayMs ? this.mountRetry.delayMs * 2 : firstMountRetryMs, maxMountRetryMs);
      this.mountRetry.at = this.now + this.mountRetry.delayMs;
      this.node.clock.after(this.mountRetry.delayMs, () => this.sync(), 'mount-retry');
      return;
    }
    this.volumes = volumes;
    this.volumesSetUpAt = this.now;
    this.node.clock.after(sandboxSetupMs, () => {
      if (this.termination.finalized) return;
      this.sandbox = createSandbox(this.node, this.pod);
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
    releaseSandbox(this.node, this.sandbox);
  }

  // ---- stopping containers ----

  private graceMs(probe?: Probe): number {
    return gracePeriodMs(this.pod, probe);
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
    if (!recordExit(rec, instance, code, this.now)) return;
    this.writeStatus();
    if (this.termination.terminating) {
      this.termination.finishIfStopped();
      return;
    }
    if (rec.sidecar && this.terminal) return;
    this.requestSync(exitNoticeMs);
  }

  /** The pod object is gone (force delete or node removal): stop everything. */
  teardown(): void {
    this.termination.teardown();
    this.puller.cancelPulls();
    this.volumeRefresh?.cancel();
  }

  private volumeDeps(): VolumeDeps {
    return {
      api: this.node.api,
      now: () => this.now,
      hostDisk: () => this.node.hostDisk(),
      inodeBase: () => this.node.allocateInode() * 1000,
      nodeAllocatable: () => this.node.allocatable(),
    };
  }

  /**
   * Something a volume of the pod is written from changed (a ConfigMap, a Secret, the pod's
   * labels): its files follow at the pod's next periodic sync, within a minute.
   */
  volumeSourcesChanged(): void {
    if (!this.volumes || this.volumeRefresh || this.termination.finalized) return;
    const untilSync = periodicSyncMs - ((this.now - this.volumesSetUpAt) % periodicSyncMs);
    this.volumeRefresh = this.node.clock.after(untilSync, () => {
      this.volumeRefresh = undefined;
      if (this.volumes && !this.termination.finalized) refreshVolumes(this.pod, this.volumes, this.volumeDeps());
    }, 'volume-refresh');
  }

  // ---- eviction ----

  /** Checks the pod's local storage limits, and evicts it when one is exceeded. */
  checkLocalStorage(): void {
    if (!this.measuresLocalStorage || this.terminal || this.termination.terminating || this.termination.finalized) return;
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
      if (rec.instance?.running) this.killingEvent(rec, `Stopping container ${rec.spec.name}`);
    }
    this.failure = { reason, message };
    this.becomeTerminal('Failed', graceMs);
    this.writeStatus();
  }

  // ---- status ----

  writeStatus(): void {
    if (this.termination.finalized || !this.node.kubeletRunning()) return;
    this.status.write(
      {
        pod: this.pod,
        podIP: this.sandbox?.netns.ip,
        sandboxReady: !!this.sandbox && !this.terminal,
        initialized: this.initialized,
        terminal: this.terminal,
        failure: this.failure,
        ephemeralStatuses: this.ephemeral.statusList(),
      },
      this.now,
    );
  }

  get isTerminating(): boolean {
    return this.termination.terminating;
  }
}
