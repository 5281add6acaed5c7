// The real Cluster (API server with its admission, virtual clock, work queue, event recorder,
// scheduler and controllers) with no nodes and no kube-system workloads, so a test adds the nodes it
// needs, and with a stand-in kubelet whose behaviour is picked by image name:
//   `fail` → the pod fails after 1 s (`fail:N` with exit code N); `done` → succeeds after 1 s;
//   `even-fails` → a Job pod with an even completion index fails, any other succeeds; `missing:*` → ImagePullBackOff;
//   `slow` → Ready only after 5 s; anything else → Running and Ready at once.
import { Cluster, defaultStartTime, type NodeAgents } from '../../sim/cluster';
import type { EngineContext } from '../../sim/engine-context';
import type { KubeObject } from '../../sim/api/types';
import type { DeleteOptions } from '../../sim/api/server';
import { rfc3339 } from '../../sim/time';
import { ApiError } from '../../sim/api/errors';

export const startTime = defaultStartTime;

export class FakeCluster extends Cluster {
  private draining = false;

  /** `kubelet: false` runs no kubelet at all: bound Pods stay as they are written. */
  constructor(options: { kubelet?: boolean } = {}) {
    super({ seed: 7, startTime, nodes: [], addons: false, nodeAgents: options.kubelet === false ? { start: () => {} } : new StandInKubelet() });
  }

  drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      this.settle();
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

  setReady(namespace: string, name: string, ready = true): void {
    setPodReady(this.ctx, namespace, name, ready);
    this.drain();
  }

  tryGet(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return tryGet(this.ctx, kind, namespace, name);
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

/** Runs pods bound to nodes the way the image name asks; removes terminating pods at once. */
class StandInKubelet implements NodeAgents {
  private ctx!: EngineContext;
  private podIpCounter = 10;

  start(ctx: EngineContext): void {
    this.ctx = ctx;
    ctx.api.watch('Pod', undefined, (event) => {
      if (event.type === 'DELETED') return;
      const pod = event.object;
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (pod.metadata.deletionTimestamp) {
        ctx.enqueue(`fake-kubelet-delete/${key}`, () => this.removePod(pod.metadata.namespace!, pod.metadata.name!));
        return;
      }
      if (!pod.spec.nodeName || started(pod)) return;
      ctx.enqueue(`fake-kubelet/${key}`, () => this.startPod(pod.metadata.namespace!, pod.metadata.name!));
    });
  }

  private removePod(namespace: string, name: string): void {
    try {
      this.ctx.api.delete('Pod', namespace, name, { gracePeriodSeconds: 0 });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
  }

  private startPod(namespace: string, name: string): void {
    const pod = tryGet(this.ctx, 'Pod', namespace, name);
    if (!pod || started(pod) || !pod.spec.nodeName) return;
    const image: string = pod.spec.containers[0]?.image ?? '';
    const now = rfc3339(this.ctx.clock.now());
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
    this.ctx.api.updateStatus(pod);
    const clock = this.ctx.clock;
    if (image === 'fail' || image === 'done' || image.startsWith('fail:')) {
      clock.after(1000, () => this.finishPod(namespace, name, image === 'done', Number(image.split(':')[1] ?? 1)));
    }
    if (image === 'even-fails') {
      const index = Number(pod.metadata.annotations?.['batch.kubernetes.io/job-completion-index']);
      clock.after(1000, () => this.finishPod(namespace, name, index % 2 === 1));
    }
    if (image === 'slow') clock.after(5000, () => setPodReady(this.ctx, namespace, name, true));
  }

  private finishPod(namespace: string, name: string, succeeded: boolean, exitCode = 1): void {
    const pod = tryGet(this.ctx, 'Pod', namespace, name);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const now = rfc3339(this.ctx.clock.now());
    pod.status.phase = succeeded ? 'Succeeded' : 'Failed';
    pod.status.conditions = pod.status.conditions.map((c: { type: string }) => (c.type === 'Ready' ? { ...c, status: 'False', reason: 'PodCompleted', lastTransitionTime: now } : c));
    pod.status.containerStatuses = pod.status.containerStatuses.map((s: object) => ({
      ...s,
      ready: false,
      state: { terminated: { exitCode: succeeded ? 0 : exitCode, reason: succeeded ? 'Completed' : 'Error', finishedAt: now } },
    }));
    this.ctx.api.updateStatus(pod);
  }
}

/** Started by this kubelet, or written as already running by the test (a phase past Pending). */
function started(pod: KubeObject): boolean {
  return pod.status?.startTime !== undefined || (pod.status?.phase ?? 'Pending') !== 'Pending';
}

function setPodReady(ctx: EngineContext, namespace: string, name: string, ready: boolean): void {
  const pod = tryGet(ctx, 'Pod', namespace, name);
  if (!pod) return;
  const now = rfc3339(ctx.clock.now());
  pod.status.conditions = pod.status.conditions.map((c: { type: string }) => (c.type === 'Ready' ? { ...c, status: ready ? 'True' : 'False', lastTransitionTime: now } : c));
  pod.status.containerStatuses = pod.status.containerStatuses?.map((s: object) => ({ ...s, ready }));
  ctx.api.updateStatus(pod);
}

function tryGet(ctx: EngineContext, kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
  try {
    return ctx.api.get(kind, namespace, name);
  } catch (error) {
    if (error instanceof ApiError) return undefined;
    throw error;
  }
}
