import { describe, expect, it } from 'vitest';
import { Cluster } from '../../sim/cluster';
import { eventTtlMs } from '../../sim/events';
import type { KubeObject } from '../../sim/api/types';
import { prepareForCreate } from '../../sim/api/machinery';

function setUp() {
  const cluster = new Cluster();
  cluster.settle();
  const pod = cluster.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'subject', namespace: 'default' }, spec: { nodeName: 'nowhere', containers: [{ name: 'app', image: 'busybox:1.36' }] } });
  const events = () => cluster.api.list('Event', 'default', { fieldSelector: 'involvedObject.name=subject' });
  const raise = (message = 'something happened') => cluster.events.record(pod, 'Warning', 'Test', message, { component: 'tester' });
  return { cluster, pod, events, raise };
}

describe('the event recorder', () => {
  it('raises count and lastTimestamp of a repeated Event, with a new resourceVersion each time', () => {
    const { cluster, events, raise } = setUp();
    raise();
    const first = events()[0];
    cluster.clock.advanceBy(7_500);
    raise();
    raise('something else');
    const [raised, other] = events();
    expect(raised.metadata.name).toBe(first.metadata.name);
    expect(raised.count).toBe(2);
    expect(raised.firstTimestamp).toBe(first.firstTimestamp);
    expect(Date.parse(raised.lastTimestamp) - Date.parse(first.lastTimestamp)).toBe(7_000);
    expect(Number(raised.metadata.resourceVersion)).toBeGreaterThan(Number(first.metadata.resourceVersion));
    expect(other.count).toBe(1);
  });

  it('lets an Event expire one hour after the first raise within the second of its last', () => {
    const { cluster, events, raise } = setUp();
    const start = cluster.clock.now();
    raise();
    cluster.clock.advanceTo(start + 20_300);
    raise();
    cluster.clock.advanceTo(start + 20_800);
    raise();
    cluster.clock.advanceTo(start + 20_300 + eventTtlMs - 1);
    expect(events().map((e: KubeObject) => e.count)).toEqual([3]);
    cluster.clock.advanceTo(start + 20_300 + eventTtlMs);
    expect(events()).toEqual([]);
    // Raised again after it expired: a new Event.
    raise();
    expect(events().map((e: KubeObject) => e.count)).toEqual([1]);
  });

  it('starts a new Event when the old one was deleted', () => {
    const { cluster, events, raise } = setUp();
    raise();
    const first = events()[0];
    cluster.api.delete('Event', 'default', first.metadata.name!);
    cluster.clock.advanceBy(2_000);
    raise();
    const [second] = events();
    expect(second.metadata.name).not.toBe(first.metadata.name);
    expect(second.count).toBe(1);
    cluster.clock.advanceBy(eventTtlMs - 2_000);
    expect(events()).toHaveLength(1);
    cluster.clock.advanceBy(2_000);
    expect(events()).toEqual([]);
  });

  it('stores Events exactly as admission would leave them, so they need no decoding or validation', () => {
    const { cluster, pod, raise } = setUp();
    raise();
    cluster.events.record(pod, 'Normal', 'Pulled', 'Container image "busybox:1.36" already present on machine', { component: 'kubelet', host: 'worker-1' }, 'spec.containers{app}');
    const node = cluster.api.list('Node', undefined)[0];
    cluster.events.record(node, 'Normal', 'NodeReady', `Node ${node.metadata.name} status is now: NodeReady`, { component: 'kubelet', host: node.metadata.name });
    cluster.clock.advanceBy(30_000);
    const events = cluster.api.list('Event', undefined);
    expect(events.length).toBeGreaterThanOrEqual(3);
    for (const event of events) {
      const admitted = prepareForCreate(event, { randomSuffix: () => 'abcde' });
      expect('object' in admitted && admitted.object).toEqual(event);
    }
  });
});
