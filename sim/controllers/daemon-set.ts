// The DaemonSet controller (pkg/controller/daemon): one pod per eligible node, placed by the
// scheduler through a required node affinity on the node's name; rolling updates with
// maxUnavailable; ControllerRevisions holding each template.
import type { EngineContext } from '../engine-context';
import type { KubeObject, Taint, Toleration } from '../api/types';
import type { WatchEvent } from '../api/server';
import { deepClone, deepEqual } from '../api/object-utils';
import { matchesNodeSelectorAndAffinity } from '../component-helpers/node-affinity';
import { isTolerated } from '../component-helpers/taints';
import { controllerRefOf, isControlledBy } from './owner-references';
import { isAvailable, isReady, isTerminal, isTerminating, msUntilAvailable } from './pod-state';
import { createPodFromTemplate } from './pod-template';
import { computePodTemplateHash } from './pod-template-hash';
import { scaledValue } from './int-or-percent';
import { keyOf, splitKey, tryGet, tryWrite, enqueueGuarded } from './api-helpers';
import { inform } from './informer';
import { syncTemplateRevision } from './controller-history';

const source = { component: 'daemonset-controller' };
export const revisionHashLabel = 'controller-revision-hash';
export const templateGenerationLabel = 'pod-template-generation';

/** Tolerations every daemon pod gets (daemon/util AddOrUpdateDaemonPodTolerations). */
export function daemonPodTolerations(spec: { tolerations?: Toleration[]; hostNetwork?: unknown }): Toleration[] {
  const tolerations = [...(spec.tolerations ?? [])];
  const add = (key: string, effect: Toleration['effect']) => {
    if (!tolerations.some((t) => t.key === key && t.effect === effect && t.operator === 'Exists')) tolerations.push({ key, operator: 'Exists', effect });
  };
  add('node.kubernetes.io/not-ready', 'NoExecute');
  add('node.kubernetes.io/unreachable', 'NoExecute');
  add('node.kubernetes.io/disk-pressure', 'NoSchedule');
  add('node.kubernetes.io/memory-pressure', 'NoSchedule');
  add('node.kubernetes.io/pid-pressure', 'NoSchedule');
  add('node.kubernetes.io/unschedulable', 'NoSchedule');
  if (spec.hostNetwork) add('node.kubernetes.io/network-unavailable', 'NoSchedule');
  return tolerations;
}

/** The node a daemon pod is meant for: spec.nodeName, or its metadata.name affinity before binding. */
export function targetNodeOf(pod: KubeObject): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = (pod.spec?.affinity as any)?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const field of term.matchFields ?? []) {
      if (field.key === 'metadata.name' && field.operator === 'In' && field.values?.length === 1) return field.values[0];
    }
  }
  return undefined;
}

function withNodeNameAffinity(spec: any, nodeName: string): any {
  const copy = deepClone(spec);
  const nameField = { key: 'metadata.name', operator: 'In', values: [nodeName] };
  copy.affinity = copy.affinity ?? {};
  copy.affinity.nodeAffinity = copy.affinity.nodeAffinity ?? {};
  const required = copy.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  const terms: any[] = required?.nodeSelectorTerms ?? [];
  copy.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
    nodeSelectorTerms: terms.length > 0 ? terms.map((t) => ({ ...t, matchFields: [nameField] })) : [{ matchFields: [nameField] }],
  };
  return copy;
}

function shouldRunOn(ds: KubeObject, node: KubeObject): { run: boolean; keepRunning: boolean } {
  const spec = ds.spec?.template?.spec ?? {};
  const probe: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { ...spec, affinity: spec.affinity } };
  if (!matchesNodeSelectorAndAffinity(probe, node)) return { run: false, keepRunning: false };
  const tolerations = daemonPodTolerations(spec);
  const taints: Taint[] = node.spec?.taints ?? [];
  const untolerated = (effect: string) => taints.some((t) => t.effect === effect && !isTolerated(t, tolerations));
  if (untolerated('NoExecute')) return { run: false, keepRunning: false };
  if (untolerated('NoSchedule')) return { run: false, keepRunning: true };
  return { run: true, keepRunning: true };
}

export function startDaemonSetController(ctx: EngineContext): void {
  const enqueue = (key: string) => enqueueGuarded(ctx, `daemonset/${key}`, () => syncDaemonSet(ctx, key, enqueue));
  const enqueueAll = () => {
    for (const ds of ctx.api.list('DaemonSet', undefined, { readOnly: true })) enqueue(keyOf(ds));
  };
  inform(ctx, 'DaemonSet', (event: WatchEvent) => enqueue(keyOf(event.object)));
  inform(ctx, 'Node', (event: WatchEvent) => {
    const old = event.oldObject;
    const node = event.object;
    if (!old || event.type !== 'MODIFIED' || !deepEqual(old.metadata.labels, node.metadata.labels) || !deepEqual(old.spec?.taints, node.spec?.taints)) enqueueAll();
  });
  inform(ctx, 'Pod', (event: WatchEvent) => {
    const ref = controllerRefOf(event.object);
    if (ref?.kind === 'DaemonSet') enqueue(`${event.object.metadata.namespace}/${ref.name}`);
  });
}

function currentRevision(ctx: EngineContext, ds: KubeObject): string {
  const hash = computePodTemplateHash(ds.spec.template, ds.status?.collisionCount);
  syncTemplateRevision(ctx, ds, hash, revisionHashLabel);
  return hash;
}

function syncDaemonSet(ctx: EngineContext, key: string, enqueue: (key: string) => void): void {
  const [namespace, name] = splitKey(key);
  const ds = tryGet(ctx, 'DaemonSet', namespace, name);
  if (!ds) return;
  const hash = currentRevision(ctx, ds);
  const nodes = ctx.api.list('Node', undefined);
  const pods = ctx.api
    .list('Pod', namespace, { readOnly: true })
    .filter((pod) => isControlledBy(pod, ds))
    .map(deepClone);
  const podsByNode = new Map<string, KubeObject[]>();
  for (const pod of pods) {
    if (isTerminating(pod)) continue;
    const node = targetNodeOf(pod) ?? '';
    podsByNode.set(node, [...(podsByNode.get(node) ?? []), pod]);
  }
  const now = ctx.clock.now();
  const minReadySeconds: number = ds.spec.minReadySeconds ?? 0;

  if (!ds.metadata.deletionTimestamp) {
    const toDelete: KubeObject[] = [];
    const nodesNeedingPods: string[] = [];
    for (const node of nodes) {
      const nodeName = node.metadata.name!;
      const { run, keepRunning } = shouldRunOn(ds, node);
      const onNode = podsByNode.get(nodeName) ?? [];
      if (run) {
        const failed = onNode.filter(isTerminal);
        toDelete.push(...failed.filter((p) => p.status?.phase === 'Failed'));
        const alive = onNode.filter((p) => !isTerminal(p));
        if (alive.length === 0) nodesNeedingPods.push(nodeName);
        else if (alive.length > 1) toDelete.push(...alive.slice(1));
      } else if (!keepRunning) {
        toDelete.push(...onNode);
      }
    }
    // Pods for nodes that no longer exist.
    for (const [nodeName, onNode] of podsByNode) if (!nodes.some((n) => n.metadata.name === nodeName)) toDelete.push(...onNode);

    // Rolling update: replace old pods while at most maxUnavailable nodes lack an available pod.
    if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
      const desired = nodes.filter((n) => shouldRunOn(ds, n).run).map((n) => n.metadata.name!);
      const maxUnavailable = Math.max(1, scaledValue(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable, desired.length, true, '1'));
      let unavailable = 0;
      const oldAvailable: KubeObject[] = [];
      for (const nodeName of desired) {
        const alive = (podsByNode.get(nodeName) ?? []).filter((p) => !isTerminal(p));
        const pod = alive[0];
        const old = pod && pod.metadata.labels?.[revisionHashLabel] !== hash;
        if (!pod || !isAvailable(pod, minReadySeconds, now)) {
          unavailable += 1;
          if (old) toDelete.push(pod);
        } else if (old) {
          oldAvailable.push(pod);
        }
      }
      for (const pod of oldAvailable) {
        if (unavailable >= maxUnavailable) break;
        toDelete.push(pod);
        unavailable += 1;
      }
    }

    for (const pod of new Set(toDelete)) {
      if (tryWrite(() => ctx.api.delete('Pod', pod.metadata.namespace, pod.metadata.name!))) {
        ctx.events.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, source);
      }
    }
    const labels = { [revisionHashLabel]: hash, [templateGenerationLabel]: String(ds.metadata.generation ?? 1) };
    for (const nodeName of nodesNeedingPods) {
      const template = { metadata: ds.spec.template.metadata, spec: withNodeNameAffinity({ ...ds.spec.template.spec, tolerations: daemonPodTolerations(ds.spec.template.spec) }, nodeName) };
      const { pod, error } = createPodFromTemplate(ctx, ds, template, labels);
      if (pod) ctx.events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, source);
      // The pod control's event when admission refuses the pod (PodSecurity, a quota).
      else if (error) ctx.events.record(ds, 'Warning', 'FailedCreate', `Error creating: ${error.message}`, source);
    }
  }
  updateStatus(ctx, ds, hash, enqueue);
}

function updateStatus(ctx: EngineContext, ds: KubeObject, hash: string, enqueue: (key: string) => void): void {
  const fresh = tryGet(ctx, 'DaemonSet', ds.metadata.namespace, ds.metadata.name!);
  if (!fresh) return;
  const now = ctx.clock.now();
  const minReadySeconds: number = fresh.spec.minReadySeconds ?? 0;
  const pods = ctx.api
    .list('Pod', fresh.metadata.namespace, { readOnly: true })
    .filter((p) => isControlledBy(p, fresh) && !isTerminating(p) && !isTerminal(p))
    .map(deepClone);
  let desired = 0, current = 0, misscheduled = 0, ready = 0, updated = 0, available = 0;
  let nextAvailableIn: number | undefined;
  for (const node of ctx.api.list('Node', undefined)) {
    const onNode = pods.filter((p) => targetNodeOf(p) === node.metadata.name);
    const { run } = shouldRunOn(fresh, node);
    if (run) {
      desired += 1;
      if (onNode.length > 0) {
        current += 1;
        const pod = onNode[0];
        if (isReady(pod)) ready += 1;
        if (isAvailable(pod, minReadySeconds, now)) available += 1;
        if (pod.metadata.labels?.[revisionHashLabel] === hash) updated += 1;
        const wait = msUntilAvailable(pod, minReadySeconds, now);
        if (wait !== undefined) nextAvailableIn = Math.min(nextAvailableIn ?? wait, wait);
      }
    } else if (onNode.length > 0) {
      misscheduled += 1;
    }
  }
  const status: Record<string, unknown> = {
    currentNumberScheduled: current,
    desiredNumberScheduled: desired,
    numberMisscheduled: misscheduled,
    numberReady: ready,
    observedGeneration: fresh.metadata.generation,
  };
  if (updated > 0) status.updatedNumberScheduled = updated;
  if (available > 0) status.numberAvailable = available;
  if (desired - available > 0) status.numberUnavailable = desired - available;
  if (fresh.status?.collisionCount !== undefined) status.collisionCount = fresh.status.collisionCount;
  if (!deepEqual(status, fresh.status ?? {})) {
    fresh.status = status;
    tryWrite(() => ctx.api.updateStatus(fresh));
  }
  if (nextAvailableIn !== undefined) ctx.clock.after(nextAvailableIn, () => enqueue(keyOf(fresh)), 'daemonset-min-ready');
}
