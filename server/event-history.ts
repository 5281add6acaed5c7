// One subscription per kind to the cluster's watch, shared by every open watch request, with the
// recent events kept so that a watch started from a list's resourceVersion misses nothing that
// happened between the list and the watch.
import type { ApiServer, WatchEvent } from '../sim/api/server';
import type { KubeObject } from '../sim/api/types';

export interface RecordedEvent {
  type: WatchEvent['type'];
  /** The object as it was when the event happened (a copy: the store keeps changing). */
  object: KubeObject;
  oldObject?: KubeObject;
  resourceVersion: number;
}

const keptEvents = 2000;

export class EventHistory {
  private readonly events: RecordedEvent[] = [];
  private readonly listeners = new Set<(event: RecordedEvent) => void>();
  /** The resourceVersion from which this history is complete. */
  readonly since: number;
  private readonly unsubscribe: () => void;

  constructor(api: ApiServer, kind: string, startVersion: number, onVersion: (version: number) => void) {
    this.since = startVersion;
    this.unsubscribe = api.watch(kind, undefined, (event) => {
      const resourceVersion = Number(event.object.metadata.resourceVersion ?? 0);
      onVersion(resourceVersion);
      const recorded: RecordedEvent = {
        type: event.type,
        object: structuredClone(event.object),
        oldObject: event.oldObject ? structuredClone(event.oldObject) : undefined,
        resourceVersion,
      };
      this.events.push(recorded);
      if (this.events.length > keptEvents) this.events.splice(0, this.events.length - keptEvents);
      for (const listener of [...this.listeners]) listener(recorded);
    });
  }

  /** The kept events after `version` (the most recent ones, when the history has moved on). */
  after(version: number): RecordedEvent[] {
    return this.events.filter((event) => event.resourceVersion > version);
  }

  listen(listener: (event: RecordedEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }
}
