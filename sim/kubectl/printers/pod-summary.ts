// How `kubectl get pods` sums a Pod up in READY, STATUS and RESTARTS (printPod in kubectl's
// internal printers). The one place this is computed: kubectl's table and the app's cluster view
// both use it, so they never disagree.

import type { Container, ContainerStatus, KubeObject } from '../../api/types';
import { parseRfc3339 } from '../../time';
import { sinceText } from './cells';

function isSidecar(container: Container | undefined): boolean {
  return container?.restartPolicy === 'Always';
}

function later(a: number | undefined, b: number | undefined): number | undefined {
  return b !== undefined && (a === undefined || b > a) ? b : a;
}

function finishedAtOf(s: ContainerStatus): number | undefined {
  return parseRfc3339(s.lastState?.terminated?.finishedAt);
}

type Condition = { type: string; status: string; reason?: string };

function findCondition(conditions: Condition[], type: string): Condition | undefined {
  for (const condition of conditions) if (condition.type === type) return condition;
  return undefined;
}

function sidecarCount(initContainers: Container[]): number {
  let count = 0;
  for (const container of initContainers) if (isSidecar(container)) count++;
  return count;
}

export interface PodSummary {
  /** READY: `1/2`, sidecars (restartable init containers) counted with the app containers. */
  ready: string;
  /** STATUS: `Running`, `NotReady`, `Init:1/2`, `CrashLoopBackOff`, `Completed`, `Terminating`... */
  status: string;
  /** RESTARTS: `0`, or `3 (2m ago)`. */
  restarts: string;
  /** The number RESTARTS starts with. */
  restartCount: number;
}

export function summarizePod(pod: KubeObject, now: number): PodSummary {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const containers: Container[] = spec.containers ?? [];
  const initContainers: Container[] = spec.initContainers ?? [];
  const conditions: Condition[] = status.conditions ?? [];
  let total = containers.length + sidecarCount(initContainers);
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  let reason: string = status.reason || status.phase || '';
  if (findCondition(conditions, 'PodScheduled')?.reason === 'SchedulingGated') reason = 'SchedulingGated';

  let initializing = false;
  const initStatuses: ContainerStatus[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const s = initStatuses[i];
    const container = initContainers.find((c) => c.name === s.name);
    restarts += s.restartCount ?? 0;
    lastRestart = later(lastRestart, finishedAtOf(s));
    if (isSidecar(container)) {
      sidecarRestarts += s.restartCount ?? 0;
      lastSidecarRestart = later(lastSidecarRestart, finishedAtOf(s));
    }
    const terminated = s.state?.terminated;
    const waiting = s.state?.waiting;
    if (terminated && terminated.exitCode === 0) continue;
    if (isSidecar(container) && s.started) {
      if (s.ready) ready++;
      continue;
    }
    if (terminated) {
      if (!terminated.reason) reason = terminated.signal ? `Init:Signal:${terminated.signal}` : `Init:ExitCode:${terminated.exitCode}`;
      else reason = `Init:${terminated.reason}`;
    } else if (waiting && waiting.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initContainers.length}`;
    }
    initializing = true;
    break;
  }

  const initialized = findCondition(conditions, 'Initialized')?.status === 'True';
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses: ContainerStatus[] = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const s = statuses[i];
      restarts += s.restartCount ?? 0;
      lastRestart = later(lastRestart, finishedAtOf(s));
      const waiting = s.state?.waiting;
      const terminated = s.state?.terminated;
      if (waiting && waiting.reason) reason = waiting.reason;
      else if (terminated && terminated.reason) reason = terminated.reason;
      else if (terminated) reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode}`;
      else if (s.ready && s.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = findCondition(conditions, 'Ready')?.status === 'True' ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && status.phase !== 'Succeeded' && status.phase !== 'Failed') reason = 'Terminating';

  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) restartsText = `${restarts} (${sinceText(lastRestart, now)} ago)`;
  total = Math.max(total, 0);
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsText, restartCount: restarts };
}
