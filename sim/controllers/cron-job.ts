// The CronJob controller (pkg/controller/cronjob, v2): creates Jobs `<cronjob>-<minutes since
// epoch>` at the scheduled times of the virtual clock, with concurrencyPolicy, suspend,
// startingDeadlineSeconds, history limits, and the status fields active/lastScheduleTime/lastSuccessfulTime.
import type { EngineContext, TimerHandle } from '../engine-context';
import type { KubeObject, ObjectReference } from '../api/types';
import type { WatchEvent } from '../api/server';
import { deepClone, deepEqual } from '../api/object-utils';
import { parseRfc3339, rfc1123z, rfc3339 } from '../time';
import { controllerRefOf, controllerRefTo, isControlledBy } from './owner-references';
import { jobFinished } from './job';
import { CronSyntaxError, nextScheduleTime, parseCronSchedule, type CronSchedule } from './cron-schedule';
import { keyOf, splitKey, tryGet, tryWrite, enqueueGuarded } from './api-helpers';
import { inform } from './informer';

const source = { component: 'cronjob-controller' };
export const scheduledTimestampAnnotation = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

export function cronJobName(cronJob: string, scheduledMs: number): string {
  return `${cronJob}-${Math.floor(scheduledMs / 60_000)}`;
}

export function startCronJobController(ctx: EngineContext): void {
  const timers = new Map<string, TimerHandle>();
  const enqueue = (key: string) => enqueueGuarded(ctx, `cronjob/${key}`, () => syncCronJob(ctx, key, timers, enqueue));
  inform(ctx, 'CronJob', (event: WatchEvent) => {
    const key = keyOf(event.object);
    if (event.type === 'DELETED') {
      timers.get(key)?.cancel();
      timers.delete(key);
      return;
    }
    enqueue(key);
  });
  inform(ctx, 'Job', (event: WatchEvent) => {
    const ref = controllerRefOf(event.object);
    if (ref?.kind === 'CronJob') enqueue(`${event.object.metadata.namespace}/${ref.name}`);
  });
}

/** The latest schedule time in (earliest, now], if any. */
function mostRecentScheduleTime(schedule: CronSchedule, earliest: number, now: number): number | undefined {
  let latest: number | undefined;
  let t = nextScheduleTime(schedule, earliest);
  while (t !== undefined && t <= now) {
    latest = t;
    t = nextScheduleTime(schedule, t);
  }
  return latest;
}

function jobRef(job: KubeObject): ObjectReference {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    name: job.metadata.name,
    namespace: job.metadata.namespace,
    resourceVersion: job.metadata.resourceVersion,
    uid: job.metadata.uid,
  };
}

function syncCronJob(ctx: EngineContext, key: string, timers: Map<string, TimerHandle>, enqueue: (key: string) => void): void {
  const [namespace, name] = splitKey(key);
  const cronJob = tryGet(ctx, 'CronJob', namespace, name);
  if (!cronJob) return;
  const now = ctx.clock.now();
  const status: any = deepClone(cronJob.status ?? {});
  let active: ObjectReference[] = [...(status.active ?? [])];
  const jobs = ctx.api.list('Job', namespace).filter((job) => isControlledBy(job, cronJob));

  // Reconcile the active list with the Jobs that exist.
  active = active.filter((ref) => jobs.some((job) => job.metadata.uid === ref.uid));
  for (const job of jobs) {
    const finished = jobFinished(job);
    const listed = active.some((ref) => ref.uid === job.metadata.uid);
    if (finished) {
      if (listed) {
        active = active.filter((ref) => ref.uid !== job.metadata.uid);
        ctx.events.record(cronJob, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, condition: ${finished}`, source);
      }
      const completedAt = parseRfc3339(job.status?.completionTime);
      if (finished === 'Complete' && completedAt !== undefined && completedAt > (parseRfc3339(status.lastSuccessfulTime) ?? 0)) {
        status.lastSuccessfulTime = job.status.completionTime;
      }
    } else if (!listed && !job.metadata.deletionTimestamp) {
      active.push(jobRef(job));
    }
  }
  cleanupHistory(ctx, cronJob, jobs);

  const finish = () => {
    status.active = active.length > 0 ? active : undefined;
    if (!status.active) delete status.active;
    if (!deepEqual(status, cronJob.status ?? {})) {
      cronJob.status = status;
      tryWrite(() => ctx.api.updateStatus(cronJob));
    }
  };
  if (cronJob.metadata.deletionTimestamp) return finish();

  let schedule: CronSchedule;
  try {
    schedule = parseCronSchedule(cronJob.spec?.schedule ?? '');
  } catch (error) {
    if (!(error instanceof CronSyntaxError)) throw error;
    ctx.events.record(cronJob, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${cronJob.spec?.schedule}" : ${error.message}`, source);
    return finish();
  }
  const requeueAtNext = () => {
    timers.get(key)?.cancel();
    const next = nextScheduleTime(schedule, now);
    if (next !== undefined) timers.set(key, ctx.clock.schedule(next, () => enqueue(key), 'cronjob-schedule'));
  };
  if (cronJob.spec?.suspend) {
    finish();
    return requeueAtNext();
  }

  const deadline: number | undefined = cronJob.spec?.startingDeadlineSeconds ?? undefined;
  let earliest = parseRfc3339(status.lastScheduleTime) ?? parseRfc3339(cronJob.metadata.creationTimestamp) ?? now;
  if (deadline !== undefined && now - deadline * 1000 > earliest) earliest = now - deadline * 1000;
  const scheduled = mostRecentScheduleTime(schedule, earliest, now);
  if (scheduled === undefined) {
    finish();
    return requeueAtNext();
  }
  if (deadline !== undefined && scheduled + deadline * 1000 < now) {
    ctx.events.record(cronJob, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`, source);
    finish();
    return requeueAtNext();
  }
  const jobName = cronJobName(name, scheduled);
  if (active.some((ref) => ref.name === jobName) || status.lastScheduleTime === rfc3339(scheduled)) {
    finish();
    return requeueAtNext();
  }
  const policy = cronJob.spec?.concurrencyPolicy ?? 'Allow';
  if (policy === 'Forbid' && active.length > 0) {
    ctx.events.record(cronJob, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid', source);
    finish();
    // Try again once the running Job finishes (its watch event) or at the next time.
    return requeueAtNext();
  }
  if (policy === 'Replace') {
    for (const ref of active) {
      if (tryWrite(() => ctx.api.delete('Job', namespace, ref.name!, { propagationPolicy: 'Background' }))) {
        ctx.events.record(cronJob, 'Normal', 'SuccessfulDelete', `Deleted job ${ref.name}`, source);
      }
    }
    active = [];
  }

  const template = cronJob.spec?.jobTemplate ?? {};
  const job: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName,
      namespace,
      labels: { ...(template.metadata?.labels ?? {}) },
      annotations: { ...(template.metadata?.annotations ?? {}), [scheduledTimestampAnnotation]: rfc3339(scheduled) },
      ownerReferences: [controllerRefTo(cronJob)],
    },
    spec: deepClone(template.spec ?? {}),
  };
  if (Object.keys(job.metadata.labels!).length === 0) delete job.metadata.labels;
  const created = tryWrite(() => ctx.api.create(job));
  if (created) {
    ctx.events.record(cronJob, 'Normal', 'SuccessfulCreate', `Created job ${jobName}`, source);
    active.push(jobRef(created));
  }
  status.lastScheduleTime = rfc3339(scheduled);
  finish();
  requeueAtNext();
}

/** Keeps successfulJobsHistoryLimit (3) finished and failedJobsHistoryLimit (1) failed Jobs. */
function cleanupHistory(ctx: EngineContext, cronJob: KubeObject, jobs: KubeObject[]): void {
  const byStart = (a: KubeObject, b: KubeObject) =>
    (parseRfc3339(a.status?.startTime ?? a.metadata.creationTimestamp) ?? 0) - (parseRfc3339(b.status?.startTime ?? b.metadata.creationTimestamp) ?? 0);
  for (const [outcome, limit] of [
    ['Complete', cronJob.spec?.successfulJobsHistoryLimit ?? 3],
    ['Failed', cronJob.spec?.failedJobsHistoryLimit ?? 1],
  ] as const) {
    const finished = jobs.filter((job) => jobFinished(job) === outcome && !job.metadata.deletionTimestamp).sort(byStart);
    for (const job of finished.slice(0, Math.max(0, finished.length - limit))) {
      if (tryWrite(() => ctx.api.delete('Job', job.metadata.namespace, job.metadata.name!, { propagationPolicy: 'Background' }))) {
        ctx.events.record(cronJob, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`, source);
      }
    }
  }
}
