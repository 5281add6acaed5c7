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

describe('a cluster with other node agents', () => {
  it('has no kube-system workloads without add-ons, and its agents run the bound Pods in place of kubelets', () => {
    const started = new Set<string>();
    const cluster = new Cluster({
      nodes: [{ name: 'worker', ip: '10.0.0.5', podSubnet: 3, controlPlane: false }],
      addons: false,
      nodeAgents: {
        start: (ctx) => ctx.api.watch('Pod', undefined, (event) => {
          if (event.type === 'ADDED' || !event.object.spec.nodeName) return;
          started.add(`${event.object.metadata.name} on ${event.object.spec.nodeName}`);
        }),
      },
    });
    expect(cluster.api.list('Pod', 'kube-system')).toEqual([]);
    expect(cluster.api.list('Node', undefined).map((node) => node.metadata.name)).toEqual(['worker']);
    expect(cluster.api.list('Service', undefined).map((service) => service.metadata.name)).toEqual(['kubernetes']);
    expect([...cluster.nodes.keys()]).toEqual([]);

    cluster.api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } });
    run(cluster, 1);
    expect([...started]).toEqual(['web on worker']);
    expect(cluster.api.get('Pod', 'default', 'web').status.phase).toBe('Pending');
  });
});
