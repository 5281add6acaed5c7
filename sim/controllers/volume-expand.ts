// The expand controller of kube-controller-manager (pkg/controller/volume/expand): a bound claim
// whose storage request has grown past its capacity goes to the plugin of its volume. No in-tree
// plugin grows a hostPath volume, the kind the local-path provisioner makes, and no external
// resizer runs for local-path: the claim keeps its capacity, and says it is waiting.
import type { EngineContext } from '../engine-context';
import type { WatchEvent } from '../api/server';
import { tryParseQuantity } from '../api/quantity';
import { enqueueGuarded, keyOf, splitKey, tryGet } from './api-helpers';
import { inform } from './informer';

const source = { component: 'volume_expand' };

export function startVolumeExpandController(ctx: EngineContext): void {
  inform(ctx, 'PersistentVolumeClaim', (event: WatchEvent) => {
    if (event.type === 'DELETED' || event.object.status?.phase !== 'Bound') return;
    const key = keyOf(event.object);
    enqueueGuarded(ctx, `expand/${key}`, () => syncClaim(ctx, key));
  });
}

function syncClaim(ctx: EngineContext, key: string): void {
  const [namespace, name] = splitKey(key);
  const claim = tryGet(ctx, 'PersistentVolumeClaim', namespace, name);
  if (!claim?.spec?.volumeName) return;
  const requested = tryParseQuantity(String(claim.spec.resources?.requests?.storage ?? '0'));
  const capacity = tryParseQuantity(String(claim.status?.capacity?.storage ?? '0'));
  if (!requested || !capacity || requested.cmp(capacity) <= 0) return;
  const volume = tryGet(ctx, 'PersistentVolume', undefined, claim.spec.volumeName);
  if (!volume) return;
  // A volume of a known in-tree plugin that cannot expand waits quietly; one of no plugin the controller knows (CSI) is a warning.
  ctx.events.record(claim, volume.spec?.hostPath ? 'Normal' : 'Warning', 'ExternalExpanding', 'waiting for an external controller to expand this PVC', source);
}
