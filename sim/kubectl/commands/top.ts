// `kubectl top pod|node` from the metrics API (PodMetrics, NodeMetrics).

import { refusing } from './common';
import type { KubeObject } from '../../api/types';
import { tryParseQuantity } from '../../api/quantity';
import type { Invocation, Implementations } from '../command';
import { KubectlError, plainError } from '../errors';
import { tabwrite, tableSettings } from '../printers/tabwriter';

function millicores(text: string | undefined): number {
  return Math.floor(tryParseQuantity(text)?.milliValue() ?? 0);
}

function bytes(text: string | undefined): number {
  return tryParseQuantity(text)?.value() ?? 0;
}

const cpuText = (m: number) => `${m}m`;
const memoryText = (b: number) => `${Math.floor(b / (1024 * 1024))}Mi`;

function listMetrics(inv: Invocation, kind: 'PodMetrics' | 'NodeMetrics', namespace: string | undefined): KubeObject[] {
  try {
    return inv.deps.api.list(kind, namespace, { labelSelector: inv.flags.string('selector') || undefined });
  } catch {
    throw new KubectlError('error: Metrics API not available');
  }
}

/** --sort-by=cpu|memory: the biggest users first. */
function sortByUsage(inv: Invocation, metrics: KubeObject[], cpu: (m: KubeObject) => number, memory: (m: KubeObject) => number): KubeObject[] {
  const by = inv.flags.string('sort-by');
  if (by === '') return metrics;
  if (by !== 'cpu' && by !== 'memory') throw plainError('--sort-by accepts only cpu or memory');
  const key = by === 'cpu' ? cpu : memory;
  return [...metrics].sort((a, b) => key(b) - key(a));
}

function topPod(inv: Invocation): number {
  const allNamespaces = inv.flags.bool('all-namespaces');
  let metrics = listMetrics(inv, 'PodMetrics', allNamespaces ? undefined : inv.namespace);
  if (inv.args[0]) {
    metrics = metrics.filter((m) => m.metadata.name === inv.args[0]);
    if (metrics.length === 0) throw plainError(`podmetrics.metrics.k8s.io "${inv.args[0]}" not found`);
  }
  if (metrics.length === 0) {
    inv.err(allNamespaces ? 'No resources found\n' : `No resources found in ${inv.namespace} namespace.\n`);
    return 0;
  }
  const containers = inv.flags.bool('containers');
  const total = (m: KubeObject, pick: (usage: Record<string, string>) => number) =>
    ((m.containers ?? []) as { usage: Record<string, string> }[]).reduce((sum, c) => sum + pick(c.usage), 0);
  metrics = sortByUsage(inv, metrics, (m) => total(m, (u) => millicores(u.cpu)), (m) => total(m, (u) => bytes(u.memory)));
  const rows = inv.flags.bool('no-headers') ? [] : [[...(allNamespaces ? ['NAMESPACE'] : []), ...(containers ? ['POD', 'NAME'] : ['NAME']), 'CPU(cores)', 'MEMORY(bytes)'].join('\t')];
  for (const m of metrics) {
    const ns = allNamespaces ? [m.metadata.namespace ?? ''] : [];
    const list: { name: string; usage: Record<string, string> }[] = m.containers ?? [];
    if (containers) {
      for (const c of list) rows.push([...ns, m.metadata.name, c.name, cpuText(millicores(c.usage.cpu)), memoryText(bytes(c.usage.memory))].join('\t'));
    } else {
      const cpu = list.reduce((sum, c) => sum + millicores(c.usage.cpu), 0);
      const memory = list.reduce((sum, c) => sum + bytes(c.usage.memory), 0);
      rows.push([...ns, m.metadata.name, cpuText(cpu), memoryText(memory)].join('\t'));
    }
  }
  if (rows.length > 0) inv.out(tabwriteTerminated(rows));
  return 0;
}

/** kubectl top writes a tab after every cell, the last included, so the last column is padded too. */
function tabwriteTerminated(rows: string[]): string {
  return tabwrite(rows.map((row) => `${row}\t`).join('\n') + '\n', tableSettings);
}

function topNode(inv: Invocation): number {
  let metrics = listMetrics(inv, 'NodeMetrics', undefined);
  if (inv.args[0]) {
    metrics = metrics.filter((m) => m.metadata.name === inv.args[0]);
    if (metrics.length === 0) throw plainError(`nodemetrics.metrics.k8s.io "${inv.args[0]}" not found`);
  }
  metrics = sortByUsage(inv, metrics, (m) => millicores(m.usage?.cpu), (m) => bytes(m.usage?.memory));
  const rows = inv.flags.bool('no-headers') ? [] : ['NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)'];
  const field = inv.flags.bool('show-capacity') ? 'capacity' : 'allocatable';
  for (const m of metrics) {
    let allocatable: Record<string, string> = {};
    try {
      allocatable = inv.deps.api.get('Node', undefined, m.metadata.name!).status?.[field] ?? {};
    } catch {
      // A node without its Node object prints 0%.
    }
    const cpu = millicores(m.usage?.cpu);
    const memory = bytes(m.usage?.memory);
    const cpuCap = millicores(allocatable.cpu);
    const memoryCap = bytes(allocatable.memory);
    const percent = (used: number, cap: number) => `${cap > 0 ? Math.floor((used * 100) / cap) : 0}%`;
    rows.push([m.metadata.name, cpuText(cpu), percent(cpu, cpuCap), memoryText(memory), percent(memory, memoryCap)].join('\t'));
  }
  if (rows.length > 0) inv.out(tabwriteTerminated(rows));
  return 0;
}

export const topCommands: Implementations = {
  'top node': { run: topNode },
  'top pod': { run: refusing(['field-selector', 'sum'], topPod) },
};
