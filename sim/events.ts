// Records core/v1 Events the way client-go's EventCorrelator does for each component's recorder
// (tools/record/events_cache.go):
// - counting: a repeat of the same object, field path, type, reason and message raises `count`
//   and `lastTimestamp` on the Event already written; the count lives in the recorder, so an Event
//   that expired or was deleted comes back under its old name with the count going on;
// - aggregation: when ten different messages of one object, type and reason come within ten
//   minutes, further ones are written as one "(combined from similar events): …" Event;
// - the spam filter: a source may write 25 Events about one object at once, then one every five
//   minutes; a repeat the filter holds back still counts, and shows in the next one written.
// The scheduler records through the events.k8s.io recorder, which has no spam filter and no
// aggregation, so its repeats are only counted.
// Events expire one hour after their last update, like the API server's --event-ttl.

import type { EngineContext, EventRecorder, EventSource, TimerHandle } from './engine-context';
import type { KubeObject } from './api/types';
import { rfc3339 } from './time';
import { ApiError } from './api/errors';
import { newVersion } from './api/object-utils';

export const eventTtlMs = 60 * 60 * 1000;

/** client-go's LRU size for each of the correlator's caches. */
const cacheEntries = 4096;
/** Aggregation: this many different messages within the interval make a combined Event. */
const aggregateMaxMessages = 10;
const aggregateIntervalMs = 600_000;
/** The spam filter's token bucket: a burst of 25, refilled at one Event per 300 s. */
const spamBurst = 25;
const spamRefillMs = 300_000;

const schedulerComponent = 'default-scheduler';

/** An LRU map as client-go's caches are: reading or writing an entry makes it the newest. */
class LruMap<V> {
  private readonly entries = new Map<string, V>();

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > cacheEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** What the correlator remembers of one Event it counted (client-go's eventLog). */
interface Observation {
  namespace: string;
  name: string;
  count: number;
  firstTimestamp: string;
  /**
   * When its hour counts from: the first write within the second of the latest one, since the
   * expiry compares against `lastTimestamp`, which keeps whole seconds.
   */
  ttlFrom: number;
  /** Its one expiry timer while the Event is stored, re-armed when it fires early because the Event was raised meanwhile. */
  expiry?: TimerHandle;
}

/** The different messages of one object, type and reason seen lately. */
interface AggregateRecord {
  messages: Set<string>;
  lastAt: number;
}

interface SpamRecord {
  tokens: number;
  at: number;
}

/** One component's recorder (a node's kubelet, the controller manager): its own three caches. */
class Correlator {
  readonly observations = new LruMap<Observation>();
  readonly aggregates = new LruMap<AggregateRecord>();
  readonly spam = new LruMap<SpamRecord>();
  constructor(readonly filters: boolean) {}

  /**
   * The aggregation step: the message to write and the key it is counted under, which is the
   * aggregate's own key once the object has had too many different messages lately.
   */
  aggregate(aggregateKey: string, message: string, now: number): boolean {
    let record = this.aggregates.get(aggregateKey);
    if (!record || now - record.lastAt > aggregateIntervalMs) record = { messages: new Set(), lastAt: now };
    record.messages.add(message);
    record.lastAt = now;
    this.aggregates.set(aggregateKey, record);
    if (record.messages.size < aggregateMaxMessages) return false;
    // The set stays below its limit: one message leaves it (client-go drops any one; the oldest here).
    record.messages.delete(record.messages.values().next().value!);
    return true;
  }

  /** The spam filter: whether the source may write one more Event about the object now. */
  allows(objectKey: string, now: number): boolean {
    const record = this.spam.get(objectKey) ?? { tokens: spamBurst, at: now };
    const tokens = Math.min(spamBurst, record.tokens + (now - record.at) / spamRefillMs);
    const allowed = tokens >= 1;
    this.spam.set(objectKey, allowed ? { tokens: tokens - 1, at: now } : record);
    return allowed;
  }
}

export class ClusterEventRecorder implements EventRecorder {
  /** Each source's correlator, by component and host. */
  private readonly correlators = new Map<string, Correlator>();
  private ctx!: EngineContext;
  private sequence = 0;

  attach(ctx: EngineContext): void {
    this.ctx = ctx;
  }

  record(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const now = this.ctx.clock.now();
    const host = source.host ?? '';
    const sourceKey = `${source.component}\u0000${host}`;
    let correlator = this.correlators.get(sourceKey);
    if (!correlator) this.correlators.set(sourceKey, (correlator = new Correlator(source.component !== schedulerComponent)));

    const metadata = object.metadata;
    const namespace = metadata.namespace ?? 'default';
    const objectKey = `${object.kind}\u0000${namespace}\u0000${metadata.name}\u0000${metadata.uid ?? ''}\u0000${object.apiVersion}`;
    const aggregateKey = `${objectKey}\u0000${type}\u0000${reason}`;
    let key = `${aggregateKey}\u0000${fieldPath ?? ''}\u0000${message}`;
    let written = message;
    if (correlator.filters && correlator.aggregate(aggregateKey, message, now)) {
      key = aggregateKey;
      written = `(combined from similar events): ${message}`;
    }

    const observation = correlator.observations.get(key);
    const raised: Observation = observation ?? { namespace, name: this.newName(metadata.name!, now), count: 0, firstTimestamp: rfc3339(now), ttlFrom: now };
    raised.count++;
    correlator.observations.set(key, raised);
    if (correlator.filters && !correlator.allows(objectKey, now)) return;

    const stored = raised.count > 1 ? this.ctx.api.peek('Event', namespace, raised.name) : undefined;
    if (stored) {
      // The recorder built this Event, so raising it is a trusted write of a new version that
      // shares everything but its metadata, count, message and lastTimestamp with the stored one
      // (the fields keep their order).
      this.ctx.api.replaceTrusted(newVersion(stored, { count: raised.count, message: written, lastTimestamp: rfc3339(now) }));
      if (now - (now % 1000) > raised.ttlFrom) raised.ttlFrom = now;
      return;
    }
    if (this.create(object, type, reason, written, source, fieldPath, raised, now)) {
      raised.ttlFrom = now;
      this.armExpiry(raised);
    }
  }

  /** Named like client-go's events (`<object>.<nanoseconds in hex>`), so listing by name is chronological. */
  private newName(objectName: string, now: number): string {
    const nanos = BigInt(Math.floor(now)) * 1_000_000n + BigInt(this.sequence++ % 1_000_000);
    return `${objectName}.${nanos.toString(16).padStart(16, '0')}`;
  }

  private create(object: KubeObject, type: string, reason: string, message: string, source: EventSource, fieldPath: string | undefined, raised: Observation, now: number): boolean {
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
      this.ctx.api.createTrusted({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: raised.name, namespace: raised.namespace },
        involvedObject,
        reason,
        message,
        source: source.host ? { component: source.component, host: source.host } : { component: source.component },
        firstTimestamp: raised.firstTimestamp,
        lastTimestamp: rfc3339(now),
        count: raised.count,
        type,
        eventTime: null,
        reportingComponent: source.component,
        reportingInstance: source.host ?? '',
      });
      return true;
    } catch (error) {
      // An event for a namespace being deleted is dropped, as the API server would refuse it.
      if (error instanceof ApiError) return false;
      throw error;
    }
  }

  private armExpiry(raised: Observation): void {
    const { api, clock } = this.ctx;
    const armedFrom = raised.ttlFrom;
    raised.expiry?.cancel();
    raised.expiry = clock.schedule(armedFrom + eventTtlMs, () => {
      if (raised.ttlFrom !== armedFrom) {
        this.armExpiry(raised);
        return;
      }
      raised.expiry = undefined;
      try {
        api.delete('Event', raised.namespace, raised.name);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
      }
    }, 'event-ttl');
  }
}
