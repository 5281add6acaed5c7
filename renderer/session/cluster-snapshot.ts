// What the cluster view draws, taken from the API server and the runtime view in one pass after
// each change. Plain data only, so it can live in a Pinia store without proxies around engine objects.

import type { KubeObject } from '../../sim/api/types';
import type { ProbeRecord, Session } from '../../sim/session-types';
import { tryParseQuantity } from '../../sim/api/quantity';
import { summarizePod } from '../../sim/kubectl/printers/pod-summary';

export interface ResourceAmounts {
  cpuMillicores?: number;
  memoryBytes?: number;
}

export interface ClusterContainer {
  name: string;
  init: boolean;
  image: string;
  /** `Running`, `Waiting: CrashLoopBackOff`, `Terminated: OOMKilled (137)` */
  stateText: string;
  /** `completed` is a container that terminated with exit code 0: a success, not a failure. */
  state: 'waiting' | 'running' | 'completed' | 'terminated' | 'unknown';
  ready: boolean;
  restarts: number;
  lastTermination?: string;
  requests: ResourceAmounts;
  limits: ResourceAmounts;
  usage: ResourceAmounts;
  probes: ProbeRecord[];
  pid?: number;
}

export interface ClusterPod {
  key: string;
  namespace: string;
  name: string;
  node?: string;
  phase: string;
  /** READY, STATUS and the count in RESTARTS, as `kubectl get pods` shows them. */
  status: string;
  ready: string;
  restarts: number;
  ip?: string;
  sandbox?: { id: string; pid: number; image: string; namespaces: { net: number; ipc: number; uts: number } };
  containers: ClusterContainer[];
  volumes: { name: string; type: string; mountedBy: string[] }[];
}

export interface ClusterNode {
  name: string;
  ready: boolean;
  roles: string;
  pods: ClusterPod[];
}

export interface ClusterEvent {
  key: string;
  type: string;
  reason: string;
  object: string;
  message: string;
  count: number;
  time: number;
}

export interface ClusterSnapshot {
  now: number;
  nodes: ClusterNode[];
  unscheduled: ClusterPod[];
  events: ClusterEvent[];
}

type Json = Record<string, any>;

function amounts(resources: Json | undefined): ResourceAmounts {
  const cpu = tryParseQuantity(resources?.cpu);
  const memory = tryParseQuantity(resources?.memory);
  return { cpuMillicores: cpu?.milliValue(), memoryBytes: memory?.value() };
}

export function describeState(state: Json | undefined): { state: ClusterContainer['state']; text: string } {
  if (state?.running) return { state: 'running', text: 'Running' };
  if (state?.waiting) return { state: 'waiting', text: `Waiting: ${state.waiting.reason ?? ''}`.trim() };
  if (state?.terminated) {
    const terminated = state.terminated;
    return { state: terminated.exitCode === 0 ? 'completed' : 'terminated', text: `Terminated: ${terminated.reason ?? 'Error'} (${terminated.exitCode ?? '?'})` };
  }
  return { state: 'unknown', text: 'Unknown' };
}

export function podView(session: Session, pod: Json): ClusterPod {
  const namespace: string = pod.metadata?.namespace ?? 'default';
  const name: string = pod.metadata?.name ?? '';
  const runtime = session.podRuntime(namespace, name);
  const specContainers: Json[] = [...(pod.spec?.initContainers ?? []).map((c: Json) => ({ ...c, init: true })), ...(pod.spec?.containers ?? [])];
  const statuses: Json[] = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const containers: ClusterContainer[] = specContainers.map((spec) => {
    const status = statuses.find((candidate) => candidate.name === spec.name);
    const live = runtime?.containers.find((candidate) => candidate.name === spec.name);
    const { state, text } = describeState(status?.state);
    const last = status?.lastState?.terminated;
    return {
      name: spec.name,
      init: Boolean(spec.init),
      image: spec.image ?? '',
      state,
      stateText: text,
      ready: Boolean(status?.ready),
      restarts: status?.restartCount ?? 0,
      lastTermination: last ? `${last.reason ?? 'Error'} (exit ${last.exitCode})` : undefined,
      requests: amounts(spec.resources?.requests),
      limits: amounts(spec.resources?.limits),
      usage: live && live.state === 'running' ? { cpuMillicores: live.cpuMillicores, memoryBytes: live.memoryBytes } : {},
      probes: live?.probes ?? [],
      pid: live?.pid,
    };
  });
  const summary = summarizePod(pod as KubeObject, session.clock.now());
  return {
    key: `${namespace}/${name}`,
    namespace,
    name,
    node: pod.spec?.nodeName,
    phase: pod.status?.phase ?? 'Pending',
    status: summary.status,
    ready: summary.ready,
    restarts: summary.restartCount,
    ip: runtime?.sandbox?.ip ?? pod.status?.podIP,
    sandbox: runtime?.sandbox
      ? { id: runtime.sandbox.id, pid: runtime.sandbox.pid, image: runtime.sandbox.image, namespaces: { ...runtime.sandbox.namespaces } }
      : undefined,
    containers,
    volumes: runtime?.volumes.map((volume) => ({ ...volume, mountedBy: [...volume.mountedBy] })) ?? [],
  };
}

function eventTime(event: Json): number {
  const text = event.lastTimestamp ?? event.eventTime ?? event.firstTimestamp ?? event.metadata?.creationTimestamp;
  const time = text ? Date.parse(text) : NaN;
  return Number.isNaN(time) ? 0 : time;
}

function safeList(session: Session, kind: string): KubeObject[] {
  try {
    return session.api.list(kind, undefined, { readOnly: true });
  } catch {
    return [];
  }
}

export function takeSnapshot(session: Session, maxEvents = 60): ClusterSnapshot {
  const pods = safeList(session, 'Pod').map((pod) => podView(session, pod as Json));
  pods.sort((a, b) => a.key.localeCompare(b.key));
  const nodes: ClusterNode[] = safeList(session, 'Node').map((node) => {
    const json = node as Json;
    const name: string = json.metadata?.name ?? '';
    const ready = (json.status?.conditions ?? []).some((condition: Json) => condition.type === 'Ready' && condition.status === 'True');
    const labels: Record<string, string> = json.metadata?.labels ?? {};
    const roles = Object.keys(labels)
      .filter((label) => label.startsWith('node-role.kubernetes.io/'))
      .map((label) => label.slice('node-role.kubernetes.io/'.length))
      .join(',');
    return { name, ready, roles: roles || '<none>', pods: pods.filter((pod) => pod.node === name) };
  });
  const nodeNames = new Set(nodes.map((node) => node.name));
  const events: ClusterEvent[] = safeList(session, 'Event')
    .map((event) => {
      const json = event as Json;
      const involved = json.involvedObject ?? {};
      return {
        key: `${json.metadata?.namespace}/${json.metadata?.name}`,
        type: json.type ?? 'Normal',
        reason: json.reason ?? '',
        object: `${String(involved.kind ?? '').toLowerCase()}/${involved.name ?? ''}`,
        message: json.message ?? '',
        count: json.count ?? 1,
        time: eventTime(json),
      };
    })
    .sort((a, b) => b.time - a.time)
    .slice(0, maxEvents);
  return { now: session.clock.now(), nodes, unscheduled: pods.filter((pod) => !pod.node || !nodeNames.has(pod.node)), events };
}

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '—';
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)}Gi`;
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)}Mi`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)}Ki`;
  return `${bytes}`;
}
