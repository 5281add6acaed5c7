// Records core/v1 Events the way client-go's EventCorrelator does: a repeat of the same object,
// reason, message and source raises `count` and `lastTimestamp` on the existing Event.
// Events expire one hour after their last update, like the API server's --event-ttl.

import type { EngineContext, EventRecorder, EventSource } from './engine-context';
import type { KubeObject } from './api/types';
import { rfc3339 } from './time';
import { ApiError } from './api/errors';

export const eventTtlMs = 60 * 60 * 1000;

export class ClusterEventRecorder implements EventRecorder {
  /** aggregation key → event name */
  private readonly names = new Map<string, { namespace: string; name: string }>();
  private ctx!: EngineContext;
  private sequence = 0;

  attach(ctx: EngineContext): void {
    this.ctx = ctx;
  }

  record(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const { api, clock } = this.ctx;
    const now = clock.now();
    const namespace = object.metadata.namespace ?? 'default';
    const key = [object.metadata.uid, object.kind, namespace, object.metadata.name, fieldPath ?? '', type, reason, message, source.component, source.host ?? ''].join('\u0000');
    const existing = this.names.get(key);
    if (existing) {
      try {
        const event = api.get('Event', existing.namespace, existing.name);
        event.count = (event.count ?? 1) + 1;
        event.lastTimestamp = rfc3339(now);
        api.update(event);
        this.scheduleExpiry(existing.namespace, existing.name, key);
        return;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        this.names.delete(key);
      }
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
    this.names.set(key, { namespace, name });
    this.scheduleExpiry(namespace, name, key);
  }

  private scheduleExpiry(namespace: string, name: string, key: string): void {
    const { api, clock } = this.ctx;
    const expectedUpdate = clock.now();
    clock.after(eventTtlMs, () => {
      try {
        const event = api.get('Event', namespace, name);
        const last = Date.parse(event.lastTimestamp);
        if (last > expectedUpdate) return; // a later update scheduled its own expiry
        api.delete('Event', namespace, name);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
      }
      if (this.names.get(key)?.name === name) this.names.delete(key);
    }, 'event-ttl');
  }
}
