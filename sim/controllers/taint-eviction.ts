// The taint eviction controller (pkg/controller/tainteviction): pods on a node with NoExecute
// taints they do not tolerate are deleted; a toleration with tolerationSeconds delays that by
// those seconds from when the controller first saw the pod under the taint: a pod that arrives
// on an unreachable node later gets its own 300 s.
import type { EngineContext, TimerHandle } from '../engine-context';
import type { KubeObject, Taint, Toleration } from '../api/types';
import type { WatchEvent } from '../api/server';
import { withDisruptionTarget } from '../component-helpers/disruption-target';
import { toleratesTaint } from '../component-helpers/taints';
import { tryGet, tryWrite, enqueueGuarded } from './api-helpers';
import { inform } from './informer';

const source = { component: 'taint-eviction-controller' };

/**
 * How long the pod may stay once the controller sees it under these taints: 0 to evict it now,
 * undefined to keep it. The shortest tolerationSeconds of the tolerations it uses wins; a taint it
 * does not tolerate evicts it at once.
 */
export function tolerationMs(pod: KubeObject, taints: Taint[]): number | undefined {
  const noExecute = taints.filter((t) => t.effect === 'NoExecute');
  if (noExecute.length === 0) return undefined;
  const tolerations: Toleration[] = pod.spec?.tolerations ?? [];
  let shortest: number | undefined;
  for (const taint of noExecute) {
    const matching = tolerations.filter((t) => toleratesTaint(t, taint));
    if (matching.length === 0) return 0;
    // None with tolerationSeconds: this taint is tolerated forever.
    for (const toleration of matching) {
      if (typeof toleration.tolerationSeconds !== 'number') continue;
      const ms = Math.max(0, toleration.tolerationSeconds) * 1000;
      shortest = shortest === undefined ? ms : Math.min(shortest, ms);
    }
  }
  return shortest;
}

interface Evictions {
  timers: Map<string, TimerHandle>;
  /** When the controller first saw each pod under taints it tolerates only for a while. */
  since: Map<string, number>;
}

export function startTaintEvictionController(ctx: EngineContext): void {
  const evictions: Evictions = { timers: new Map(), since: new Map() };
  const enqueuePod = (namespace: string, name: string) => enqueueGuarded(ctx, `taint-eviction/${namespace}/${name}`, () => syncPod(ctx, namespace, name, evictions));

  inform(ctx, 'Node', (event: WatchEvent) => {
    if (event.type === 'DELETED') return;
    if (event.type === 'MODIFIED' && sameList(event.oldObject?.spec?.taints ?? [], event.object.spec?.taints ?? [])) return;
    for (const pod of ctx.api.list('Pod', undefined, { readOnly: true })) {
      if (pod.spec?.nodeName === event.object.metadata.name) enqueuePod(pod.metadata.namespace!, pod.metadata.name!);
    }
  });
  inform(ctx, 'Pod', (event: WatchEvent) => {
    const pod = event.object;
    if (event.type === 'DELETED') {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      evictions.timers.get(key)?.cancel();
      evictions.timers.delete(key);
      evictions.since.delete(key);
      return;
    }
    if (pod.spec?.nodeName && (!event.oldObject?.spec?.nodeName || !sameList(event.oldObject.spec.tolerations, pod.spec.tolerations))) {
      enqueuePod(pod.metadata.namespace!, pod.metadata.name!);
    }
  });
}

function syncPod(ctx: EngineContext, namespace: string, name: string, evictions: Evictions): void {
  const key = `${namespace}/${name}`;
  evictions.timers.get(key)?.cancel();
  evictions.timers.delete(key);
  const pod = tryGet(ctx, 'Pod', namespace, name);
  const node = pod?.spec?.nodeName && !pod.metadata.deletionTimestamp ? tryGet(ctx, 'Node', undefined, pod.spec.nodeName) : undefined;
  const stayMs = pod && node ? tolerationMs(pod, node.spec?.taints ?? []) : undefined;
  if (!pod || stayMs === undefined) {
    evictions.since.delete(key);
    return;
  }
  const now = ctx.clock.now();
  const since = evictions.since.get(key) ?? now;
  evictions.since.set(key, since);
  const delay = since + stayMs - now;
  if (delay > 0) {
    evictions.timers.set(key, ctx.clock.after(delay, () => enqueueGuarded(ctx, `taint-eviction/${key}`, () => syncPod(ctx, namespace, name, evictions)), 'taint-eviction'));
    return;
  }
  evictions.since.delete(key);
  ctx.events.record(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${namespace}/${name}`, source);
  const conditions = withDisruptionTarget(pod, 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint', ctx.clock.now());
  pod.status = { ...(pod.status ?? {}), conditions };
  tryWrite(() => ctx.api.updateStatus(pod));
  tryWrite(() => ctx.api.delete('Pod', namespace, name));
}

/**
 * Whether two versions of a list of taints or tolerations are the same. A status write keeps the
 * spec itself, so the common case is one and the same list and costs no serialising.
 */
function sameList(before: unknown[] | undefined, after: unknown[] | undefined): boolean {
  return before === after || JSON.stringify(before) === JSON.stringify(after);
}
