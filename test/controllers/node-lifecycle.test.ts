import { describe, expect, it } from 'vitest';
import { rfc3339Micro } from '../../sim/time';
import { runningCluster } from './workloads';
import { podManifest, type FakeCluster } from './fake-cluster';

/** A kubelet's lease renewals every 10 s, which can be stopped. */
function renewLease(c: FakeCluster, node: string): { stop(): void } {
  let running = true;
  const renew = () => {
    if (!running) return;
    const existing = c.tryGet('Lease', 'kube-node-lease', node);
    const lease = existing ?? {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: node, namespace: 'kube-node-lease' },
      spec: { holderIdentity: node, leaseDurationSeconds: 40 },
    };
    lease.spec.renewTime = rfc3339Micro(c.clock.now());
    if (existing) c.api.update(lease);
    else c.api.create(lease);
    c.clock.after(10_000, renew);
  };
  renew();
  return { stop: () => (running = false) };
}

const defaultTolerations = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

function conditionSummary(c: FakeCluster, node: string): string[] {
  return c.get('Node', undefined, node).status.conditions.map((x: { type: string; status: string; reason: string }) => `${x.type} ${x.status} ${x.reason}`);
}

describe('node lifecycle', () => {
  it('marks a silent node Unknown after the 50 s grace period, taints it and evicts pods after 300 s', () => {
    const c = runningCluster(['node01']);
    const kubelet = renewLease(c, 'node01');
    c.create(podManifest('web', { spec: { tolerations: defaultTolerations } }));
    c.advance(60);
    expect(conditionSummary(c, 'node01')).toEqual(['Ready True KubeletReady']);
    kubelet.stop(); // last renewal at 60 s
    c.advance(50);
    expect(c.get('Node', undefined, 'node01').spec.taints).toBeUndefined();
    c.advance(5); // the check at 115 s sees 55 s of silence
    const node = c.get('Node', undefined, 'node01');
    expect(node.status.conditions[0]).toMatchObject({ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(conditionSummary(c, 'node01')).toEqual([
      'Ready Unknown NodeStatusUnknown',
      'MemoryPressure Unknown NodeStatusUnknown',
      'DiskPressure Unknown NodeStatusUnknown',
      'PIDPressure Unknown NodeStatusUnknown',
    ]);
    expect(node.spec.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2026-01-15T09:01:55Z' },
    ]);
    const pod = c.get('Pod', 'default', 'web');
    expect(pod.status.conditions.find((x: { type: string }) => x.type === 'Ready').status).toBe('False');
    expect(c.eventsFor('Node', 'node01', 'default')).toEqual(['NodeNotReady: Node node01 status is now: NodeNotReady']);
    c.advance(299);
    expect(c.get('Pod', 'default', 'web').metadata.deletionTimestamp).toBeUndefined();
    c.advance(1);
    expect(c.tryGet('Pod', 'default', 'web')).toBeUndefined(); // the stand-in kubelet removes it at once
    expect(c.eventsFor('Pod', 'web')).toContain('TaintManagerEviction: Marking for deletion Pod default/web');
  });

  it('restores the node when the lease is renewed again', () => {
    const c = runningCluster(['node01']);
    const kubelet = renewLease(c, 'node01');
    kubelet.stop();
    c.advance(60);
    expect(conditionSummary(c, 'node01')[0]).toBe('Ready Unknown NodeStatusUnknown');
    renewLease(c, 'node01');
    c.advance(5);
    expect(conditionSummary(c, 'node01')).toEqual([
      'Ready True KubeletReady',
      'MemoryPressure False KubeletHasSufficientMemory',
      'DiskPressure False KubeletHasNoDiskPressure',
      'PIDPressure False KubeletHasSufficientPID',
    ]);
    expect(c.get('Node', undefined, 'node01').spec.taints).toBeUndefined();
  });

  it('evicts at once a pod that does not tolerate the NoExecute taint', () => {
    const c = runningCluster(['node01']);
    c.create(podManifest('fragile'));
    c.patch('Node', undefined, 'node01', { spec: { taints: [{ key: 'maintenance', effect: 'NoExecute' }] } });
    expect(c.tryGet('Pod', 'default', 'fragile')).toBeUndefined();
  });

  it('leaves nodes alone that never had a lease or heartbeat', () => {
    const c = runningCluster(['node01']);
    c.advance(600);
    expect(conditionSummary(c, 'node01')).toEqual(['Ready True KubeletReady']);
  });
});

describe('not-ready taints', () => {
  it('taints a node whose kubelet reports Ready=False and untaints it when Ready again', () => {
    const c = runningCluster(['node01']);
    const setReady = (status: string) => {
      const node = c.get('Node', undefined, 'node01');
      node.status.conditions[0].status = status;
      c.api.updateStatus(node);
      c.drain();
    };
    setReady('False');
    expect(c.get('Node', undefined, 'node01').spec.taints).toEqual([
      { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', effect: 'NoExecute', timeAdded: '2026-01-15T09:00:00Z' },
    ]);
    setReady('True');
    expect(c.get('Node', undefined, 'node01').spec.taints).toBeUndefined();
  });
});
