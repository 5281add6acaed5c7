// Records core/v1 Events the way client-go's EventCorrelator does: a repeat of the same object,
// reason, message and source raises `count` and `lastTimestamp` on the existing Event.
// Events expire one hour after their last update, like the API server's --event-ttl.

import type { EngineContext, EventRecorder, EventSource, TimerHandle } from './engine-context';
import type { KubeObject } from './api/types';
import { rfc3339 } from './time';
import { ApiError } from './api/errors';

export const eventTtlMs = 60 * 60 * 1000;

/** One Event the recorder wrote and may raise again. */
interface RecordedEvent {
  namespace: string;
  name: string;
  /**
   * When its hour counts from: the first update within the second of the latest one, since the
   * expiry compares against `lastTimestamp`, which keeps whole seconds.
   */
  ttlFrom: number;
  /** Its one expiry timer, re-armed when it fires early because the Event was raised meanwhile. */
  expiry: TimerHandle;
}

export class ClusterEventRecorder implements EventRecorder {
  /** aggregation key → the Event recorded under it */
  private readonly recorded = new Map<string, RecordedEvent>();
  private ctx!: EngineContext;
  private sequence = 0;

  attach(ctx: EngineContext): void {
    this.ctx = ctx;
  }

  record(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const { api, clock } = this.ctx;
    const now = clock.now();
    const namespace = object.metadata.namespace ?? 'default';
    const key = `${object.metadata.uid}\u0000${object.kind}\u0000${namespace}\u0000${object.metadata.name}\u0000${fieldPath ?? ''}\u0000${type}\u0000${reason}\u0000${message}\u0000${source.component}\u0000${source.host ?? ''}`;
    const existing = this.recorded.get(key);
    if (existing) {
      const event = api.peek('Event', existing.namespace, existing.name);
      if (event) {
        // The recorder built this Event, so raising it is a trusted write of a new version.
        api.replaceTrusted({ ...event, metadata: { ...event.metadata }, count: (event.count ?? 1) + 1, lastTimestamp: rfc3339(now) });
        if (now - (now % 1000) > existing.ttlFrom) existing.ttlFrom = now;
        return;
      }
      existing.expiry.cancel();
      this.recorded.delete(key);
    }
    // Named like client-go's events (`<object>.<nanoseconds in hex>`), so listing by name is chronological.
    const nanos = BigInt(Math.floor(now)) * 1_000_000n + BigInt(this.sequence++ % 1_000_000);
    const name = `${object.metadata.name}.${nanos.toString(16).padStart(16, '0')}`;
    const involvedObject: Record<string, unknown> = {
      kind: object.kind,
      namespace: object.metadata.namespace,
      name: object.metadata.name,
      uid: object.metadata.uid,
      apiVersion: object.apiVersion,
      resourceVersion: object.metadata.resourceVersion,
    };
    if (!object.metadata.namespace) delete involvedObject.namespace;
    if (fieldPath) involvedObject.fieldPath = fieldPath;
    try {
      api.create({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject,
        reason,
        message,
        source: source.host ? { component: source.component, host: source.host } : { component: source.component },
        firstTimestamp: rfc3339(now),
        lastTimestamp: rfc3339(now),
        count: 1,
        type,
        eventTime: null,
        reportingComponent: source.component,
        reportingInstance: source.host ?? '',
      });
    } catch (error) {
      // An event for a namespace being deleted is dropped, as the API server would refuse it.
      if (error instanceof ApiError) return;
      throw error;
    }
    const recorded: RecordedEvent = { namespace, name, ttlFrom: now, expiry: undefined! };
    this.recorded.set(key, recorded);
    this.armExpiry(key, recorded);
  }

  private armExpiry(key: string, recorded: RecordedEvent): void {
    const { api, clock } = this.ctx;
    const armedFrom = recorded.ttlFrom;
    recorded.expiry = clock.schedule(armedFrom + eventTtlMs, () => {
      if (recorded.ttlFrom !== armedFrom) {
        this.armExpiry(key, recorded);
        return;
      }
      try {
        api.delete('Event', recorded.namespace, recorded.name);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
      }
      if (this.recorded.get(key) === recorded) this.recorded.delete(key);
    }, 'event-ttl');
  }
}
