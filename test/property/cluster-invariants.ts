// Checks that hold for any cluster at any moment, and those that hold once it has settled.
import { parseQuantity } from '../../sim/api/quantity';
import type { KubeObject } from '../../sim/api/types';
import type { ApiServer } from '../../sim/api/server';

function isTerminal(pod: KubeObject): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

function amount(text: unknown, milli: boolean): number {
  if (typeof text !== 'string' && typeof text !== 'number') return 0;
  const quantity = parseQuantity(String(text));
  return milli ? quantity.milliValue() : quantity.value();
}

/** Remembers what was seen before, to check what may only grow. */
export class InvariantWatcher {
  private readonly restarts = new Map<string, number>();
  private readonly versions = new Map<string, number>();
  private highestVersion = 0;

  constructor(private readonly api: ApiServer) {}

  /** Returns the broken invariants, empty when all hold. */
  check(): string[] {
    const problems: string[] = [];
    const nodes = this.api.list('Node', undefined, { readOnly: true });
    const nodeNames = new Set(nodes.map((node) => node.metadata.name));
    const pods = this.api.list('Pod', undefined, { readOnly: true });
    const used = new Map<string, { cpu: number; memory: number }>();

    for (const pod of pods) {
      const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
      const nodeName = pod.spec?.nodeName as string | undefined;
      if (nodeName && !nodeNames.has(nodeName)) problems.push(`pod ${id} is bound to missing node ${nodeName}`);
      for (const status of [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])]) {
        const key = `${pod.metadata.uid}/${status.name}`;
        const before = this.restarts.get(key) ?? 0;
        if (status.restartCount < before) problems.push(`restartCount of ${id}/${status.name} went from ${before} to ${status.restartCount}`);
        this.restarts.set(key, status.restartCount);
      }
      if (nodeName && !isTerminal(pod)) {
        const total = used.get(nodeName) ?? { cpu: 0, memory: 0 };
        for (const container of pod.spec?.containers ?? []) {
          total.cpu += amount(container.resources?.requests?.cpu, true);
          total.memory += amount(container.resources?.requests?.memory, false);
        }
        used.set(nodeName, total);
      }
    }

    for (const node of nodes) {
      const total = used.get(node.metadata.name ?? '');
      if (!total) continue;
      const cpu = amount(node.status?.allocatable?.cpu, true);
      const memory = amount(node.status?.allocatable?.memory, false);
      if (total.cpu > cpu) problems.push(`node ${node.metadata.name}: ${total.cpu}m cpu requested, ${cpu}m allocatable`);
      if (total.memory > memory) problems.push(`node ${node.metadata.name}: ${total.memory} bytes requested, ${memory} allocatable`);
    }

    for (const type of this.api.resourceTypes()) {
      // metrics are computed on each read, never stored, so they carry no resourceVersion
      if (type.group === 'metrics.k8s.io') continue;
      for (const object of this.api.list(type.kind, undefined, { readOnly: true })) {
        const version = Number(object.metadata.resourceVersion);
        const key = object.metadata.uid ?? `${type.kind}/${object.metadata.namespace}/${object.metadata.name}`;
        const before = this.versions.get(key);
        if (!Number.isFinite(version)) problems.push(`${type.kind} ${object.metadata.name} has resourceVersion ${object.metadata.resourceVersion}`);
        else if (before !== undefined && version < before) problems.push(`${type.kind} ${object.metadata.name}: resourceVersion went from ${before} to ${version}`);
        this.versions.set(key, version);
        this.highestVersion = Math.max(this.highestVersion, version);
      }
    }
    return problems;
  }
}

function isReady(pod: KubeObject): boolean {
  return !pod.metadata.deletionTimestamp && pod.status?.phase === 'Running' && (pod.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'Ready' && c.status === 'True');
}

/** Checks that every controller reached its goal; call after the cluster had time to settle. */
export function convergenceProblems(api: ApiServer, namespace = 'default'): string[] {
  const problems: string[] = [];
  const pods = api.list('Pod', namespace, { readOnly: true });
  const live = pods.filter((pod) => !pod.metadata.deletionTimestamp && !isTerminal(pod));

  for (const deployment of api.list('Deployment', namespace, { readOnly: true })) {
    const app = deployment.spec.selector.matchLabels.app;
    const wanted = deployment.spec.replicas ?? 1;
    const running = live.filter((pod) => pod.metadata.labels?.app === app);
    const ready = running.filter(isReady).length;
    if (running.length !== wanted || ready !== wanted) problems.push(`deployment ${deployment.metadata.name}: ${ready} ready of ${running.length} pods, wanted ${wanted}`);
    if ((deployment.status?.readyReplicas ?? 0) !== wanted) problems.push(`deployment ${deployment.metadata.name}: status.readyReplicas ${deployment.status?.readyReplicas}, wanted ${wanted}`);
  }

  for (const service of api.list('Service', namespace, { readOnly: true })) {
    const selector = service.spec?.selector as Record<string, string> | undefined;
    if (!selector) continue;
    const expected = pods
      .filter((pod) => Object.entries(selector).every(([k, v]) => pod.metadata.labels?.[k] === v) && isReady(pod))
      .map((pod) => pod.status.podIP as string)
      .sort();
    let endpoints: KubeObject | undefined;
    try {
      endpoints = api.get('Endpoints', namespace, service.metadata.name ?? '');
    } catch {
      endpoints = undefined;
    }
    const actual = ((endpoints?.subsets ?? []) as { addresses?: { ip: string }[] }[]).flatMap((subset) => (subset.addresses ?? []).map((a) => a.ip)).sort();
    if (JSON.stringify(actual) !== JSON.stringify(expected)) problems.push(`service ${service.metadata.name}: endpoints ${actual.join(',')}, ready pods ${expected.join(',')}`);
  }

  const workers = api.list('Node', undefined, { readOnly: true }).filter((node) => !(node.spec?.taints ?? []).some((t: { effect: string }) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'));
  for (const daemonSet of api.list('DaemonSet', namespace, { readOnly: true })) {
    const app = daemonSet.spec.selector.matchLabels.app;
    for (const node of workers) {
      const onNode = live.filter((pod) => pod.metadata.labels?.app === app && pod.spec?.nodeName === node.metadata.name);
      if (onNode.length !== 1 || !isReady(onNode[0])) problems.push(`daemonset ${daemonSet.metadata.name}: ${onNode.length} pods on ${node.metadata.name}`);
    }
  }
  return problems;
}
