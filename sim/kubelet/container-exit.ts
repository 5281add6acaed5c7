// After a container's main process exits: the terminated state the kubelet records (exit code,
// 137 after an OOM kill, reason, termination message), whether the restart policy starts it again,
// and the crash back-off it waits out first (CrashLoopBackOff).

import type { ContainerStateTerminated, Pod } from '../api/types';
import type { Clock } from '../engine-context';
import { goDuration, parseRfc3339, rfc3339 } from '../time';
import type { ContainerInstance } from '../runtime/container';
import type { Backoff } from './backoff';
import type { ContainerRecord } from './container-record';

/** Records the exit of the container's current instance: its probes stop, it is neither ready nor started. False for an instance it no longer runs. */
export function recordExit(rec: ContainerRecord, instance: ContainerInstance, code: number, now: number): boolean {
  if (rec.instance !== instance) return false;
  rec.killTimer?.cancel();
  rec.killTimer = undefined;
  rec.probes?.stop(true);
  rec.state = { terminated: terminatedState(rec, instance, code, now) };
  rec.ready = false;
  rec.started = false;
  rec.instance = undefined;
  return true;
}

/** The state of a container whose main process exited with `code` at `now`. */
export function terminatedState(rec: ContainerRecord, instance: ContainerInstance, code: number, now: number): ContainerStateTerminated {
  const oom = rec.killReason === 'oom';
  const exitCode = oom ? 137 : code;
  const terminated: ContainerStateTerminated = {
    exitCode,
    reason: oom ? 'OOMKilled' : exitCode === 0 ? 'Completed' : 'Error',
    startedAt: rec.state.running?.startedAt ?? rfc3339(instance.startedAt),
    finishedAt: rfc3339(now),
    containerID: rec.containerID,
  };
  const message = terminationMessage(rec, instance, exitCode);
  if (message) terminated.message = message;
  return orderTerminated(terminated);
}

/** The file at terminationMessagePath, or the log's tail when the policy falls back to it after a failure. */
function terminationMessage(rec: ContainerRecord, instance: ContainerInstance, exitCode: number): string | undefined {
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

/** The fields in the order the API server prints them. */
function orderTerminated(t: ContainerStateTerminated): ContainerStateTerminated {
  const ordered: Record<string, unknown> = {};
  for (const key of ['containerID', 'exitCode', 'finishedAt', 'message', 'reason', 'signal', 'startedAt']) {
    if ((t as any)[key] !== undefined) ordered[key] = (t as any)[key];
  }
  return ordered as unknown as ContainerStateTerminated;
}

/** Whether the pod's restart policy starts a container again after it exited with `exitCode`. */
export function shouldRestart(rec: ContainerRecord, restartPolicy: Pod['spec']['restartPolicy'], exitCode: number): boolean {
  if (rec.sidecar) return true;
  const policy = restartPolicy ?? 'Always';
  if (rec.init) return exitCode !== 0 && policy !== 'Never';
  if (policy === 'Always') return true;
  if (policy === 'OnFailure') return exitCode !== 0;
  return false;
}

/** What waiting out the crash back-off needs from the pod worker. */
export interface CrashBackOffHost {
  clock: Clock;
  /** `name_namespace(uid)`, as the kubelet names the pod in its messages. */
  podRef: string;
  event(rec: ContainerRecord, type: 'Normal' | 'Warning', reason: string, message: string): void;
  sync(): void;
}

/**
 * Holds a container that exited in CrashLoopBackOff until its back-off has passed since it
 * finished: the waiting state and a BackOff event on each sync meanwhile, and a timer for the
 * next sync. Returns true while it must wait; false when it may start now (its next back-off counted).
 */
export function holdInCrashBackOff(rec: ContainerRecord, terminated: ContainerStateTerminated, backoff: Backoff, host: CrashBackOffHost): boolean {
  const now = host.clock.now();
  const finishedAt = parseRfc3339(terminated.finishedAt) ?? now;
  const key = rec.spec.name;
  if (rec.state.terminated) rec.lastTerminated = rec.state.terminated;
  if (!backoff.isInBackOffSince(key, finishedAt, now)) {
    backoff.next(key, finishedAt, now);
    return false;
  }
  const backoffMs = backoff.current(key);
  const text = backOffText(rec, backoffMs, host.podRef);
  // Unchanged while it waits, so the status need not be made again.
  if (rec.state.waiting?.reason !== 'CrashLoopBackOff' || rec.state.waiting.message !== text.waiting) rec.state = { waiting: { reason: 'CrashLoopBackOff', message: text.waiting } };
  host.event(rec, 'Warning', 'BackOff', text.event);
  const restartAt = finishedAt + backoffMs;
  rec.retryTimer?.cancel();
  // The pod worker syncs again at least every 10 s while a sync fails, as the kubelet's does.
  rec.retryTimer = host.clock.schedule(Math.min(restartAt, now + 10_000), () => {
    rec.retryTimer = undefined;
    host.sync();
  }, 'crash-backoff');
  return true;
}

/** The waiting message and the BackOff event's message, made once per back-off length: a container waiting out 5 minutes is re-synced 30 times. */
function backOffText(rec: ContainerRecord, backoffMs: number, podRef: string): NonNullable<ContainerRecord['backOffText']> {
  if (rec.backOffText?.backoffMs !== backoffMs) {
    rec.backOffText = {
      backoffMs,
      waiting: `back-off ${goDuration(backoffMs)} restarting failed container=${rec.spec.name} pod=${podRef}`,
      event: `Back-off restarting failed container ${rec.spec.name} in pod ${podRef}`,
    };
  }
  return rec.backOffText;
}
