// `kubectl describe` for controllers: Deployment, ReplicaSet, ReplicationController, DaemonSet,
// Job and CronJob, each with the shared `Pod Template:` block.

import type { KubeObject, PodTemplateSpec } from '../../api/types';
import { humanDuration, parseRfc3339 } from '../../time';
import { formatLabels, formatLabelSelector } from './cells';
import { DescribeWriter } from './describe-writer';
import { writeContainers, writeVolumes } from './describe-pod';
import { controllerOf, describeTime, eventsFor, writeAnnotations, writeEvents, writeLabels, writeTolerations, type DescribeContext } from './describe-common';

export function writePodTemplate(w: DescribeWriter, template: PodTemplateSpec | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!template) {
    w.write(1, '<unset>');
    return;
  }
  const spec = template.spec ?? { containers: [] };
  writeLabels(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) writeAnnotations(w, '  Annotations', template.metadata?.annotations);
  if (spec.serviceAccountName) w.line(1, 'Service Account:', spec.serviceAccountName);
  if ((spec.initContainers ?? []).length > 0) writeContainers(w, 'Init Containers', spec.initContainers ?? [], undefined, undefined, '  ');
  writeContainers(w, 'Containers', spec.containers ?? [], undefined, undefined, '  ');
  writeVolumes(w, spec.volumes, '  ');
  if (spec.priorityClassName) w.line(1, 'Priority Class Name:', String(spec.priorityClassName));
  writeLabels(w, '  Node-Selectors', spec.nodeSelector);
  writeTolerations(w, '  Tolerations', spec.tolerations);
}

function writeConditions(w: DescribeWriter, obj: KubeObject): void {
  const conditions: { type: string; status: string; reason?: string }[] = obj.status?.conditions ?? [];
  if (conditions.length === 0) return;
  w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.line(1, '----', '------', '------');
  for (const c of conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}

/** Pods the controller owns, counted by phase: `3 Running / 0 Waiting / 0 Succeeded / 0 Failed`. */
function podsStatus(obj: KubeObject, ctx: DescribeContext): string {
  let pods: KubeObject[] = [];
  try {
    pods = ctx.api.list('Pod', obj.metadata.namespace);
  } catch {
    pods = [];
  }
  const owned = pods.filter((p) => (p.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === obj.metadata.uid));
  const count = (phase: string): number => owned.filter((p) => p.status?.phase === phase).length;
  return `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`;
}

function withoutHash(template: PodTemplateSpec | undefined): string {
  const copy = JSON.parse(JSON.stringify(template ?? {}));
  if (copy.metadata?.labels) delete copy.metadata.labels['pod-template-hash'];
  return JSON.stringify(copy, Object.keys(flattenKeys(copy)).sort());
}

function flattenKeys(value: unknown, into: Record<string, true> = {}): Record<string, true> {
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      into[k] = true;
      flattenKeys(v, into);
    }
  }
  return into;
}

function replicaSetsText(sets: KubeObject[]): string {
  if (sets.length === 0) return '<none>';
  return sets.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
}

export function describeDeployment(d: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', d.metadata.name ?? '');
  w.line(0, 'Namespace:', d.metadata.namespace ?? '');
  w.line(0, 'CreationTimestamp:', describeTime(d.metadata.creationTimestamp));
  writeLabels(w, 'Labels', d.metadata.labels);
  writeAnnotations(w, 'Annotations', d.metadata.annotations);
  w.line(0, 'Selector:', formatLabelSelector(d.spec?.selector));
  const s = d.status ?? {};
  w.line(0, 'Replicas:', `${d.spec?.replicas ?? 0} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable`);
  w.line(0, 'StrategyType:', d.spec?.strategy?.type ?? '');
  w.line(0, 'MinReadySeconds:', d.spec?.minReadySeconds ?? 0);
  const rolling = d.spec?.strategy?.rollingUpdate;
  if (rolling) w.line(0, 'RollingUpdateStrategy:', `${rolling.maxUnavailable ?? '25%'} max unavailable, ${rolling.maxSurge ?? '25%'} max surge`);
  writePodTemplate(w, d.spec?.template);
  writeConditions(w, d);
  let sets: KubeObject[] = [];
  try {
    sets = ctx.api.list('ReplicaSet', d.metadata.namespace).filter((rs) => (rs.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === d.metadata.uid));
  } catch {
    sets = [];
  }
  const wanted = withoutHash(d.spec?.template);
  const newSet = sets.find((rs) => withoutHash(rs.spec?.template) === wanted);
  const oldSets = sets.filter((rs) => rs !== newSet && (rs.spec?.replicas ?? 0) !== 0);
  w.line(0, 'OldReplicaSets:', replicaSetsText(oldSets));
  w.line(0, 'NewReplicaSet:', replicaSetsText(newSet ? [newSet] : []));
  writeEvents(w, eventsFor(d, ctx), ctx.now);
  return w.toString();
}

export function describeReplicaSet(rs: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const isRC = rs.kind === 'ReplicationController';
  w.line(0, 'Name:', rs.metadata.name ?? '');
  w.line(0, 'Namespace:', rs.metadata.namespace ?? '');
  w.line(0, 'Selector:', isRC ? formatLabels(rs.spec?.selector) : formatLabelSelector(rs.spec?.selector));
  writeLabels(w, 'Labels', rs.metadata.labels);
  writeAnnotations(w, 'Annotations', rs.metadata.annotations);
  const controller = controllerOf(rs);
  if (!isRC && controller) w.line(0, 'Controlled By:', controller);
  w.line(0, 'Replicas:', `${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired`);
  w.line(0, 'Pods Status:', podsStatus(rs, ctx));
  writePodTemplate(w, rs.spec?.template);
  writeConditions(w, rs);
  writeEvents(w, eventsFor(rs, ctx), ctx.now);
  return w.toString();
}

export function describeDaemonSet(ds: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const s = ds.status ?? {};
  w.line(0, 'Name:', ds.metadata.name ?? '');
  w.line(0, 'Selector:', formatLabelSelector(ds.spec?.selector));
  w.line(0, 'Node-Selector:', formatLabels(ds.spec?.template?.spec?.nodeSelector));
  writeLabels(w, 'Labels', ds.metadata.labels);
  writeAnnotations(w, 'Annotations', ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${s.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${s.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${s.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${s.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${s.numberMisscheduled ?? 0}\n`);
  w.line(0, 'Pods Status:', podsStatus(ds, ctx));
  writePodTemplate(w, ds.spec?.template);
  writeEvents(w, eventsFor(ds, ctx), ctx.now);
  return w.toString();
}

export function describeJob(job: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = job.spec ?? {};
  const s = job.status ?? {};
  w.line(0, 'Name:', job.metadata.name ?? '');
  w.line(0, 'Namespace:', job.metadata.namespace ?? '');
  w.line(0, 'Selector:', spec.selector ? formatLabelSelector(spec.selector).replace(/^<none>$/, '') : '');
  writeLabels(w, 'Labels', job.metadata.labels);
  writeAnnotations(w, 'Annotations', job.metadata.annotations);
  const controller = controllerOf(job);
  if (controller) w.line(0, 'Controlled By:', controller);
  if (typeof spec.parallelism === 'number') w.line(0, 'Parallelism:', spec.parallelism);
  w.line(0, 'Completions:', typeof spec.completions === 'number' ? spec.completions : '<unset>');
  if (spec.completionMode) w.line(0, 'Completion Mode:', spec.completionMode);
  if (typeof spec.suspend === 'boolean') w.line(0, 'Suspend:', String(spec.suspend));
  if (typeof spec.backoffLimit === 'number') w.line(0, 'Backoff Limit:', spec.backoffLimit);
  if (typeof spec.ttlSecondsAfterFinished === 'number') w.line(0, 'TTL Seconds After Finished:', spec.ttlSecondsAfterFinished);
  if (s.startTime) w.line(0, 'Start Time:', describeTime(s.startTime));
  if (s.completionTime) w.line(0, 'Completed At:', describeTime(s.completionTime));
  const start = parseRfc3339(s.startTime);
  const end = parseRfc3339(s.completionTime);
  if (start !== undefined && end !== undefined) w.line(0, 'Duration:', humanDuration(end - start));
  if (typeof spec.activeDeadlineSeconds === 'number') w.line(0, 'Active Deadline Seconds:', `${spec.activeDeadlineSeconds}s`);
  if (typeof s.ready === 'number') w.line(0, 'Pods Statuses:', `${s.active ?? 0} Active (${s.ready} Ready) / ${s.succeeded ?? 0} Succeeded / ${s.failed ?? 0} Failed`);
  else w.line(0, 'Pods Statuses:', `${s.active ?? 0} Active / ${s.succeeded ?? 0} Succeeded / ${s.failed ?? 0} Failed`);
  if (spec.completionMode === 'Indexed') w.line(0, 'Completed Indexes:', capIndexes(s.completedIndexes ?? '', 50));
  writePodTemplate(w, spec.template);
  writeEvents(w, eventsFor(job, ctx), ctx.now);
  return w.toString();
}

/** A long list of indexes is cut at the first comma from the 50th character on, marked `...`, as kubectl does. */
function capIndexes(indexes: string, softLimit: number): string {
  if (indexes === '') return '<none>';
  const comma = indexes.indexOf(',', softLimit);
  return comma < 0 ? indexes : `${indexes.slice(0, comma + 1)}...`;
}

export function describeCronJob(cj: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const spec = cj.spec ?? {};
  const jobSpec = spec.jobTemplate?.spec ?? {};
  w.line(0, 'Name:', cj.metadata.name ?? '');
  w.line(0, 'Namespace:', cj.metadata.namespace ?? '');
  writeLabels(w, 'Labels', cj.metadata.labels);
  writeAnnotations(w, 'Annotations', cj.metadata.annotations);
  w.line(0, 'Schedule:', spec.schedule ?? '');
  w.line(0, 'Concurrency Policy:', spec.concurrencyPolicy ?? '');
  w.line(0, 'Suspend:', spec.suspend === undefined ? '<unset>' : spec.suspend ? 'True' : 'False');
  w.line(0, 'Successful Job History Limit:', typeof spec.successfulJobsHistoryLimit === 'number' ? spec.successfulJobsHistoryLimit : '<unset>');
  w.line(0, 'Failed Job History Limit:', typeof spec.failedJobsHistoryLimit === 'number' ? spec.failedJobsHistoryLimit : '<unset>');
  w.line(0, 'Starting Deadline Seconds:', typeof spec.startingDeadlineSeconds === 'number' ? `${spec.startingDeadlineSeconds}s` : '<unset>');
  w.line(0, 'Selector:', jobSpec.selector ? formatLabelSelector(jobSpec.selector) : '<unset>');
  w.line(0, 'Parallelism:', typeof jobSpec.parallelism === 'number' ? jobSpec.parallelism : '<unset>');
  w.line(0, 'Completions:', typeof jobSpec.completions === 'number' ? jobSpec.completions : '<unset>');
  if (typeof jobSpec.activeDeadlineSeconds === 'number') w.line(0, 'Active Deadline Seconds:', `${jobSpec.activeDeadlineSeconds}s`);
  writePodTemplate(w, jobSpec.template);
  w.line(0, 'Last Schedule Time:', cj.status?.lastScheduleTime ? describeTime(cj.status.lastScheduleTime) : '<unset>');
  const active: { name: string }[] = cj.status?.active ?? [];
  w.line(0, 'Active Jobs:', active.length === 0 ? '<none>' : active.map((j) => j.name).join(', '));
  writeEvents(w, eventsFor(cj, ctx), ctx.now);
  return w.toString();
}
