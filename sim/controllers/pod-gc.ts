// The pod garbage collector (pkg/controller/podgc): pods bound to a node that no longer exists
// are marked Failed and removed once the node has stayed gone for a 40 s quarantine.
import type { EngineContext } from '../engine-context';
import type { WatchEvent } from '../api/server';
import { rfc3339 } from '../time';
import { enqueueGuarded, tryGet, tryWrite } from './api-helpers';
import { inform } from './informer';

export const orphanQuarantineMs = 40_000;

export function startPodGarbageCollector(ctx: EngineContext): void {
  inform(ctx, 'Node', (event: WatchEvent) => {
    if (event.type !== 'DELETED') return;
    const nodeName = event.object.metadata.name!;
    ctx.clock.after(orphanQuarantineMs, () => enqueueGuarded(ctx, `podgc/${nodeName}`, () => collectOrphans(ctx, nodeName)), 'podgc-quarantine');
  });
}

function collectOrphans(ctx: EngineContext, nodeName: string): void {
  if (tryGet(ctx, 'Node', undefined, nodeName)) return;
  for (const pod of ctx.api.list('Pod', undefined)) {
    if (pod.spec?.nodeName !== nodeName) continue;
    if (pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') {
      const conditions = (pod.status?.conditions ?? []).filter((c: { type: string }) => c.type !== 'DisruptionTarget');
      conditions.push({
        type: 'DisruptionTarget',
        status: 'True',
        lastProbeTime: null,
        lastTransitionTime: rfc3339(ctx.clock.now()),
        reason: 'DeletionByPodGC',
        message: 'PodGC: node no longer exists',
      });
      pod.status = { ...(pod.status ?? {}), phase: 'Failed', conditions };
      tryWrite(() => ctx.api.updateStatus(pod));
    }
    tryWrite(() => ctx.api.delete('Pod', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0 }));
  }
}
