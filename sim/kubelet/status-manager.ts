// Writing a pod's status (the kubelet's status manager): the PodStatus made from what the pod
// worker knows, stored only when something it is made from changed. Each container's status is
// remade only when that container changed, so a pod with thousands of containers costs in
// proportion to what changed, not to its size.

import type { ContainerStatus, Pod } from '../api/types';
import type { SimApiServer } from '../api/api-server';
import { qosClass } from '../api/qos';
import { deepEqual, newVersion } from '../api/object-utils';
import { rfc3339 } from '../time';
import type { ContainerRecord } from './container-record';
import { OrderedIndexes } from './ordered-indexes';
import { ContainerTally, containerStatus, initIncomplete, podConditions, podPhase, type ContainerView, type PodView } from './pod-status';

/** The pod-wide facts the status is made from besides its containers. */
export interface PodFacts {
  pod: Pod;
  /** The sandbox's IP, once it exists. */
  podIP?: string;
  sandboxReady: boolean;
  initialized: boolean;
  terminal?: 'Succeeded' | 'Failed';
  /** Why the kubelet failed the pod (Evicted, DeadlineExceeded), when it did. */
  failure?: { reason: string; message: string };
  /** status.ephemeralContainerStatuses, when the pod has ephemeral containers. */
  ephemeralStatuses?: ContainerStatus[];
}

const statusFieldOrder = ['conditions', 'containerStatuses', 'ephemeralContainerStatuses', 'hostIP', 'hostIPs', 'initContainerStatuses', 'message', 'phase', 'podIP', 'podIPs', 'qosClass', 'reason', 'startTime'];

export class PodStatusManager {
  private readonly views: ContainerView[];
  private readonly statuses: ContainerStatus[];
  private readonly indexOf = new Map<ContainerRecord, number>();
  private readonly initCount: number;
  /** Containers changed since the last write. */
  private readonly changed = new Set<ContainerRecord>();
  private initStatuses: ContainerStatus[] = [];
  private appStatuses: ContainerStatus[] = [];
  /** What the last status was made from and the status stored after it. */
  private lastFacts: unknown[] = [];
  private lastStoredStatus: unknown;
  private qos?: { spec: Pod['spec']; value: string };
  private readonly tally = new ContainerTally();
  /** Positions of the app containers and sidecars that are not ready, in order. */
  private readonly unready = new OrderedIndexes();
  /** Their names as the Ready condition's message lists them; made again only when needed. */
  private unreadyText?: string;

  /** For the pod view of every write, made once. */
  private readonly incompleteInits = () => this.views.slice(0, this.initCount).filter(initIncomplete).map((c) => c.name);
  private readonly unreadyNames = () => (this.unreadyText ??= this.unready.values.map((index) => this.views[index].name).join(' '));

  constructor(
    records: readonly ContainerRecord[],
    private readonly api: SimApiServer,
    private readonly nodeIP: string,
  ) {
    records.forEach((record, index) => this.indexOf.set(record, index));
    this.initCount = records.filter((record) => record.init).length;
    this.views = records.map((record) => viewOf(record));
    this.statuses = this.views.map(containerStatus);
    this.views.forEach((view, index) => {
      this.tally.add(view);
      if (countsForReadiness(view) && !view.ready) this.unready.add(index);
    });
    this.initStatuses = this.statuses.slice(0, this.initCount);
    this.appStatuses = this.statuses.slice(this.initCount);
  }

  /** A container's status fields changed (its record calls this). */
  containerChanged(record: ContainerRecord): void {
    this.changed.add(record);
  }

  /** Stores the pod's status if anything it is made from changed since the last write. */
  write(facts: PodFacts, now: number): void {
    const { pod } = facts;
    const namespace = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name!;
    const stored = this.api.peek('Pod', namespace, name) as Pod | undefined;
    if (!stored || stored.metadata.uid !== pod.metadata.uid) return;
    const factList = [pod.spec, facts.podIP, facts.sandboxReady, facts.terminal, facts.initialized, facts.failure, facts.ephemeralStatuses];
    // A re-sync that changed nothing (a container waiting out its back-off) writes nothing.
    if (stored.status === this.lastStoredStatus && this.changed.size === 0 && sameItems(factList, this.lastFacts)) return;
    const containersDiffer = this.refreshContainers();
    const view: PodView = {
      restartPolicy: pod.spec.restartPolicy ?? 'Always',
      tally: this.tally,
      sandboxReady: facts.sandboxReady,
      initialized: facts.initialized,
      terminal: facts.terminal,
      incompleteInits: this.incompleteInits,
      unready: this.unreadyNames,
    };
    const phase = podPhase(view);
    const status: Record<string, unknown> = {
      conditions: podConditions(view, phase, stored.status?.conditions, rfc3339(now)),
      hostIP: this.nodeIP,
      hostIPs: [{ ip: this.nodeIP }],
    };
    if (this.initStatuses.length > 0) status.initContainerStatuses = this.initStatuses;
    status.containerStatuses = this.appStatuses;
    if (facts.ephemeralStatuses) status.ephemeralContainerStatuses = facts.ephemeralStatuses;
    status.phase = phase;
    if (facts.podIP !== undefined) {
      status.podIP = facts.podIP;
      status.podIPs = [{ ip: facts.podIP }];
    }
    status.qosClass = this.qosClassOf(pod.spec);
    status.startTime = stored.status?.startTime ?? rfc3339(now);
    if (facts.failure) {
      status.reason = facts.failure.reason;
      status.message = facts.failure.message;
    }
    const ordered: Record<string, unknown> = {};
    for (const key of statusFieldOrder) if (status[key] !== undefined) ordered[key] = status[key];
    if (stored.status !== this.lastStoredStatus) {
      // Someone else wrote the status since: compare all of it.
      this.lastStoredStatus = this.api.setStatusTrusted('Pod', namespace, name, ordered);
    } else if (containersDiffer || !sameStatusBesidesContainers(ordered, stored.status as Record<string, unknown>)) {
      // Only the containers that changed were compared (in refreshContainers), not thousands of unchanged ones.
      this.api.replaceTrusted(newVersion(stored, { status: ordered }));
      this.lastStoredStatus = ordered;
    }
    this.lastFacts = factList;
  }

  /**
   * Remakes the statuses of the containers that changed; the lists are new only where they changed.
   * Returns whether any container's status differs from what it was.
   */
  private refreshContainers(): boolean {
    if (this.changed.size === 0) return false;
    let differ = false;
    let initChanged = false;
    let appChanged = false;
    for (const record of this.changed) {
      const index = this.indexOf.get(record)!;
      const old = this.views[index];
      const view = viewOf(record);
      this.tally.remove(old);
      this.tally.add(view);
      if (countsForReadiness(view) && old.ready !== view.ready) this.markUnready(index, !view.ready);
      this.views[index] = view;
      const status = containerStatus(view);
      if (!differ && !deepEqual(status, this.statuses[index])) differ = true;
      this.statuses[index] = status;
      if (index < this.initCount) initChanged = true;
      else appChanged = true;
    }
    this.changed.clear();
    // Stored statuses are never changed in place: a changed list is a new one.
    if (initChanged) this.initStatuses = this.statuses.slice(0, this.initCount);
    if (appChanged) this.appStatuses = this.statuses.slice(this.initCount);
    return differ;
  }

  private markUnready(index: number, unready: boolean): void {
    const name = this.views[index].name;
    const text = this.unreadyText;
    // Containers usually become ready in order and unready at the end: then the text is cut or
    // extended (cheap for strings) rather than joined again from thousands of names.
    if (unready) {
      const at = this.unready.add(index);
      if (at < 0 || text === undefined) return;
      this.unreadyText = at === this.unready.size - 1 ? (at === 0 ? name : `${text} ${name}`) : undefined;
    } else {
      const at = this.unready.delete(index);
      if (at < 0 || text === undefined) return;
      this.unreadyText = at === 0 ? text.slice(this.unready.size === 0 ? name.length : name.length + 1) : undefined;
    }
  }

  private qosClassOf(spec: Pod['spec']): string {
    if (this.qos?.spec !== spec) this.qos = { spec, value: qosClass(spec) };
    return this.qos.value;
  }
}

function viewOf(r: ContainerRecord): ContainerView {
  return {
    name: r.spec.name,
    init: r.init,
    sidecar: r.sidecar,
    state: r.state,
    lastTerminated: r.lastTerminated,
    ready: r.ready && !!r.state.running,
    started: r.started && !!r.state.running,
    restartCount: r.restartCount,
    image: r.imageRef?.fullName ?? r.spec.image ?? '',
    imageID: r.imageID,
    containerID: r.containerID,
    volumeMounts: mountStatuses(r.spec),
  };
}

type MountStatus = { name: string; mountPath: string; readOnly?: boolean; recursiveReadOnly?: string };

/** The mounts a container's status lists, made once per definition (statuses are never changed in place, so versions share them). */
const mountStatusesOf = new WeakMap<ContainerRecord['spec'], MountStatus[]>();

function mountStatuses(spec: ContainerRecord['spec']): MountStatus[] {
  let mounts = mountStatusesOf.get(spec);
  if (!mounts) {
    mounts = (spec.volumeMounts ?? []).map((m) => {
      const mount: MountStatus = { mountPath: m.mountPath, name: m.name };
      if (m.readOnly) {
        mount.readOnly = true;
        mount.recursiveReadOnly = 'Disabled';
      }
      return mount;
    });
    mountStatusesOf.set(spec, mounts);
  }
  return mounts;
}

function sameStatusBesidesContainers(next: Record<string, unknown>, stored: Record<string, unknown>): boolean {
  const keys = statusFieldOrder.filter((key) => key !== 'containerStatuses' && key !== 'initContainerStatuses');
  return keys.every((key) => deepEqual(next[key], stored[key])) && (next.initContainerStatuses === undefined) === (stored.initContainerStatuses === undefined);
}

/** App containers and sidecars: the ones the Ready condition waits for. */
function countsForReadiness(view: ContainerView): boolean {
  return !view.init || view.sidecar;
}

function sameItems(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
