// `kubectl rollout status|history|undo|restart|pause|resume` for deployments (and daemon sets for status).

import type { KubeObject } from '../../api/types';
import type { Program } from '../../process';
import { rfc3339 } from '../../time';
import { flag, type CommandDef, type Invocation } from '../command';
import { plainError } from '../errors';
import { tabwrite, describeSettings } from '../printers/tabwriter';
import { parseResourceArgs } from '../resource-args';
import { objectRef } from './common';
import { requestTimeoutMs } from './streaming';

const revisionAnnotation = 'deployment.kubernetes.io/revision';
const changeCauseAnnotation = 'kubernetes.io/change-cause';

function target(inv: Invocation, kinds: string[]): KubeObject {
  if (inv.args.length === 0) {
    throw plainError('required resource not specified');
  }
  const [request] = parseResourceArgs(inv.args);
  if (request.names.length === 0) throw plainError('resource(s) were provided, but no name was specified');
  if (!kinds.includes(request.type.kind)) throw plainError(`no status viewer has been implemented for ${request.type.kind}`);
  return inv.deps.api.get(request.type.kind, inv.namespace, request.names[0]);
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

/** Past the default progress deadline (600 s), so a stalled rollout reports it even in scripts. */
const scriptRolloutTimeoutMs = 15 * 60_000;

function* status(inv: Invocation): Program {
  const first = target(inv, ['Deployment', 'DaemonSet']);
  const watch = inv.flags.bool('watch');
  // A rollout ends by itself (success or the progress deadline), so scripts get a longer cap than streams.
  const timeout = inv.flags.duration('timeout') || (inv.deps.scriptMode() ? scriptRolloutTimeoutMs : requestTimeoutMs(inv));
  const deadline = timeout > 0 ? inv.ctx.now() + timeout : undefined;
  let last = '';
  let obj = first;
  for (;;) {
    const { message, done } = rolloutStatus(obj);
    if (message !== last) inv.out(`${message}\n`);
    last = message;
    if (done || !watch) return 0;
    if (deadline !== undefined && inv.ctx.now() >= deadline) throw plainError('timed out waiting for the condition');
    yield deadline !== undefined ? { kind: 'change', until: deadline } : { kind: 'change' };
    obj = inv.deps.api.get(first.kind, first.metadata.namespace, first.metadata.name!);
  }
}

/** The deployment's ReplicaSets by revision number. */
function revisions(inv: Invocation, deployment: KubeObject): Map<number, KubeObject> {
  const result = new Map<number, KubeObject>();
  for (const rs of inv.deps.api.list('ReplicaSet', deployment.metadata.namespace)) {
    if (!(rs.metadata.ownerReferences ?? []).some((o) => o.uid === deployment.metadata.uid)) continue;
    const revision = Number(rs.metadata.annotations?.[revisionAnnotation]);
    if (Number.isFinite(revision)) result.set(revision, rs);
  }
  return result;
}

function templateText(template: KubeObject['spec']): string {
  const labels = Object.entries(template?.metadata?.labels ?? {})
    .filter(([k]) => k !== 'pod-template-hash')
    .map(([k, v]) => `${k}=${v}`);
  const lines = ['Pod Template:', `  Labels:\t${labels.join('\n\t') || '<none>'}`];
  const annotations = Object.entries(template?.metadata?.annotations ?? {}).map(([k, v]) => `${k}: ${v}`);
  if (annotations.length) lines.push(`  Annotations:\t${annotations.join('\n\t')}`);
  lines.push('  Containers:');
  for (const c of template?.spec?.containers ?? []) {
    lines.push(`   ${c.name}:`, `    Image:\t${c.image}`);
    const ports = (c.ports ?? []).map((p: { containerPort: number; protocol?: string }) => `${p.containerPort}/${p.protocol ?? 'TCP'}`);
    lines.push(`    Port:\t${ports.join(', ') || '<none>'}`, `    Host Port:\t${ports.length ? '0/TCP' : '<none>'}`);
    const env = (c.env ?? []).map((e: { name: string; value?: string }) => `${e.name}:\t${e.value ?? ''}`);
    lines.push(`    Environment:\t${env.length ? '' : '<none>'}`, ...env.map((e: string) => `      ${e}`));
    lines.push(`    Mounts:\t<none>`);
  }
  lines.push('  Volumes:\t<none>', '  Node-Selectors:\t<none>', '  Tolerations:\t<none>');
  return tabwrite(lines.join('\n') + '\n', describeSettings);
}

function history(inv: Invocation): number {
  const deployment = target(inv, ['Deployment']);
  const byRevision = revisions(inv, deployment);
  const wanted = inv.flags.int('revision');
  if (wanted > 0) {
    const rs = byRevision.get(wanted);
    if (!rs) throw plainError(`unable to find the specified revision`);
    // kubectl shows the revision's change-cause among the template's annotations.
    const template = JSON.parse(JSON.stringify(rs.spec.template ?? {}));
    const changeCause = rs.metadata.annotations?.[changeCauseAnnotation];
    if (changeCause) template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations, [changeCauseAnnotation]: changeCause } };
    inv.out(`${objectRef(deployment)} with revision #${wanted}\n${templateText(template)}\n`);
    return 0;
  }
  const rows = ['REVISION\tCHANGE-CAUSE'];
  for (const revision of [...byRevision.keys()].sort((a, b) => a - b)) {
    rows.push(`${revision}\t${byRevision.get(revision)!.metadata.annotations?.[changeCauseAnnotation] || '<none>'}`);
  }
  inv.out(`${objectRef(deployment)}\n${tabwrite(rows.join('\n') + '\n', describeSettings)}\n`);
  return 0;
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

function undo(inv: Invocation): number {
  const deployment = target(inv, ['Deployment']);
  const byRevision = revisions(inv, deployment);
  const sorted = [...byRevision.keys()].sort((a, b) => b - a);
  const wanted = inv.flags.int('to-revision');
  const revision = wanted > 0 ? wanted : sorted[1];
  if (revision === undefined) throw plainError(`no rollout history found for deployment "${deployment.metadata.name}"`);
  const rs = byRevision.get(revision);
  if (!rs) throw plainError(`unable to find specified revision ${revision} in history`);
  const template = JSON.parse(JSON.stringify(rs.spec.template));
  if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
  if (JSON.stringify(template) === JSON.stringify(deployment.spec.template)) {
    inv.out(`${objectRef(deployment)} skipped rollback (current template already matches revision ${revision})\n`);
    return 0;
  }
  deployment.spec.template = template;
  // As kubectl does: the revision's own annotations (its change-cause) come back with its template.
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(deployment.metadata.annotations ?? {})) if (undoKeepsAnnotation.has(key)) annotations[key] = value;
  for (const [key, value] of Object.entries(rs.metadata.annotations ?? {})) if (!undoKeepsAnnotation.has(key)) annotations[key] = value;
  deployment.metadata.annotations = annotations;
  inv.deps.api.update(deployment);
  inv.out(`${objectRef(deployment)} rolled back\n`);
  return 0;
}

function restart(inv: Invocation): number {
  const deployment = target(inv, ['Deployment', 'DaemonSet', 'StatefulSet']);
  if (deployment.spec?.paused) throw plainError(`deployments.apps "${deployment.metadata.name}" can't restart paused deployment (run rollout resume first)`);
  const template = deployment.spec.template;
  template.metadata = template.metadata ?? {};
  template.metadata.annotations = { ...(template.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': rfc3339(inv.ctx.now()) };
  inv.deps.api.update(deployment);
  inv.out(`${objectRef(deployment)} restarted\n`);
  return 0;
}

function setPaused(paused: boolean): (inv: Invocation) => number {
  return (inv) => {
    const deployment = target(inv, ['Deployment']);
    if (!!deployment.spec.paused === paused) throw plainError(`deployments.apps "${deployment.metadata.name}" is ${paused ? 'already paused' : 'not paused'}`);
    deployment.spec.paused = paused;
    if (!paused) delete deployment.spec.paused;
    inv.deps.api.update(deployment);
    inv.out(`${objectRef(deployment)} ${paused ? 'paused' : 'resumed'}\n`);
    return 0;
  };
}

export const rolloutCommand: CommandDef = {
  name: 'rollout',
  short: 'Manage the rollout of a resource',
  long: 'Manage the rollout of one or many resources.',
  examples: '# Rollback to the previous deployment\nkubectl rollout undo deployment/abc\n\n# Check the rollout status of a daemonset\nkubectl rollout status daemonset/foo\n\n# Restart a deployment\nkubectl rollout restart deployment/abc',
  use: 'rollout SUBCOMMAND [options]',
  subcommands: [
    { name: 'history', short: 'View rollout history', use: 'history (TYPE NAME | TYPE/NAME) [flags] [options]', flags: [flag('revision', 'int', 'See the details, including podTemplate of the revision specified')], run: history },
    { name: 'pause', short: 'Mark the provided resource as paused', use: 'pause RESOURCE [options]', run: setPaused(true) },
    { name: 'restart', short: 'Restart a resource', use: 'restart RESOURCE [options]', run: restart },
    { name: 'resume', short: 'Resume a paused resource', use: 'resume RESOURCE [options]', run: setPaused(false) },
    {
      name: 'status',
      short: 'Show the status of the rollout',
      use: 'status (TYPE NAME | TYPE/NAME) [flags] [options]',
      flags: [
        flag('watch', 'bool', 'Watch the status of the rollout until it\'s done.', { shorthand: 'w', defaultValue: 'true' }),
        flag('timeout', 'duration', 'The length of time to wait before ending watch, zero means never.'),
        flag('revision', 'int', 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).'),
      ],
      run: status,
    },
    { name: 'undo', short: 'Undo a previous rollout', use: 'undo (TYPE NAME | TYPE/NAME) [flags] [options]', flags: [flag('to-revision', 'int', 'The revision to rollback to. Default to 0 (last revision).')], run: undo },
  ],
};
