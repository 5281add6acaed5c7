// `kubectl rollout status|history|undo|restart|pause|resume` for deployments; status, history, undo and
// restart for daemon sets and StatefulSets; named as TYPE NAME or by -f or -k.

import { checkOutputFormat, objectRef, printResult, refusing } from './common';
import type { KubeObject } from '../../api/types';
import type { Program } from '../../process';
import { rfc3339 } from '../../time';
import type { Invocation, Implementations } from '../command';
import { plainError } from '../errors';
import { tabwrite, describeSettings } from '../printers/tabwriter';
import { DescribeWriter } from '../printers/describe-writer';
import { writePodTemplate } from '../printers/describe-workloads';
import { parseResourceArgs } from '../resource-args';
import { hasFileArgs, namesOfFileArgs, refuseResourceArgsWithFiles, type ObjectName } from '../manifests';
import { requestTimeoutMs } from './streaming';

const revisionAnnotation = 'deployment.kubernetes.io/revision';
const changeCauseAnnotation = 'kubernetes.io/change-cause';

/**
 * The objects a rollout command names: those -f or -k names (a failed build printed after
 * `errorPrefix`), else the first name of TYPE NAME.
 */
function named(inv: Invocation, errorPrefix = 'error: '): ObjectName[] {
  if (hasFileArgs(inv)) {
    refuseResourceArgsWithFiles(inv);
    return namesOfFileArgs(inv, errorPrefix);
  }
  if (inv.args.length === 0) throw plainError('required resource not specified');
  const [request] = parseResourceArgs(inv.args);
  if (request.names.length === 0) throw plainError('resource(s) were provided, but no name was specified');
  return [{ type: request.type, namespace: inv.namespace, name: request.names[0] }];
}

/** The named objects from the server, each of a kind the command has a viewer for. */
function owners(inv: Invocation, kinds: string[], viewer = 'status viewer', names = named(inv)): KubeObject[] {
  return names.map(({ type, namespace, name }) => {
    if (!kinds.includes(type.kind)) {
      // The history viewer names the kind as a quoted GroupKind: "ReplicaSet.apps".
      const { kind, group } = type;
      throw plainError(viewer === 'history viewer' ? `no history viewer has been implemented for "${group ? `${kind}.${group}` : kind}"` : `no ${viewer} has been implemented for ${kind}`);
    }
    return inv.deps.api.get(type.kind, namespace, name);
  });
}

/** The rollout message for the object's current state, and whether the rollout is done. */
export function rolloutStatus(obj: KubeObject): { message: string; done: boolean } {
  const name = obj.metadata.name;
  const status = obj.status ?? {};
  if (obj.kind === 'DaemonSet') {
    if ((obj.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) return { message: 'Waiting for daemon set spec update to be observed...', done: false };
    const desired = status.desiredNumberScheduled ?? 0;
    const updated = status.updatedNumberScheduled ?? 0;
    const available = status.numberAvailable ?? 0;
    if (updated < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`, done: false };
    if (available < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${available} of ${desired} updated pods are available...`, done: false };
    return { message: `daemon set "${name}" successfully rolled out`, done: true };
  }
  if (obj.kind === 'StatefulSet') return statefulSetRolloutStatus(obj);
  if ((obj.metadata.generation ?? 0) > (status.observedGeneration ?? 0)) return { message: 'Waiting for deployment spec update to be observed...', done: false };
  const progressing = (status.conditions ?? []).find((c: { type: string }) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') throw plainError(`deployment "${name}" exceeded its progress deadline`);
  const replicas = obj.spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const total = status.replicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const prefix = `Waiting for deployment "${name}" rollout to finish: `;
  if (updated < replicas) return { message: `${prefix}${updated} out of ${replicas} new replicas have been updated...`, done: false };
  if (total > updated) return { message: `${prefix}${total - updated} old replicas are pending termination...`, done: false };
  if (available < updated) return { message: `${prefix}${available} of ${updated} updated replicas are available...`, done: false };
  return { message: `deployment "${name}" successfully rolled out`, done: true };
}

/** kubectl's StatefulSetStatusViewer. */
function statefulSetRolloutStatus(sts: KubeObject): { message: string; done: boolean } {
  const spec = sts.spec ?? {};
  const status = sts.status ?? {};
  if (spec.updateStrategy?.type !== 'RollingUpdate') throw plainError('rollout status is only available for RollingUpdate strategy type');
  if (!status.observedGeneration || (sts.metadata.generation ?? 0) > status.observedGeneration) return { message: 'Waiting for statefulset spec update to be observed...', done: false };
  const replicas: number = spec.replicas ?? 1;
  const ready: number = status.readyReplicas ?? 0;
  if (ready < replicas) return { message: `Waiting for ${replicas - ready} pods to be ready...`, done: false };
  const updated: number = status.updatedReplicas ?? 0;
  const partition = spec.updateStrategy.rollingUpdate?.partition;
  if (spec.updateStrategy.rollingUpdate) {
    if (typeof partition === 'number' && updated < replicas - partition) {
      return { message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...`, done: false };
    }
    return { message: `partitioned roll out complete: ${updated} new pods have been updated...`, done: true };
  }
  if (status.updateRevision !== status.currentRevision) return { message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${status.updateRevision}...`, done: false };
  return { message: `statefulset rolling update complete ${status.currentReplicas ?? 0} pods at revision ${status.currentRevision}...`, done: true };
}

/** Past the default progress deadline (600 s), so a stalled rollout reports it even in scripts. */
const scriptRolloutTimeoutMs = 15 * 60_000;

function* status(inv: Invocation): Program {
  const names = named(inv);
  if (names.length !== 1) throw plainError(`rollout status is only supported on individual resources and resource collections - ${names.length} resources were found`);
  const [first] = owners(inv, ['Deployment', 'DaemonSet', 'StatefulSet'], 'status viewer', names);
  const watch = inv.flags.bool('watch');
  // A rollout ends by itself (success or the progress deadline), so scripts get a longer cap than streams.
  const timeout = inv.flags.duration('timeout') || (inv.deps.scriptMode() ? scriptRolloutTimeoutMs : requestTimeoutMs(inv));
  const deadline = timeout > 0 ? inv.ctx.now() + timeout : undefined;
  // kubectl watches the object and prints its status at every change of it, repeats included.
  const changes: KubeObject[] = [first];
  const unsubscribe = inv.deps.api.watch(first.kind, first.metadata.namespace, (event) => {
    if (event.type !== 'DELETED' && event.object.metadata.name === first.metadata.name) changes.push(event.object);
  });
  try {
    for (;;) {
      while (changes.length > 0) {
        const { message, done } = rolloutStatus(changes.shift()!);
        inv.out(`${message}\n`);
        if (done || !watch) return 0;
      }
      if (deadline !== undefined && inv.ctx.now() >= deadline) throw plainError('timed out waiting for the condition');
      yield deadline !== undefined ? { kind: 'change', until: deadline } : { kind: 'change' };
    }
  } finally {
    unsubscribe();
  }
}

/** One revision of a workload: its pod template and the annotations it carries (its change-cause). */
interface Revision {
  template: any;
  annotations: Record<string, string>;
}

/** A deployment's ReplicaSets, or a StatefulSet's ControllerRevisions, by revision number. */
function revisions(inv: Invocation, owner: KubeObject): Map<number, Revision> {
  const result = new Map<number, Revision>();
  const owned = (obj: KubeObject) => (obj.metadata.ownerReferences ?? []).some((o) => o.uid === owner.metadata.uid);
  // Daemon sets and StatefulSets keep their history in ControllerRevisions, Deployments in ReplicaSets.
  if (owner.kind === 'StatefulSet' || owner.kind === 'DaemonSet') {
    for (const revision of inv.deps.api.list('ControllerRevision', owner.metadata.namespace)) {
      if (!owned(revision) || typeof revision.revision !== 'number') continue;
      const template = JSON.parse(JSON.stringify(revision.data?.spec?.template ?? {}));
      delete template.$patch;
      result.set(revision.revision, { template, annotations: revision.metadata.annotations ?? {} });
    }
    return result;
  }
  for (const rs of inv.deps.api.list('ReplicaSet', owner.metadata.namespace)) {
    if (!owned(rs)) continue;
    const revision = Number(rs.metadata.annotations?.[revisionAnnotation]);
    if (Number.isFinite(revision)) result.set(revision, { template: rs.spec.template, annotations: rs.metadata.annotations ?? {} });
  }
  return result;
}

/** The template of a revision as the history viewer prints it: DescribePodTemplate's lines, not aligned. */
function templateText(template: KubeObject['spec']): string {
  const w = new DescribeWriter();
  writePodTemplate(w, template);
  return w.untabbed();
}

function history(inv: Invocation): number {
  for (const owner of owners(inv, ['Deployment', 'DaemonSet', 'StatefulSet'], 'history viewer')) historyOf(inv, owner);
  return 0;
}

function historyOf(inv: Invocation, owner: KubeObject): void {
  const byRevision = revisions(inv, owner);
  const wanted = inv.flags.int('revision');
  if (wanted > 0) {
    const revision = byRevision.get(wanted);
    if (!revision) throw plainError(`unable to find the specified revision`);
    // kubectl shows the revision's change-cause among the template's annotations.
    const template = JSON.parse(JSON.stringify(revision.template ?? {}));
    const changeCause = revision.annotations[changeCauseAnnotation];
    if (changeCause) template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations, [changeCauseAnnotation]: changeCause } };
    inv.out(`${objectRef(owner)} with revision #${wanted}\n${templateText(template)}\n`);
    return;
  }
  const rows = ['REVISION\tCHANGE-CAUSE'];
  for (const revision of [...byRevision.keys()].sort((a, b) => a - b)) {
    rows.push(`${revision}\t${byRevision.get(revision)!.annotations[changeCauseAnnotation] || '<none>'}`);
  }
  // kubectl prints the title with a space before its newline.
  inv.out(`${objectRef(owner)} \n${tabwrite(rows.join('\n') + '\n', describeSettings)}\n`);
}

/** Annotations that `rollout undo` keeps from the deployment rather than copying from the ReplicaSet. */
const undoKeepsAnnotation = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** kubectl's DaemonSetRollbacker: the revision's template patched back onto the DaemonSet. */
/** kubectl's rollback of a daemon set or StatefulSet: to the revision asked for, or the one before the last. */
function undoFromControllerRevisions(inv: Invocation, owner: KubeObject): number {
  const byRevision = revisions(inv, owner);
  const wanted = inv.flags.int('to-revision');
  if (wanted === 0 && byRevision.size <= 1) throw plainError('no last revision to roll back to');
  const sorted = [...byRevision.keys()].sort((a, b) => a - b);
  const revision = byRevision.get(wanted === 0 ? sorted[sorted.length - 2] : wanted);
  if (!revision) throw plainError(`unable to find specified revision ${wanted} in history`);
  // As kubectl words it, the revision asked for (0 when none was) is the one it names.
  if (JSON.stringify(revision.template) === JSON.stringify(owner.spec.template)) {
    inv.out(`${objectRef(owner)} skipped rollback (current template already matches revision ${wanted})\n`);
    return 0;
  }
  owner.spec.template = JSON.parse(JSON.stringify(revision.template));
  inv.deps.api.update(owner);
  inv.out(`${objectRef(owner)} rolled back\n`);
  return 0;
}

function undo(inv: Invocation): number {
  for (const owner of owners(inv, ['Deployment', 'DaemonSet', 'StatefulSet'])) {
    if (owner.kind === 'Deployment') undoDeployment(inv, owner);
    else undoFromControllerRevisions(inv, owner);
  }
  return 0;
}

function undoDeployment(inv: Invocation, owner: KubeObject): number {
  const deployment = owner;
  const byRevision = revisions(inv, deployment);
  const sorted = [...byRevision.keys()].sort((a, b) => b - a);
  const wanted = inv.flags.int('to-revision');
  const revision = wanted > 0 ? wanted : sorted[1];
  if (revision === undefined) {
    throw plainError(`no rollout history found for deployment "${deployment.metadata.name}"`);
  }
  const found = byRevision.get(revision);
  if (!found) throw plainError(`unable to find specified revision ${revision} in history`);
  const template = JSON.parse(JSON.stringify(found.template));
  if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
  if (JSON.stringify(template) === JSON.stringify(deployment.spec.template)) {
    inv.out(`${objectRef(deployment)} skipped rollback (current template already matches revision ${revision})\n`);
    return 0;
  }
  deployment.spec.template = template;
  if (deployment.kind === 'Deployment') {
    // As kubectl does: the revision's own annotations (its change-cause) come back with its template.
    const annotations: Record<string, string> = {};
    for (const [key, value] of Object.entries(deployment.metadata.annotations ?? {})) if (undoKeepsAnnotation.has(key)) annotations[key] = value;
    for (const [key, value] of Object.entries(found.annotations)) if (!undoKeepsAnnotation.has(key)) annotations[key] = value;
    deployment.metadata.annotations = annotations;
  }
  inv.deps.api.update(deployment);
  inv.out(`${objectRef(deployment)} rolled back\n`);
  return 0;
}

/**
 * The objects a restart, pause or resume acts on: TYPE NAME..., TYPE -l SELECTOR, or -f or -k
 * (whose failed build kubectl prints bare, as one of a list of errors).
 */
function targets(inv: Invocation, kinds: string[]): KubeObject[] {
  if (!inv.flags.has('selector') || hasFileArgs(inv)) return owners(inv, kinds, 'status viewer', named(inv, ''));
  if (inv.args.length === 0) throw plainError('required resource not specified');
  const found: KubeObject[] = [];
  for (const request of parseResourceArgs(inv.args)) {
    if (!kinds.includes(request.type.kind)) throw plainError(`no status viewer has been implemented for ${request.type.kind}`);
    if (request.names.length > 0) found.push(...request.names.map((name) => inv.deps.api.get(request.type.kind, inv.namespace, name)));
    else found.push(...inv.deps.api.list(request.type.kind, inv.namespace, { labelSelector: inv.flags.string('selector') }));
  }
  if (found.length === 0) inv.err(`No resources found in ${inv.namespace} namespace.\n`);
  return found;
}

function restart(inv: Invocation): number {
  checkOutputFormat(inv);
  for (const deployment of targets(inv, ['Deployment', 'DaemonSet', 'StatefulSet'])) {
    if (deployment.spec?.paused) throw plainError(`deployments.apps "${deployment.metadata.name}" can't restart paused deployment (run rollout resume first)`);
    const template = deployment.spec.template;
    template.metadata = template.metadata ?? {};
    template.metadata.annotations = { ...(template.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': rfc3339(inv.ctx.now()) };
    printResult(inv, inv.deps.api.update(deployment), 'restarted', 'none');
  }
  return 0;
}

function setPaused(paused: boolean): (inv: Invocation) => number {
  return (inv) => {
    checkOutputFormat(inv);
    for (const deployment of targets(inv, ['Deployment'])) {
      if (!!deployment.spec.paused === paused) throw plainError(`deployments.apps "${deployment.metadata.name}" is ${paused ? 'already paused' : 'not paused'}`);
      deployment.spec.paused = paused;
      if (!paused) delete deployment.spec.paused;
      printResult(inv, inv.deps.api.update(deployment), paused ? 'paused' : 'resumed', 'none');
    }
    return 0;
  };
}

export const rolloutCommands: Implementations = {
  'rollout history': { run: refusing(['output', 'recursive', 'selector'], history) },
  'rollout pause': { run: refusing(['recursive'], setPaused(true)) },
  'rollout restart': { run: refusing(['recursive'], restart) },
  'rollout resume': { run: refusing(['recursive'], setPaused(false)) },
  'rollout status': { run: refusing(['recursive', 'selector'], status) },
  'rollout undo': { run: refusing(['dry-run', 'output', 'recursive', 'selector'], undo) },
};
