// DefaultPreemption: a pod no node fits evicts pods of lower priority, the fewest and least
// important it can, and waits for their node; the scheduling queue tries higher priorities first.
import { describe, expect, it } from 'vitest';
import { FakeCluster, podManifest } from '../controllers/fake-cluster';
import type { KubeObject } from '../../sim/api/types';

function priorityClass(name: string, value: number, extra: object = {}): KubeObject {
  return { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra };
}

/** The classes low (10), mid (100), high (1000) and high-never, and node01 with 1Gi of memory. */
function withClasses(options: { kubelet?: boolean } = {}): FakeCluster {
  const c = new FakeCluster(options);
  c.create(priorityClass('low', 10));
  c.create(priorityClass('mid', 100));
  c.create(priorityClass('high', 1000));
  c.create(priorityClass('high-never', 1000, { preemptionPolicy: 'Never' }));
  c.addNode('node01', { memory: '1Gi' });
  return c;
}

const podWith = (name: string, className: string, memory: string) => podManifest(name, { requests: { memory }, spec: { priorityClassName: className } });

/** node01 held by `filler` (low), then `urgent` (high) that needs part of its room. */
function preempting(options: { kubelet?: boolean } = {}): { c: FakeCluster; preemptor: KubeObject } {
  const c = withClasses(options);
  c.create(podWith('filler', 'low', '800Mi'));
  return { c, preemptor: c.create(podWith('urgent', 'high', '500Mi')) };
}

function podScheduled(c: FakeCluster, name: string) {
  return c.get('Pod', 'default', name).status.conditions?.find((x: { type: string }) => x.type === 'PodScheduled');
}

describe('scheduler preemption', () => {
  it('evicts a pod of lower priority, nominates its node and binds there once it is gone', () => {
    const { c, preemptor } = preempting();
    expect(c.tryGet('Pod', 'default', 'filler')).toBeUndefined();
    expect(c.eventsFor('Pod', 'filler')).toContain(`Preempted: Preempted by pod ${preemptor.metadata.uid} on node node01`);
    // The filters' part alone: preemption succeeded, so it adds nothing.
    expect(c.eventsFor('Pod', 'urgent')[0]).toBe('FailedScheduling: 0/1 nodes are available: 1 Insufficient memory.');
    c.advance(1);
    const urgent = c.get('Pod', 'default', 'urgent');
    expect(urgent.spec.nodeName).toBe('node01');
    expect(urgent.status.nominatedNodeName).toBe('node01');
  });

  it('marks the victim as disrupted by preemption before deleting it', () => {
    const { c } = preempting({ kubelet: false });
    const victim = c.get('Pod', 'default', 'filler');
    expect(victim.metadata.deletionTimestamp).toBeDefined();
    expect(victim.status.conditions).toContainEqual(
      expect.objectContaining({ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod' }),
    );
    expect(podScheduled(c, 'urgent')).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    expect(c.get('Pod', 'default', 'urgent').status.nominatedNodeName).toBe('node01');
    // Asked again while its victim terminates, the pod waits instead of preempting more.
    c.create(podWith('bystander', 'low', '100Mi'));
    c.advance(300);
    expect(podScheduled(c, 'urgent')?.message).toBe('0/1 nodes are available: 1 Insufficient memory. preemption: not eligible due to a terminating pod on the nominated node.');
  });

  it('keeps the room its victims free for the nominated pod, against pods of lower priority', () => {
    const { c } = preempting({ kubelet: false });
    // The victim is gone while the preemptor still backs off from its failed attempt.
    c.delete('Pod', 'default', 'filler', { gracePeriodSeconds: 0 });
    c.create(podWith('opportunist', 'low', '600Mi'));
    expect(c.get('Pod', 'default', 'opportunist').spec.nodeName).toBeUndefined();
    c.advance(2);
    expect(c.get('Pod', 'default', 'urgent').spec.nodeName).toBe('node01');
  });

  it('drops its nomination when preemption can no longer help on any node', () => {
    const { c } = preempting({ kubelet: false });
    expect(c.get('Pod', 'default', 'urgent').status.nominatedNodeName).toBe('node01');
    c.patch('Node', undefined, 'node01', { spec: { unschedulable: true } });
    c.advance(2);
    const urgent = c.get('Pod', 'default', 'urgent');
    expect(urgent.status.nominatedNodeName).toBeUndefined();
    expect(podScheduled(c, 'urgent')?.message).toBe(
      '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });

  it('evicts only as many pods as it needs, the least important first', () => {
    const c = withClasses();
    c.create(podWith('small-low', 'low', '300Mi'));
    c.create(podWith('small-mid', 'mid', '300Mi'));
    c.advance(5);
    // Of two pods of one priority, the one that started later matters less.
    c.create(podWith('small-low2', 'low', '300Mi'));
    c.create(podWith('urgent', 'high', '300Mi'));
    expect(c.names('Pod').sort()).toEqual(['small-low', 'small-mid', 'urgent']);
    expect(c.get('Pod', 'default', 'urgent').spec.nodeName).toBeUndefined();
    c.advance(1);
    expect(c.get('Pod', 'default', 'urgent').spec.nodeName).toBe('node01');
  });

  it('picks the node whose victims have the lowest priority', () => {
    const c = withClasses();
    c.addNode('node02', { memory: '1Gi' });
    c.create(podWith('a-mid', 'mid', '800Mi'));
    c.create(podWith('b-low', 'low', '800Mi'));
    const onNode = (name: string) => c.get('Pod', 'default', name).spec.nodeName;
    const lowNode = onNode('b-low');
    c.create(podWith('urgent', 'high', '500Mi'));
    expect(c.tryGet('Pod', 'default', 'b-low')).toBeUndefined();
    expect(c.tryGet('Pod', 'default', 'a-mid')).toBeDefined();
    expect(c.get('Pod', 'default', 'urgent').status.nominatedNodeName).toBe(lowNode);
  });

  it('does not preempt for a pod whose class says Never', () => {
    const c = withClasses();
    c.create(podWith('filler', 'low', '800Mi'));
    c.create(podWith('polite', 'high-never', '500Mi'));
    expect(c.tryGet('Pod', 'default', 'filler')).toBeDefined();
    expect(podScheduled(c, 'polite')?.message).toBe('0/1 nodes are available: 1 Insufficient memory. preemption: not eligible due to preemptionPolicy=Never.');
  });

  it("names a node's remaining reason when evicting every lower-priority pod is still not enough", () => {
    const c = withClasses();
    c.create(podWith('keeper', 'high', '600Mi'));
    c.create(podWith('filler', 'low', '300Mi'));
    c.create(podWith('urgent', 'high', '500Mi'));
    expect(c.tryGet('Pod', 'default', 'filler')).toBeDefined();
    expect(podScheduled(c, 'urgent')?.message).toBe('0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 Insufficient memory.');
  });

  it('gives room that frees up to the waiting pod of highest priority', () => {
    const c = withClasses();
    c.create(podWith('filler', 'high', '800Mi'));
    c.create(podWith('waiting-low', 'low', '600Mi'));
    c.create(podWith('waiting-mid', 'high-never', '600Mi'));
    c.advance(20);
    c.delete('Pod', 'default', 'filler');
    c.advance(20);
    expect(c.get('Pod', 'default', 'waiting-mid').spec.nodeName).toBe('node01');
    expect(c.get('Pod', 'default', 'waiting-low').spec.nodeName).toBeUndefined();
  });
});
