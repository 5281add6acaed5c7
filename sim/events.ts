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

/** client-go's LRU size for each of the correlator's caches; here, the objects a source remembers. */
const cacheEntries = 4096;
/** Aggregation: this many different messages within the interval make a combined Event. */
const aggregateMaxMessages = 10;
const aggregateIntervalMs = 600_000;
/** Forgets the Events counted for the field path recorded first (a Pod's first container), not the one being raised. */
function forgetOldestPath(record: ObjectRecord, keep: string): void {
  for (const [path, list] of record.counted) {
    if (path === keep) continue;
    record.counted.delete(path);
    record.countedSize -= list.length;
    return;
  }
}

/** The spam filter's token bucket: a burst of 25, refilled at one Event per 300 s. */
const spamBurst = 25;
const spamRefillMs = 300_000;

const schedulerComponent = 'default-scheduler';

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

/** One Event's identity within its object: the fields client-go's event key adds to the object's. */
interface Counted {
  type: string;
  reason: string;
  /** The container's field path; none for a combined Event, which stands for all of them. */
  fieldPath: string;
  message: string;
  observation: Observation;
}

/** The different messages of one type and reason seen lately. */
interface AggregateRecord {
  type: string;
  messages: Set<string>;
  lastAt: number;
}

/**
 * What a source's correlator keeps about one object: its spam filter's tokens, its aggregation
 * records by reason, and the Events it counted, by field path (one container of a Pod), so a Pod
 * of thousands of containers compares a new Event only with its own container's. Everything is
 * compared field by field: a back-off raises its Event every 10 s, and building keys for it costs.
 */
interface ObjectRecord {
  tokens: number;
  tokensAt: number;
  aggregates: Map<string, AggregateRecord[]>;
  counted: Map<string, Counted[]>;
  /** How many Events `counted` holds: past client-go's cache size, the oldest field path's are forgotten. */
  countedSize: number;
  /** When the source last recorded about the object: the least recently used are forgotten first. */
  usedAt: number;
}

/** Counted Events kept per field path before the oldest is forgotten. */
const countedPerPath = 64;

/**
 * One component's recorder (a node's kubelet, the controller manager). client-go keeps three LRU
 * caches of 4096 entries; here the objects are bounded instead, the least recently used forgotten
 * in a batch once there are a quarter more.
 */
class Correlator {
  private readonly objects = new Map<string, ObjectRecord>();
  private uses = 0;
  constructor(readonly filters: boolean) {}

  objectRecord(uid: string, now: number): ObjectRecord {
    let record = this.objects.get(uid);
    if (record) {
      record.usedAt = ++this.uses;
      return record;
    }
    record = { tokens: spamBurst, tokensAt: now, aggregates: new Map(), counted: new Map(), countedSize: 0, usedAt: ++this.uses };
    this.objects.set(uid, record);
    if (this.objects.size > cacheEntries * 1.25) this.forgetLeastUsed();
    return record;
  }

  private forgetLeastUsed(): void {
    const byUse = [...this.objects].sort((a, b) => a[1].usedAt - b[1].usedAt);
    for (const [uid] of byUse.slice(0, this.objects.size - cacheEntries)) this.objects.delete(uid);
  }
}

/**
 * The aggregation step: true once the object has had ten different messages of this type and
 * reason within ten minutes, when the Event is written combined.
 */
function aggregate(record: ObjectRecord, type: string, reason: string, message: string, now: number): boolean {
  let list = record.aggregates.get(reason);
  if (!list) record.aggregates.set(reason, (list = []));
  let entry = list.find((a) => a.type === type);
  if (!entry) list.push((entry = { type, messages: new Set(), lastAt: now }));
  if (now - entry.lastAt > aggregateIntervalMs) entry.messages.clear();
  entry.messages.add(message);
  entry.lastAt = now;
  if (entry.messages.size < aggregateMaxMessages) return false;
  // The set stays below its limit: one message leaves it (client-go drops any one; the oldest here).
  entry.messages.delete(entry.messages.values().next().value!);
  return true;
}

/** The spam filter's token bucket: whether the source may write one more Event about the object now. */
function allows(record: ObjectRecord, now: number): boolean {
  const tokens = Math.min(spamBurst, record.tokens + (now - record.tokensAt) / spamRefillMs);
  if (tokens < 1) return false;
  record.tokens = tokens - 1;
  record.tokensAt = now;
  return true;
}

export class ClusterEventRecorder implements EventRecorder {
  /** Each source's correlator, by component, then host. */
  private readonly correlators = new Map<string, Map<string, Correlator>>();
  private ctx!: EngineContext;
  private sequence = 0;

  attach(ctx: EngineContext): void {
    this.ctx = ctx;
  }

  private correlatorOf(source: EventSource): Correlator {
    let byHost = this.correlators.get(source.component);
    if (!byHost) this.correlators.set(source.component, (byHost = new Map()));
    const host = source.host ?? '';
    let correlator = byHost.get(host);
    if (!correlator) byHost.set(host, (correlator = new Correlator(source.component !== schedulerComponent)));
    return correlator;
  }

  record(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath = ''): void {
    const now = this.ctx.clock.now();
    const correlator = this.correlatorOf(source);
    const metadata = object.metadata;
    const namespace = metadata.namespace ?? 'default';
    const record = correlator.objectRecord(metadata.uid ?? `${object.kind}/${namespace}/${metadata.name}`, now);
    const combined = correlator.filters && aggregate(record, type, reason, message, now);
    // A combined Event is counted under its type and reason alone, whatever its container or message.
    const path = combined ? '' : fieldPath;
    let list = record.counted.get(path);
    if (!list) record.counted.set(path, (list = []));
    let counted = list.find((c) => c.reason === reason && c.type === type && (combined ? c.fieldPath === '\u0000combined' : c.message === message && c.fieldPath === fieldPath));
    if (!counted) {
      const observation: Observation = { namespace, name: this.newName(metadata.name!, now), count: 0, firstTimestamp: rfc3339(now), ttlFrom: now };
      counted = { type, reason, fieldPath: combined ? '\u0000combined' : fieldPath, message, observation };
      list.push(counted);
      record.countedSize++;
      if (list.length > countedPerPath) {
        list.shift();
        record.countedSize--;
      }
      if (record.countedSize > cacheEntries) forgetOldestPath(record, path);
    }
    const raised = counted.observation;
    raised.count++;
    const written = combined ? `(combined from similar events): ${message}` : message;
    if (correlator.filters && !allows(record, now)) return;

    const stored = raised.count > 1 ? this.ctx.api.peek('Event', namespace, raised.name) : undefined;
    if (stored) {
      // The recorder built this Event, so raising it is a trusted write of a new version that
      // shares everything but its metadata, count, message and lastTimestamp with the stored one.
      this.ctx.api.replaceTrusted(newVersion(stored, { count: raised.count, message: written, lastTimestamp: rfc3339(now) }));
      if (now - (now % 1000) > raised.ttlFrom) raised.ttlFrom = now;
      return;
    }
    if (this.create(object, type, reason, written, source, fieldPath || undefined, raised, now)) {
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
