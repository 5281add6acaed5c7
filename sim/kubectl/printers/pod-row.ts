// The pod row of `kubectl get pods`: READY, STATUS, RESTARTS as printPod computes them.

import type { Container, ContainerStatus, KubeObject } from '../../api/types';
import { parseRfc3339 } from '../../time';
import { age, sinceText } from './cells';

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
  ready: string;
  status: string;
  restarts: string;
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
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsText };
}

export function podRow(pod: KubeObject, now: number, wide: boolean): string[] {
  const summary = summarizePod(pod, now);
  const cells = [pod.metadata.name ?? '', summary.ready, summary.status, summary.restarts, age(pod, now)];
  if (!wide) return cells;
  const status = pod.status ?? {};
  const podIP: string = status.podIPs?.[0]?.ip || status.podIP || '<none>';
  const gates: { conditionType: string }[] = pod.spec?.readinessGates ?? [];
  let gatesText = '<none>';
  if (gates.length > 0) {
    const conditions: { type: string; status: string }[] = status.conditions ?? [];
    const trueCount = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
    gatesText = `${trueCount}/${gates.length}`;
  }
  return [...cells, podIP, pod.spec?.nodeName || '<none>', status.nominatedNodeName || '<none>', gatesText];
}
