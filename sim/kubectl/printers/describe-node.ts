// `kubectl describe node`: conditions, addresses, capacity, the pods on the node and what they request.

import type { Container, KubeObject } from '../../api/types';
import { formatQuantity, tryParseQuantity, zeroQuantity, type Quantity } from '../../api/quantity';
import { timestampSince } from './cells';
import { nodeRoles } from './tables';
import { DescribeWriter } from './describe-writer';
import { describeTime, eventsFor, writeAnnotations, writeEvents, writeLabels, type DescribeContext } from './describe-common';

type Totals = Record<string, Quantity>;

function addInto(totals: Totals, values: Record<string, string> | undefined): void {
  for (const [name, text] of Object.entries(values ?? {})) {
    const q = tryParseQuantity(text);
    if (q) totals[name] = totals[name] ? totals[name].add(q) : q;
  }
}

function maxInto(totals: Totals, values: Record<string, string> | undefined): void {
  for (const [name, text] of Object.entries(values ?? {})) {
    const q = tryParseQuantity(text);
    if (q && (!totals[name] || q.nanos > totals[name].nanos)) totals[name] = q;
  }
}

/** The pod's requests and limits: sum of app containers (and sidecars), at least the largest init container. */
export function podRequestsAndLimits(pod: KubeObject): { requests: Totals; limits: Totals } {
  const requests: Totals = {};
  const limits: Totals = {};
  const containers: Container[] = pod.spec?.containers ?? [];
  for (const c of containers) {
    addInto(requests, c.resources?.requests);
    addInto(limits, c.resources?.limits);
  }
  for (const c of (pod.spec?.initContainers ?? []) as Container[]) {
    if (c.restartPolicy === 'Always') {
      addInto(requests, c.resources?.requests);
      addInto(limits, c.resources?.limits);
    } else {
      maxInto(requests, c.resources?.requests);
      maxInto(limits, c.resources?.limits);
    }
  }
  addInto(requests, pod.spec?.overhead);
  addInto(limits, pod.spec?.overhead);
  return { requests, limits };
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.trunc((part / whole) * 100);
}

function q(totals: Totals, name: string): Quantity {
  return totals[name] ?? zeroQuantity();
}

function writeNodeResources(w: DescribeWriter, node: KubeObject, pods: KubeObject[], now: number): void {
  w.line(0, 'Non-terminated Pods:', `(${pods.length} in total)`);
  w.line(1, 'Namespace', 'Name', '', 'CPU Requests', 'CPU Limits', 'Memory Requests', 'Memory Limits', 'Age');
  w.line(1, '---------', '----', '', '------------', '----------', '---------------', '-------------', '---');
  const allocatable: Record<string, string> = Object.keys(node.status?.allocatable ?? {}).length > 0 ? node.status.allocatable : node.status?.capacity ?? {};
  const allocCpu = tryParseQuantity(allocatable.cpu ?? '0')?.milliValue() ?? 0;
  const allocMemory = tryParseQuantity(allocatable.memory ?? '0')?.value() ?? 0;
  const allocStorage = tryParseQuantity(allocatable['ephemeral-storage'] ?? '0')?.value() ?? 0;
  const totalRequests: Totals = {};
  const totalLimits: Totals = {};
  for (const pod of pods) {
    const { requests, limits } = podRequestsAndLimits(pod);
    for (const [name, value] of Object.entries(requests)) totalRequests[name] = totalRequests[name] ? totalRequests[name].add(value) : value;
    for (const [name, value] of Object.entries(limits)) totalLimits[name] = totalLimits[name] ? totalLimits[name].add(value) : value;
    const cpuReq = q(requests, 'cpu');
    const cpuLim = q(limits, 'cpu');
    const memReq = q(requests, 'memory');
    const memLim = q(limits, 'memory');
    w.line(
      1,
      pod.metadata.namespace ?? '',
      pod.metadata.name ?? '',
      '',
      `${formatQuantity(cpuReq)} (${percent(cpuReq.milliValue(), allocCpu)}%)`,
      `${formatQuantity(cpuLim)} (${percent(cpuLim.milliValue(), allocCpu)}%)`,
      `${formatQuantity(memReq)} (${percent(memReq.value(), allocMemory)}%)`,
      `${formatQuantity(memLim)} (${percent(memLim.value(), allocMemory)}%)`,
      timestampSince(pod.metadata.creationTimestamp, now),
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.line(1, 'Resource', 'Requests', 'Limits');
  w.line(1, '--------', '--------', '------');
  const row = (name: string, whole: number, milli: boolean): void => {
    const req = q(totalRequests, name);
    const lim = q(totalLimits, name);
    const amount = (x: Quantity): number => (milli ? x.milliValue() : x.value());
    w.line(1, name, `${formatQuantity(req)} (${percent(amount(req), whole)}%)`, `${formatQuantity(lim)} (${percent(amount(lim), whole)}%)`);
  };
  row('cpu', allocCpu, true);
  row('memory', allocMemory, false);
  row('ephemeral-storage', allocStorage, false);
  for (const name of Object.keys(allocatable).filter((n) => n.startsWith('hugepages-')).sort()) {
    const whole = tryParseQuantity(allocatable[name])?.value() ?? 0;
    row(name, whole, false);
  }
}

export function describeNode(node: KubeObject, ctx: DescribeContext): string {
  const w = new DescribeWriter();
  const status = node.status ?? {};
  const spec = node.spec ?? {};
  w.line(0, 'Name:', node.metadata.name ?? '');
  w.line(0, 'Roles:', nodeRoles(node));
  writeLabels(w, 'Labels', node.metadata.labels);
  writeAnnotations(w, 'Annotations', node.metadata.annotations);
  w.line(0, 'CreationTimestamp:', describeTime(node.metadata.creationTimestamp));
  const taints: { key: string; value?: string; effect: string }[] = [...(spec.taints ?? [])].sort((a, b) => {
    const ka = `${a.effect},${a.key}`;
    const kb = `${b.effect},${b.key}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  w.write(0, 'Taints:\t');
  if (taints.length === 0) w.write(0, '<none>\n');
  taints.forEach((t, i) => w.write(0, `${i > 0 ? '\t' : ''}${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}\n`));
  w.line(0, 'Unschedulable:', spec.unschedulable ? 'true' : 'false');

  let lease: KubeObject | undefined;
  try {
    lease = ctx.api.get('Lease', 'kube-node-lease', node.metadata.name ?? '');
  } catch {
    lease = undefined;
  }
  w.write(0, 'Lease:\n');
  w.line(1, 'HolderIdentity:', lease?.spec?.holderIdentity ?? '<unset>');
  w.line(1, 'AcquireTime:', lease?.spec?.acquireTime ? describeTime(lease.spec.acquireTime) : '<unset>');
  w.line(1, 'RenewTime:', lease?.spec?.renewTime ? describeTime(lease.spec.renewTime) : '<unset>');

  const conditions: { type: string; status: string; lastHeartbeatTime?: string; lastTransitionTime?: string; reason?: string; message?: string }[] = status.conditions ?? [];
  if (conditions.length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.line(1, '----', '------', '-----------------', '------------------', '------', '-------');
    for (const c of conditions) {
      w.write(1, `${c.type} \t${c.status} \t${describeTime(c.lastHeartbeatTime)} \t${describeTime(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of (status.addresses ?? []) as { type: string; address: string }[]) w.line(1, `${a.type}:`, a.address);
  for (const [title, list] of [['Capacity', status.capacity], ['Allocatable', status.allocatable]] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length === 0) continue;
    w.write(0, `${title}:\n`);
    for (const name of names) w.line(0, `  ${name}:`, list[name]);
  }
  const info: Record<string, string> = status.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  w.line(0, '  Machine ID:', info.machineID ?? '');
  w.line(0, '  System UUID:', info.systemUUID ?? '');
  w.line(0, '  Boot ID:', info.bootID ?? '');
  w.line(0, '  Kernel Version:', info.kernelVersion ?? '');
  w.line(0, '  OS Image:', info.osImage ?? '');
  w.line(0, '  Operating System:', info.operatingSystem ?? '');
  w.line(0, '  Architecture:', info.architecture ?? '');
  w.line(0, '  Container Runtime Version:', info.containerRuntimeVersion ?? '');
  w.line(0, '  Kubelet Version:', info.kubeletVersion ?? '');
  w.line(0, '  Kube-Proxy Version:', info.kubeProxyVersion ?? '');
  if (spec.podCIDR) w.line(0, 'PodCIDR:', spec.podCIDR);
  if ((spec.podCIDRs ?? []).length > 0) w.line(0, 'PodCIDRs:', spec.podCIDRs.join(','));
  if (spec.providerID) w.line(0, 'ProviderID:', spec.providerID);
  let pods: KubeObject[] = [];
  try {
    // In the API server's order: by namespace, then name.
    const key = (p: KubeObject): string => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;
    pods = ctx.api
      .list('Pod', undefined)
      .filter((p) => p.spec?.nodeName === node.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  } catch {
    pods = [];
  }
  writeNodeResources(w, node, pods, ctx.now);
  writeEvents(w, eventsFor(node, { ...ctx, api: ctx.api }), ctx.now);
  return w.toString();
}
