// The kubelet's work for one pod: the sandbox (pause container and network namespace), image
// pulls, init containers in order, app containers, restarts with back-off, probes, OOM kills,
// graceful termination, and the PodStatus that results.

import type { Container, ContainerState, ContainerStateTerminated, Pod, Probe } from '../api/types';
import type { TimerHandle } from '../engine-context';
import type { ProbeRecord } from '../session-types';
import type { LogLine } from '../api/server';
import { ApiError } from '../api/errors';
import { parseQuantity } from '../api/quantity';
import { qosClass } from '../api/qos';
import { rfc3339, goDuration, parseRfc3339 } from '../time';
import { MemFs } from '../fs/memfs';
import { MountFs } from '../fs/mountfs';
import { ContainerInstance, type ContainerDeps } from '../runtime/container';
import type { LogBuffer } from '../runtime/log-buffer';
import type { ProcessInfo } from '../process';
import { ProcFs, capabilityBitmap } from '../runtime/proc-fs';
import { findImage, imageDigest, parseImageReference, type ImageReference, type ImageSpec } from '../runtime/images/catalog';
import { shellNames as imageShells, shellToolNames } from '../runtime/image-commands';
import type { NetworkNamespace } from '../runtime/network';
import { Backoff } from './backoff';
import { containerArgv, containerEnvironment, ContainerConfigError } from './container-config';
import { containerStatus, podConditions, podPhase, type ContainerView, type PodView } from './pod-status';
import { runProbe, probeKindLabel, probeReadsOnlyFiles, type ProbeEnvironment, type ProbeOutcome } from './probe-exec';
import { ProbeHistory } from './probe-history';
import { hasLocalStorageLimits, localStorageEviction, type StorageUse } from './local-storage';
import { setUpVolumes, type PodVolume } from './volumes';
import type { NodeRuntime } from './node-runtime';

type ProbeKind = 'liveness' | 'readiness' | 'startup';

/** How long the kubelet takes to notice a container exit (PLEG relist period). */
const exitNoticeMs = 1000;
/** Time to create the sandbox and set up its network. */
const sandboxSetupMs = 1000;
/** The pod worker's back-off period after a sync failed (an image pull); the retry comes within it. */
const syncErrorRetryMs = 10_000;
/** Retry interval for CreateContainerConfigError and failed mounts. */
const configRetryMs = 10_000;
/** Probe results kept per container for the timeline. */
const maxProbeRecords = 200;
/** The kubelet never gives a container less than this between SIGTERM and SIGKILL, whatever the grace period or the preStop hook left. */
const minimumGraceMs = 2000;

interface ProbeState {
  kind: ProbeKind;
  probe: Probe;
  /** The probe's settings with their defaults, read once: a probe runs every few seconds for hours. */
  periodMs: number;
  initialDelaySeconds: number;
  successThreshold: number;
  failureThreshold: number;
  /** Set when the kubelet stops this probe (a startup probe that passed, a container stopping). */
  stopped: boolean;
  /** An exec probe whose command only reads files: its outcome holds while the files do. */
  readsOnlyFiles: boolean;
  lastOutcome?: { filesStamp: number; outcome: ProbeOutcome };
  env?: ProbeEnvironment;
  consecutive: number;
  lastResult?: 'success' | 'failure';
}

interface ContainerRecord {
  spec: Container;
  init: boolean;
  sidecar: boolean;
  restartCount: number;
  state: ContainerState;
  lastTerminated?: ContainerStateTerminated;
  ready: boolean;
  started: boolean;
  everCreated: boolean;
  imageRef?: ImageReference;
  image?: ImageSpec;
  imageID: string;
  containerID?: string;
  instance?: ContainerInstance;
  /** A start (pull, create) is in progress. */
  starting: boolean;
  killReason?: 'liveness' | 'startup' | 'oom' | 'delete' | 'stop';
  killTimer?: TimerHandle;
  probes: ProbeState[];
  /** One ticker per probe period of the running container. */
  probeTickers: TimerHandle[];
  /** Killed because its definition changed: started again whatever the restart policy. */
  restartForChange?: boolean;
  /** The current instance's root filesystem and how much of it the image brought. */
  writableLayer?: { fs: MemFs; imageBytes: number };
  probeHistory: ProbeHistory;
  retryTimer?: TimerHandle;
}

export interface Sandbox {
  id: string;
  /** containerd-shim-runc-v2, the parent of the pod's processes on the node. */
  shimPid: number;
  /** The pause container's process. */
  pid: number;
  netns: NetworkNamespace;
  ipcInode: number;
  utsInode: number;
  createdAt: number;
}

export class PodWorker {
  readonly records: ContainerRecord[];
  sandbox?: Sandbox;
  volumes = new Map<string, PodVolume>();
  private sandboxStarting = false;
  private initialized = false;
  private terminal?: 'Succeeded' | 'Failed';
  /** Set when the eviction manager evicted the pod: its message. */
  private eviction?: string;
  /** Whether the pod sets a local storage limit (its volumes and limits do not change). */
  private readonly measuresLocalStorage: boolean;
  private terminating = false;
  private finalized = false;
  private readonly crashBackoff = new Backoff();
  private readonly pullBackoff = new Backoff();
  private readonly pullFailures = new Map<string, number>();
  private syncTimer?: TimerHandle;
  /** The pod spec whose container images the records were last brought up to date with. */
  private specSeen?: Pod['spec'];
  /** What the last status was made from (see statusInputs) and the status stored after it. */
  private lastStatusInputs: unknown[] = [];
  private lastStoredStatus: unknown;
  /** Log of each container's current (or last) instance and of the one before. */
  private readonly logHistory = new Map<string, { current: LogBuffer; previous?: LogBuffer }>();

  constructor(
    private pod: Pod,
    private readonly node: NodeRuntime,
  ) {
    const record = (spec: Container, init: boolean): ContainerRecord => ({
      spec,
      init,
      sidecar: init && spec.restartPolicy === 'Always',
      restartCount: 0,
      // The kubelet's default for a container not yet created, init containers and sidecars included.
      state: { waiting: { reason: pod.spec.initContainers?.length ? 'PodInitializing' : 'ContainerCreating' } },
      ready: false,
      started: false,
      everCreated: false,
      imageID: '',
      starting: false,
      probes: [],
      probeTickers: [],
      probeHistory: new ProbeHistory(maxProbeRecords),
    });
    this.records = [...(pod.spec.initContainers ?? []).map((c) => record(c, true)), ...pod.spec.containers.map((c) => record(c, false))];
    this.measuresLocalStorage = hasLocalStorageLimits(pod);
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
    if (this.terminal) {
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
    const specs = [...(this.pod.spec.initContainers ?? []), ...this.pod.spec.containers];
    for (const rec of this.records) {
      const spec = specs.find((c) => c.name === rec.spec.name);
      if (!spec || spec.image === rec.spec.image) continue;
      rec.spec = spec;
      this.crashBackoff.reset(spec.name);
      if (rec.instance?.running) {
        this.node.events.record(this.pod, 'Normal', 'Killing', `Container ${spec.name} definition changed, will be restarted`, this.source, this.fieldPath(rec));
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
    if (this.records.some((r) => r.starting)) return;
    // Init containers, in order.
    for (const rec of this.records.filter((r) => r.init)) {
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
    for (const rec of this.records.filter((r) => !r.init)) {
      if (rec.state.running || rec.starting) continue;
      if (this.handleStoppedContainer(rec)) return;
    }
    this.checkTerminal();
  }

  /** Starts or restarts a container that is not running. Returns true when a start is under way (stop the walk). */
  private handleStoppedContainer(rec: ContainerRecord): boolean {
    const terminated = rec.state.terminated ?? (rec.state.waiting ? rec.lastTerminated : undefined);
    if (!rec.everCreated && !terminated) {
      this.startContainer(rec);
      return rec.starting;
    }
    if (!terminated) {
      // Waiting on a pull or config error: the retry timer brings us back.
      if (rec.retryTimer) return false;
      this.startContainer(rec);
      return rec.starting;
    }
    const changed = rec.restartForChange === true;
    rec.restartForChange = false;
    if (!changed && !this.shouldRestart(rec, terminated.exitCode)) return false;
    const finishedAt = parseRfc3339(terminated.finishedAt) ?? this.now;
    const key = rec.spec.name;
    if (this.crashBackoff.isInBackOffSince(key, finishedAt, this.now)) {
      const backoffMs = this.crashBackoff.current(key);
      if (rec.state.terminated) rec.lastTerminated = rec.state.terminated;
      const podRef = `${this.name}_${this.namespace}(${this.uid})`;
      const message = `back-off ${goDuration(backoffMs)} restarting failed container=${rec.spec.name} pod=${podRef}`;
      // Unchanged while it waits, so the status need not be made again.
      if (rec.state.waiting?.reason !== 'CrashLoopBackOff' || rec.state.waiting.message !== message) rec.state = { waiting: { reason: 'CrashLoopBackOff', message } };
      this.node.events.record(this.pod, 'Warning', 'BackOff', `Back-off restarting failed container ${rec.spec.name} in pod ${podRef}`, this.source, this.fieldPath(rec));
      const restartAt = finishedAt + backoffMs;
      rec.retryTimer?.cancel();
      rec.retryTimer = this.node.clock.schedule(Math.min(restartAt, this.now + 10_000), () => {
        rec.retryTimer = undefined;
        this.sync();
      }, 'crash-backoff');
      return false;
    }
    this.crashBackoff.next(key, finishedAt, this.now);
    if (rec.state.terminated) rec.lastTerminated = rec.state.terminated;
    this.startContainer(rec);
    return rec.starting;
  }

  private shouldRestart(rec: ContainerRecord, exitCode: number): boolean {
    if (rec.sidecar) return true;
    const policy = this.pod.spec.restartPolicy ?? 'Always';
    if (rec.init) return exitCode !== 0 && policy !== 'Never';
    if (policy === 'Always') return true;
    if (policy === 'OnFailure') return exitCode !== 0;
    return false;
  }

  private checkTerminal(): void {
    const policy = this.pod.spec.restartPolicy ?? 'Always';
    if (policy === 'Always') return;
    const apps = this.records.filter((r) => !r.init);
    const finished = apps.every((r) => r.state.terminated && !r.starting && !this.shouldRestart(r, r.state.terminated.exitCode));
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

  // ---- starting a container ----

  private fieldPath(rec: ContainerRecord): string {
    return rec.init ? `spec.initContainers{${rec.spec.name}}` : `spec.containers{${rec.spec.name}}`;
  }

  private startContainer(rec: ContainerRecord): void {
    rec.retryTimer?.cancel();
    rec.retryTimer = undefined;
    const imageText = rec.spec.image ?? '';
    const parsed = parseImageReference(imageText);
    if ('error' in parsed) {
      const message = `Failed to apply default image tag "${imageText}": ${parsed.error}`;
      rec.state = { waiting: { reason: 'InvalidImageName', message } };
      this.node.events.record(this.pod, 'Warning', 'InspectFailed', message, this.source, this.fieldPath(rec));
      this.node.events.record(this.pod, 'Warning', 'Failed', 'Error: InvalidImageName', this.source, this.fieldPath(rec));
      return;
    }
    rec.imageRef = parsed;
    const policy = rec.spec.imagePullPolicy ?? (parsed.tag === 'latest' ? 'Always' : 'IfNotPresent');
    const present = this.node.images.has(parsed.fullName);
    const fieldPath = this.fieldPath(rec);
    if (policy === 'Never' && !present) {
      const message = `Container image "${imageText}" is not present with pull policy of Never`;
      rec.state = { waiting: { reason: 'ErrImageNeverPull', message } };
      this.node.events.record(this.pod, 'Warning', 'ErrImageNeverPull', message, this.source, fieldPath);
      this.node.events.record(this.pod, 'Warning', 'Failed', 'Error: ErrImageNeverPull', this.source, fieldPath);
      rec.retryTimer = this.node.clock.after(configRetryMs, () => ((rec.retryTimer = undefined), this.sync()), 'never-pull-retry');
      return;
    }
    if (present && policy !== 'Always') {
      this.node.events.record(this.pod, 'Normal', 'Pulled', `Container image "${imageText}" already present on machine`, this.source, fieldPath);
      this.createContainer(rec);
      return;
    }
    const pullKey = `${this.uid}/${parsed.fullName}`;
    const lastFailure = this.pullFailures.get(pullKey);
    if (lastFailure !== undefined && this.pullBackoff.isInBackOffSince(pullKey, lastFailure, this.now)) {
      const lastError = rec.state.waiting?.message?.replace(/^Back-off pulling image "[^"]*": ErrImagePull: /, '') ?? '';
      rec.state = { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${imageText}": ErrImagePull: ${lastError}` } };
      this.node.events.record(this.pod, 'Normal', 'BackOff', `Back-off pulling image "${imageText}"`, this.source, fieldPath);
      this.node.events.record(this.pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', this.source, fieldPath);
      const retryAt = lastFailure + this.pullBackoff.current(pullKey);
      rec.retryTimer = this.node.clock.schedule(Math.min(retryAt, this.now + 10_000), () => ((rec.retryTimer = undefined), this.sync()), 'pull-backoff');
      return;
    }
    rec.starting = true;
    this.node.events.record(this.pod, 'Normal', 'Pulling', `Pulling image "${imageText}"`, this.source, fieldPath);
    const found = findImage(parsed);
    const durationMs = 'error' in found ? 600 + this.node.random.int(900) : this.node.images.pullDuration(parsed.fullName, found.sizeBytes);
    this.node.clock.after(durationMs, () => {
      rec.starting = false;
      if (this.finalized || this.terminating) return;
      if ('error' in found) {
        const code = found.error.includes(': not found') ? 'NotFound' : 'Unknown';
        const rpc = `rpc error: code = ${code} desc = ${found.error}`;
        rec.state = { waiting: { reason: 'ErrImagePull', message: rpc } };
        this.node.events.record(this.pod, 'Warning', 'Failed', `Failed to pull image "${imageText}": ${rpc}`, this.source, fieldPath);
        this.node.events.record(this.pod, 'Warning', 'Failed', 'Error: ErrImagePull', this.source, fieldPath);
        this.pullBackoff.next(pullKey, this.now, this.now);
        this.pullFailures.set(pullKey, this.now);
        const retryMs = syncErrorRetryMs / 2 + this.node.random.int(syncErrorRetryMs / 4);
        rec.retryTimer = this.node.clock.after(retryMs, () => ((rec.retryTimer = undefined), this.sync()), 'pull-failed');
        this.writeStatus();
        return;
      }
      this.pullFailures.delete(pullKey);
      this.pullBackoff.reset(pullKey);
      this.node.images.add(parsed.fullName);
      const seconds = formatPullSeconds(durationMs);
      this.node.events.record(
        this.pod,
        'Normal',
        'Pulled',
        `Successfully pulled image "${imageText}" in ${seconds} (${seconds} including waiting). Image size: ${found.sizeBytes} bytes.`,
        this.source,
        fieldPath,
      );
      this.createContainer(rec);
      this.writeStatus();
      this.requestSync();
    }, 'image-pull');
  }

  private createContainer(rec: ContainerRecord): void {
    const parsed = rec.imageRef!;
    const image = findImage(parsed) as ImageSpec;
    rec.image = image;
    rec.imageID = `${parsed.repository}@${imageDigest(parsed.fullName)}`;
    const fieldPath = this.fieldPath(rec);
    let env: Map<string, string>;
    try {
      this.verifyRunAsNonRoot(rec.spec, image);
      env = containerEnvironment(this.node.api, this.pod, rec.spec, image, this.node.allocatable());
    } catch (error) {
      if (!(error instanceof ContainerConfigError)) throw error;
      rec.state = { waiting: { reason: 'CreateContainerConfigError', message: error.message } };
      this.node.events.record(this.pod, 'Warning', 'Failed', `Error: ${error.message}`, this.source, fieldPath);
      rec.retryTimer = this.node.clock.after(configRetryMs, () => ((rec.retryTimer = undefined), this.sync()), 'config-retry');
      return;
    }
    const argv = containerArgv(rec.spec, image, env);
    if (rec.everCreated) rec.restartCount++;
    rec.everCreated = true;
    const id = this.node.random.hex(64);
    rec.containerID = `containerd://${id}`;
    const proc = new ProcFs();
    const fs = this.containerFs(rec, image, proc);
    const resolve = this.node.commandResolver(image, env, fs);
    const startedAt = this.now;
    if (argv.length === 0 || !resolve(argv[0])) {
      const what = argv[0] ?? '';
      const message = argv.length === 0
        ? 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: no command specified: unknown'
        : `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${what}": ${what.includes('/') ? 'stat ' + what + ': no such file or directory' : 'executable file not found in $PATH'}: unknown`;
      this.node.events.record(this.pod, 'Normal', 'Created', `Created container: ${rec.spec.name}`, this.source, fieldPath);
      this.node.events.record(this.pod, 'Warning', 'Failed', `Error: ${message}`, this.source, fieldPath);
      rec.state = { terminated: { exitCode: 128, reason: 'StartError', message, startedAt: rfc3339(0), finishedAt: rfc3339(startedAt), containerID: rec.containerID } };
      this.requestSync();
      return;
    }
    this.node.events.record(this.pod, 'Normal', 'Created', `Created container: ${rec.spec.name}`, this.source, fieldPath);
    const identity = this.identityOf(rec.spec);
    const instance = new ContainerInstance(id, rec.spec.name, fs, env, rec.spec.workingDir ?? image.workingDir ?? '/', this.limitsOf(rec.spec), {
      clock: this.node.clock,
      network: this.node.network,
      netns: this.sandbox!.netns,
      hostname: this.pod.spec.hostname ?? this.name,
      allocatePid: () => this.node.allocatePid(),
      resolveCommand: resolve,
      onOutOfMemory: () => this.outOfMemory(rec, instance),
      onMainExit: (code) => this.node.enqueue(`exit/${id}`, () => this.containerExited(rec, instance, code)),
      sharedPids: this.pod.spec.shareProcessNamespace ? this.sharedPidNamespace() : undefined,
      identity,
    });
    const security = (rec.spec.securityContext ?? {}) as { capabilities?: { add?: string[]; drop?: string[] }; privileged?: boolean };
    const capabilities = security.capabilities;
    proc.source = {
      processes: () => instance.visibleProcesses(),
      capabilities: capabilityBitmap(capabilities?.add, capabilities?.drop, security.privileged === true),
      uid: identity?.uid ?? 0,
      gid: identity?.gid ?? 0,
      groups: identity?.groups ?? [0, 10],
      memoryBytes: this.nodeMemoryBytes(),
      cpus: Math.max(1, Math.round(Number(this.node.allocatable().cpu ?? '2') || 2)),
      now: () => this.now,
      bootedAt: 0,
    };
    const history = this.logHistory.get(rec.spec.name);
    this.logHistory.set(rec.spec.name, { current: instance.logs, previous: history?.current });
    rec.instance = instance;
    rec.state = { running: { startedAt: rfc3339(startedAt) } };
    rec.ready = false;
    rec.started = false;
    rec.killReason = undefined;
    this.node.events.record(this.pod, 'Normal', 'Started', `Started container ${rec.spec.name}`, this.source, fieldPath);
    instance.start(argv);
    if (!instance.running) return;
    this.runPostStart(rec, instance);
    this.startProbes(rec, instance);
  }

  private runPostStart(rec: ContainerRecord, instance: ContainerInstance): void {
    const hook = rec.spec.lifecycle?.postStart;
    if (!hook?.exec?.command) return;
    const result = instance.probeExec(hook.exec.command, 30_000);
    if (result.exitCode !== 0) {
      this.node.events.record(this.pod, 'Warning', 'FailedPostStartHook', `Exec lifecycle hook ([${hook.exec.command.join(' ')}]) for Container "${rec.spec.name}" in Pod "${this.name}_${this.namespace}(${this.uid})" failed - error: command '${hook.exec.command.join(' ')}' exited with ${result.exitCode}: ${result.output}, message: "${result.output}"`, this.source, this.fieldPath(rec));
      this.stopContainer(rec, this.graceMs(), 'stop');
    }
  }

  /** runAsNonRoot, checked as the kubelet does before it creates the container. */
  private verifyRunAsNonRoot(spec: Container, image: ImageSpec): void {
    const pod = (this.pod.spec.securityContext ?? {}) as { runAsNonRoot?: boolean; runAsUser?: number };
    const own = (spec.securityContext ?? {}) as { runAsNonRoot?: boolean; runAsUser?: number };
    if (!(own.runAsNonRoot ?? pod.runAsNonRoot)) return;
    const podRef = JSON.stringify(`${this.name}_${this.namespace}(${this.uid})`);
    const runAsUser = own.runAsUser ?? pod.runAsUser;
    if (runAsUser !== undefined) {
      if (runAsUser === 0) throw new ContainerConfigError(`container's runAsUser breaks non-root policy (pod: ${podRef}, container: ${spec.name})`);
      return;
    }
    const user = image.user ?? '0';
    if (user === '0' || user === 'root') throw new ContainerConfigError(`container has runAsNonRoot and image will run as root (pod: ${podRef}, container: ${spec.name})`);
    if (!/^\d+$/.test(user)) {
      throw new ContainerConfigError(`container has runAsNonRoot and image has non-numeric user (${user}), cannot verify user is non-root (pod: ${podRef}, container: ${spec.name})`);
    }
  }

  /**
   * The user and groups from the pod's and the container's securityContext (the container's wins);
   * undefined when neither sets any, so processes run as the image's root. Groups are the primary
   * group, fsGroup and supplementalGroups.
   */
  private identityOf(spec: Container): { uid: number; gid: number; groups: number[] } | undefined {
    const pod = (this.pod.spec.securityContext ?? {}) as { runAsUser?: number; runAsGroup?: number; fsGroup?: number; supplementalGroups?: number[] };
    const own = (spec.securityContext ?? {}) as { runAsUser?: number; runAsGroup?: number };
    const uid = own.runAsUser ?? pod.runAsUser;
    const gid = own.runAsGroup ?? pod.runAsGroup;
    const extra = [...(pod.fsGroup !== undefined ? [pod.fsGroup] : []), ...(pod.supplementalGroups ?? [])];
    if (uid === undefined && gid === undefined && extra.length === 0) return undefined;
    const primary = gid ?? 0;
    return { uid: uid ?? 0, gid: primary, groups: [...new Set([primary, ...extra])].sort((a, b) => a - b) };
  }

  private nodeMemoryBytes(): number {
    try {
      return parseQuantity(this.node.allocatable().memory ?? '8Gi').value();
    } catch {
      return 8 * 1024 ** 3;
    }
  }

  private containerFs(rec: ContainerRecord, image: ImageSpec, proc: ProcFs): MountFs {
    const root = imageRoot(image).copyWith({ now: () => this.now, firstInode: this.node.allocateInode() * 1000 });
    const write = (path: string, content: string) => writeWithParents(root, path, content);
    // A program the pod's command names by an absolute path of its own.
    for (const path of commandPaths(image, [rec.spec.command?.[0] ?? '', rec.spec.args?.[0] ?? ''])) {
      if (root.stat(path)) continue;
      write(path, '');
      root.chmod(path, 0o755);
    }
    const hostname = this.pod.spec.hostname ?? this.name;
    const ip = this.sandbox?.netns.ip ?? '';
    write('/etc/hostname', `${hostname}\n`);
    const aliases = (this.pod.spec.hostAliases ?? []).map((alias) => `${alias.ip}\t${(alias.hostnames ?? []).join('\t')}\n`).join('');
    write(
      '/etc/hosts',
      `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}\t${hostname}\n` +
        (aliases ? `\n# Entries added by HostAliases.\n${aliases}` : ''),
    );
    write('/etc/resolv.conf', `search ${this.namespace}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`);
    write(rec.spec.terminationMessagePath ?? '/dev/termination-log', '');
    if (rec.spec.workingDir && !root.stat(rec.spec.workingDir)) root.mkdir(rec.spec.workingDir, { recursive: true });
    if (image.workingDir && !root.stat(image.workingDir)) root.mkdir(image.workingDir, { recursive: true });
    rec.writableLayer = { fs: root, imageBytes: root.usedBytes() };
    const fs = new MountFs(root);
    for (const mount of rec.spec.volumeMounts ?? []) {
      const volume = this.volumes.get(mount.name);
      if (!volume) continue;
      if (!root.stat(mount.mountPath)) {
        try {
          root.mkdir(mount.mountPath, { recursive: true });
        } catch {
          // a mount point over a file: the mount still hides it
        }
      }
      fs.mount(mount.mountPath, volume.fs, { readOnly: mount.readOnly });
    }
    fs.mount('/proc', proc, { readOnly: true });
    return fs;
  }

  private limitsOf(spec: Container): { memoryBytes?: number; cpuMillicores?: number } {
    const limits = spec.resources?.limits ?? {};
    const result: { memoryBytes?: number; cpuMillicores?: number } = {};
    try {
      if (limits.memory) result.memoryBytes = parseQuantity(limits.memory).value();
      if (limits.cpu) result.cpuMillicores = parseQuantity(limits.cpu).milliValue();
    } catch {
      // validation rejects bad quantities before a pod gets here
    }
    return result;
  }

  // ---- stopping containers ----

  private graceMs(probe?: Probe): number {
    const seconds = probe?.terminationGracePeriodSeconds ?? this.pod.spec.terminationGracePeriodSeconds ?? 30;
    return seconds * 1000;
  }

  /** SIGTERM, the grace period, then SIGKILL — unless the main program stops cleanly on SIGTERM. */
  private stopContainer(rec: ContainerRecord, graceMs: number, reason: ContainerRecord['killReason']): void {
    const instance = rec.instance;
    if (!instance?.running || rec.killTimer) return;
    rec.killReason = reason;
    this.stopProbes(rec, reason === 'delete');
    const preStop = rec.spec.lifecycle?.preStop;
    const hookStarted = this.now;
    // As the kubelet does: run the preStop hook and wait for it, at most the grace period; then
    // SIGTERM with what is left of the grace period, never less than 2 s.
    const afterHook = () => {
      if (rec.instance !== instance || !instance.running) return;
      rec.killTimer?.cancel();
      const hookSeconds = Math.floor((this.now - hookStarted) / 1000);
      this.signalContainer(rec, instance, Math.max(graceMs - hookSeconds * 1000, minimumGraceMs));
    };
    if (preStop?.exec?.command && graceMs > 0) {
      rec.killTimer = this.node.clock.after(graceMs, afterHook, 'prestop-deadline');
      instance.runHook(preStop.exec.command, (code) => {
        if (rec.instance !== instance || !instance.running) return;
        // The hook's output is left out of the event, as the kubelet does, so that secrets do not leak.
        if (code !== 0) this.node.events.record(this.pod, 'Warning', 'FailedPreStopHook', 'PreStopHook failed', this.source, this.fieldPath(rec));
        afterHook();
      });
    } else if (preStop?.sleep?.seconds && graceMs > 0) {
      rec.killTimer = this.node.clock.after(Math.min(preStop.sleep.seconds * 1000, graceMs), afterHook, 'prestop-sleep');
    } else {
      this.signalContainer(rec, instance, Math.max(graceMs, minimumGraceMs));
    }
  }

  /**
   * SIGTERM, then SIGKILL when `graceMs` runs out. A server stops at once with its own exit code; a
   * shell runs its `trap ... TERM` (or, as PID 1 without one, ignores it); other programs ignore it.
   */
  private signalContainer(rec: ContainerRecord, instance: ContainerInstance, graceMs: number): void {
    const sigtermExit = this.sigtermExitCode(rec);
    if (sigtermExit !== undefined) {
      rec.killTimer = this.node.clock.after(100, () => {
        rec.killTimer = undefined;
        instance.terminateCleanly(sigtermExit);
      }, 'sigterm-exit');
      return;
    }
    rec.killTimer = this.node.clock.after(graceMs, () => {
      rec.killTimer = undefined;
      instance.signal('SIGKILL');
    }, 'sigkill');
    // Not PID 1 (a shared PID namespace), a program without a handler dies of SIGTERM at once.
    if (this.pod.spec.shareProcessNamespace || instance.mainIsShell()) instance.signal('SIGTERM');
  }

  /**
   * The pod's one PID namespace under shareProcessNamespace: the pause process is PID 1 and every
   * container's processes are numbered from it, as `ps ax` in any of the containers shows them.
   */
  private sharedPidNamespace(): NonNullable<ContainerDeps['sharedPids']> {
    const sandbox = this.sandbox!;
    const inPod = (nodePid: number) => nodePid - sandbox.pid + 1;
    return {
      processes: () => {
        const pause: ProcessInfo = { pid: 1, user: 'root', rss: 260 * 1024, cpu: 0, state: 'S', command: '/pause', startedAt: sandbox.createdAt };
        const others = this.records
          .flatMap((rec) => (rec.instance?.running ? rec.instance.processInfos('node') : []))
          .map((p) => ({ ...p, pid: inPod(p.pid), ppid: p.ppid === undefined ? undefined : inPod(p.ppid) }));
        return [pause, ...others.sort((a, b) => a.pid - b.pid)];
      },
      kill: (pid, signal) => {
        if (pid === 1) return undefined; // pause ignores what it has no handler for
        const nodePid = pid + sandbox.pid - 1;
        const found = this.records.some((rec) => rec.instance?.running && rec.instance.signalProcess(nodePid, signal));
        return found ? undefined : 'No such process';
      },
    };
  }

  /** How the main program ends on SIGTERM, when it is the image's own program (a shell as PID 1 ignores it). */
  private sigtermExitCode(rec: ContainerRecord): number | undefined {
    const image = rec.image;
    if (image?.sigtermExitCode === undefined) return undefined;
    const argv0 = (rec.spec.command?.[0] ?? image.entrypoint[0] ?? image.cmd[0] ?? '').split('/').pop() ?? '';
    return argv0 in image.binaries ? image.sigtermExitCode : undefined;
  }

  private outOfMemory(rec: ContainerRecord, instance: ContainerInstance): void {
    if (rec.instance !== instance || rec.killReason === 'oom') return;
    rec.killReason = 'oom';
    instance.signal('SIGKILL');
  }

  private containerExited(rec: ContainerRecord, instance: ContainerInstance, code: number): void {
    if (rec.instance !== instance) return;
    rec.killTimer?.cancel();
    rec.killTimer = undefined;
    this.stopProbes(rec, true);
    const oom = rec.killReason === 'oom';
    const exitCode = oom ? 137 : code;
    const reason = oom ? 'OOMKilled' : exitCode === 0 ? 'Completed' : 'Error';
    const terminated: ContainerStateTerminated = {
      exitCode,
      reason,
      startedAt: rec.state.running?.startedAt ?? rfc3339(instance.startedAt),
      finishedAt: rfc3339(this.now),
      containerID: rec.containerID,
    };
    const message = this.terminationMessage(rec, instance, exitCode);
    if (message) terminated.message = message;
    if (exitCode > 128 && !oom && rec.killReason) terminated.signal = exitCode - 128;
    delete terminated.signal;
    rec.state = { terminated: orderTerminated(terminated) };
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

  private terminationMessage(rec: ContainerRecord, instance: ContainerInstance, exitCode: number): string | undefined {
    const path = rec.spec.terminationMessagePath ?? '/dev/termination-log';
    let text = '';
    try {
      text = instance.fs.readFile(path);
    } catch {
      text = '';
    }
    if (!text && rec.spec.terminationMessagePolicy === 'FallbackToLogsOnError' && exitCode !== 0) {
      const lines = instance.logs.toArray(80).map((l) => l.text).join('\n');
      text = lines.length > 2048 ? lines.slice(-2048) : lines;
    }
    return text || undefined;
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
        this.node.events.record(this.pod, 'Normal', 'Killing', `Stopping container ${rec.spec.name}`, this.source, this.fieldPath(rec));
        this.stopContainer(rec, graceMs, 'delete');
      }
    }
    this.finalizeIfStopped();
  }

  private finalizeIfStopped(): void {
    if (this.finalized) return;
    if (this.records.some((r) => r.instance?.running || r.starting)) return;
    this.finalized = true;
    this.stopSandbox();
    this.syncTimer?.cancel();
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
      this.stopProbes(rec, true);
      if (rec.instance?.running) rec.instance.signal('SIGKILL');
    }
    this.stopSandbox();
    this.syncTimer?.cancel();
    this.node.forget(this);
  }

  private stopSandbox(): void {
    if (this.sandbox && this.sandbox.netns !== this.node.nodeNetns) this.node.releasePodNetns(this.sandbox.netns);
  }

  // ---- probes ----

  private startProbes(rec: ContainerRecord, instance: ContainerInstance): void {
    const spec = rec.spec;
    const kinds: [ProbeKind, Probe | undefined][] = [
      ['startup', spec.startupProbe],
      ['liveness', spec.livenessProbe],
      ['readiness', spec.readinessProbe],
    ];
    rec.probes = [];
    if (!spec.startupProbe) rec.started = true;
    if (!spec.readinessProbe && rec.started) rec.ready = true;
    const startedAt = this.now;
    const byPeriod = new Map<number, ProbeState[]>();
    for (const [kind, probe] of kinds) {
      if (!probe) continue;
      if (rec.init && !rec.sidecar && kind !== 'startup') continue;
      const state: ProbeState = {
        kind,
        probe,
        periodMs: (probe.periodSeconds ?? 10) * 1000,
        initialDelaySeconds: probe.initialDelaySeconds ?? 0,
        successThreshold: probe.successThreshold ?? 1,
        failureThreshold: probe.failureThreshold ?? 3,
        stopped: false,
        readsOnlyFiles: probe.exec !== undefined && probeReadsOnlyFiles(probe.exec.command ?? [], instance),
        consecutive: 0,
      };
      rec.probes.push(state);
      byPeriod.set(state.periodMs, [...(byPeriod.get(state.periodMs) ?? []), state]);
    }
    // Like the kubelet's probe workers: a ticker from the container's start. Probes with the same
    // period would tick at the same instants, so they share one timer and run in the order above.
    rec.probeTickers = [];
    for (const [periodMs, states] of byPeriod) {
      const ticker = this.node.clock.every(
        startedAt,
        periodMs,
        () => {
          let active = false;
          if (rec.instance === instance && instance.running) {
            for (const state of states) {
              if (state.stopped) continue;
              active = true;
              this.probeTick(rec, instance, state);
            }
          }
          if (!active) ticker.cancel();
        },
        'probe',
      );
      rec.probeTickers.push(ticker);
    }
  }

  private probeTick(rec: ContainerRecord, instance: ContainerInstance, state: ProbeState): void {
    if (rec.instance !== instance || !instance.running) return;
    if (!this.node.kubeletRunning()) return;
    if (state.kind === 'startup' && rec.started) {
      state.stopped = true;
      return;
    }
    if (state.kind !== 'startup' && !rec.started) return;
    if (this.terminating && state.kind !== 'readiness') return;
    const now = this.now;
    const elapsedSeconds = Math.floor((now - instance.startedAt) / 1000);
    if (elapsedSeconds < state.initialDelaySeconds) return;
    const outcome = this.attemptProbe(rec, instance, state);
    const result = outcome.result === 'success' ? 'success' : 'failure';
    rec.probeHistory.add(now, state.kind, outcome.result, outcome.message);
    state.consecutive = state.lastResult === result ? state.consecutive + 1 : 1;
    state.lastResult = result;
    if (result === 'failure') {
      const verb = outcome.result === 'error' ? 'errored' : 'failed';
      this.node.events.record(this.pod, 'Warning', 'Unhealthy', `${probeKindLabel(state.kind)} probe ${verb}: ${outcome.message}`, this.source, this.fieldPath(rec));
    }
    const threshold = result === 'success' ? state.successThreshold : state.failureThreshold;
    if (state.consecutive < threshold) return;
    switch (state.kind) {
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
          state.stopped = true;
          this.writeStatus();
          this.requestSync();
        } else {
          this.killForProbe(rec, state);
        }
        break;
      case 'liveness':
        if (result === 'failure') this.killForProbe(rec, state);
        break;
    }
  }

  private attemptProbe(rec: ContainerRecord, instance: ContainerInstance, state: ProbeState): ProbeOutcome {
    // `cat /tmp/healthy` every few seconds: while the container's files stay the same, so does the answer.
    const filesStamp = state.readsOnlyFiles ? instance.filesStamp() : undefined;
    const last = state.lastOutcome;
    if (filesStamp !== undefined && last?.filesStamp === filesStamp) return last.outcome;
    const outcome = runProbe(state.probe, this.probeEnvironment(rec, instance, state));
    state.lastOutcome = filesStamp === undefined ? undefined : { filesStamp, outcome };
    return outcome;
  }

  /** The same for every tick of one container instance in one sandbox, so it is made once. */
  private probeEnvironment(rec: ContainerRecord, instance: ContainerInstance, state: ProbeState): ProbeEnvironment {
    const netns = this.sandbox!.netns;
    const env = state.env;
    if (env && env.podNetns === netns && env.podIP === netns.ip && env.sourceNetns === this.node.nodeNetns) return env;
    return (state.env = {
      container: instance,
      containerSpec: rec.spec,
      network: this.node.network,
      podNetns: netns,
      podIP: netns.ip,
      sourceNetns: this.node.nodeNetns,
    });
  }

  private killForProbe(rec: ContainerRecord, state: ProbeState): void {
    const restarts = this.pod.spec.restartPolicy !== 'Never';
    const what = state.kind === 'liveness' ? 'liveness' : 'startup';
    this.node.events.record(this.pod, 'Normal', 'Killing', `Container ${rec.spec.name} failed ${what} probe${restarts ? ', will be restarted' : ''}`, this.source, this.fieldPath(rec));
    this.stopContainer(rec, this.graceMs(state.probe), state.kind === 'liveness' ? 'liveness' : 'startup');
  }

  private stopProbes(rec: ContainerRecord, includingReadiness: boolean): void {
    for (const state of rec.probes) {
      if (state.kind === 'readiness' && !includingReadiness) continue;
      state.stopped = true;
    }
    if (rec.probes.every((state) => state.stopped)) {
      for (const ticker of rec.probeTickers) ticker.cancel();
      rec.probeTickers = [];
    }
  }

  // ---- eviction ----

  /** What the eviction manager measures: each running container's writable layer and log, and each emptyDir on disk. */
  localStorageUse(): { containers: StorageUse[]; emptyDirs: StorageUse[] } {
    const containers: StorageUse[] = [];
    for (const rec of this.records) {
      if (rec.init || !rec.instance?.running || !rec.writableLayer) continue;
      const layer = Math.max(0, rec.writableLayer.fs.usedBytes() - rec.writableLayer.imageBytes);
      containers.push({ name: rec.spec.name, usedBytes: layer + rec.instance.logBytes() });
    }
    const emptyDirs: StorageUse[] = [];
    for (const volume of this.volumes.values()) {
      if (volume.type === 'EmptyDir' && !volume.memoryBacked && volume.fs instanceof MemFs) emptyDirs.push({ name: volume.name, usedBytes: volume.fs.usedBytes() });
    }
    return { containers, emptyDirs };
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
    for (const rec of this.records) {
      if (rec.instance?.running) this.node.events.record(this.pod, 'Normal', 'Killing', `Stopping container ${rec.spec.name}`, this.source, this.fieldPath(rec));
    }
    this.eviction = message;
    this.becomeTerminal('Failed', 0);
    this.writeStatus();
  }

  // ---- status ----

  /**
   * Everything the status is made from besides the stored status itself. Records and the pod's spec
   * are replaced, never changed in place, so while each item is the same, so is the status.
   */
  private statusInputs(): unknown[] {
    const inputs: unknown[] = [this.pod.spec, this.sandbox, this.terminal, this.initialized, this.eviction];
    for (const r of this.records) inputs.push(r.spec, r.state, r.lastTerminated, r.ready, r.started, r.restartCount, r.imageRef, r.imageID, r.containerID);
    return inputs;
  }

  writeStatus(): void {
    if (this.finalized || !this.node.kubeletRunning()) return;
    const stored = this.node.api.peek('Pod', this.namespace, this.name) as Pod | undefined;
    if (!stored || stored.metadata.uid !== this.uid) return;
    const inputs = this.statusInputs();
    // A re-sync that changed nothing (a container waiting out its back-off) writes nothing.
    if (stored.status === this.lastStoredStatus && sameItems(inputs, this.lastStatusInputs)) return;
    const views: ContainerView[] = this.records.map((r) => ({
      name: r.spec.name,
      init: r.init,
      sidecar: r.sidecar,
      state: r.state,
      lastTerminated: r.lastTerminated,
      ready: r.ready && !!r.state.running,
      started: r.started && !!r.state.running,
      restartCount: r.restartCount,
      image: r.imageRef?.fullName ?? r.spec.image ?? '',
      imageID: r.imageID,
      containerID: r.containerID,
      volumeMounts: (r.spec.volumeMounts ?? []).map((m) => {
        const mount: { name: string; mountPath: string; readOnly?: boolean; recursiveReadOnly?: string } = { mountPath: m.mountPath, name: m.name };
        if (m.readOnly) {
          mount.readOnly = true;
          mount.recursiveReadOnly = 'Disabled';
        }
        return mount;
      }),
    }));
    const view: PodView = {
      restartPolicy: this.pod.spec.restartPolicy ?? 'Always',
      containers: views,
      sandboxReady: !!this.sandbox && !this.terminal,
      initialized: this.initialized,
      terminal: this.terminal,
    };
    const phase = podPhase(view);
    const status: Record<string, unknown> = {
      conditions: podConditions(view, phase, stored.status?.conditions, rfc3339(this.now)),
      hostIP: this.node.nodeIP,
      hostIPs: [{ ip: this.node.nodeIP }],
    };
    const init = views.filter((v) => v.init).map(containerStatus);
    if (init.length > 0) status.initContainerStatuses = init;
    status.containerStatuses = views.filter((v) => !v.init).map(containerStatus);
    status.phase = phase;
    if (this.sandbox) {
      status.podIP = this.sandbox.netns.ip;
      status.podIPs = [{ ip: this.sandbox.netns.ip }];
    }
    status.qosClass = qosClass(this.pod.spec);
    status.startTime = stored.status?.startTime ?? rfc3339(this.now);
    if (this.eviction) {
      status.reason = 'Evicted';
      status.message = this.eviction;
    }
    const ordered: Record<string, unknown> = {};
    for (const key of ['conditions', 'containerStatuses', 'hostIP', 'hostIPs', 'initContainerStatuses', 'message', 'phase', 'podIP', 'podIPs', 'qosClass', 'reason', 'startTime']) {
      if (status[key] !== undefined) ordered[key] = status[key];
    }
    this.lastStoredStatus = this.node.api.setStatusTrusted('Pod', this.namespace, this.name, ordered);
    this.lastStatusInputs = inputs;
  }

  // ---- what the node shell and the UI see ----

  currentLogs(containerName: string): LogLine[] | undefined {
    return this.logHistory.get(containerName)?.current.toArray();
  }

  previousLogs(containerName: string): LogLine[] | undefined {
    return this.logHistory.get(containerName)?.previous?.toArray();
  }

  probeRecords(containerName: string): ProbeRecord[] {
    return this.records.find((r) => r.spec.name === containerName)?.probeHistory.toArray() ?? [];
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

const binDirs = ['/bin', '/usr/bin', '/usr/local/bin'];

/** Each image's root filesystem as it is unpacked, built the first time a container uses the image. */
const imageRoots = new WeakMap<ImageSpec, MemFs>();

/**
 * An image's files and directories, and its programs as empty stand-ins the shell resolves to the
 * simulated ones: its shell tools in the bin directories, its own programs there and wherever its
 * command names them.
 */
function imageRoot(image: ImageSpec): MemFs {
  let root = imageRoots.get(image);
  if (root) return root;
  root = new MemFs({ firstInode: 0 });
  for (const dir of ['/bin', '/dev', '/etc', '/home', '/proc', '/root', '/sys', '/tmp', '/usr', '/var', '/var/log']) if (!root.stat(dir)) root.mkdir(dir, { recursive: true });
  for (const [path, content] of Object.entries(image.files)) writeWithParents(root, path, content);
  const names = Object.keys(image.binaries);
  if (image.shell !== 'none') names.push(...imageShells(image), ...shellToolNames(image.shell).filter((name) => !image.missing?.includes(name)));
  const paths = names.flatMap((name) => binDirs.map((dir) => `${dir}/${name}`));
  paths.push(...commandPaths(image, [...image.entrypoint, ...image.cmd]));
  for (const path of paths) {
    if (root.stat(path)) continue;
    writeWithParents(root, path, '');
    root.chmod(path, 0o755);
  }
  imageRoots.set(image, root);
  return root;
}

/** The absolute paths among a command's words that name a program the image can run. */
function commandPaths(image: ImageSpec, words: string[]): string[] {
  return words.filter((word) => word.startsWith('/') && (image.binaries[word.slice(word.lastIndexOf('/') + 1)] || image.shell !== 'none'));
}

function writeWithParents(fs: MemFs, path: string, content: string): void {
  const parts = path.split('/').filter(Boolean);
  let dir = '';
  for (const part of parts.slice(0, -1)) {
    dir += `/${part}`;
    if (!fs.stat(dir)) fs.mkdir(dir);
  }
  fs.writeFile(path, content);
}

function sameItems(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function orderTerminated(t: ContainerStateTerminated): ContainerStateTerminated {
  const ordered: Record<string, unknown> = {};
  for (const key of ['containerID', 'exitCode', 'finishedAt', 'message', 'reason', 'signal', 'startedAt']) {
    if ((t as any)[key] !== undefined) ordered[key] = (t as any)[key];
  }
  return ordered as unknown as ContainerStateTerminated;
}

/** `2.345s`, `512ms`: how the kubelet prints pull durations (Go's time.Duration). */
function formatPullSeconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return `${(ms / 1000).toFixed(3).replace(/0+$/, '').replace(/\.$/, '')}s`;
}
