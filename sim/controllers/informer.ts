// Like a client-go informer: first an ADDED event for every object that already exists, then the
// live watch. Components started after objects were created therefore still see them.
import type { EngineContext } from '../engine-context';
import type { WatchEvent } from '../api/server';

export function inform(ctx: EngineContext, kind: string, listener: (event: WatchEvent) => void): () => void {
  // Watch events hand listeners the stored objects (never to be mutated); the initial ADDED ones can be the same.
  for (const object of ctx.api.list(kind, undefined, { readOnly: true })) listener({ type: 'ADDED', object });
  return ctx.api.watch(kind, undefined, listener);
}
