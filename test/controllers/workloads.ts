// Manifests and a ready-made cluster (two workers, scheduler, controllers, stand-in kubelet) for controller tests.
import type { KubeObject } from '../../sim/api/types';
import { FakeCluster } from './fake-cluster';

export function runningCluster(nodes = ['node01', 'node02']): FakeCluster {
  const c = new FakeCluster();
  for (const node of nodes) c.addNode(node);
  return c;
}

export function replicaSet(name: string, replicas: number, image = 'nginx', labels: Record<string, string> = { app: name }): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default' },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'app', image }] } } },
  };
}

export function deployment(name: string, replicas: number, image = 'nginx:1.27', extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
      ...extra,
    },
  };
}

export function setImage(c: FakeCluster, kind: string, name: string, image: string): void {
  const obj = c.get(kind, 'default', name);
  obj.spec.template.spec.containers[0].image = image;
  c.update(obj);
}

/** `kubectl get` numbers of a workload, e.g. `3 3 3` for DESIRED CURRENT READY. */
export function counts(obj: KubeObject, fields: string[]): string {
  return fields.map((f) => (f === 'spec.replicas' ? obj.spec.replicas : obj.status?.[f] ?? 0)).join(' ');
}
