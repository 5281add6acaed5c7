// Small wrappers over the API server for controllers: reads that may find nothing, and writes
// that may lose a race (the next watch event brings the controller back anyway).
import type { EngineContext } from '../engine-context';
import type { KubeObject } from '../api/types';
import { ApiError } from '../api/errors';

export function tryGet(ctx: EngineContext, kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
  try {
    return ctx.api.get(kind, namespace, name);
  } catch (error) {
    if (error instanceof ApiError) return undefined;
    throw error;
  }
}

/** Runs an API write; an ApiError (NotFound, Conflict, AlreadyExists, namespace terminating) gives undefined. */
export function tryWrite<T>(write: () => T): T | undefined {
  try {
    return write();
  } catch (error) {
    if (error instanceof ApiError) return undefined;
    throw error;
  }
}

export function keyOf(obj: KubeObject): string {
  return obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name!;
}

export function splitKey(key: string): [string, string] {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

const retryAfterErrorMs = 1000;

/**
 * Queues a reconcile; if it fails with an API error (a write lost a race, the namespace is being
 * deleted), it is tried again a second later instead of breaking the engine's work queue.
 */
export function enqueueGuarded(ctx: EngineContext, key: string, work: () => void): void {
  ctx.enqueue(key, () => {
    try {
      work();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      ctx.clock.after(retryAfterErrorMs, () => enqueueGuarded(ctx, key, work), 'controller-retry');
    }
  });
}
