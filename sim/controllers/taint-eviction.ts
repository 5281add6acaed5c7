// The taint eviction controller (pkg/controller/tainteviction): pods on a node with NoExecute
// taints they do not tolerate are deleted; a toleration with tolerationSeconds delays that until
// the taint's timeAdded plus those seconds.
import type { EngineContext, TimerHandle } from '../engine-context';
import type { KubeObject, Taint, Toleration } from '../api/types';
import type { WatchEvent } from '../api/server';
import { parseRfc3339, rfc3339 } from '../time';
import { toleratesTaint } from '../scheduler/taints';
import { tryGet, tryWrite, enqueueGuarded } from './api-helpers';
import { inform } from './informer';

const source = { component: 'taint-eviction-controller' };

/** ms after which the pod must go, 0 for now, undefined for never. */
export function evictionDelay(pod: KubeObject, taints: Taint[], now: number): number | undefined {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute');
  if (noExecute.length === 0) return undefined;
  const tolerations: Toleration[] = pod.spec?.tolerations ?? [];
  let due: number | undefined;
  for (const taint of noExecute) {
    const matching = tolerations.filter((t) => toleratesTaint(t, taint));
    if (matching.length === 0) return 0;
    // The shortest tolerationSeconds wins; none at all means tolerated forever.
    const seconds = matching.map((t) => t.tolerationSeconds).filter((s): s is number => typeof s === 'number');
    if (seconds.length === 0) continue;
    const added = parseRfc3339(taint.timeAdded) ?? now;
    const at = added + Math.max(0, Math.min(...seconds)) * 1000;
    due = due === undefined ? at : Math.min(due, at);
  }
  return due === undefined ? undefined : Math.max(0, due - now);
}

export function startTaintEvictionController(ctx: EngineContext): void {
  const timers = new Map<string, TimerHandle>();
  const enqueuePod = (namespace: string, name: string) => enqueueGuarded(ctx, `taint-eviction/${namespace}/${name}`, () => syncPod(ctx, namespace, name, timers));

  inform(ctx, 'Node', (event: WatchEvent) => {
    if (event.type === 'DELETED') return;
    const before = JSON.stringify(event.oldObject?.spec?.taints ?? []);
    if (event.type === 'MODIFIED' && before === JSON.stringify(event.object.spec?.taints ?? [])) return;
    for (const pod of ctx.api.list('Pod', undefined, { readOnly: true })) {
      if (pod.spec?.nodeName === event.object.metadata.name) enqueuePod(pod.metadata.namespace!, pod.metadata.name!);
    }
  });
  inform(ctx, 'Pod', (event: WatchEvent) => {
    const pod = event.object;
    if (event.type === 'DELETED') {
      timers.get(`${pod.metadata.namespace}/${pod.metadata.name}`)?.cancel();
      return;
    }
    if (pod.spec?.nodeName && (!event.oldObject?.spec?.nodeName || JSON.stringify(event.oldObject.spec.tolerations) !== JSON.stringify(pod.spec.tolerations))) {
      enqueuePod(pod.metadata.namespace!, pod.metadata.name!);
    }
  });
}

function syncPod(ctx: EngineContext, namespace: string, name: string, timers: Map<string, TimerHandle>): void {
  const key = `${namespace}/${name}`;
  timers.get(key)?.cancel();
  timers.delete(key);
  const pod = tryGet(ctx, 'Pod', namespace, name);
  if (!pod || pod.metadata.deletionTimestamp || !pod.spec?.nodeName) return;
  const node = tryGet(ctx, 'Node', undefined, pod.spec.nodeName);
  if (!node) return;
  const delay = evictionDelay(pod, node.spec?.taints ?? [], ctx.clock.now());
  if (delay === undefined) return;
  if (delay > 0) {
    timers.set(key, ctx.clock.after(delay, () => enqueueGuarded(ctx, `taint-eviction/${key}`, () => syncPod(ctx, namespace, name, timers)), 'taint-eviction'));
    return;
  }
  ctx.events.record(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${namespace}/${name}`, source);
  const conditions = (pod.status?.conditions ?? []).filter((c: { type: string }) => c.type !== 'DisruptionTarget');
  conditions.push({
    type: 'DisruptionTarget',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: rfc3339(ctx.clock.now()),
    reason: 'DeletionByTaintManager',
    message: 'Taint manager: deleting due to NoExecute taint',
  });
  pod.status = { ...(pod.status ?? {}), conditions };
  tryWrite(() => ctx.api.updateStatus(pod));
  tryWrite(() => ctx.api.delete('Pod', namespace, name));
}
