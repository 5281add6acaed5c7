import { describe, expect, it } from 'vitest';
import { deployment, replicaSet, runningCluster } from './workloads';

describe('garbage collector', () => {
  it('background: deleting a Deployment removes its ReplicaSet and pods', () => {
    const c = runningCluster();
    c.create(deployment('web', 2));
    c.delete('Deployment', 'default', 'web');
    expect(c.names('ReplicaSet')).toEqual([]);
    expect(c.names('Pod')).toEqual([]);
  });

  it('orphan: the ReplicaSet stays without its owner reference and keeps its pods', () => {
    const c = runningCluster();
    c.create(deployment('web', 2));
    const [rs] = c.names('ReplicaSet');
    c.delete('Deployment', 'default', 'web', { propagationPolicy: 'Orphan' });
    expect(c.names('Deployment')).toEqual([]);
    expect(c.names('ReplicaSet')).toEqual([rs]);
    expect(c.get('ReplicaSet', 'default', rs).metadata.ownerReferences).toBeUndefined();
    expect(c.names('Pod')).toHaveLength(2);
  });

  it('foreground: the owner waits with the foregroundDeletion finalizer until its pods are gone', () => {
    const c = runningCluster();
    c.create(replicaSet('web', 2));
    // Without a kubelet removing them, the pods stay Terminating and the owner waits.
    c.api.delete('ReplicaSet', 'default', 'web', { propagationPolicy: 'Foreground' });
    c.drain();
    expect(c.names('ReplicaSet')).toEqual([]);
    expect(c.names('Pod')).toEqual([]);
  });

  it('deletes a dependent whose owner no longer exists', () => {
    const c = runningCluster();
    c.create({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'leftover', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'gone', uid: 'no-such-uid' }] },
      data: {},
    });
    expect(c.tryGet('ConfigMap', 'default', 'leftover')).toBeUndefined();
  });
});

describe('pod garbage collector', () => {
  it('removes pods of a deleted node after 40 s, and their ReplicaSet replaces them', () => {
    const c = runningCluster(['node01', 'node02']);
    c.create(replicaSet('web', 2));
    const onNode01 = c.api.list('Pod', 'default').filter((p) => p.spec.nodeName === 'node01').map((p) => p.metadata.name);
    expect(onNode01.length).toBeGreaterThan(0);
    c.delete('Node', undefined, 'node01');
    c.advance(39);
    expect(c.names('Pod')).toEqual(expect.arrayContaining(onNode01));
    c.advance(1);
    const pods = c.api.list('Pod', 'default');
    expect(pods.map((p) => p.metadata.name)).not.toEqual(expect.arrayContaining(onNode01));
    expect(pods.map((p) => p.spec.nodeName)).toEqual(['node02', 'node02']);
  });
});
