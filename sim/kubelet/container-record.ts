// What the kubelet knows of one container of a pod: its definition, its state as the runtime
// reports it, restarts, readiness, and the running instance. Every field that PodStatus shows is
// written through a setter that marks the record changed, so a status write remakes only the
// statuses of the containers that changed.

import type { Container, ContainerState, ContainerStateTerminated } from '../api/types';
import type { TimerHandle } from '../engine-context';
import type { MemFs } from '../fs/memfs';
import type { ContainerInstance } from '../runtime/container';
import type { ImageReference, ImageSpec } from '../runtime/images/catalog';
import { ProbeHistory } from './probe-history';

/** Probe results kept per container for the timeline. */
const maxProbeRecords = 200;

export class ContainerRecord {
  readonly init: boolean;
  readonly sidecar: boolean;
  /** Raised on every change of a field the container's status is made from. */
  statusVersion = 0;
  private _spec: Container;
  private _state: ContainerState;
  private _lastTerminated?: ContainerStateTerminated;
  private _ready = false;
  private _started = false;
  private _restartCount = 0;
  private _imageRef?: ImageReference;
  private _imageID = '';
  private _containerID?: string;
  /** Made once per definition: every Event about the container names it. */
  private _fieldPath?: string;

  everCreated = false;
  image?: ImageSpec;
  instance?: ContainerInstance;
  /** A start (pull, create) is in progress. */
  starting = false;
  killReason?: 'liveness' | 'startup' | 'oom' | 'delete' | 'stop';
  killTimer?: TimerHandle;
  /** The running instance's probe workers (see prober/). */
  probes?: { stop(includingReadiness: boolean): void };
  /** Killed because its definition changed: started again whatever the restart policy. */
  restartForChange?: boolean;
  /** The current instance's root filesystem and how much of it the image brought. */
  writableLayer?: { fs: MemFs; imageBytes: number };
  readonly probeHistory = new ProbeHistory(maxProbeRecords);
  retryTimer?: TimerHandle;
  /** The crash back-off's messages for its current length, kept for the re-syncs while it waits. */
  backOffText?: { backoffMs: number; waiting: string; event: string };
  /** An ephemeral container (`kubectl debug`): started once, never restarted, not part of the pod's readiness. */
  ephemeral = false;

  constructor(
    spec: Container,
    init: boolean,
    /** Its place among the pod's init containers or app containers. */
    readonly index: number,
    /** The kubelet's waiting reason for a container not yet created. */
    initialState: ContainerState,
    private readonly onChange: (record: ContainerRecord) => void,
  ) {
    this._spec = spec;
    this.init = init;
    this.sidecar = init && spec.restartPolicy === 'Always';
    this._state = initialState;
  }

  private changed(): void {
    this.statusVersion++;
    this.onChange(this);
  }

  get spec(): Container {
    return this._spec;
  }
  set spec(value: Container) {
    if (value !== this._spec) (this._spec = value), (this._fieldPath = undefined), this.changed();
  }
  get state(): ContainerState {
    return this._state;
  }
  set state(value: ContainerState) {
    if (value !== this._state) (this._state = value), this.changed();
  }
  get lastTerminated(): ContainerStateTerminated | undefined {
    return this._lastTerminated;
  }
  set lastTerminated(value: ContainerStateTerminated | undefined) {
    if (value !== this._lastTerminated) (this._lastTerminated = value), this.changed();
  }
  get ready(): boolean {
    return this._ready;
  }
  set ready(value: boolean) {
    if (value !== this._ready) (this._ready = value), this.changed();
  }
  get started(): boolean {
    return this._started;
  }
  set started(value: boolean) {
    if (value !== this._started) (this._started = value), this.changed();
  }
  get restartCount(): number {
    return this._restartCount;
  }
  set restartCount(value: number) {
    if (value !== this._restartCount) (this._restartCount = value), this.changed();
  }
  get imageRef(): ImageReference | undefined {
    return this._imageRef;
  }
  set imageRef(value: ImageReference | undefined) {
    // Parsed again at every start: only another image changes the status.
    const changed = value?.fullName !== this._imageRef?.fullName;
    this._imageRef = value;
    if (changed) this.changed();
  }
  get imageID(): string {
    return this._imageID;
  }
  set imageID(value: string) {
    if (value !== this._imageID) (this._imageID = value), this.changed();
  }
  get containerID(): string | undefined {
    return this._containerID;
  }
  set containerID(value: string | undefined) {
    if (value !== this._containerID) (this._containerID = value), this.changed();
  }

  /** `spec.initContainers{name}`, `spec.containers{name}` or `spec.ephemeralContainers{name}`: the event's field path. */
  get fieldPath(): string {
    return (this._fieldPath ??= this.ephemeral
      ? `spec.ephemeralContainers{${this._spec.name}}`
      : this.init
        ? `spec.initContainers{${this._spec.name}}`
        : `spec.containers{${this._spec.name}}`);
  }
}
