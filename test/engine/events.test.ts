import { describe, expect, it } from 'vitest';
import { Cluster } from '../../sim/cluster';
import { eventTtlMs } from '../../sim/events';
import type { KubeObject } from '../../sim/api/types';
import { prepareForCreate } from '../../sim/api/machinery';
import { rfc3339 } from '../../sim/time';

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
    // Raised again after it expired: the recorder still counts it, so it comes back under its
    // name with the count going on and its first time kept, as client-go's correlator writes it.
    raise();
    const [again] = events();
    expect(again.count).toBe(4);
    expect(again.firstTimestamp).toBe(rfc3339(start));
  });

  it('writes an Event deleted meanwhile anew under its name, with the count going on', () => {
    const { cluster, events, raise } = setUp();
    raise();
    const first = events()[0];
    cluster.api.delete('Event', 'default', first.metadata.name!);
    cluster.clock.advanceBy(2_000);
    raise();
    const [second] = events();
    expect(second.metadata.name).toBe(first.metadata.name);
    expect(second.count).toBe(2);
    expect(second.firstTimestamp).toBe(first.firstTimestamp);
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

  it('lets a source write 25 Events about an object at once, then one every five minutes, counting those it holds back', () => {
    const { cluster, pod, events, raise } = setUp();
    raise('first');
    // Different reasons, so that none of them is combined with another.
    for (let i = 2; i <= 25; i++) cluster.events.record(pod, 'Warning', `Reason${i}`, 'burst', { component: 'tester' });
    cluster.events.record(pod, 'Warning', 'Late', 'held back', { component: 'tester' });
    raise('first');
    expect(events()).toHaveLength(25);
    // Another object, or the same object from another source, has a budget of its own.
    cluster.events.record(pod, 'Warning', 'Test', 'from elsewhere', { component: 'other' });
    expect(events()).toHaveLength(26);
    cluster.clock.advanceBy(299_000);
    raise('first');
    expect(events().find((e: KubeObject) => e.message === 'first')!.count).toBe(1);
    cluster.clock.advanceBy(1_000);
    raise('first');
    const first = events().find((e: KubeObject) => e.message === 'first')!;
    expect(first.count).toBe(4);
    expect(Date.parse(first.lastTimestamp) - Date.parse(first.firstTimestamp)).toBe(300_000);
  });

  it('combines the tenth different message of one reason within ten minutes into one Event', () => {
    const { cluster, events, raise } = setUp();
    for (let i = 1; i <= 9; i++) raise(`message ${i}`);
    expect(events()).toHaveLength(9);
    raise('message 10');
    raise('message 11');
    // A message already among the last nine is counted on its own Event.
    raise('message 9');
    const combined = events().filter((e: KubeObject) => e.message.startsWith('(combined'));
    expect(combined.map((e: KubeObject) => [e.message, e.count])).toEqual([['(combined from similar events): message 11', 2]]);
    expect(events().find((e: KubeObject) => e.message === 'message 9')!.count).toBe(2);
    // After ten quiet minutes the messages count afresh.
    cluster.clock.advanceBy(600_001);
    raise('message 12');
    expect(events().filter((e: KubeObject) => e.message === 'message 12')).toHaveLength(1);
  });

  it("keeps counting the scheduler's repeats without holding any back", () => {
    const { cluster, pod, events } = setUp();
    for (let i = 1; i <= 40; i++) cluster.events.record(pod, 'Warning', 'FailedScheduling', `attempt ${i}`, { component: 'default-scheduler' });
    expect(events()).toHaveLength(40);
  });

  it("forgets the objects a source recorded about least recently once it knows 4096 and a quarter more, as client-go's caches do", () => {
    const { cluster, pod } = setUp();
    const source = { component: 'tester' };
    const about = (i: number) => ({ ...pod, metadata: { ...pod.metadata, name: `object-${i}`, uid: `uid-${i}` } });
    const countOf = (i: number) => cluster.api.list('Event', 'default', { fieldSelector: `involvedObject.name=object-${i}` }).map((e: KubeObject) => e.count);
    cluster.events.record(about(0), 'Normal', 'Kept', 'used often', source);
    for (let i = 1; i <= 5200; i++) {
      cluster.events.record(about(i), 'Normal', 'Once', 'used once', source);
      if (i % 1000 === 0) cluster.events.record(about(0), 'Normal', 'Kept', 'used often', source);
    }
    cluster.events.record(about(0), 'Normal', 'Kept', 'used often', source);
    cluster.events.record(about(1), 'Normal', 'Once', 'used once', source);
    // The object used all along still counts on; the first of the others was forgotten, so its
    // repeat is a new Event beside the old one.
    expect(countOf(0)).toEqual([7]);
    expect(countOf(1)).toEqual([1, 1]);
    expect(countOf(5200)).toEqual([1]);
  });
});
