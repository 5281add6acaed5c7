import { describe, expect, it } from 'vitest';
import { FakeCluster, podManifest } from '../controllers/fake-cluster';
import { fitErrorMessage } from '../../sim/scheduler/fit-error';

function cluster(): FakeCluster {
  return new FakeCluster();
}

function podScheduled(c: FakeCluster, name: string) {
  return c.get('Pod', 'default', name).status.conditions?.find((x: { type: string }) => x.type === 'PodScheduled');
}

describe('default scheduler', () => {
  it('binds a pod to the only node and records Scheduled', () => {
    const c = cluster();
    c.addNode('node01');
    c.create(podManifest('nginx'));
    const pod = c.get('Pod', 'default', 'nginx');
    expect(pod.spec.nodeName).toBe('node01');
    expect(podScheduled(c, 'nginx')).toMatchObject({ status: 'True' });
    expect(c.eventsFor('Pod', 'nginx')).toEqual(['Scheduled: Successfully assigned default/nginx to node01']);
  });

  it('leaves pods of another scheduler alone', () => {
    const c = cluster();
    c.addNode('node01');
    c.create(podManifest('custom', { spec: { schedulerName: 'my-scheduler' } }));
    expect(c.get('Pod', 'default', 'custom').spec.nodeName).toBeUndefined();
  });

  it('reports insufficient memory with the preemption part', () => {
    const c = cluster();
    c.addNode('node01', { memory: '1Gi' });
    c.create(podManifest('big', { requests: { memory: '2Gi' } }));
    const message = '0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';
    expect(podScheduled(c, 'big')).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    expect(c.eventsFor('Pod', 'big')).toEqual([`FailedScheduling: ${message}`]);
  });

  it('says no victims exist when the room is taken by pods of equal priority', () => {
    const c = cluster();
    for (const n of ['node01', 'node02', 'node03']) c.addNode(n, { memory: '1Gi' });
    for (let i = 0; i < 3; i++) c.create(podManifest(`filler${i}`, { requests: { memory: '800Mi' } }));
    c.create(podManifest('late', { requests: { memory: '500Mi' } }));
    expect(podScheduled(c, 'late')?.message).toBe(
      '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    );
  });

  it('sorts the histogram as strings and counts one node under several reasons', () => {
    const c = cluster();
    c.addNode('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });
    c.addNode('node01', { cpu: '1', memory: '1Gi' });
    c.addNode('node02', { labels: { disk: 'hdd' } });
    c.create(podManifest('picky', { requests: { cpu: '1500m', memory: '2Gi' }, spec: { nodeSelector: { disk: 'hdd' } } }));
    // cp: taint; node01: selector; node02 fits the selector and has room → bound.
    expect(c.get('Pod', 'default', 'picky').spec.nodeName).toBe('node02');
    c.create(podManifest('huge', { requests: { cpu: '1500m', memory: '2Gi' } }));
    // cp: taint; node01: cpu and memory; node02: fits? 2 cpu - 1.5 used → no cpu left.
    expect(podScheduled(c, 'huge')?.message).toBe(
      '0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. ' +
        'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });

  it('counts requests as max(sum of containers, largest init container)', () => {
    const c = cluster();
    c.addNode('node01', { cpu: '1' });
    const pod = podManifest('init', { requests: { cpu: '200m' } });
    pod.spec.initContainers = [{ name: 'setup', image: 'busybox', resources: { requests: { cpu: '1200m' } } }];
    c.create(pod);
    expect(podScheduled(c, 'init')?.message).toContain('1 Insufficient cpu');
  });

  it('reports cordoned nodes and hostPort conflicts', () => {
    const c = cluster();
    c.addNode('node01');
    c.addNode('node02');
    c.patch('Node', undefined, 'node02', { spec: { unschedulable: true } });
    const withPort = (name: string) => {
      const pod = podManifest(name);
      pod.spec.containers[0].ports = [{ containerPort: 80, hostPort: 8080 }];
      return pod;
    };
    c.create(withPort('a'));
    c.create(withPort('b'));
    expect(podScheduled(c, 'b')?.message).toBe(
      "0/2 nodes are available: 1 node(s) didn't have free ports for the requested pod ports, 1 node(s) were unschedulable. " +
        'preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.',
    );
    c.patch('Node', undefined, 'node02', { spec: { unschedulable: null } });
    // still inside the 1 s back-off of its first failure
    expect(c.get('Pod', 'default', 'b').spec.nodeName).toBeUndefined();
    c.advance(1);
    expect(c.get('Pod', 'default', 'b').spec.nodeName).toBe('node02');
  });

  it('honours tolerations and required node affinity', () => {
    const c = cluster();
    c.addNode('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });
    c.addNode('node01');
    const pod = podManifest('pinned', {
      spec: {
        tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['cp'] }] }] } } },
      },
    });
    c.create(pod);
    expect(c.get('Pod', 'default', 'pinned').spec.nodeName).toBe('cp');
  });

  it('retries when room is freed, and aggregates repeated failures into one event', () => {
    const c = cluster();
    c.addNode('node01', { memory: '1Gi' });
    c.create(podManifest('first', { requests: { memory: '800Mi' } }));
    c.create(podManifest('second', { requests: { memory: '800Mi' } }));
    expect(c.get('Pod', 'default', 'second').spec.nodeName).toBeUndefined();
    c.advance(11 * 60);
    const events = c.eventsFor('Pod', 'second');
    expect(events).toHaveLength(1);
    // the first try, then the 5-minute flushes at 5 and 10 minutes
    expect(events[0]).toMatch(/^FailedScheduling: 0\/1 nodes are available: 1 Insufficient memory\. .* \(x3\)$/);
    c.delete('Pod', 'default', 'first');
    expect(c.get('Pod', 'default', 'second').spec.nodeName).toBe('node01');
  });

  it('waits for the back-off before retrying after a change', () => {
    const c = cluster();
    c.create(podManifest('waiting'));
    expect(podScheduled(c, 'waiting')?.message).toBe('no nodes available to schedule pods');
    c.addNode('node01');
    // first failure → 1 s back-off
    expect(c.get('Pod', 'default', 'waiting').spec.nodeName).toBeUndefined();
    c.advance(1);
    expect(c.get('Pod', 'default', 'waiting').spec.nodeName).toBe('node01');
  });

  it('spreads equal pods over equal nodes', () => {
    const c = cluster();
    c.addNode('node01');
    c.addNode('node02');
    for (let i = 0; i < 4; i++) c.create(podManifest(`p${i}`, { requests: { cpu: '100m', memory: '64Mi' } }));
    const nodes = c.api.list('Pod', 'default').map((p) => p.spec.nodeName);
    expect(nodes.filter((n) => n === 'node01')).toHaveLength(2);
    expect(nodes.filter((n) => n === 'node02')).toHaveLength(2);
  });

  it('skips not-ready nodes as if they carried the not-ready taint', () => {
    const c = cluster();
    c.addNode('node01', { ready: false });
    c.create(podManifest('p'));
    expect(podScheduled(c, 'p')?.message).toBe(
      '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });
});

describe('fitErrorMessage', () => {
  it('sorts "10 ..." before "2 ..." as strings do', () => {
    const rejections = [
      ...Array.from({ length: 10 }, () => ({ reasons: ['Insufficient cpu'], unresolvable: false })),
      ...Array.from({ length: 2 }, () => ({ reasons: ['Too many pods'], unresolvable: false })),
    ];
    expect(fitErrorMessage(12, rejections)).toBe(
      '0/12 nodes are available: 10 Insufficient cpu, 2 Too many pods. preemption: 0/12 nodes are available: 12 No preemption victims found for incoming pod.',
    );
  });
});
