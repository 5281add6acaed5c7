// The pod garbage collector (pkg/controller/podgc): pods bound to a node that no longer exists
// (or never did: `nodeName: foo-node`) are marked Failed and removed once the node has stayed
// gone for a 40 s quarantine.
import type { EngineContext } from '../engine-context';
import type { WatchEvent } from '../api/server';
import { withDisruptionTarget } from '../component-helpers/disruption-target';
import { enqueueGuarded, tryWrite } from './api-helpers';
import { inform } from './informer';

export const orphanQuarantineMs = 40_000;

export function startPodGarbageCollector(ctx: EngineContext): void {
  const quarantined = new Set<string>();
  const quarantine = (nodeName: string): void => {
    if (quarantined.has(nodeName)) return;
    quarantined.add(nodeName);
    ctx.clock.after(orphanQuarantineMs, () => {
      quarantined.delete(nodeName);
      enqueueGuarded(ctx, `podgc/${nodeName}`, () => collectOrphans(ctx, nodeName));
    }, 'podgc-quarantine');
  };
  inform(ctx, 'Node', (event: WatchEvent) => {
    if (event.type === 'DELETED') quarantine(event.object.metadata.name!);
  });
  inform(ctx, 'Pod', (event: WatchEvent) => {
    const nodeName = event.object.spec?.nodeName as string | undefined;
    if (event.type !== 'DELETED' && nodeName && !ctx.api.peek('Node', undefined, nodeName)) quarantine(nodeName);
  });
}

function collectOrphans(ctx: EngineContext, nodeName: string): void {
  if (ctx.api.peek('Node', undefined, nodeName)) return;
  for (const pod of ctx.api.list('Pod', undefined)) {
    if (pod.spec?.nodeName !== nodeName) continue;
    if (pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') {
      const conditions = withDisruptionTarget(pod, 'DeletionByPodGC', 'PodGC: node no longer exists', ctx.clock.now());
      pod.status = { ...(pod.status ?? {}), phase: 'Failed', conditions };
      tryWrite(() => ctx.api.updateStatus(pod));
    }
    tryWrite(() => ctx.api.delete('Pod', pod.metadata.namespace, pod.metadata.name!, { gracePeriodSeconds: 0 }));
  }
}
