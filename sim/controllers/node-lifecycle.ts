// The node lifecycle controller (pkg/controller/nodelifecycle). Every 5 s (node-monitor-period)
// it checks each node's Lease in kube-node-lease (and the Ready heartbeat). A node not heard from
// for the grace period (1.32 default: 50 s) gets its conditions set to Unknown, the
// `node.kubernetes.io/unreachable` NoSchedule and NoExecute taints, and its pods marked not
// ready. When the kubelet is heard from again, the conditions and taints are restored.
import type { EngineContext } from '../engine-context';
import type { KubeObject, Taint } from '../api/types';
import { deepClone, deepEqual } from '../api/object-utils';
import { parseRfc3339, rfc3339 } from '../time';
import { tryGet, tryWrite, enqueueGuarded } from './api-helpers';
import { inform } from './informer';
import type { WatchEvent } from '../api/server';
import { ApiError } from '../api/errors';

export const nodeMonitorPeriodMs = 5000;
/** --node-monitor-grace-period: 50 s since Kubernetes 1.32 (was 40 s). */
export const nodeMonitorGracePeriodMs = 50_000;
export const leaseNamespace = 'kube-node-lease';
const source = { component: 'node-controller' };
const unreachableKey = 'node.kubernetes.io/unreachable';
const notReadyKey = 'node.kubernetes.io/not-ready';

const unknownConditionTypes = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'];
const healthyConditions: Record<string, { status: string; reason: string; message: string }> = {
  MemoryPressure: { status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available' },
  DiskPressure: { status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure' },
  PIDPressure: { status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available' },
  Ready: { status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
};

interface Observation {
  /** The lease renewTime and Ready heartbeat last seen. */
  renewTime: string | undefined;
  heartbeat: string | undefined;
  /** Virtual time when the signature last changed. */
  observedAt: number;
}

export function startNodeLifecycleController(ctx: EngineContext): void {
  const observations = new Map<string, Observation>();
  // Its own loop every node-monitor-period, as in Kubernetes: one timer, no work-queue round trip.
  // A write refused meanwhile is tried again at the next check.
  const monitor = () => {
    try {
      monitorNodeHealth(ctx, observations);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  };
  ctx.clock.every(ctx.clock.now() + nodeMonitorPeriodMs, nodeMonitorPeriodMs, monitor, 'node-monitor');
  // A renewed lease is acted on at the next check, as in Kubernetes; a kubelet reporting
  // Ready=False or True changes the not-ready taints at once.
  inform(ctx, 'Node', (event: WatchEvent) => {
    if (event.type === 'DELETED') return;
    if (readyCondition(event.object)?.status !== (event.oldObject && readyCondition(event.oldObject)?.status)) {
      enqueueGuarded(ctx, `node-lifecycle/not-ready/${event.object.metadata.name}`, () => syncNotReadyTaints(ctx, event.object.metadata.name!));
    }
  });
}

/** Ready=False (reported by the kubelet) gives the not-ready NoSchedule and NoExecute taints. */
function syncNotReadyTaints(ctx: EngineContext, name: string): void {
  const node = tryGet(ctx, 'Node', undefined, name);
  if (!node) return;
  const taints: Taint[] = node.spec?.taints ?? [];
  const notReady = readyCondition(node)?.status === 'False';
  const has = taints.some((t) => t.key === notReadyKey);
  if (notReady === has) return;
  const others = taints.filter((t) => t.key !== notReadyKey);
  const next = notReady
    ? [...others, { key: notReadyKey, effect: 'NoSchedule' as const }, { key: notReadyKey, effect: 'NoExecute' as const, timeAdded: rfc3339(ctx.clock.now()) }]
    : others;
  node.spec = { ...(node.spec ?? {}), taints: next.length > 0 ? next : undefined };
  if (!node.spec.taints) delete node.spec.taints;
  tryWrite(() => ctx.api.update(node));
}

function readyCondition(node: KubeObject) {
  return (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
}

function monitorNodeHealth(ctx: EngineContext, observations: Map<string, Observation>): void {
  const now = ctx.clock.now();
  // Read-only listings: this runs every 5 s and usually changes nothing; writers copy first.
  const nodes = ctx.api.list('Node', undefined, { readOnly: true });
  for (const node of nodes) {
    const name = node.metadata.name!;
    const lease = ctx.api.peek('Lease', leaseNamespace, name);
    const renewTime: string | undefined = lease?.spec?.renewTime;
    const heartbeat: string | undefined = readyCondition(node)?.lastHeartbeatTime;
    // A node nobody ever heartbeats for is not monitored (a hand-made node in a lesson).
    if (!renewTime && !heartbeat) continue;
    let observation = observations.get(name);
    if (!observation || observation.renewTime !== renewTime || observation.heartbeat !== heartbeat) {
      // A change is observed now; only a node seen for the first time counts from its own report.
      const reported = observation ? now : Math.max(parseRfc3339(renewTime) ?? 0, parseRfc3339(heartbeat) ?? 0);
      observation = { renewTime, heartbeat, observedAt: Math.min(now, reported || now) };
      observations.set(name, observation);
    }
    const silent = now - observation.observedAt > nodeMonitorGracePeriodMs;
    const unknown = readyCondition(node)?.status === 'Unknown';
    if (silent && !unknown) markUnreachable(ctx, deepClone(node));
    else if (!silent && (unknown || hasUnreachableTaint(node))) markReachable(ctx, deepClone(node));
  }
  if (observations.size > nodes.length) {
    const nodeNames = new Set(nodes.map((node) => node.metadata.name!));
    for (const name of [...observations.keys()]) if (!nodeNames.has(name)) observations.delete(name);
  }
}

function hasUnreachableTaint(node: KubeObject): boolean {
  return (node.spec?.taints ?? []).some((t: Taint) => t.key === unreachableKey);
}

function markUnreachable(ctx: EngineContext, node: KubeObject): void {
  const now = rfc3339(ctx.clock.now());
  const conditions: any[] = [...(node.status?.conditions ?? [])];
  for (const type of unknownConditionTypes) {
    const index = conditions.findIndex((c) => c.type === type);
    const old = index >= 0 ? conditions[index] : { type, lastHeartbeatTime: now };
    const updated = { ...old, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now };
    if (index >= 0) conditions[index] = updated;
    else conditions.push(updated);
  }
  node.status = { ...node.status, conditions };
  const written = tryWrite(() => ctx.api.updateStatus(node));
  if (!written) return;
  ctx.events.record(written, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`, source);

  const taints: Taint[] = (written.spec?.taints ?? []).filter((t: Taint) => t.key !== notReadyKey && t.key !== unreachableKey);
  taints.push({ key: unreachableKey, effect: 'NoSchedule' }, { key: unreachableKey, effect: 'NoExecute', timeAdded: now });
  written.spec = { ...(written.spec ?? {}), taints };
  tryWrite(() => ctx.api.update(written));

  // MarkPodsNotReady
  for (const pod of ctx.api.list('Pod', undefined)) {
    if (pod.spec?.nodeName !== node.metadata.name) continue;
    const ready = (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready');
    if (!ready || ready.status === 'False') continue;
    pod.status.conditions = pod.status.conditions.map((c: { type: string }) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: now } : c));
    const updated = tryWrite(() => ctx.api.updateStatus(pod));
    if (updated) ctx.events.record(updated, 'Warning', 'NodeNotReady', 'Node is not ready', source);
  }
}

function markReachable(ctx: EngineContext, node: KubeObject): void {
  const now = rfc3339(ctx.clock.now());
  const conditions = (node.status?.conditions ?? []).map((c: any) => {
    const healthy = healthyConditions[c.type];
    if (!healthy || c.status !== 'Unknown') return c;
    return { ...c, ...healthy, lastHeartbeatTime: now, lastTransitionTime: now };
  });
  if (!deepEqual(conditions, node.status?.conditions)) {
    node.status = { ...node.status, conditions };
    tryWrite(() => ctx.api.updateStatus(node));
  }
  const fresh = tryGet(ctx, 'Node', undefined, node.metadata.name!);
  if (!fresh) return;
  const taints = (fresh.spec?.taints ?? []).filter((t: Taint) => t.key !== unreachableKey);
  if (taints.length === (fresh.spec?.taints ?? []).length) return;
  fresh.spec = { ...fresh.spec, taints: taints.length > 0 ? taints : undefined };
  if (!fresh.spec.taints) delete fresh.spec.taints;
  tryWrite(() => ctx.api.update(fresh));
}
