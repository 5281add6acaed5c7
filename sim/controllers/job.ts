// The Job controller (pkg/controller/job, 1.32): runs pods to `completions` successes with at most
// `parallelism` at once, replaces failed pods after an exponential back-off, and finishes with
// SuccessCriteriaMet+Complete or FailureTarget+Failed. Also ttlSecondsAfterFinished, Indexed
// completion (job-indexes.ts) with backoffLimitPerIndex and successPolicy, and podFailurePolicy
// (job-failure-policy.ts).
import type { EngineContext, TimerHandle } from '../engine-context';
import type { KubeObject } from '../api/types';
import type { WatchEvent } from '../api/server';
import { deepEqual } from '../api/object-utils';
import { parseRfc3339, rfc3339 } from '../time';
import { controllerRefOf, isControlledBy } from './owner-references';
import { isReady, isTerminating } from './pod-state';
import { createPodFromTemplate, generatedNameBase } from './pod-template';
import { sortForDeletion } from './pod-deletion-order';
import { keyOf, splitKey, tryGet, tryWrite, enqueueGuarded } from './api-helpers';
import { inform } from './informer';
import { completionIndexOf, formatIntervals, indexFailureCountKey, indexIgnoredFailureCountKey, matchSuccessPolicy, parseIntervals, templateForIndex } from './job-indexes';
import { matchPodFailurePolicy } from './job-failure-policy';

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

interface IndexFailures {
  failed: number;
  ignored: number;
  lastFailureAt: number;
}

/** What the controller remembers between syncs of one Job (the real one keeps it in finalizers). */
interface JobMemory {
  countedSucceeded: Set<string>;
  countedFailed: Set<string>;
  lastFailureAt: number;
  /** Indexed Jobs: failures per index, counted and ignored, for the replacement pods' annotations. */
  indexFailures: Map<number, IndexFailures>;
  /** One pending wake-up per purpose (back-off, deadline, ttl). */
  timers: Map<string, TimerHandle>;
  /** Pods that left before a sync counted them, as they were last seen (the job-tracking finalizer's work). */
  departed: KubeObject[];
  /** Pods this controller deleted itself (suspend, scale-down, finish): their deletion is no failure of theirs. */
  deletedByController: Set<string>;
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
    if (ref?.kind !== 'Job') return;
    if (event.type === 'DELETED') memory.get(ref.uid)?.departed.push(event.object);
    enqueue(`${event.object.metadata.namespace}/${ref.name}`);
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
      indexFailures: new Map(),
      timers: new Map(),
      departed: [],
      deletedByController: new Set(),
    };
    memory.set(job.metadata.uid!, mem);
  }
  // Pods that left since the last sync; those this controller deleted are done with.
  const departed = mem.departed.filter((pod) => !mem!.deletedByController.delete(pod.metadata.uid!)).map(terminalState);
  mem.departed = [];
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
  const indexed = spec.completionMode === 'Indexed' && completions !== undefined;
  const perIndexLimit: number | undefined = indexed && typeof spec.backoffLimitPerIndex === 'number' ? spec.backoffLimitPerIndex : undefined;
  // With backoffLimitPerIndex the API server leaves backoffLimit at its maximum.
  const backoffLimit: number = spec.backoffLimit ?? (perIndexLimit !== undefined ? 2147483647 : 6);
  const succeededIndexes = indexed ? parseIntervals(status.completedIndexes) : new Set<number>();
  const failedIndexes = indexed ? parseIntervals(status.failedIndexes) : new Set<number>();
  let failJobMessage: string | undefined;

  // Count newly finished pods once, those that left since the last sync in the state the kubelet ended them in.
  const onlyFailedCount = spec.podFailurePolicy != null || spec.podReplacementPolicy === 'Failed';
  for (const pod of [...pods, ...departed]) {
    const uid = pod.metadata.uid!;
    const index = indexed ? completionIndexOf(pod) : undefined;
    if (pod.status?.phase === 'Succeeded' && !mem.countedSucceeded.has(uid)) {
      mem.countedSucceeded.add(uid);
      if (!indexed) status.succeeded = (status.succeeded ?? 0) + 1;
      else if (index !== undefined && index < completions!) succeededIndexes.add(index);
    } else if (isPodFailed(pod, onlyFailedCount, mem.deletedByController) && !mem.countedFailed.has(uid)) {
      mem.countedFailed.add(uid);
      const match = matchPodFailurePolicy(spec.podFailurePolicy, pod);
      failJobMessage ??= match.failJobMessage;
      if (match.counts) {
        status.failed = (status.failed ?? 0) + 1;
        mem.lastFailureAt = now;
      }
      if (perIndexLimit !== undefined && index !== undefined && index < completions!) {
        const previous = mem.indexFailures.get(index) ?? podIndexFailures(pod);
        const counts = match.counts ? { ...previous, failed: previous.failed + 1, lastFailureAt: now } : { ...previous, ignored: previous.ignored + 1 };
        mem.indexFailures.set(index, counts);
        if (match.action === 'FailIndex' || counts.failed > perIndexLimit) failedIndexes.add(index);
      }
    }
  }
  const active = pods.filter((p) => !isTerminating(p) && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  if (indexed) {
    status.succeeded = succeededIndexes.size;
    status.completedIndexes = formatIntervals(succeededIndexes);
    if (perIndexLimit !== undefined) status.failedIndexes = formatIntervals(failedIndexes);
  }
  const succeeded: number = status.succeeded ?? 0;
  const failed: number = status.failed ?? 0;

  // Suspend and resume.
  const suspended = spec.suspend === true;
  const suspendedCondition = conditions.find((c) => c.type === 'Suspended');
  if (suspended) {
    for (const pod of active) deletePod(ctx, job, pod, mem);
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
    // A met success policy names the reason even when all completions are in; terminating policies come first.
    const matchedPolicy = indexed ? matchSuccessPolicy(spec.successPolicy?.rules, completions!, succeededIndexes) : undefined;
    if (failJobMessage) {
      failureTarget = condition(now, 'FailureTarget', 'True', 'PodFailurePolicy', failJobMessage);
      conditions.push(failureTarget);
    } else if (complete && !matchedPolicy) {
      successMet = condition(now, 'SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods');
      conditions.push(successMet);
    } else if (failed > backoffLimit || (restartsOnFailure && (backoffLimit === 0 ? restartFailures > 0 : restartFailures >= backoffLimit))) {
      failureTarget = condition(now, 'FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
      conditions.push(failureTarget);
    } else if (deadline !== undefined && now >= startedAt + deadline * 1000) {
      failureTarget = condition(now, 'FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline');
      conditions.push(failureTarget);
    } else if (perIndexLimit !== undefined && typeof spec.maxFailedIndexes === 'number' && failedIndexes.size > spec.maxFailedIndexes) {
      failureTarget = condition(now, 'FailureTarget', 'True', 'MaxFailedIndexesExceeded', 'Job has exceeded the specified maximal number of failed indexes');
      conditions.push(failureTarget);
    } else if (failedIndexes.size > 0 && failedIndexes.size + succeeded >= completions!) {
      failureTarget = condition(now, 'FailureTarget', 'True', 'FailedIndexes', 'Job has failed indexes');
      conditions.push(failureTarget);
    } else if (matchedPolicy) {
      successMet = condition(now, 'SuccessCriteriaMet', 'True', 'SuccessPolicy', matchedPolicy);
      conditions.push(successMet);
    }
  }

  if (failureTarget || successMet) {
    // Stop what still runs; finish once nothing is left running.
    for (const pod of active) deletePod(ctx, job, pod, mem);
    const stillRunning = pods.some((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed' && !active.includes(p) && isTerminating(p));
    if (active.length === 0 && !stillRunning) {
      if (successMet) {
        conditions.push(condition(now, 'Complete', 'True', successMet.reason!, successMet.message!));
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
  const remaining = completions !== undefined ? completions - succeeded - failedIndexes.size : succeeded > 0 ? 0 : parallelism;
  const wantActive = Math.max(0, Math.min(parallelism, remaining));
  let activeCount = active.length;
  if (activeCount > wantActive) {
    for (const pod of sortForDeletion(active).slice(0, activeCount - wantActive)) deletePod(ctx, job, pod, mem);
    activeCount = wantActive;
  } else if (activeCount < wantActive) {
    const due = backoffDue(mem.lastFailureAt, failed);
    // With backoffLimitPerIndex each index backs off on its own failures instead.
    if (perIndexLimit === undefined && failed > 0 && mem.lastFailureAt > 0 && due > now) {
      later(due - now, 'job-backoff');
    } else {
      const labels: Record<string, string> = {
        'batch.kubernetes.io/controller-uid': job.metadata.uid!,
        'batch.kubernetes.io/job-name': job.metadata.name!,
        'controller-uid': job.metadata.uid!,
        'job-name': job.metadata.name!,
      };
      // Indexed Jobs start the lowest indexes that are neither done, failed nor running.
      const taken = new Set([...succeededIndexes, ...failedIndexes, ...active.map(completionIndexOf)]);
      const notDue = (i: number): number | undefined => {
        const failures = perIndexLimit !== undefined ? mem.indexFailures.get(i) : undefined;
        const indexDue = failures ? backoffDue(failures.lastFailureAt, failures.failed) : 0;
        return indexDue > now ? indexDue : undefined;
      };
      const freeIndexes = indexed ? [...Array(completions).keys()].filter((i) => !taken.has(i) && notDue(i) === undefined) : [];
      const nextDue = indexed ? Math.min(...[...Array(completions).keys()].filter((i) => !taken.has(i)).map((i) => notDue(i) ?? Infinity)) : Infinity;
      if (nextDue !== Infinity) later(nextDue - now, 'job-backoff');
      for (let i = activeCount; i < wantActive; i++) {
        const index = freeIndexes.shift();
        if (indexed && index === undefined) break;
        const { pod, error } =
          index === undefined
            ? createPodFromTemplate(ctx, job, spec.template, labels)
            : createPodFromTemplate(ctx, job, templateForIndex(job, spec.template, index, perIndexLimit !== undefined ? mem.indexFailures.get(index) ?? { failed: 0, ignored: 0, lastFailureAt: 0 } : undefined), labels, generatedNameBase(`${job.metadata.name}-${index}`));
        if (!pod) {
          // The pod control's event when admission refuses the pod (PodSecurity, a quota).
          if (error) ctx.events.record(job, 'Warning', 'FailedCreate', `Error creating: ${error.message}`, source);
          break;
        }
        ctx.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, source);
        activeCount += 1;
      }
    }
  }
  if (deadline !== undefined) later(Math.max(0, startedAt + deadline * 1000 - now), 'job-active-deadline');
  writeStatus(ctx, job, { ...status, conditions, active: activeCount, ready: active.filter(isReady).length });
}

/**
 * The job controller's isPodFailed: a Failed pod, or, unless only Failed pods are replaced (a
 * podFailurePolicy, or podReplacementPolicy Failed), one deleted before it succeeded.
 */
function isPodFailed(pod: KubeObject, onlyFailedCount: boolean, deletedByController: Set<string>): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (onlyFailedCount || deletedByController.has(pod.metadata.uid!)) return false;
  return !!pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded';
}

/**
 * A pod as the kubelet ends it when it is deleted before finishing (1.27 and later): in a terminal
 * phase, Failed unless every container succeeded, its conditions kept. The real controller sees
 * this state because its finalizer holds the pod until counted.
 */
function terminalState(pod: KubeObject): KubeObject {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return pod;
  const statuses: { state?: { terminated?: { exitCode: number } } }[] = pod.status?.containerStatuses ?? [];
  const succeeded = statuses.length > 0 && statuses.every((s) => s.state?.terminated?.exitCode === 0);
  return { ...pod, status: { ...pod.status, phase: succeeded ? 'Succeeded' : 'Failed' } };
}

/** When the next pod may start after `failed` failures, the last at `lastFailureAt`: 10 s doubling up to 10 min. */
function backoffDue(lastFailureAt: number, failed: number): number {
  if (failed <= 0 || lastFailureAt <= 0) return 0;
  return lastFailureAt + Math.min(initialBackoffMs * 2 ** (failed - 1), maxBackoffMs);
}

/** The failures a pod's index had before it, from the annotations the controller put on it. */
function podIndexFailures(pod: KubeObject): IndexFailures {
  const annotations = pod.metadata.annotations ?? {};
  return { failed: Number(annotations[indexFailureCountKey] ?? 0) || 0, ignored: Number(annotations[indexIgnoredFailureCountKey] ?? 0) || 0, lastFailureAt: 0 };
}

function replaceCondition(conditions: JobCondition[], wanted: JobCondition): void {
  const index = conditions.findIndex((c) => c.type === wanted.type);
  if (index >= 0) conditions[index] = wanted;
  else conditions.push(wanted);
}

function deletePod(ctx: EngineContext, job: KubeObject, pod: KubeObject, mem: JobMemory): void {
  mem.deletedByController.add(pod.metadata.uid!);
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
