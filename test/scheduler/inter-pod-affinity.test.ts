// Required pod affinity and anti-affinity, and preferred node affinity, as the default scheduler
// weighs them.
import { describe, expect, it } from 'vitest';
import { FakeCluster, podManifest } from '../controllers/fake-cluster';
import { startScheduler } from '../../sim/scheduler';

function cluster(): FakeCluster {
  const c = new FakeCluster();
  startScheduler(c.ctx);
  c.addNode('node01', { labels: { 'kubernetes.io/hostname': 'node01', zone: 'a' } });
  c.addNode('node02', { labels: { 'kubernetes.io/hostname': 'node02', zone: 'b' } });
  return c;
}

const term = (value: string, topologyKey = 'kubernetes.io/hostname') => ({ labelSelector: { matchLabels: { app: value } }, topologyKey });
const nodeOf = (c: FakeCluster, name: string) => c.get('Pod', 'default', name).spec.nodeName;
const message = (c: FakeCluster, name: string) => c.get('Pod', 'default', name).status.conditions?.find((x: { type: string }) => x.type === 'PodScheduled')?.message;

describe('inter-pod affinity', () => {
  it('places a pod beside the pods its required affinity selects, and refuses nodes without them', () => {
    const c = cluster();
    c.create(podManifest('cache', { labels: { app: 'cache' }, spec: { nodeName: 'node02' } }));
    c.create(podManifest('web', { spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('cache')] } } } }));
    expect(nodeOf(c, 'web')).toBe('node02');
    c.create(podManifest('lonely', { spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db')] } } } }));
    expect(message(c, 'lonely')).toBe(
      "0/2 nodes are available: 2 node(s) didn't match pod affinity rules. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
  });

  it('lets the first pod of a group with affinity to itself in', () => {
    const c = cluster();
    c.create(podManifest('first', { labels: { app: 'group' }, spec: { affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('group', 'zone')] } } } }));
    expect(nodeOf(c, 'first')).toBeDefined();
  });

  it('keeps pods with required anti-affinity apart, both ways', () => {
    const c = cluster();
    const spread = (name: string) =>
      podManifest(name, { labels: { app: 'spread' }, spec: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('spread')] } } } });
    c.create(spread('one'));
    c.create(spread('two'));
    expect(new Set([nodeOf(c, 'one'), nodeOf(c, 'two')]).size).toBe(2);
    c.create(spread('three'));
    expect(message(c, 'three')).toBe(
      "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
    );
    // A plain pod the placed ones' anti-affinity selects finds no node either.
    c.create(podManifest('plain', { labels: { app: 'spread' } }));
    expect(message(c, 'plain')).toContain("2 node(s) didn't satisfy existing pods anti-affinity rules.");
  });

  it('prefers nodes that match the preferred node affinity', () => {
    const c = cluster();
    for (const name of ['a', 'b', 'c']) {
      c.create(podManifest(name, { spec: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] } }] } } } }));
      expect(nodeOf(c, name)).toBe('node02');
    }
  });
});
