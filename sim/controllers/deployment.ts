// The Deployment controller (pkg/controller/deployment): one ReplicaSet per template
// (`<deploy>-<pod-template-hash>`), rolled over by RollingUpdate or Recreate, with revisions,
// conditions, pause, progress deadline and history cleanup.
import type { EngineContext } from '../engine-context';
import type { KubeObject } from '../api/types';
import type { WatchEvent } from '../api/server';
import { deepClone, deepEqual } from '../api/object-utils';
import { ApiError } from '../api/errors';
import { parseRfc3339, rfc3339 } from '../time';
import { matchesSelector } from './label-selector';
import { controllerRefOf, controllerRefTo, isControlledBy } from './owner-references';
import { isActive, isTerminal } from './pod-state';
import { computePodTemplateHash } from './pod-template-hash';
import { resolveFenceposts } from './int-or-percent';
import { keyOf, splitKey, tryGet, tryWrite, enqueueGuarded } from './api-helpers';
import { inform } from './informer';

const component = { component: 'deployment-controller' };
export const revisionAnnotation = 'deployment.kubernetes.io/revision';
export const desiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
export const maxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
const hashLabel = 'pod-template-hash';
/** Deployment annotations that are not copied to its ReplicaSets. */
const notCopied = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  revisionAnnotation,
  'deployment.kubernetes.io/revision-history',
  desiredReplicasAnnotation,
  maxReplicasAnnotation,
  'deprecated.deployment.rollback.to',
]);

interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export function startDeploymentController(ctx: EngineContext): void {
  const deadlineTimers = new Map<string, { cancel(): void }>();
  const enqueue = (key: string) => enqueueGuarded(ctx, `deployment/${key}`, () => syncDeployment(ctx, key, deadlineTimers));

  inform(ctx, 'Deployment', (event: WatchEvent) => enqueue(keyOf(event.object)));
  inform(ctx, 'ReplicaSet', (event: WatchEvent) => {
    const rs = event.object;
    const ref = controllerRefOf(rs);
    if (ref?.kind === 'Deployment') {
      enqueue(`${rs.metadata.namespace}/${ref.name}`);
    } else if (!ref && event.type !== 'DELETED') {
      for (const d of ctx.api.list('Deployment', rs.metadata.namespace, { readOnly: true })) {
        if (matchesSelector(rs.metadata.labels, d.spec?.selector)) enqueue(keyOf(d));
      }
    }
  });
  // Recreate waits for the old pods to be gone.
  inform(ctx, 'Pod', (event: WatchEvent) => {
    if (event.type !== 'DELETED') return;
    const rsRef = controllerRefOf(event.object);
    if (rsRef?.kind !== 'ReplicaSet') return;
    const rs = ctx.api.peek('ReplicaSet', event.object.metadata.namespace, rsRef.name);
    const dRef = rs && controllerRefOf(rs);
    if (rs && dRef?.kind === 'Deployment') enqueue(`${rs.metadata.namespace}/${dRef.name}`);
  });
}

function syncDeployment(ctx: EngineContext, key: string, deadlineTimers: Map<string, { cancel(): void }>): void {
  const [namespace, name] = splitKey(key);
  const d = tryGet(ctx, 'Deployment', namespace, name);
  if (!d || d.metadata.deletionTimestamp) return;
  d.spec.replicas = d.spec.replicas ?? 1;
  const replicaSets = claimReplicaSets(ctx, d);
  checkPausedCondition(ctx, d);

  if (d.spec.paused) {
    syncPaused(ctx, d, replicaSets);
    return;
  }
  const strategy = d.spec.strategy?.type ?? 'RollingUpdate';
  const { newRS, oldRSs } = findReplicaSets(ctx, d, replicaSets, strategy === 'RollingUpdate');
  if (strategy === 'Recreate') {
    rolloutRecreate(ctx, d, newRS, oldRSs);
  } else if (isScalingEvent(d, newRS, oldRSs)) {
    scaleProportionally(ctx, d, newRS, oldRSs);
  } else if (newRS) {
    rolloutRolling(ctx, d, newRS, oldRSs);
  }
  finish(ctx, key, deadlineTimers);
}

function finish(ctx: EngineContext, key: string, deadlineTimers: Map<string, { cancel(): void }>): void {
  const [namespace, name] = splitKey(key);
  // The stored objects, read and not copied: only the status is written, as a new object. Every
  // change of a pod's readiness brings the controller here.
  const d = ctx.api.peek('Deployment', namespace, name);
  if (!d) return;
  const all = ctx.api.list('ReplicaSet', namespace, { readOnly: true }).filter((rs) => isControlledBy(rs, d));
  const newRS = all.find((rs) => templatesEqual(rs, d));
  const oldRSs = all.filter((rs) => rs !== newRS);
  const status = calculateStatus(ctx, d, newRS, oldRSs);
  if (newRS && isComplete(d, status)) cleanupHistory(ctx, d, oldRSs);
  syncProgress(ctx, d, status, newRS);
  if (!deepEqual(status, d.status ?? {})) {
    tryWrite(() => ctx.api.updateStatus({ ...d, status }));
  }
  // Come back when the progress deadline would pass.
  deadlineTimers.get(key)?.cancel();
  const progressing = status.conditions.find((c: Condition) => c.type === 'Progressing');
  const deadline = d.spec.progressDeadlineSeconds ?? 600;
  if (progressing && progressing.status === 'True' && progressing.reason !== 'NewReplicaSetAvailable') {
    const due = (parseRfc3339(progressing.lastUpdateTime) ?? ctx.clock.now()) + deadline * 1000 + 1000;
    deadlineTimers.set(key, ctx.clock.schedule(due, () => enqueueGuarded(ctx, `deployment/${key}`, () => syncDeployment(ctx, key, deadlineTimers)), 'progress-deadline'));
  }
}

// ---- ReplicaSets of a Deployment ----

function claimReplicaSets(ctx: EngineContext, d: KubeObject): KubeObject[] {
  const claimed: KubeObject[] = [];
  for (const rs of ctx.api.list('ReplicaSet', d.metadata.namespace)) {
    const matches = matchesSelector(rs.metadata.labels, d.spec.selector);
    if (isControlledBy(rs, d)) {
      if (matches) claimed.push(rs);
      else {
        rs.metadata.ownerReferences = rs.metadata.ownerReferences!.filter((ref) => ref.uid !== d.metadata.uid);
        tryWrite(() => ctx.api.update(rs));
      }
    } else if (matches && !controllerRefOf(rs) && !rs.metadata.deletionTimestamp) {
      rs.metadata.ownerReferences = [...(rs.metadata.ownerReferences ?? []), controllerRefTo(d)];
      const adopted = tryWrite(() => ctx.api.update(rs));
      if (adopted) claimed.push(adopted);
    }
  }
  return claimed;
}

function ownedReplicaSets(ctx: EngineContext, d: KubeObject): KubeObject[] {
  return ctx.api.list('ReplicaSet', d.metadata.namespace).filter((rs) => isControlledBy(rs, d));
}

/**
 * A pod template without the pod-template-hash label, as EqualIgnoreHash compares templates:
 * labels or metadata left empty count as none. Shallow, with the label set to undefined (which
 * deepEqual skips), since every sync compares the Deployment's template with each ReplicaSet's.
 */
function ignoringHashLabel(template: any): any {
  const metadata = template?.metadata;
  if (!metadata) return template ?? {};
  const labels = metadata.labels && { ...metadata.labels, [hashLabel]: undefined };
  const trimmed = { ...metadata, labels: labels && hasFields(labels) ? labels : undefined };
  return { ...template, metadata: hasFields(trimmed) ? trimmed : undefined };
}

function hasFields(object: Record<string, unknown>): boolean {
  for (const key in object) if (object[key] !== undefined) return true;
  return false;
}

function templatesEqual(rs: KubeObject, d: KubeObject): boolean {
  return deepEqual(ignoringHashLabel(rs.spec?.template), ignoringHashLabel(d.spec.template));
}

function revisionOf(rs: KubeObject): number {
  return Number.parseInt(rs.metadata.annotations?.[revisionAnnotation] ?? '0', 10) || 0;
}

function replicasOf(rs: KubeObject | undefined): number {
  return rs?.spec?.replicas ?? 0;
}

function byCreation(a: KubeObject, b: KubeObject): number {
  const ta = parseRfc3339(a.metadata.creationTimestamp) ?? 0;
  const tb = parseRfc3339(b.metadata.creationTimestamp) ?? 0;
  return ta !== tb ? ta - tb : (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}

/** The ReplicaSet whose template is the Deployment's (created when asked), and all others. */
function findReplicaSets(ctx: EngineContext, d: KubeObject, all: KubeObject[], create: boolean): { newRS?: KubeObject; oldRSs: KubeObject[] } {
  const existing = all.filter((rs) => templatesEqual(rs, d)).sort(byCreation)[0];
  const oldRSs = all.filter((rs) => rs !== existing).sort(byCreation);
  const maxOldRevision = Math.max(0, ...oldRSs.map(revisionOf));
  if (existing) {
    return { newRS: syncRevision(ctx, d, existing, maxOldRevision), oldRSs };
  }
  if (!create) return { oldRSs };
  return { newRS: createNewReplicaSet(ctx, d, oldRSs, maxOldRevision + 1), oldRSs };
}

/** Keeps the new RS's revision above every old one (a rollback makes an old RS new again). */
function syncRevision(ctx: EngineContext, d: KubeObject, rs: KubeObject, maxOldRevision: number): KubeObject {
  const annotations = { ...(rs.metadata.annotations ?? {}) };
  const current = revisionOf(rs);
  if (current <= maxOldRevision) {
    annotations[revisionAnnotation] = String(maxOldRevision + 1);
    if (current > 0) {
      const history = annotations['deployment.kubernetes.io/revision-history'];
      annotations['deployment.kubernetes.io/revision-history'] = history ? `${history},${current}` : String(current);
    }
  }
  copyDeploymentAnnotations(d, annotations);
  let result = rs;
  const minReadySeconds = d.spec.minReadySeconds ?? 0;
  if (!deepEqual(annotations, rs.metadata.annotations ?? {}) || (rs.spec.minReadySeconds ?? 0) !== minReadySeconds) {
    rs.metadata.annotations = annotations;
    rs.spec.minReadySeconds = minReadySeconds;
    result = tryWrite(() => ctx.api.update(rs)) ?? rs;
  }
  setDeploymentRevision(ctx, d, annotations[revisionAnnotation]);
  if (!(d.status?.conditions ?? []).some((c: Condition) => c.type === 'Progressing')) {
    setCondition(ctx, d, { type: 'Progressing', status: 'True', reason: 'FoundNewReplicaSet', message: `Found new replica set "${rs.metadata.name}"` });
  }
  return result;
}

function copyDeploymentAnnotations(d: KubeObject, into: Record<string, string>): void {
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (!notCopied.has(key)) into[key] = value;
  }
}

function setDeploymentRevision(ctx: EngineContext, d: KubeObject, revision: string): void {
  if (d.metadata.annotations?.[revisionAnnotation] === revision) return;
  d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [revisionAnnotation]: revision };
  const updated = tryWrite(() => ctx.api.update(d));
  if (updated) d.metadata.resourceVersion = updated.metadata.resourceVersion;
}

function createNewReplicaSet(ctx: EngineContext, d: KubeObject, oldRSs: KubeObject[], revision: number): KubeObject | undefined {
  const collisionCount: number | undefined = d.status?.collisionCount;
  const hash = computePodTemplateHash(d.spec.template, collisionCount);
  const template = deepClone(d.spec.template);
  template.metadata = template.metadata ?? {};
  template.metadata.labels = { ...(template.metadata.labels ?? {}), [hashLabel]: hash };
  const selector = deepClone(d.spec.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [hashLabel]: hash };
  const { surge } = fenceposts(d);
  const newReplicas = d.spec.strategy?.type === 'Recreate' ? 0 : newRSReplicas(d, oldRSs, undefined);
  const annotations: Record<string, string> = {};
  copyDeploymentAnnotations(d, annotations);
  annotations[revisionAnnotation] = String(revision);
  annotations[desiredReplicasAnnotation] = String(d.spec.replicas);
  annotations[maxReplicasAnnotation] = String(d.spec.replicas + surge);
  const rs: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...template.metadata.labels },
      annotations,
      ownerReferences: [controllerRefTo(d)],
    },
    spec: { replicas: newReplicas, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
    status: { replicas: 0 },
  };
  let created: KubeObject;
  try {
    created = ctx.api.create(rs);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.reason !== 'AlreadyExists') return undefined;
    // A ReplicaSet of that name with another template: bump the collision count and retry.
    const clash = tryGet(ctx, 'ReplicaSet', d.metadata.namespace, rs.metadata.name!);
    if (clash && isControlledBy(clash, d) && templatesEqual(clash, d)) return clash;
    d.status = { ...(d.status ?? {}), collisionCount: (collisionCount ?? 0) + 1 };
    tryWrite(() => ctx.api.updateStatus(d));
    return undefined;
  }
  if (newReplicas > 0) {
    ctx.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${newReplicas}`, component);
  }
  setDeploymentRevision(ctx, d, String(revision));
  setCondition(ctx, d, {
    type: 'Progressing',
    status: 'True',
    reason: 'NewReplicaSetCreated',
    message: `Created new replica set "${created.metadata.name}"`,
  });
  return created;
}

function fenceposts(d: KubeObject): { surge: number; unavailable: number } {
  if ((d.spec.strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return { surge: 0, unavailable: 0 };
  const rolling = d.spec.strategy?.rollingUpdate ?? {};
  const result = resolveFenceposts(rolling.maxSurge, rolling.maxUnavailable, d.spec.replicas);
  // MaxUnavailable never exceeds the replica count.
  if (result.unavailable > d.spec.replicas) result.unavailable = d.spec.replicas;
  return result;
}

/** deploymentutil.NewRSNewReplicas for RollingUpdate. */
function newRSReplicas(d: KubeObject, oldRSs: KubeObject[], newRS: KubeObject | undefined): number {
  const { surge } = fenceposts(d);
  const current = oldRSs.reduce((sum, rs) => sum + replicasOf(rs), 0) + replicasOf(newRS);
  const maxTotal = d.spec.replicas + surge;
  if (current >= maxTotal) return replicasOf(newRS);
  const scaleUp = Math.min(maxTotal - current, d.spec.replicas - replicasOf(newRS));
  return replicasOf(newRS) + scaleUp;
}

function scaleReplicaSet(ctx: EngineContext, d: KubeObject, rs: KubeObject, replicas: number): KubeObject {
  const { surge } = fenceposts(d);
  const annotations = {
    ...(rs.metadata.annotations ?? {}),
    [desiredReplicasAnnotation]: String(d.spec.replicas),
    [maxReplicasAnnotation]: String(d.spec.replicas + surge),
  };
  const from = replicasOf(rs);
  if (from === replicas && deepEqual(annotations, rs.metadata.annotations ?? {})) return rs;
  rs.spec.replicas = replicas;
  rs.metadata.annotations = annotations;
  const updated = tryWrite(() => ctx.api.update(rs));
  if (!updated) return rs;
  if (from !== replicas) {
    const direction = replicas > from ? 'up' : 'down';
    ctx.events.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${direction} replica set ${rs.metadata.name} from ${from} to ${replicas}`, component);
  }
  return updated;
}

// ---- strategies ----

function rolloutRolling(ctx: EngineContext, d: KubeObject, newRS: KubeObject, oldRSs: KubeObject[]): void {
  // Scale up the new ReplicaSet within maxSurge.
  if (replicasOf(newRS) > d.spec.replicas) {
    newRS = scaleReplicaSet(ctx, d, newRS, d.spec.replicas);
  } else if (replicasOf(newRS) < d.spec.replicas) {
    newRS = scaleReplicaSet(ctx, d, newRS, newRSReplicas(d, oldRSs, newRS));
  } else {
    newRS = scaleReplicaSet(ctx, d, newRS, d.spec.replicas);
  }
  // Scale down old ReplicaSets within maxUnavailable.
  const oldCount = oldRSs.reduce((sum, rs) => sum + replicasOf(rs), 0);
  if (oldCount === 0) return;
  const { unavailable } = fenceposts(d);
  const minAvailable = d.spec.replicas - unavailable;
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = oldCount + replicasOf(newRS) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return;
  // First remove old pods that are not available anyway.
  let cleaned = 0;
  const olds = [...oldRSs].sort(byCreation);
  for (let i = 0; i < olds.length; i++) {
    const rs = olds[i];
    if (cleaned >= maxScaledDown) break;
    if (replicasOf(rs) === 0) continue;
    const unhealthy = replicasOf(rs) - (rs.status?.availableReplicas ?? 0);
    if (unhealthy <= 0) continue;
    const scaleDown = Math.min(maxScaledDown - cleaned, unhealthy);
    olds[i] = scaleReplicaSet(ctx, d, rs, replicasOf(rs) - scaleDown);
    cleaned += scaleDown;
  }
  // Then available old pods, as long as enough pods stay available.
  const available = [...olds, newRS].reduce((sum, rs) => sum + Math.min(rs.status?.availableReplicas ?? 0, replicasOf(rs)), 0);
  if (available <= minAvailable) return;
  let toScaleDown = available - minAvailable;
  for (const rs of olds) {
    if (toScaleDown <= 0) break;
    if (replicasOf(rs) === 0) continue;
    const scaleDown = Math.min(replicasOf(rs), toScaleDown);
    scaleReplicaSet(ctx, d, rs, replicasOf(rs) - scaleDown);
    toScaleDown -= scaleDown;
  }
}

function rolloutRecreate(ctx: EngineContext, d: KubeObject, newRS: KubeObject | undefined, oldRSs: KubeObject[]): void {
  let scaledDown = false;
  for (const rs of oldRSs) {
    if (replicasOf(rs) > 0) {
      scaleReplicaSet(ctx, d, rs, 0);
      scaledDown = true;
    }
  }
  if (scaledDown) return;
  // Wait until no pod of an old ReplicaSet is still running or terminating.
  const oldUids = new Set(oldRSs.map((rs) => rs.metadata.uid));
  const oldPodsLeft = ctx.api
    .list('Pod', d.metadata.namespace, { readOnly: true })
    .some((pod) => oldUids.has(controllerRefOf(pod)?.uid) && !isTerminal(pod));
  if (oldPodsLeft) return;
  if (!newRS) {
    const maxOldRevision = Math.max(0, ...oldRSs.map(revisionOf));
    newRS = createNewReplicaSet(ctx, d, oldRSs, maxOldRevision + 1);
    if (!newRS) return;
  }
  scaleReplicaSet(ctx, d, newRS, d.spec.replicas);
}

/** The desired-replicas annotation of an active RS differs from spec.replicas: the user scaled. */
function isScalingEvent(d: KubeObject, newRS: KubeObject | undefined, oldRSs: KubeObject[]): boolean {
  const active = [newRS, ...oldRSs].filter((rs): rs is KubeObject => !!rs && replicasOf(rs) > 0);
  return active.some((rs) => {
    const desired = rs.metadata.annotations?.[desiredReplicasAnnotation];
    return desired !== undefined && Number(desired) !== d.spec.replicas;
  });
}

/** Spreads a change of spec.replicas over the active ReplicaSets in proportion to their size. */
function scaleProportionally(ctx: EngineContext, d: KubeObject, newRS: KubeObject | undefined, oldRSs: KubeObject[]): void {
  const active = [newRS, ...oldRSs].filter((rs): rs is KubeObject => !!rs && replicasOf(rs) > 0);
  if (active.length === 1) {
    scaleReplicaSet(ctx, d, active[0], d.spec.replicas);
    return;
  }
  const { surge } = fenceposts(d);
  const allowed = d.spec.replicas + surge;
  const current = active.reduce((sum, rs) => sum + replicasOf(rs), 0);
  const toAdd = allowed - current;
  if (toAdd === 0) {
    for (const rs of active) scaleReplicaSet(ctx, d, rs, replicasOf(rs));
    return;
  }
  // Largest first when adding, smallest first when removing (ReplicaSetsBySizeNewer / Older).
  const ordered = [...active].sort((a, b) => (toAdd > 0 ? replicasOf(b) - replicasOf(a) : replicasOf(a) - replicasOf(b)) || -byCreation(a, b));
  let added = 0;
  const targets = new Map<KubeObject, number>();
  for (const rs of ordered) {
    let share = Math.round((replicasOf(rs) * toAdd) / current);
    if (Math.abs(added + share) > Math.abs(toAdd)) share = toAdd - added;
    targets.set(rs, replicasOf(rs) + share);
    added += share;
  }
  const leftover = toAdd - added;
  targets.set(ordered[0], Math.max(0, (targets.get(ordered[0]) ?? 0) + leftover));
  for (const [rs, replicas] of targets) scaleReplicaSet(ctx, d, rs, Math.max(0, replicas));
}

function syncPaused(ctx: EngineContext, d: KubeObject, replicaSets: KubeObject[]): void {
  const { newRS, oldRSs } = findReplicaSets(ctx, d, replicaSets, false);
  if (isScalingEvent(d, newRS, oldRSs)) scaleProportionally(ctx, d, newRS, oldRSs);
  const fresh = tryGet(ctx, 'Deployment', d.metadata.namespace, d.metadata.name!);
  if (!fresh) return;
  fresh.spec.replicas = fresh.spec.replicas ?? 1;
  const all = ownedReplicaSets(ctx, fresh);
  const current = all.find((rs) => templatesEqual(rs, fresh));
  const status = calculateStatus(ctx, fresh, current, all.filter((rs) => rs !== current));
  if (!deepEqual(status, fresh.status ?? {})) {
    fresh.status = status;
    tryWrite(() => ctx.api.updateStatus(fresh));
  }
}

// ---- status ----

/** A status count summed over the ReplicaSets. */
function sumStatus(all: KubeObject[], field: string): number {
  return all.reduce((total, rs) => total + (rs.status?.[field] ?? 0), 0);
}

function calculateStatus(ctx: EngineContext, d: KubeObject, newRS: KubeObject | undefined, oldRSs: KubeObject[]): any {
  const all = [...(newRS ? [newRS] : []), ...oldRSs];
  const available = sumStatus(all, 'availableReplicas');
  const status: any = {
    observedGeneration: d.metadata.generation,
    replicas: sumStatus(all, 'replicas'),
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: sumStatus(all, 'readyReplicas'),
    availableReplicas: available,
    // Kubernetes counts against the ReplicaSets' desired total, so a surge pod that is not up counts too.
    unavailableReplicas: Math.max(0, all.reduce((total, rs) => total + (rs.spec?.replicas ?? 0), 0) - available),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  const { unavailable } = fenceposts(d);
  const minimum = available >= d.spec.replicas - unavailable;
  status.conditions = applyCondition(
    ctx,
    d.status?.conditions ?? [],
    minimum
      ? { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
      : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
  );
  // omitempty counts
  for (const field of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']) {
    if (status[field] === 0) delete status[field];
  }
  return status;
}

function isComplete(d: KubeObject, status: any): boolean {
  return (
    (status.updatedReplicas ?? 0) === d.spec.replicas &&
    (status.replicas ?? 0) === d.spec.replicas &&
    (status.availableReplicas ?? 0) === d.spec.replicas &&
    (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** syncRolloutStatus: the Progressing condition and the progress deadline. */
function syncProgress(ctx: EngineContext, d: KubeObject, status: any, newRS: KubeObject | undefined): void {
  const conditions: Condition[] = status.conditions;
  const current = conditions.find((c) => c.type === 'Progressing');
  const alreadyComplete = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && current?.reason === 'NewReplicaSetAvailable';
  if (alreadyComplete) return;
  const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
  if (isComplete(d, status)) {
    status.conditions = applyCondition(ctx, conditions, { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `${subject} has successfully progressed.` });
    return;
  }
  const old = d.status ?? {};
  const oldOldReplicas = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOldReplicas = (status.replicas ?? 0) - (status.updatedReplicas ?? 0);
  const progressing =
    (status.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOldReplicas < oldOldReplicas ||
    (status.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (status.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
  if (progressing) {
    // Always rewritten, so lastUpdateTime (the deadline's start) moves on.
    const now = rfc3339(ctx.clock.now());
    status.conditions = [
      ...conditions.filter((c) => c.type !== 'Progressing'),
      {
        type: 'Progressing',
        status: 'True',
        lastUpdateTime: now,
        lastTransitionTime: current?.status === 'True' ? current.lastTransitionTime : now,
        reason: 'ReplicaSetUpdated',
        message: `${subject} is progressing.`,
      },
    ];
    return;
  }
  if (timedOut(ctx, d, current)) {
    status.conditions = applyCondition(ctx, conditions, { type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `${subject} has timed out progressing.` });
  }
}

function timedOut(ctx: EngineContext, d: KubeObject, condition: Condition | undefined): boolean {
  if (!condition || condition.reason === 'NewReplicaSetAvailable') return false;
  if (condition.reason === 'ProgressDeadlineExceeded') return true;
  const from = parseRfc3339(condition.lastUpdateTime) ?? ctx.clock.now();
  return from + (d.spec.progressDeadlineSeconds ?? 600) * 1000 < ctx.clock.now();
}

/** checkPausedConditions: Progressing Unknown while paused, and once more on resume. */
function checkPausedCondition(ctx: EngineContext, d: KubeObject): void {
  const current = (d.status?.conditions ?? []).find((c: Condition) => c.type === 'Progressing');
  if (current?.reason === 'ProgressDeadlineExceeded') return;
  const pausedShown = current?.reason === 'DeploymentPaused';
  if (d.spec.paused && !pausedShown) {
    setCondition(ctx, d, { type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
  } else if (!d.spec.paused && pausedShown) {
    setCondition(ctx, d, { type: 'Progressing', status: 'Unknown', reason: 'DeploymentResumed', message: 'Deployment is resumed' });
  }
}

/** SetDeploymentCondition: an unchanged status and reason keeps the condition as it is. */
function applyCondition(ctx: EngineContext, conditions: Condition[], wanted: Condition): Condition[] {
  const current = conditions.find((c) => c.type === wanted.type);
  if (current && current.status === wanted.status && current.reason === wanted.reason) return conditions;
  const now = rfc3339(ctx.clock.now());
  const condition: Condition = {
    type: wanted.type,
    status: wanted.status,
    lastUpdateTime: now,
    lastTransitionTime: current && current.status === wanted.status ? current.lastTransitionTime : now,
    reason: wanted.reason,
    message: wanted.message,
  };
  return [...conditions.filter((c) => c.type !== wanted.type), condition];
}

function setCondition(ctx: EngineContext, d: KubeObject, wanted: Condition): void {
  const fresh = tryGet(ctx, 'Deployment', d.metadata.namespace, d.metadata.name!);
  if (!fresh) return;
  const conditions = applyCondition(ctx, fresh.status?.conditions ?? [], wanted);
  if (deepEqual(conditions, fresh.status?.conditions ?? [])) return;
  fresh.status = { ...(fresh.status ?? {}), conditions };
  const written = tryWrite(() => ctx.api.updateStatus(fresh));
  d.status = fresh.status;
  if (written) d.metadata.resourceVersion = written.metadata.resourceVersion;
}

/** Deletes the oldest ReplicaSets at zero replicas beyond revisionHistoryLimit. */
function cleanupHistory(ctx: EngineContext, d: KubeObject, oldRSs: KubeObject[]): void {
  const limit: number = d.spec.revisionHistoryLimit ?? 10;
  const idle = oldRSs
    .filter((rs) => replicasOf(rs) === 0 && (rs.status?.replicas ?? 0) === 0 && !rs.metadata.deletionTimestamp)
    .sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  const excess = idle.length - limit;
  for (const rs of idle.slice(0, Math.max(0, excess))) {
    const hasPods = ctx.api.list('Pod', d.metadata.namespace, { readOnly: true }).some((pod) => isControlledBy(pod, rs) && isActive(pod));
    if (!hasPods) tryWrite(() => ctx.api.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name!));
  }
}
