import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../sim/api/types';
import { runningCluster, setImage } from './workloads';

function daemonSet(name: string, image = 'fluentd:1', extraSpec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'agent', image }], ...extraSpec } },
    },
  };
}

function status(c: ReturnType<typeof runningCluster>, name: string): string {
  const s = c.get('DaemonSet', 'default', name).status;
  // DESIRED CURRENT READY UP-TO-DATE AVAILABLE
  return [s.desiredNumberScheduled, s.currentNumberScheduled, s.numberReady, s.updatedNumberScheduled ?? 0, s.numberAvailable ?? 0].join(' ');
}

describe('DaemonSet controller', () => {
  it('runs one pod per worker, not on the tainted control plane, bound by the scheduler', () => {
    const c = runningCluster(['node01', 'node02']);
    c.addNode('controlplane', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });
    c.create(daemonSet('logs'));
    const pods = c.api.list('Pod', 'default');
    expect(pods.map((p) => p.spec.nodeName).sort()).toEqual(['node01', 'node02']);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(/^logs-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata.labels).toMatchObject({ app: 'logs', 'pod-template-generation': '1' });
      expect(pod.metadata.labels!['controller-revision-hash']).toMatch(/^[456789bcdf]+$/);
      expect(pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: [pod.spec.nodeName] }] },
      ]);
      expect(pod.spec.tolerations.map((t: { key: string; effect: string }) => `${t.key}:${t.effect}`)).toEqual([
        'node.kubernetes.io/not-ready:NoExecute',
        'node.kubernetes.io/unreachable:NoExecute',
        'node.kubernetes.io/disk-pressure:NoSchedule',
        'node.kubernetes.io/memory-pressure:NoSchedule',
        'node.kubernetes.io/pid-pressure:NoSchedule',
        'node.kubernetes.io/unschedulable:NoSchedule',
      ]);
    }
    expect(status(c, 'logs')).toBe('2 2 2 2 2');
    const [revision] = c.api.list('ControllerRevision', 'default');
    expect(revision.revision).toBe(1);
    expect(revision.metadata.name).toBe(`logs-${pods[0].metadata.labels!['controller-revision-hash']}`);
  });

  it('follows nodes: a new node gets a pod, a nodeSelector limits them', () => {
    const c = runningCluster(['node01']);
    c.create(daemonSet('logs', 'fluentd:1', { nodeSelector: { disk: 'ssd' } }));
    expect(status(c, 'logs')).toBe('0 0 0 0 0');
    c.addNode('node02', { labels: { disk: 'ssd' } });
    expect(c.api.list('Pod', 'default').map((p) => p.spec.nodeName)).toEqual(['node02']);
    expect(status(c, 'logs')).toBe('1 1 1 1 1');
  });

  it('rolls out a new template one node at a time', () => {
    const c = runningCluster(['node01', 'node02', 'node03']);
    c.create(daemonSet('logs'));
    setImage(c, 'DaemonSet', 'logs', 'fluentd:2');
    const pods = c.api.list('Pod', 'default');
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.spec.containers[0].image === 'fluentd:2' && p.metadata.labels!['pod-template-generation'] === '2')).toBe(true);
    expect(status(c, 'logs')).toBe('3 3 3 3 3');
    const events = c.eventsFor('DaemonSet', 'logs').map((e) => e.split(':')[0]);
    // create 3, then delete/create pairs
    expect(events).toEqual(['SuccessfulCreate', 'SuccessfulCreate', 'SuccessfulCreate', 'SuccessfulDelete', 'SuccessfulCreate', 'SuccessfulDelete', 'SuccessfulCreate', 'SuccessfulDelete', 'SuccessfulCreate']);
    expect(c.api.list('ControllerRevision', 'default').map((r) => r.revision).sort()).toEqual([1, 2]);
  });

  it('keeps a pod on a node that gains a NoSchedule taint, counting it misscheduled', () => {
    const c = runningCluster(['node01', 'node02']);
    c.create(daemonSet('logs'));
    c.patch('Node', undefined, 'node02', { spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] } });
    const s = c.get('DaemonSet', 'default', 'logs').status;
    expect([s.desiredNumberScheduled, s.currentNumberScheduled, s.numberMisscheduled]).toEqual([1, 1, 1]);
    expect(c.api.list('Pod', 'default')).toHaveLength(2);
    c.patch('Node', undefined, 'node02', { spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] } });
    expect(c.api.list('Pod', 'default').map((p) => p.spec.nodeName)).toEqual(['node01']);
  });
});
