// What metrics-server serves (`kubectl top`): each pod's and node's CPU and memory use, as the
// kubelets report it, on a 15 s resolution.

import type { KubeObject } from '../api/types';
import type { SimApiServer } from '../api/api-server';
import { parseQuantity } from '../api/quantity';
import { rfc3339 } from '../time';
import type { NodeRuntime } from './node-runtime';

export function podMetrics(nodes: Iterable<NodeRuntime>, namespace: string | undefined, now: number): KubeObject[] {
  const result: KubeObject[] = [];
  const timestamp = rfc3339(Math.floor(now / 15000) * 15000);
  for (const node of nodes) {
    if (!node.kubeletRunning()) continue;
    for (const worker of node.podWorkers()) {
      if (namespace !== undefined && worker.namespace !== namespace) continue;
      const containers = worker.records
        .filter((r) => r.instance?.running)
        .map((r) => ({ name: r.spec.name, usage: { cpu: `${Math.round(r.instance!.cpuMillicores() * 1_000_000)}n`, memory: `${Math.round(r.instance!.memoryBytes() / 1024)}Ki` } }));
      if (containers.length === 0) continue;
      result.push({
        apiVersion: 'metrics.k8s.io/v1beta1',
        kind: 'PodMetrics',
        metadata: { name: worker.name, namespace: worker.namespace, creationTimestamp: rfc3339(now), labels: worker.podObject.metadata.labels },
        timestamp,
        window: '15s',
        containers,
      });
    }
  }
  return result;
}

export function nodeMetrics(nodes: Map<string, NodeRuntime>, api: SimApiServer, now: number): KubeObject[] {
  const result: KubeObject[] = [];
  for (const [name, node] of nodes) {
    if (!node.kubeletRunning()) continue;
    let cpu = 60;
    let memory = 700 * 1024 * 1024;
    for (const worker of node.podWorkers()) {
      for (const r of worker.records) {
        cpu += r.instance?.cpuMillicores() ?? 0;
        memory += r.instance?.memoryBytes() ?? 0;
      }
    }
    const capacityCpu = parseQuantity((api.peek('Node', undefined, name)?.status?.capacity?.cpu as string) ?? '2').milliValue();
    cpu = Math.min(cpu, capacityCpu);
    result.push({
      apiVersion: 'metrics.k8s.io/v1beta1',
      kind: 'NodeMetrics',
      metadata: { name, creationTimestamp: rfc3339(now) },
      timestamp: rfc3339(Math.floor(now / 15000) * 15000),
      window: '20s',
      usage: { cpu: `${cpu * 1_000_000}n`, memory: `${Math.round(memory / 1024)}Ki` },
    });
  }
  return result;
}
