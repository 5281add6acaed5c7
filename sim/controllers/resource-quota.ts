// The resource quota controller: keeps each ResourceQuota's status (hard as the spec says, used
// as the namespace's pods use) current as quotas and pods change.
import type { EngineContext } from '../engine-context';
import type { WatchEvent } from '../api/server';
import { deepEqual } from '../api/object-utils';
import { quotaUsed } from '../api/kinds/resource-quota';
import { enqueueGuarded, tryWrite } from './api-helpers';
import { inform } from './informer';

export function startResourceQuotaController(ctx: EngineContext): void {
  const enqueue = (namespace: string) => enqueueGuarded(ctx, `resourcequota/${namespace}`, () => syncNamespace(ctx, namespace));
  const onEvent = (event: WatchEvent) => {
    if (event.object.metadata.namespace) enqueue(event.object.metadata.namespace);
  };
  inform(ctx, 'ResourceQuota', onEvent);
  inform(ctx, 'Pod', onEvent);
}

function syncNamespace(ctx: EngineContext, namespace: string): void {
  const quotas = ctx.api.list('ResourceQuota', namespace, { readOnly: true });
  if (quotas.length === 0) return;
  const pods = ctx.api.list('Pod', namespace, { readOnly: true });
  for (const quota of quotas) {
    const hard = { ...(quota.spec?.hard ?? {}) };
    const status = { hard, used: quotaUsed(quota, hard, pods) };
    if (deepEqual(status, quota.status)) continue;
    tryWrite(() => ctx.api.updateStatus({ ...quota, status }));
  }
}
