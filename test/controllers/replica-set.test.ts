import { describe, expect, it } from 'vitest';
import { counts, replicaSet, runningCluster } from './workloads';
import { podManifest } from './fake-cluster';
import { sortForDeletion } from '../../sim/controllers/pod-deletion-order';

const rsColumns = ['spec.replicas', 'replicas', 'readyReplicas'];

describe('ReplicaSet controller', () => {
  it('creates pods named <rs>-<5 safe characters>, owned by the ReplicaSet', () => {
    const c = runningCluster();
    c.create(replicaSet('web', 3));
    const pods = c.api.list('Pod', 'default');
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: c.get('ReplicaSet', 'default', 'web').metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    expect(counts(c.get('ReplicaSet', 'default', 'web'), rsColumns)).toBe('3 3 3');
    expect(c.eventsFor('ReplicaSet', 'web').sort()).toEqual(pods.map((p) => `SuccessfulCreate: Created pod: ${p.metadata.name}`).sort());
  });

  it('replaces a deleted pod and scales down, newest/unready first', () => {
    const c = runningCluster();
    c.create(replicaSet('web', 2));
    const [first] = c.names('Pod');
    c.delete('Pod', 'default', first);
    expect(c.names('Pod')).toHaveLength(2);
    expect(c.names('Pod')).not.toContain(first);
    const rs = c.get('ReplicaSet', 'default', 'web');
    rs.spec.replicas = 1;
    c.update(rs);
    expect(c.names('Pod')).toHaveLength(1);
    expect(c.eventsFor('ReplicaSet', 'web').filter((e) => e.startsWith('SuccessfulDelete'))).toHaveLength(1);
    expect(counts(c.get('ReplicaSet', 'default', 'web'), rsColumns)).toBe('1 1 1');
  });

  it('adopts a matching orphan instead of creating a pod, and releases a relabelled one', () => {
    const c = runningCluster();
    c.create(podManifest('stray', { labels: { app: 'web' } }));
    c.create(replicaSet('web', 2));
    expect(c.names('Pod')).toHaveLength(2);
    expect(c.get('Pod', 'default', 'stray').metadata.ownerReferences?.[0].name).toBe('web');
    c.patch('Pod', 'default', 'stray', { metadata: { labels: { app: 'debug' } } });
    expect(c.get('Pod', 'default', 'stray').metadata.ownerReferences).toBeUndefined();
    expect(c.names('Pod')).toHaveLength(3);
  });

  it('counts availableReplicas only after minReadySeconds', () => {
    const c = runningCluster();
    const rs = replicaSet('web', 2);
    rs.spec.minReadySeconds = 10;
    c.create(rs);
    expect(c.get('ReplicaSet', 'default', 'web').status).toMatchObject({ replicas: 2, readyReplicas: 2 });
    expect(c.get('ReplicaSet', 'default', 'web').status.availableReplicas).toBeUndefined();
    c.advance(10);
    expect(c.get('ReplicaSet', 'default', 'web').status.availableReplicas).toBe(2);
  });

  it('records replication-controller events for ReplicationControllers', () => {
    const c = runningCluster();
    c.create({
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'legacy', namespace: 'default' },
      spec: { replicas: 1, selector: { app: 'legacy' }, template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'app', image: 'nginx' }] } } },
    });
    const [pod] = c.names('Pod');
    const events = c.api.list('Event', 'default').filter((e) => e.involvedObject.kind === 'ReplicationController');
    expect(events.map((e) => [e.source.component, e.message])).toEqual([['replication-controller', `Created pod: ${pod}`]]);
  });
});

describe('deletion order', () => {
  it('removes unscheduled, then pending, then not-ready pods before ready ones', () => {
    const pod = (name: string, nodeName: string | undefined, phase: string, ready: boolean) => ({
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name, creationTimestamp: '2026-01-15T09:00:00Z' },
      spec: { containers: [], nodeName },
      status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2026-01-15T09:00:00Z' }] },
    });
    const order = sortForDeletion([pod('ready', 'n1', 'Running', true), pod('unready', 'n2', 'Running', false), pod('pending', 'n3', 'Pending', false), pod('unscheduled', undefined, 'Pending', false)]);
    expect(order.map((p) => p.metadata.name)).toEqual(['unscheduled', 'pending', 'unready', 'ready']);
  });
});
