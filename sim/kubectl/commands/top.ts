// `kubectl top pod|node` from the metrics API (PodMetrics, NodeMetrics).

import type { KubeObject } from '../../api/types';
import { tryParseQuantity } from '../../api/quantity';
import { flag, type CommandDef, type Invocation } from '../command';
import { KubectlError, plainError } from '../errors';
import { tabwrite, tableSettings } from '../printers/tabwriter';
import { selectorFlag } from './common';

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
  const rows = [[...(allNamespaces ? ['NAMESPACE'] : []), ...(containers ? ['POD', 'NAME'] : ['NAME']), 'CPU(cores)', 'MEMORY(bytes)'].join('\t')];
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
  inv.out(tabwrite(rows.join('\n') + '\n', tableSettings));
  return 0;
}

function topNode(inv: Invocation): number {
  let metrics = listMetrics(inv, 'NodeMetrics', undefined);
  if (inv.args[0]) {
    metrics = metrics.filter((m) => m.metadata.name === inv.args[0]);
    if (metrics.length === 0) throw plainError(`nodemetrics.metrics.k8s.io "${inv.args[0]}" not found`);
  }
  const rows = ['NAME\tCPU(cores)\tCPU%\tMEMORY(bytes)\tMEMORY%'];
  for (const m of metrics) {
    let allocatable: Record<string, string> = {};
    try {
      allocatable = inv.deps.api.get('Node', undefined, m.metadata.name!).status?.allocatable ?? {};
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
  inv.out(tabwrite(rows.join('\n') + '\n', tableSettings));
  return 0;
}

export const topCommand: CommandDef = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  long: 'Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.',
  use: 'top [flags] [options]',
  subcommands: [
    {
      name: 'node',
      aliases: ['nodes', 'no'],
      short: 'Display resource (CPU/memory) usage of nodes',
      use: 'node [NAME | -l label] [options]',
      flags: [selectorFlag],
      run: topNode,
    },
    {
      name: 'pod',
      aliases: ['pods', 'po'],
      short: 'Display resource (CPU/memory) usage of pods',
      use: 'pod [NAME | -l label] [options]',
      flags: [
        selectorFlag,
        flag('containers', 'bool', 'If present, print usage of containers within a pod.'),
        flag('all-namespaces', 'bool', 'If present, list the requested object(s) across all namespaces.', { shorthand: 'A' }),
      ],
      run: topPod,
    },
  ],
};
