// `kubectl cordon|uncordon|drain NODE`.

import { dryRunMode, dryRunSuffix, refusing } from './common';
import type { Invocation, Implementations } from '../command';
import { usageError } from '../errors';
import { requestTimeoutMs } from './streaming';
import { goDuration } from '../../time';
import type { KubeObject } from '../../api/types';
import type { Program, Wait, Wake } from '../../process';
import { evictPod } from '../../api/eviction';
import { isApiError } from '../../api/errors';

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
  const remove = pods.filter((p) => !daemonPods.includes(p));
  const timeout = inv.flags.duration('timeout') || requestTimeoutMs(inv);
  const deadline = timeout > 0 ? inv.ctx.now() + timeout : undefined;
  const failure = inv.flags.bool('disable-eviction') ? yield* deletePods(inv, remove, deadline) : yield* evictPods(inv, remove, deadline, timeout);
  if (failure !== undefined) {
    const pending = inv.deps.api.list('Pod', undefined, { fieldSelector: `spec.nodeName=${name}` }).filter((p) => !(p.metadata.ownerReferences ?? []).some((o) => o.kind === 'DaemonSet'));
    if (pending.length) inv.err(`There are pending pods in node "${name}" when an error occurred: ${failure}\n${pending.map((p) => `pod/${p.metadata.name}\n`).join('')}`);
    inv.err(`error: unable to drain node "${name}" due to error: ${failure}, continuing command...\nThere are pending nodes to be drained:\n ${name}\nerror: ${failure}\n`);
    return 1;
  }
  inv.out(`node/${name} drained\n`);
  return 0;
}

/** The pod is gone, or another pod of its name has taken its place. */
function podGone(inv: Invocation, pod: KubeObject): boolean {
  try {
    return inv.deps.api.get('Pod', pod.metadata.namespace, pod.metadata.name!).metadata.uid !== pod.metadata.uid;
  } catch {
    return true;
  }
}

/** Go's utilerrors.NewAggregate as printed: one error as it is, several in brackets. */
function aggregate(errors: string[]): string | undefined {
  if (errors.length === 0) return undefined;
  return errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
}

/**
 * kubectl's evictPods: each pod is evicted, and an eviction its disruption budget refuses (429) is
 * tried again every 5 s until it goes through or the global timeout passes; then each evicted pod
 * is waited for until it is gone.
 */
function* evictPods(inv: Invocation, pods: KubeObject[], deadline: number | undefined, timeout: number): Generator<Wait, string | undefined, Wake | undefined> {
  const ref = (p: KubeObject) => `pods/"${p.metadata.name}" -n "${p.metadata.namespace}"`;
  const grace = inv.flags.int('grace-period');
  const retryAt = new Map<KubeObject, number>(pods.map((p) => [p, inv.ctx.now()]));
  const waiting: KubeObject[] = [];
  const errors: string[] = [];
  for (const p of pods) inv.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`);
  let first = true;
  while (retryAt.size || waiting.length) {
    for (const [p, at] of [...retryAt]) {
      if (at > inv.ctx.now()) continue;
      if (!first) inv.out(`evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`);
      if (deadline !== undefined && inv.ctx.now() >= deadline) {
        errors.push(`error when evicting ${ref(p)}: global timeout reached: ${goDuration(timeout)}`);
        retryAt.delete(p);
        continue;
      }
      try {
        evictPod(inv.deps.api, p.metadata.namespace!, p.metadata.name!, grace >= 0 ? { gracePeriodSeconds: grace } : {});
        retryAt.delete(p);
        waiting.push(p);
      } catch (error) {
        if (!isApiError(error)) throw error;
        if (error.reason === 'NotFound') retryAt.delete(p);
        else if (error.reason === 'TooManyRequests') {
          inv.err(`error when evicting ${ref(p)} (will retry after 5s): ${error.message}\n`);
          retryAt.set(p, inv.ctx.now() + evictionRetryMs);
        } else {
          errors.push(`error when evicting ${ref(p)}: ${error.message}`);
          retryAt.delete(p);
        }
      }
    }
    first = false;
    for (let i = 0; i < waiting.length; i++) {
      if (!podGone(inv, waiting[i])) continue;
      inv.out(`pod/${waiting[i].metadata.name} evicted\n`);
      waiting.splice(i--, 1);
    }
    if (deadline !== undefined && inv.ctx.now() >= deadline) {
      for (const p of waiting) errors.push(`error when waiting for pod "${p.metadata.name}" in namespace "${p.metadata.namespace}" to terminate: global timeout reached: ${goDuration(timeout)}`);
      waiting.length = 0;
    }
    if (!retryAt.size && !waiting.length) break;
    // A refused eviction sleeps its 5 s out before it notices the timeout; a wait for deletion notices it at once.
    const wake = Math.min(...retryAt.values(), waiting.length ? (deadline ?? Infinity) : Infinity);
    yield Number.isFinite(wake) ? { kind: 'change', until: wake } : { kind: 'change' };
  }
  return aggregate(errors);
}

/** kubectl's deletePods (--disable-eviction): plain deletes, no budget asked, then a wait for each pod to be gone. */
function* deletePods(inv: Invocation, pods: KubeObject[], deadline: number | undefined): Generator<Wait, string | undefined, Wake | undefined> {
  const grace = inv.flags.int('grace-period');
  for (const p of pods) {
    try {
      inv.deps.api.delete('Pod', p.metadata.namespace, p.metadata.name!, grace >= 0 ? { gracePeriodSeconds: grace } : {});
    } catch (error) {
      if (!isApiError(error) || error.reason !== 'NotFound') throw error;
    }
  }
  const waiting = [...pods];
  while (waiting.length) {
    for (let i = 0; i < waiting.length; i++) {
      if (!podGone(inv, waiting[i])) continue;
      inv.out(`pod/${waiting[i].metadata.name} deleted\n`);
      waiting.splice(i--, 1);
    }
    if (!waiting.length) break;
    if (deadline !== undefined && inv.ctx.now() >= deadline) return 'timed out waiting for the condition';
    yield deadline !== undefined ? { kind: 'change', until: deadline } : { kind: 'change' };
  }
  return undefined;
}

/** How long kubectl drain waits before asking again after a disruption budget refused an eviction. */
const evictionRetryMs = 5000;

export const nodesCommands: Implementations = {
  cordon: { run: (inv) => setUnschedulableAll(inv, true) },
  uncordon: { run: (inv) => setUnschedulableAll(inv, false) },
  drain: { run: refusing(['dry-run', 'pod-selector', 'selector', 'skip-wait-for-delete-timeout'], drain) },
};
