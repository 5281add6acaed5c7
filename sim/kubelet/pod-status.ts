// The kubelet's view of a pod turned into PodStatus: phase (getPhase in kubelet_pods.go) and the
// conditions (status/generate.go), in the order the kubelet writes them.

import type { ContainerState, ContainerStateTerminated, ContainerStatus, PodCondition, PodStatus } from '../api/types';

export interface ContainerView {
  name: string;
  init: boolean;
  /** An init container with restartPolicy Always. */
  sidecar: boolean;
  state: ContainerState;
  lastTerminated?: ContainerStateTerminated;
  ready: boolean;
  started: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  volumeMounts?: ContainerStatus['volumeMounts'];
}

export interface PodView {
  restartPolicy: 'Always' | 'OnFailure' | 'Never';
  /** The containers counted together. */
  tally: ContainerTally;
  sandboxReady: boolean;
  /** Once all init containers have completed, the pod stays initialized. */
  initialized: boolean;
  terminal?: 'Succeeded' | 'Failed';
  /** Init containers not yet done (sidecars: not yet started), in order; asked only before the pod is initialized. */
  incompleteInits(): string[];
  /** The names of the app containers and sidecars that are not ready, in order, separated by spaces. */
  unready(): string;
}

/**
 * The counts the phase and the conditions are made from, kept as containers change: a container's
 * old view is taken out and its new one put in, so a change costs the same in a pod of any size.
 */
export class ContainerTally {
  pendingInit = 0;
  failedInit = 0;
  running = 0;
  waiting = 0;
  stopped = 0;
  succeeded = 0;
  apps = 0;
  unready = 0;

  add(c: ContainerView): void {
    this.count(c, 1);
  }

  remove(c: ContainerView): void {
    this.count(c, -1);
  }

  private count(c: ContainerView, n: 1 | -1): void {
    if (c.init && !c.sidecar) {
      const previousFailed = c.lastTerminated && c.lastTerminated.exitCode !== 0;
      if (c.state.terminated) {
        if (c.state.terminated.exitCode !== 0) this.failedInit += n;
      } else if (c.state.waiting && previousFailed) {
        this.failedInit += n;
      } else {
        this.pendingInit += n;
      }
      return;
    }
    if (!c.init) this.apps += n;
    if (!c.ready) this.unready += n;
    if (c.sidecar && c.state.running && !c.started) this.pendingInit += n;
    if (c.state.running) this.running += n;
    else if (c.state.terminated) {
      this.stopped += n;
      if (c.state.terminated.exitCode === 0) this.succeeded += n;
    } else if (c.state.waiting) {
      if (c.lastTerminated) this.stopped += n;
      else this.waiting += n;
    }
  }
}

/** Whether a container still holds up initialization (see the Initialized condition). */
export function initIncomplete(c: ContainerView): boolean {
  return c.init && (c.sidecar ? !c.started : !(c.state.terminated && c.state.terminated.exitCode === 0));
}

/** getPhase: see reference §2.1. */
export function podPhase(view: PodView): NonNullable<PodStatus['phase']> {
  if (view.terminal) return view.terminal;
  const { pendingInit, failedInit, waiting, running, stopped, succeeded, apps } = view.tally;
  if (failedInit > 0 && view.restartPolicy === 'Never') return 'Failed';
  if ((pendingInit > 0 || failedInit > 0) && !view.initialized) return 'Pending';
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (view.restartPolicy === 'Always') return 'Running';
    if (succeeded === stopped && stopped >= apps) return 'Succeeded';
    if (view.restartPolicy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

/** The conditions the kubelet owns (PodConditionByKubelet); the rest (DisruptionTarget, a readiness gate's) it keeps. */
const kubeletConditions = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

export function podConditions(view: PodView, phase: string, previous: PodCondition[] | undefined, now: string): PodCondition[] {
  // mergePodStatus: the conditions others wrote come first, as they were.
  const result: PodCondition[] = (previous ?? []).filter((c) => !kubeletConditions.has(c.type));
  result.push(condition(previous, now, 'PodReadyToStartContainers', view.sandboxReady ? 'True' : 'False'));

  const incompleteInits = view.initialized ? [] : view.incompleteInits();
  if (incompleteInits.length === 0) result.push(condition(previous, now, 'Initialized', 'True'));
  else result.push(condition(previous, now, 'Initialized', 'False', 'ContainersNotInitialized', `containers with incomplete status: [${incompleteInits.join(' ')}]`));

  if (phase === 'Succeeded' || phase === 'Failed') {
    const reason = phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed';
    result.push(condition(previous, now, 'Ready', 'False', reason));
    result.push(condition(previous, now, 'ContainersReady', 'False', reason));
  } else if (view.tally.unready === 0) {
    result.push(condition(previous, now, 'Ready', 'True'));
    result.push(condition(previous, now, 'ContainersReady', 'True'));
  } else {
    const message = `containers with unready status: [${view.unready()}]`;
    result.push(condition(previous, now, 'Ready', 'False', 'ContainersNotReady', message));
    result.push(condition(previous, now, 'ContainersReady', 'False', 'ContainersNotReady', message));
  }
  const scheduled = previous?.find((c) => c.type === 'PodScheduled');
  result.push(scheduled ?? condition(previous, now, 'PodScheduled', 'True'));
  return result;
}

/** A condition of the pod, keeping its previous transition time while its status stays the same. */
function condition(previous: PodCondition[] | undefined, now: string, type: string, status: 'True' | 'False', reason?: string, message?: string): PodCondition {
  const old = previous?.find((c) => c.type === type);
  const made: PodCondition = { type, status, lastProbeTime: null, lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now };
  if (reason) made.reason = reason;
  if (message) made.message = message;
  return made;
}

export function containerStatus(c: ContainerView): ContainerStatus {
  const status: ContainerStatus = {
    name: c.name,
    state: c.state,
    lastState: c.lastTerminated ? { terminated: c.lastTerminated } : {},
    ready: c.ready,
    restartCount: c.restartCount,
    image: c.image,
    imageID: c.imageID,
    started: c.started,
  };
  if (c.containerID) status.containerID = c.containerID;
  if (c.volumeMounts && c.volumeMounts.length > 0) status.volumeMounts = c.volumeMounts;
  // Field order as the API returns it.
  const ordered: Record<string, unknown> = {};
  for (const key of ['containerID', 'image', 'imageID', 'lastState', 'name', 'ready', 'restartCount', 'started', 'state', 'volumeMounts']) {
    if ((status as any)[key] !== undefined) ordered[key] = (status as any)[key];
  }
  return ordered as unknown as ContainerStatus;
}
