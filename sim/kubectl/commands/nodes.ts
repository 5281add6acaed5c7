// `kubectl cordon|uncordon|drain NODE`.

import { dryRunMode, dryRunSuffix, refusing } from './common';
import type { Program } from '../../process';
import type { Invocation, Implementations } from '../command';
import { usageError } from '../errors';
import { requestTimeoutMs } from './streaming';
import { rfc3339 } from '../../time';
import type { KubeObject, PodCondition } from '../../api/types';

/** NODE as given: a bare name, or TYPE/NAME as the resource builder accepts it (`nodes/node01`). */
function nodeName(arg: string): string {
  const slash = arg.indexOf('/');
  return slash > 0 && ['node', 'nodes', 'no'].includes(arg.slice(0, slash)) ? arg.slice(slash + 1) : arg;
}

/** cordon/uncordon: NODE, or every node -l selects. */
function setUnschedulableAll(inv: Invocation, unschedulable: boolean): number {
  if (!inv.flags.has('selector')) {
    inv.out(`${setUnschedulable(inv, unschedulable)}\n`);
    return 0;
  }
  const nodes = inv.deps.api.list('Node', undefined, { labelSelector: inv.flags.string('selector') });
  for (const node of nodes) inv.out(`${setUnschedulable(inv, unschedulable, node.metadata.name)}\n`);
  return 0;
}

function setUnschedulable(inv: Invocation, unschedulable: boolean, named?: string): string {
  if (named === undefined && inv.args.length === 0) throw usageError(inv.commandPath, 'USAGE: ' + (unschedulable ? 'cordon' : 'uncordon') + ' NODE [flags]');
  const name = named ?? nodeName(inv.args[0]);
  const node = inv.deps.api.get('Node', undefined, name);
  const already = !!node.spec?.unschedulable === unschedulable;
  // drain has no --dry-run flag of its own in the lab (it refuses one), so it always changes the node.
  const mode = inv.flags.has('dry-run') ? dryRunMode(inv) : 'none';
  if (!already && mode !== 'client') {
    node.spec = { ...(node.spec ?? {}), unschedulable: unschedulable || undefined };
    if (!unschedulable) delete node.spec.unschedulable;
    inv.deps.api.update(node, { dryRun: mode === 'server' });
  }
  const word = unschedulable ? 'cordoned' : 'uncordoned';
  return `node/${name} ${already ? `already ${word}` : word}${dryRunSuffix(mode)}`;
}

function* drain(inv: Invocation): Program {
  inv.out(`${setUnschedulable(inv, true)}\n`);
  const name = nodeName(inv.args[0]);
  const pods = inv.deps.api.list('Pod', undefined, { fieldSelector: `spec.nodeName=${name}` });
  const daemonPods = pods.filter((p) => (p.metadata.ownerReferences ?? []).some((o) => o.kind === 'DaemonSet'));
  const unmanaged = pods.filter((p) => !(p.metadata.ownerReferences ?? []).some((o) => o.controller));
  const errors: string[] = [];
  if (daemonPods.length && !inv.flags.bool('ignore-daemonsets')) {
    errors.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemonPods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}`);
  }
  if (unmanaged.length && !inv.flags.bool('force')) {
    errors.push(`cannot delete Pods that declare no controller (use --force to override): ${unmanaged.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}`);
  }
  if (errors.length) {
    inv.err(`error: unable to drain node "${name}" due to error: ${errors.join(', ')}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n${errors.map((e) => `error: ${e}`).join('\n')}\n`);
    return 1;
  }
  if (daemonPods.length) {
    inv.err(`Warning: ignoring DaemonSet-managed Pods: ${daemonPods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}\n`);
  }
  const evict = pods.filter((p) => !daemonPods.includes(p));
  for (const p of evict) inv.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`);
  for (const p of evict) evictPod(inv, p);
  const timeout = inv.flags.duration('timeout') || requestTimeoutMs(inv);
  const deadline = timeout > 0 ? inv.ctx.now() + timeout : undefined;
  const waiting = [...evict];
  while (waiting.length) {
    for (let i = 0; i < waiting.length; i++) {
      const p = waiting[i];
      try {
        inv.deps.api.get('Pod', p.metadata.namespace, p.metadata.name!);
      } catch {
        inv.out(`pod/${p.metadata.name} evicted\n`);
        waiting.splice(i--, 1);
      }
    }
    if (!waiting.length) break;
    if (deadline !== undefined && inv.ctx.now() >= deadline) {
      inv.err(`error: timed out waiting for the condition\n`);
      return 1;
    }
    yield deadline !== undefined ? { kind: 'change', until: deadline } : { kind: 'change' };
  }
  inv.out(`node/${name} drained\n`);
  return 0;
}

/**
 * What the API server's eviction subresource does: a Pod that is still running is marked as
 * disrupted (so a Job's podFailurePolicy can tell an eviction from a failure), then deleted.
 */
function evictPod(inv: Invocation, pod: KubeObject): void {
  const phase = pod.status?.phase;
  if (phase !== 'Succeeded' && phase !== 'Failed') {
    const conditions = ((pod.status?.conditions ?? []) as PodCondition[]).filter((c) => c.type !== 'DisruptionTarget');
    conditions.push({
      type: 'DisruptionTarget',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: rfc3339(inv.ctx.now()),
      reason: 'EvictionByEvictionAPI',
      message: 'Eviction API: evicting',
    });
    inv.deps.api.updateStatus({ ...pod, status: { ...(pod.status ?? {}), conditions } });
  }
  // A negative --grace-period (the default) leaves each Pod its own.
  const grace = inv.flags.int('grace-period');
  inv.deps.api.delete('Pod', pod.metadata.namespace, pod.metadata.name!, grace >= 0 ? { gracePeriodSeconds: grace } : {});
}

export const nodesCommands: Implementations = {
  cordon: { run: (inv) => setUnschedulableAll(inv, true) },
  uncordon: { run: (inv) => setUnschedulableAll(inv, false) },
  drain: { run: refusing(['disable-eviction', 'dry-run', 'pod-selector', 'selector', 'skip-wait-for-delete-timeout'], drain) },
};
