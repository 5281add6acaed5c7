// Records core/v1 Events the way client-go's EventCorrelator does: a repeat of the same object,
// reason, message and source raises `count` and `lastTimestamp` on the existing Event.
// Events expire one hour after their last update, like the API server's --event-ttl.

import type { EngineContext, EventRecorder, EventSource, TimerHandle } from './engine-context';
import type { KubeObject } from './api/types';
import { rfc3339 } from './time';
import { ApiError } from './api/errors';
import { newVersion } from './api/object-utils';

export const eventTtlMs = 60 * 60 * 1000;

/** What makes two recordings the same Event, besides the object it is about. */
interface EventKey {
  kind: string;
  objectNamespace: string;
  objectName: string;
  fieldPath: string;
  type: string;
  reason: string;
  message: string;
  component: string;
  host: string;
}

/** One Event the recorder wrote and may raise again. */
interface RecordedEvent extends EventKey {
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

/** Where the recorder keeps an Event: its object's uid and field path. */
interface RecordedGroup {
  uid: string;
  fieldPath: string;
}

export class ClusterEventRecorder implements EventRecorder {
  /**
   * The involved object's uid → field path (one container of a Pod) → the Events recorded about
   * it: a handful each, compared field by field, since a raise happens every few seconds (a
   * back-off) and its message is built anew each time. Grouping by container keeps a Pod with
   * thousands of containers from comparing every new Event with all of its others; keying by the
   * two strings as they are spares building and hashing a joined key at every raise.
   */
  private readonly recorded = new Map<string, Map<string, RecordedEvent[]>>();
  private ctx!: EngineContext;
  private sequence = 0;

  attach(ctx: EngineContext): void {
    this.ctx = ctx;
  }

  record(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath = ''): void {
    const { api, clock } = this.ctx;
    const now = clock.now();
    const namespace = object.metadata.namespace ?? 'default';
    const group: RecordedGroup = { uid: object.metadata.uid ?? '', fieldPath };
    // Compared field by field without making a key: a back-off raises its Event every 10 s.
    const existing = this.find(group, object, namespace, type, reason, message, source);
    if (existing) {
      const event = api.peek('Event', existing.namespace, existing.name);
      if (event) {
        // The recorder built this Event, so raising it is a trusted write of a new version that
        // shares everything but its metadata, count and lastTimestamp with the stored one.
        api.replaceTrusted(newVersion(event, { count: (event.count ?? 1) + 1, lastTimestamp: rfc3339(now) }));
        if (now - (now % 1000) > existing.ttlFrom) existing.ttlFrom = now;
        return;
      }
      existing.expiry.cancel();
      this.forget(group, existing);
    }
    const key: EventKey = {
      kind: object.kind,
      objectNamespace: namespace,
      objectName: object.metadata.name!,
      fieldPath,
      type,
      reason,
      message,
      component: source.component,
      host: source.host ?? '',
    };
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
      // Built here as admission would leave it, so it is stored as it is.
      api.createTrusted({
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
    const recorded: RecordedEvent = { ...key, namespace, name, ttlFrom: now, expiry: undefined! };
    let byFieldPath = this.recorded.get(group.uid);
    if (!byFieldPath) this.recorded.set(group.uid, (byFieldPath = new Map()));
    const list = byFieldPath.get(group.fieldPath);
    if (list) list.push(recorded);
    else byFieldPath.set(group.fieldPath, [recorded]);
    this.armExpiry(group, recorded);
  }

  private find(group: RecordedGroup, object: KubeObject, namespace: string, type: string, reason: string, message: string, source: EventSource): RecordedEvent | undefined {
    const list = this.recorded.get(group.uid)?.get(group.fieldPath);
    if (!list) return undefined;
    for (const recorded of list) {
      if (
        recorded.reason === reason &&
        recorded.type === type &&
        recorded.kind === object.kind &&
        recorded.objectName === object.metadata.name &&
        recorded.objectNamespace === namespace &&
        recorded.component === source.component &&
        recorded.host === (source.host ?? '') &&
        recorded.message === message
      ) {
        return recorded;
      }
    }
    return undefined;
  }

  private forget(group: RecordedGroup, recorded: RecordedEvent): void {
    const byFieldPath = this.recorded.get(group.uid);
    const list = byFieldPath?.get(group.fieldPath);
    const index = list?.indexOf(recorded) ?? -1;
    if (index < 0) return;
    list!.splice(index, 1);
    if (list!.length > 0) return;
    byFieldPath!.delete(group.fieldPath);
    if (byFieldPath!.size === 0) this.recorded.delete(group.uid);
  }

  private armExpiry(group: RecordedGroup, recorded: RecordedEvent): void {
    const { api, clock } = this.ctx;
    const armedFrom = recorded.ttlFrom;
    recorded.expiry = clock.schedule(armedFrom + eventTtlMs, () => {
      if (recorded.ttlFrom !== armedFrom) {
        this.armExpiry(group, recorded);
        return;
      }
      try {
        api.delete('Event', recorded.namespace, recorded.name);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
      }
      this.forget(group, recorded);
    }, 'event-ttl');
  }
}

