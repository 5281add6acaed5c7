// The Job controller (pkg/controller/job, 1.32): runs pods to `completions` successes with at most
// `parallelism` at once, replaces failed pods after an exponential back-off, and finishes with
// SuccessCriteriaMet+Complete or FailureTarget+Failed. Also ttlSecondsAfterFinished.
import type { EngineContext, TimerHandle } from '../engine-context';
import type { KubeObject } from '../api/types';
import type { WatchEvent } from '../api/server';
import { deepEqual } from '../api/object-utils';
import { parseRfc3339, rfc3339 } from '../time';
import { controllerRefOf, isControlledBy } from './owner-references';
import { isReady, isTerminating } from './pod-state';
import { createPodFromTemplate } from './pod-template';
import { sortForDeletion } from './pod-deletion-order';
import { keyOf, splitKey, tryGet, tryWrite, enqueueGuarded } from './api-helpers';
import { inform } from './informer';

const source = { component: 'job-controller' };
const initialBackoffMs = 10_000;
const maxBackoffMs = 10 * 60 * 1000;

interface JobCondition {
  type: string;
  status: 'True' | 'False';
  lastProbeTime: string;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

/** What the controller remembers between syncs of one Job (the real one keeps it in finalizers). */
interface JobMemory {
  countedSucceeded: Set<string>;
  countedFailed: Set<string>;
  lastFailureAt: number;
  /** One pending wake-up per purpose (back-off, deadline, ttl). */
  timers: Map<string, TimerHandle>;
}

export function jobFinished(job: KubeObject): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  }
  return undefined;
}

export function startJobController(ctx: EngineContext): void {
  const memory = new Map<string, JobMemory>();
  const enqueue = (key: string) => enqueueGuarded(ctx, `job/${key}`, () => syncJob(ctx, key, memory, enqueue));
  inform(ctx, 'Job', (event: WatchEvent) => {
    if (event.type === 'DELETED') {
      const remembered = memory.get(event.object.metadata.uid!);
      remembered?.timers.forEach((timer) => timer.cancel());
      memory.delete(event.object.metadata.uid!);
      return;
    }
    enqueue(keyOf(event.object));
  });
  inform(ctx, 'Pod', (event: WatchEvent) => {
    const ref = controllerRefOf(event.object);
    if (ref?.kind === 'Job') enqueue(`${event.object.metadata.namespace}/${ref.name}`);
  });
}

function condition(now: number, type: string, status: 'True' | 'False', reason: string, message: string): JobCondition {
  return { type, status, lastProbeTime: rfc3339(now), lastTransitionTime: rfc3339(now), reason, message };
}

function syncJob(ctx: EngineContext, key: string, memory: Map<string, JobMemory>, enqueue: (key: string) => void): void {
  const [namespace, name] = splitKey(key);
  const job = tryGet(ctx, 'Job', namespace, name);
  if (!job || job.metadata.deletionTimestamp) return;
  const now = ctx.clock.now();
  const pods = ctx.api.list('Pod', namespace).filter((pod) => isControlledBy(pod, job));
  let mem = memory.get(job.metadata.uid!);
  if (!mem) {
    // Pods that already finished before this controller started were counted in the status.
    const alreadyCounted = (job.status?.succeeded ?? 0) + (job.status?.failed ?? 0) > 0;
    mem = {
      countedSucceeded: new Set(alreadyCounted ? pods.filter((p) => p.status?.phase === 'Succeeded').map((p) => p.metadata.uid!) : []),
      countedFailed: new Set(alreadyCounted ? pods.filter((p) => p.status?.phase === 'Failed').map((p) => p.metadata.uid!) : []),
      lastFailureAt: 0,
      timers: new Map(),
    };
    memory.set(job.metadata.uid!, mem);
  }
  const timers = mem.timers;
  const later = (ms: number, label: string) => {
    timers.get(label)?.cancel();
    timers.set(label, ctx.clock.after(ms, () => enqueue(key), label));
  };

  const finished = jobFinished(job);
  if (finished) {
    scheduleTtl(ctx, job, later);
    return;
  }

  const status: any = { ...(job.status ?? {}) };
  const conditions: JobCondition[] = [...(status.conditions ?? [])];
  const spec = job.spec ?? {};
  const parallelism: number = spec.parallelism ?? 1;
  const completions: number | undefined = spec.completions === null ? undefined : spec.completions ?? (spec.parallelism === undefined ? 1 : undefined);
  const backoffLimit: number = spec.backoffLimit ?? 6;

  // Count newly finished pods once.
  for (const pod of pods) {
    const uid = pod.metadata.uid!;
    if (pod.status?.phase === 'Succeeded' && !mem.countedSucceeded.has(uid)) {
      mem.countedSucceeded.add(uid);
      status.succeeded = (status.succeeded ?? 0) + 1;
    } else if (pod.status?.phase === 'Failed' && !mem.countedFailed.has(uid)) {
      mem.countedFailed.add(uid);
      status.failed = (status.failed ?? 0) + 1;
      mem.lastFailureAt = now;
    }
  }
  const active = pods.filter((p) => !isTerminating(p) && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const succeeded: number = status.succeeded ?? 0;
  const failed: number = status.failed ?? 0;

  // Suspend and resume.
  const suspended = spec.suspend === true;
  const suspendedCondition = conditions.find((c) => c.type === 'Suspended');
  if (suspended) {
    for (const pod of active) deletePod(ctx, job, pod);
    if (suspendedCondition?.status !== 'True') {
      replaceCondition(conditions, condition(now, 'Suspended', 'True', 'JobSuspended', 'Job suspended'));
      ctx.events.record(job, 'Normal', 'Suspended', 'Job suspended', source);
    }
    delete status.startTime;
    writeStatus(ctx, job, { ...status, conditions, active: 0, ready: 0 });
    return;
  }
  if (suspendedCondition?.status === 'True') {
    replaceCondition(conditions, condition(now, 'Suspended', 'False', 'JobResumed', 'Job resumed'));
    ctx.events.record(job, 'Normal', 'Resumed', 'Job resumed', source);
  }
  if (!status.startTime) status.startTime = rfc3339(now);

  // Decide whether the Job has reached an end.
  const restartsOnFailure = spec.template?.spec?.restartPolicy === 'OnFailure';
  const restartFailures = restartsOnFailure
    ? active.reduce((sum, pod) => sum + [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].reduce((s: number, cs: { restartCount?: number }) => s + (cs.restartCount ?? 0), 0), 0)
    : 0;
  const startedAt = parseRfc3339(status.startTime) ?? now;
  const deadline: number | undefined = spec.activeDeadlineSeconds;
  let failureTarget = conditions.find((c) => c.type === 'FailureTarget' && c.status === 'True');
  let successMet = conditions.find((c) => c.type === 'SuccessCriteriaMet' && c.status === 'True');
  if (!failureTarget && !successMet) {
    const complete = completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0;
    if (complete) {
      successMet = condition(now, 'SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods');
      conditions.push(successMet);
    } else if (failed > backoffLimit || (restartsOnFailure && (backoffLimit === 0 ? restartFailures > 0 : restartFailures >= backoffLimit))) {
      failureTarget = condition(now, 'FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
      conditions.push(failureTarget);
    } else if (deadline !== undefined && now >= startedAt + deadline * 1000) {
      failureTarget = condition(now, 'FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline');
      conditions.push(failureTarget);
    }
  }

  if (failureTarget || successMet) {
    // Stop what still runs; finish once nothing is left running.
    for (const pod of active) deletePod(ctx, job, pod);
    const stillRunning = pods.some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !active.includes(p) && isTerminating(p));
    if (active.length === 0 && !stillRunning) {
      if (successMet) {
        conditions.push(condition(now, 'Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'));
        status.completionTime = rfc3339(now);
        ctx.events.record(job, 'Normal', 'Completed', 'Job completed', source);
      } else if (failureTarget) {
        conditions.push(condition(now, 'Failed', 'True', failureTarget.reason!, failureTarget.message!));
        ctx.events.record(job, 'Warning', failureTarget.reason!, failureTarget.message!, source);
      }
    }
    writeStatus(ctx, job, { ...status, conditions, active: active.length, ready: active.filter(isReady).length });
    const written = tryGet(ctx, 'Job', namespace, name);
    if (written && jobFinished(written)) scheduleTtl(ctx, written, later);
    return;
  }

  // Keep the right number of pods running.
  const remaining = completions !== undefined ? completions - succeeded : succeeded > 0 ? 0 : parallelism;
  const wantActive = Math.max(0, Math.min(parallelism, remaining));
  let activeCount = active.length;
  if (activeCount > wantActive) {
    for (const pod of sortForDeletion(active).slice(0, activeCount - wantActive)) deletePod(ctx, job, pod);
    activeCount = wantActive;
  } else if (activeCount < wantActive) {
    const delay = failed > 0 ? Math.min(initialBackoffMs * 2 ** (failed - 1), maxBackoffMs) : 0;
    const due = mem.lastFailureAt + delay;
    if (failed > 0 && mem.lastFailureAt > 0 && due > now) {
      later(due - now, 'job-backoff');
    } else {
      const labels: Record<string, string> = {
        'batch.kubernetes.io/controller-uid': job.metadata.uid!,
        'batch.kubernetes.io/job-name': job.metadata.name!,
        'controller-uid': job.metadata.uid!,
        'job-name': job.metadata.name!,
      };
      for (let i = activeCount; i < wantActive; i++) {
        const { pod } = createPodFromTemplate(ctx, job, spec.template, labels);
        if (!pod) break;
        ctx.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, source);
        activeCount += 1;
      }
    }
  }
  if (deadline !== undefined) later(Math.max(0, startedAt + deadline * 1000 - now), 'job-active-deadline');
  writeStatus(ctx, job, { ...status, conditions, active: activeCount, ready: active.filter(isReady).length });
}

function replaceCondition(conditions: JobCondition[], wanted: JobCondition): void {
  const index = conditions.findIndex((c) => c.type === wanted.type);
  if (index >= 0) conditions[index] = wanted;
  else conditions.push(wanted);
}

function deletePod(ctx: EngineContext, job: KubeObject, pod: KubeObject): void {
  if (tryWrite(() => ctx.api.delete('Pod', pod.metadata.namespace, pod.metadata.name!))) {
    ctx.events.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, source);
  }
}

function writeStatus(ctx: EngineContext, job: KubeObject, status: any): void {
  if (!status.active) delete status.active;
  if (status.conditions?.length === 0) delete status.conditions;
  status.uncountedTerminatedPods = status.uncountedTerminatedPods ?? {};
  if (deepEqual(status, job.status ?? {})) return;
  job.status = status;
  tryWrite(() => ctx.api.updateStatus(job));
}

/** The TTL-after-finished controller: deletes the Job (and, in the foreground, its pods). */
function scheduleTtl(ctx: EngineContext, job: KubeObject, later: (ms: number, label: string) => void): void {
  const ttl: number | undefined = job.spec?.ttlSecondsAfterFinished;
  if (ttl === undefined || ttl === null) return;
  const finishedAt = (job.status?.conditions ?? [])
    .filter((c: JobCondition) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')
    .map((c: JobCondition) => parseRfc3339(c.lastTransitionTime) ?? ctx.clock.now())[0];
  const due = (finishedAt ?? ctx.clock.now()) + ttl * 1000;
  if (due <= ctx.clock.now()) {
    tryWrite(() => ctx.api.delete('Job', job.metadata.namespace, job.metadata.name!, { propagationPolicy: 'Foreground' }));
  } else {
    later(due - ctx.clock.now(), 'job-ttl');
  }
}
