// The controllers and the scheduler inside the whole simulated cluster (API server, kubelets,
// bootstrap objects), as a learner meets them.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../sim/cluster';

function freshCluster(): Cluster {
  const cluster = new Cluster();
  cluster.age(60 * 60 * 1000);
  return cluster;
}

function run(cluster: Cluster, seconds: number): void {
  cluster.settle();
  cluster.clock.advanceBy(seconds * 1000);
  cluster.settle();
}

describe('in the full cluster', () => {
  it('a Deployment of 3 becomes 3/3 on the two workers', () => {
    const cluster = freshCluster();
    cluster.api.create({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    });
    run(cluster, 60);
    const d = cluster.api.get('Deployment', 'default', 'web');
    expect([d.status.readyReplicas, d.status.updatedReplicas, d.status.availableReplicas]).toEqual([3, 3, 3]);
    const pods = cluster.api.list('Pod', 'default');
    expect(pods.every((p) => p.status.phase === 'Running' && p.spec.nodeName !== 'controlplane')).toBe(true);

    cluster.api.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] },
    });
    run(cluster, 1);
    const service = cluster.api.get('Service', 'default', 'web');
    expect(service.spec.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
    const endpoints = cluster.api.get('Endpoints', 'default', 'web');
    expect(endpoints.subsets[0].addresses.map((a: { ip: string }) => a.ip).sort()).toEqual(pods.map((p) => p.status.podIP).sort());
  });

  it('nodes stay Ready and untainted while their kubelets renew leases', () => {
    const cluster = freshCluster();
    run(cluster, 10 * 60);
    const nodes = cluster.api.list('Node', undefined);
    for (const node of nodes) {
      expect(node.status.conditions.find((c: { type: string }) => c.type === 'Ready').status, node.metadata.name).toBe('True');
      expect((node.spec.taints ?? []).map((t: { key: string }) => t.key), node.metadata.name).not.toContain('node.kubernetes.io/unreachable');
    }
  });

  it('the bootstrap workloads are left as they are', () => {
    const cluster = freshCluster();
    const before = cluster.api.list('Pod', 'kube-system').map((p) => p.metadata.name).sort();
    run(cluster, 5 * 60);
    expect(cluster.api.list('Pod', 'kube-system').map((p) => p.metadata.name).sort()).toEqual(before);
  });
});
