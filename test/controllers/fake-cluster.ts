// A small cluster for driving the scheduler and controllers in tests: the API server, a virtual
// clock, a seeded random source, the event recorder, the engine's own work queue, and a stand-in
// kubelet whose behaviour is picked by image name:
//   `fail` → the pod fails after 1 s (`fail:N` with exit code N); `done` → succeeds after 1 s;
//   `even-fails` → a Job pod with an even completion index fails, any other succeeds; `missing:*` → ImagePullBackOff;
//   `slow` → Ready only after 5 s; anything else → Running and Ready at once.
import { SimApiServer } from '../../sim/api/api-server';
import { VirtualClock } from '../../sim/clock';
import { WorkQueue } from '../../sim/work-queue';
import { SeededRandom } from '../../sim/random';
import type { EngineContext, EventRecorder, EventSource } from '../../sim/engine-context';
import type { KubeObject } from '../../sim/api/types';
import type { DeleteOptions } from '../../sim/api/server';
import { rfc3339 } from '../../sim/time';
import { ApiError } from '../../sim/api/errors';

export const startTime = Date.parse('2026-01-15T09:00:00Z');

export class FakeCluster {
  readonly clock = new VirtualClock(startTime);
  readonly random = new SeededRandom(7);
  readonly api = new SimApiServer(() => this.clock.now(), this.random);
  readonly events = new TestEventRecorder(this.api, () => this.clock.now());
  private readonly queue = new WorkQueue(this.clock);
  private draining = false;
  private podIpCounter = 10;
  readonly ctx: EngineContext;

  constructor() {
    this.ctx = {
      api: this.api,
      clock: this.clock,
      random: this.random,
      events: this.events,
      enqueue: (key, work) => this.queue.enqueue(key, work),
    };
    this.clock.afterEachTimer = () => this.drain();
    for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      this.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } });
    }
  }

  drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      this.queue.drain();
    } finally {
      this.draining = false;
    }
  }

  create(obj: KubeObject): KubeObject {
    const created = this.api.create(obj);
    this.drain();
    return created;
  }

  update(obj: KubeObject): KubeObject {
    const updated = this.api.update(obj);
    this.drain();
    return updated;
  }

  patch(kind: string, namespace: string | undefined, name: string, patch: unknown): KubeObject {
    const patched = this.api.patch(kind, namespace, name, patch, 'merge');
    this.drain();
    return patched;
  }

  delete(kind: string, namespace: string | undefined, name: string, options?: DeleteOptions): KubeObject {
    const deleted = this.api.delete(kind, namespace, name, options);
    this.drain();
    return deleted;
  }

  advance(seconds: number): void {
    this.drain();
    this.clock.advanceBy(seconds * 1000);
    this.drain();
  }

  names(kind: string, namespace: string | undefined = 'default'): string[] {
    return this.api.list(kind, namespace).map((o) => o.metadata.name!);
  }

  get(kind: string, namespace: string | undefined, name: string): KubeObject {
    return this.api.get(kind, namespace, name);
  }

  /** `REASON: message (xN)` for every event about the object, in creation order. */
  eventsFor(kind: string, name: string, namespace = 'default'): string[] {
    return this.api
      .list('Event', namespace)
      .filter((e) => e.involvedObject.kind === kind && e.involvedObject.name === name)
      .sort((a, b) => (a.metadata.resourceVersion! < b.metadata.resourceVersion! ? -1 : 1))
      .map((e) => `${e.reason}: ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`);
  }

  allEventMessages(namespace = 'default'): string[] {
    return this.api.list('Event', namespace).map((e) => `${e.reason}: ${e.message}`);
  }

  addNode(name: string, options: { cpu?: string; memory?: string; pods?: string; labels?: Record<string, string>; taints?: KubeObject['spec'][]; ready?: boolean } = {}): KubeObject {
    return this.create({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(options.labels ?? {}) } },
      spec: { taints: options.taints },
      status: {
        capacity: { cpu: options.cpu ?? '2', memory: options.memory ?? '4Gi', pods: options.pods ?? '110', 'ephemeral-storage': '20Gi' },
        allocatable: { cpu: options.cpu ?? '2', memory: options.memory ?? '4Gi', pods: options.pods ?? '110', 'ephemeral-storage': '20Gi' },
        conditions: [{ type: 'Ready', status: options.ready === false ? 'False' : 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
        addresses: [{ type: 'InternalIP', address: '192.168.1.10' }],
        nodeInfo: {},
      },
    });
  }

  /** Runs pods bound to nodes the way the image name asks; removes terminating pods at once. */
  startFakeKubelet(): void {
    this.api.watch('Pod', undefined, (event) => {
      if (event.type === 'DELETED') return;
      const pod = event.object;
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (pod.metadata.deletionTimestamp) {
        this.ctx.enqueue(`fake-kubelet-delete/${key}`, () => this.removePod(pod.metadata.namespace!, pod.metadata.name!));
        return;
      }
      if (!pod.spec.nodeName || pod.status?.phase) return;
      this.ctx.enqueue(`fake-kubelet/${key}`, () => this.startPod(pod.metadata.namespace!, pod.metadata.name!));
    });
  }

  private removePod(namespace: string, name: string): void {
    try {
      this.api.delete('Pod', namespace, name, { gracePeriodSeconds: 0 });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }

  private startPod(namespace: string, name: string): void {
    const pod = this.tryGet('Pod', namespace, name);
    if (!pod || pod.status?.phase || !pod.spec.nodeName) return;
    const image: string = pod.spec.containers[0]?.image ?? '';
    const now = rfc3339(this.clock.now());
    const ready = !image.startsWith('missing') && image !== 'slow';
    pod.status = {
      ...(pod.status ?? {}),
      phase: image.startsWith('missing') ? 'Pending' : 'Running',
      podIP: `10.244.1.${this.podIpCounter++}`,
      hostIP: '192.168.1.10',
      startTime: now,
      conditions: [
        ...(pod.status?.conditions ?? []).filter((c: { type: string }) => c.type === 'PodScheduled'),
        { type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: now },
      ],
      containerStatuses: pod.spec.containers.map((c: { name: string; image: string }) => ({
        name: c.name,
        image: c.image,
        imageID: '',
        ready,
        restartCount: 0,
        state: image.startsWith('missing') ? { waiting: { reason: 'ImagePullBackOff' } } : { running: { startedAt: now } },
        lastState: {},
      })),
    };
    this.api.updateStatus(pod);
    if (image === 'fail' || image === 'done' || image.startsWith('fail:')) {
      this.clock.after(1000, () => this.finishPod(namespace, name, image === 'done', Number(image.split(':')[1] ?? 1)));
    }
    if (image === 'even-fails') {
      const index = Number(pod.metadata.annotations?.['batch.kubernetes.io/job-completion-index']);
      this.clock.after(1000, () => this.finishPod(namespace, name, index % 2 === 1));
    }
    if (image === 'slow') this.clock.after(5000, () => this.setReady(namespace, name));
  }

  setReady(namespace: string, name: string, ready = true): void {
    const pod = this.tryGet('Pod', namespace, name);
    if (!pod) return;
    const now = rfc3339(this.clock.now());
    pod.status.conditions = pod.status.conditions.map((c: { type: string }) => (c.type === 'Ready' ? { ...c, status: ready ? 'True' : 'False', lastTransitionTime: now } : c));
    pod.status.containerStatuses = pod.status.containerStatuses?.map((s: object) => ({ ...s, ready }));
    this.api.updateStatus(pod);
    this.drain();
  }

  private finishPod(namespace: string, name: string, succeeded: boolean, exitCode = 1): void {
    const pod = this.tryGet('Pod', namespace, name);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const now = rfc3339(this.clock.now());
    pod.status.phase = succeeded ? 'Succeeded' : 'Failed';
    pod.status.conditions = pod.status.conditions.map((c: { type: string }) => (c.type === 'Ready' ? { ...c, status: 'False', reason: 'PodCompleted', lastTransitionTime: now } : c));
    pod.status.containerStatuses = pod.status.containerStatuses.map((s: object) => ({
      ...s,
      ready: false,
      state: { terminated: { exitCode: succeeded ? 0 : exitCode, reason: succeeded ? 'Completed' : 'Error', finishedAt: now } },
    }));
    this.api.updateStatus(pod);
  }

  tryGet(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    try {
      return this.api.get(kind, namespace, name);
    } catch (error) {
      if (error instanceof ApiError) return undefined;
      throw error;
    }
  }
}

export function podManifest(name: string, extra: { requests?: Record<string, string>; image?: string; labels?: Record<string, string>; spec?: object } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: extra.labels },
    spec: {
      containers: [{ name: 'app', image: extra.image ?? 'nginx', resources: extra.requests ? { requests: extra.requests } : undefined }],
      schedulerName: 'default-scheduler',
      ...(extra.spec ?? {}),
    },
    status: {},
  };
}

/**
 * Records Events as client-go's correlator does (a repeat of object, reason, message and source
 * raises count and lastTimestamp), with names that are unique per recorder.
 */
export class TestEventRecorder implements EventRecorder {
  private readonly byKey = new Map<string, { namespace: string; name: string }>();
  private counter = 0;

  constructor(
    private readonly api: SimApiServer,
    private readonly now: () => number,
  ) {}

  record(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void {
    const namespace = object.metadata.namespace ?? 'default';
    const key = [object.metadata.uid, object.kind, namespace, object.metadata.name, fieldPath ?? '', type, reason, message, source.component].join('|');
    const time = rfc3339(this.now());
    const known = this.byKey.get(key);
    if (known) {
      const existing = this.tryGetEvent(known.namespace, known.name);
      if (existing) {
        existing.count += 1;
        existing.lastTimestamp = time;
        this.api.update(existing);
        return;
      }
    }
    const name = `${object.metadata.name}.${(this.counter++).toString(16).padStart(16, '0')}`;
    try {
      this.api.create({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: { kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name, uid: object.metadata.uid, apiVersion: object.apiVersion, ...(fieldPath ? { fieldPath } : {}) },
        reason,
        message,
        source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
        firstTimestamp: time,
        lastTimestamp: time,
        count: 1,
        type,
      });
      this.byKey.set(key, { namespace, name });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error; // e.g. the namespace is terminating
    }
  }

  private tryGetEvent(namespace: string, name: string): KubeObject | undefined {
    try {
      return this.api.get('Event', namespace, name);
    } catch (error) {
      if (error instanceof ApiError) return undefined;
      throw error;
    }
  }
}
