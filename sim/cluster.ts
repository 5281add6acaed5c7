// A whole simulated cluster: the virtual clock, the API server, the scheduler, the controllers,
// and a kubelet with its container runtime on each node, wired together as in Kubernetes.

import type { EngineContext } from './engine-context';
import type { KubeObject, Pod } from './api/types';
import type { LogLine, LogOptions } from './api/server';
import type { CommandImpl, Program, ProcessIO } from './process';
import { VirtualClock } from './clock';
import { SeededRandom } from './random';
import { SimApiServer } from './api/api-server';
import { ApiError } from './api/errors';
import { prepareForCreate, prepareForUpdate } from './api/machinery';
import { ClusterEventRecorder } from './events';
import { ClusterNetwork } from './runtime/network';
import { imageCommandResolver } from './runtime/image-commands';
import type { ImageSpec } from './runtime/images/catalog';
import type { FileSystem } from './fs/filesystem';
import { NodeRuntime } from './kubelet/node-runtime';
import { startScheduler } from './scheduler';
import { startControllers, allocateServiceAddresses } from './controllers';
import { bootstrapCluster, clusterNodes } from './cluster-bootstrap';
import { rfc3339 } from './time';
import { parseQuantity } from './api/quantity';

export interface ClusterOptions {
  seed?: number;
  /** Virtual ms when the cluster was created. */
  startTime?: number;
}

export const defaultStartTime = Date.UTC(2026, 0, 15, 9, 0, 0);
/** How long the cluster has been up when the learner arrives. */
export const clusterUptimeMs = 60 * 60 * 1000;

const maxWorkPerDrain = 100_000;
/** How often one key may reconcile at a single virtual instant before it is pushed a second later. */
const maxRunsPerInstant = 50;

export class Cluster {
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  readonly api: SimApiServer;
  readonly events = new ClusterEventRecorder();
  readonly network: ClusterNetwork;
  readonly nodes = new Map<string, NodeRuntime>();
  readonly ctx: EngineContext;
  private readonly queue = new Map<string, () => void>();
  private drainScheduled = false;
  private bootstrapping = false;
  private nextPid = 1000;
  private nextInode = 4026532000;
  private readonly resolvers = new Map<ImageSpec, (name: string) => CommandImpl | undefined>();

  constructor(options: ClusterOptions = {}) {
    const startTime = options.startTime ?? defaultStartTime;
    this.clock = new VirtualClock(startTime);
    this.random = new SeededRandom(options.seed ?? 1);
    this.api = new SimApiServer(() => this.clock.now(), this.random);
    this.network = new ClusterNetwork(this.api);
    this.ctx = {
      api: this.api,
      clock: this.clock,
      random: this.random,
      events: this.events,
      enqueue: (key, work) => this.enqueue(key, work),
    };
    this.events.attach(this.ctx);
    this.installHooks();
    this.bootstrapping = true;
    bootstrapCluster(this.api, startTime);
    this.bootstrapping = false;
    startScheduler(this.ctx);
    startControllers(this.ctx);
    for (const node of clusterNodes) {
      this.nodes.set(
        node.name,
        new NodeRuntime({
          ctx: this.ctx,
          api: this.api,
          network: this.network,
          nodeName: node.name,
          nodeIP: node.ip,
          podSubnet: node.podSubnet,
          allocatePid: () => this.nextPid++,
          allocateInode: () => this.allocateInode(),
          commandResolver: (image, _env, fs) => this.resolverFor(image, fs),
        }),
      );
    }
    this.settle();
  }

  /**
   * Brings a new cluster to `uptimeMs` of age: two minutes run for real (images pulled, system pods
   * Running), the rest is skipped with every timer shifted, then the kubelets renew their leases.
   */
  age(uptimeMs: number): void {
    const settleMs = Math.min(uptimeMs, 2 * 60 * 1000);
    this.clock.advanceBy(settleMs);
    this.settle();
    this.clock.warp(uptimeMs - settleMs);
    for (const node of this.nodes.values()) node.renewLeaseNow();
    this.settle();
  }

  /** Runs every piece of queued work and zero-delay timer at the current time. */
  settle(): void {
    this.clock.runDue();
    this.drain();
  }

  enqueue(key: string, work: () => void): void {
    if (this.queue.has(key)) return;
    this.queue.set(key, work);
    if (!this.drainScheduled) {
      this.drainScheduled = true;
      this.clock.schedule(this.clock.now(), () => this.drain(), 'work-queue');
    }
  }

  private drain(): void {
    this.drainScheduled = false;
    let done = 0;
    const runsThisInstant = new Map<string, number>();
    while (this.queue.size > 0 && done < maxWorkPerDrain) {
      const [key, work] = this.queue.entries().next().value as [string, () => void];
      this.queue.delete(key);
      const runs = (runsThisInstant.get(key) ?? 0) + 1;
      runsThisInstant.set(key, runs);
      if (runs > maxRunsPerInstant) {
        // A reconcile that keeps requeueing itself at one instant would freeze time: let it retry a second later.
        this.clock.after(1000, () => this.enqueue(key, work), 'requeue');
        continue;
      }
      work();
      done++;
    }
  }

  private resolverFor(image: ImageSpec, fs?: FileSystem): (name: string) => CommandImpl | undefined {
    // An image that leaves tools out gets a resolver per container: apt-get may install them there.
    if (image.missing && fs) return imageCommandResolver(image, (tool) => fs.stat(`/usr/bin/${tool}`) !== undefined);
    let resolver = this.resolvers.get(image);
    if (!resolver) this.resolvers.set(image, (resolver = imageCommandResolver(image)));
    return resolver;
  }

  allocateInode(): number {
    return this.nextInode++;
  }

  /** The kubelet running the pod, if it is bound and known to one. */
  workerFor(pod: KubeObject) {
    const node = pod.spec?.nodeName ? this.nodes.get(pod.spec.nodeName) : undefined;
    return node?.worker(pod.metadata.uid!);
  }

  private installHooks(): void {
    this.api.hooks = {
      admitCreate: (obj) => {
        const result = prepareForCreate(obj, { randomSuffix: (n: number) => this.random.suffix(n), list: (kind, namespace) => this.api.list(kind, namespace, { readOnly: true }) });
        if ('error' in result) throw result.error;
        // The stored object is what admission made of the request, fields it dropped included (stringData).
        for (const key of Object.keys(obj)) if (!(key in result.object)) delete obj[key];
        Object.assign(obj, result.object);
        // The API server itself creates the `kubernetes` and `kube-dns` Services on their reserved addresses.
        if (obj.kind === 'Service' && !this.bootstrapping) {
          allocateServiceAddresses(obj, this.api.list('Service', undefined, { readOnly: true }), this.random);
        }
      },
      admitUpdate: (next, old) => {
        // Binding a pending pod to a node (what the scheduler's Binding does) is the one spec change allowed.
        const base = old.kind === 'Pod' && !old.spec?.nodeName && next.spec?.nodeName ? { ...old, spec: { ...old.spec, nodeName: next.spec.nodeName } } : old;
        const result = prepareForUpdate(next, base);
        if ('error' in result) throw result.error;
        // Updates are defaulted like creates, so a template edited by apply compares equal to its ReplicaSet's.
        return result.object;
      },
      logs: (pod, options) => this.podLogs(pod as Pod, options),
      exec: (pod, argv, options) => this.podExec(pod as Pod, argv, options),
      virtualList: (kind, namespace) => (kind === 'PodMetrics' ? this.podMetrics(namespace) : kind === 'NodeMetrics' ? this.nodeMetrics() : undefined),
    };
  }

  // ---- pod subresources ----

  private containerNames(pod: Pod): string[] {
    return [...(pod.spec.initContainers ?? []), ...pod.spec.containers].map((c) => c.name);
  }

  private podLogs(pod: Pod, options: LogOptions): LogLine[] {
    const name = options.container ?? pod.spec.containers[0]?.name;
    const podName = pod.metadata.name;
    if (!this.containerNames(pod).includes(name)) {
      throw new ApiError('BadRequest', `container ${name} is not valid for pod ${podName}`);
    }
    const worker = this.workerFor(pod);
    const record = worker?.records.find((r) => r.spec.name === name);
    const status = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find((s: any) => s.name === name);
    if (options.previous) {
      const previous = worker?.previousLogs(name);
      if (!status?.lastState?.terminated || !previous) {
        throw new ApiError('BadRequest', `previous terminated container "${name}" in pod "${podName}" not found`);
      }
      return tail(previous, options);
    }
    if (!record || !record.everCreated) {
      const waiting = status?.state?.waiting?.reason ?? 'ContainerCreating';
      const reason = waiting === 'ErrImagePull' || waiting === 'ImagePullBackOff' ? 'trying and failing to pull image' : waiting;
      throw new ApiError('BadRequest', `container "${name}" in pod "${podName}" is waiting to start: ${reason}`);
    }
    const lines = worker!.currentLogs(name) ?? [];
    return tail(lines, options);
  }

  private podExec(pod: Pod, argv: string[], options: { container?: string; stdin?: string; stdout(t: string): void; stderr(t: string): void }): Program {
    const name = options.container ?? pod.spec.containers[0]?.name;
    const podName = pod.metadata.name;
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
      throw new ApiError('BadRequest', `cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`);
    }
    if (!this.containerNames(pod).includes(name)) throw new ApiError('BadRequest', `container ${name} is not valid for pod ${podName}`);
    const record = this.workerFor(pod)?.records.find((r) => r.spec.name === name);
    const instance = record?.instance;
    if (!instance?.running) throw new ApiError('BadRequest', `unable to upgrade connection: container not found ("${name}")`);
    const io: ProcessIO = { stdin: options.stdin ?? '', stdout: options.stdout, stderr: options.stderr };
    const result = instance.exec(argv, io);
    if (result === 127) {
      throw new ApiError(
        'InternalError',
        `Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${this.random.hex(64)}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown`,
      );
    }
    if (typeof result === 'number') {
      const code = result;
      return (function* (): Program {
        return code;
      })();
    }
    return result;
  }

  // ---- metrics (what metrics-server would serve) ----

  private podMetrics(namespace: string | undefined): KubeObject[] {
    const result: KubeObject[] = [];
    const timestamp = rfc3339(Math.floor(this.clock.now() / 15000) * 15000);
    for (const node of this.nodes.values()) {
      if (!node.kubeletRunning()) continue;
      for (const worker of node.podWorkers()) {
        if (namespace !== undefined && worker.namespace !== namespace) continue;
        const containers = worker.records
          .filter((r) => r.instance?.running)
          .map((r) => ({ name: r.spec.name, usage: { cpu: `${Math.round(r.instance!.cpuMillicores() * 1_000_000)}n`, memory: `${Math.round(r.instance!.memoryBytes() / 1024)}Ki` } }));
        if (containers.length === 0) continue;
        result.push({
          apiVersion: 'metrics.k8s.io/v1beta1',
          kind: 'PodMetrics',
          metadata: { name: worker.name, namespace: worker.namespace, creationTimestamp: rfc3339(this.clock.now()), labels: worker.podObject.metadata.labels },
          timestamp,
          window: '15s',
          containers,
        });
      }
    }
    return result;
  }

  private nodeMetrics(): KubeObject[] {
    const result: KubeObject[] = [];
    for (const [name, node] of this.nodes) {
      if (!node.kubeletRunning()) continue;
      let cpu = 60;
      let memory = 700 * 1024 * 1024;
      for (const worker of node.podWorkers()) {
        for (const r of worker.records) {
          cpu += r.instance?.cpuMillicores() ?? 0;
          memory += r.instance?.memoryBytes() ?? 0;
        }
      }
      const capacityCpu = parseQuantity((this.api.peek('Node', undefined, name)?.status?.capacity?.cpu as string) ?? '2').milliValue();
      cpu = Math.min(cpu, capacityCpu);
      result.push({
        apiVersion: 'metrics.k8s.io/v1beta1',
        kind: 'NodeMetrics',
        metadata: { name, creationTimestamp: rfc3339(this.clock.now()) },
        timestamp: rfc3339(Math.floor(this.clock.now() / 15000) * 15000),
        window: '20s',
        usage: { cpu: `${cpu * 1_000_000}n`, memory: `${Math.round(memory / 1024)}Ki` },
      });
    }
    return result;
  }
}

function tail(lines: LogLine[], options: LogOptions): LogLine[] {
  let result = lines;
  if (options.sinceSeconds !== undefined) result = result.filter((l) => l.time >= lines[lines.length - 1]?.time - options.sinceSeconds! * 1000);
  if (options.tailLines !== undefined && options.tailLines >= 0) result = result.slice(Math.max(0, result.length - options.tailLines));
  return result;
}
