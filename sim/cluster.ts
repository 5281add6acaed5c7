// A whole simulated cluster: the virtual clock, the API server, the scheduler, the controllers,
// and a kubelet with its container runtime on each node, wired together as in Kubernetes.

import type { EngineContext } from './engine-context';
import type { KubeObject, Pod } from './api/types';
import type { CommandImpl } from './process';
import { VirtualClock } from './clock';
import { WorkQueue } from './work-queue';
import { SeededRandom } from './random';
import { SimApiServer } from './api/api-server';
import { prepareForCreate, prepareForUpdate } from './api/machinery';
import { ClusterEventRecorder } from './events';
import { ClusterNetwork } from './runtime/network';
import { imageCommandResolver } from './runtime/image-commands';
import type { ImageSpec } from './runtime/images/catalog';
import type { FileSystem } from './fs/filesystem';
import { NodeRuntime } from './kubelet/node-runtime';
import { startScheduler } from './scheduler';
import { startControllers, allocateServiceAddresses, allocateServiceUpdate, keepAllocatedServiceValues } from './controllers';
import { bootstrapCluster, clusterNodes, type NodeDefinition } from './cluster-bootstrap';
import { containerLogs } from './runtime/container-logs';
import { attachToContainer, execInContainer } from './runtime/container-exec';
import { nodeMetrics, podMetrics } from './kubelet/metrics';

export interface ClusterOptions {
  seed?: number;
  /** Virtual ms when the cluster was created. */
  startTime?: number;
  /** The nodes registered at creation; kubeadm's three by default. */
  nodes?: readonly NodeDefinition[];
  /** False: no kube-system workloads (static Pods, CoreDNS, kube-proxy), as in a bare control plane. */
  addons?: boolean;
  /**
   * What runs the Pods bound to nodes: the simulated kubelet on each node by default, or agents
   * given here (started once with the engine's context), which leave `nodes` empty.
   */
  nodeAgents?: NodeAgents;
}

/** Stand-in node agents: whatever runs bound Pods in place of the simulated kubelets. */
export interface NodeAgents {
  start(ctx: EngineContext): void;
}

export const defaultStartTime = Date.UTC(2026, 0, 15, 9, 0, 0);
/** How long the cluster has been up when the learner arrives. */
export const clusterUptimeMs = 60 * 60 * 1000;

export class Cluster {
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  readonly api: SimApiServer;
  readonly events = new ClusterEventRecorder();
  readonly network: ClusterNetwork;
  readonly nodes = new Map<string, NodeRuntime>();
  readonly ctx: EngineContext;
  private readonly queue: WorkQueue;
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
    this.queue = new WorkQueue(this.clock);
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
    const nodes = options.nodes ?? clusterNodes;
    bootstrapCluster(this.api, startTime, { nodes, addons: options.addons });
    this.bootstrapping = false;
    startScheduler(this.ctx);
    startControllers(this.ctx);
    if (options.nodeAgents) options.nodeAgents.start(this.ctx);
    else this.startKubelets(nodes);
    this.settle();
  }

  private startKubelets(nodes: readonly NodeDefinition[]): void {
    for (const node of nodes) {
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
    this.queue.drain();
  }

  enqueue(key: string, work: () => void): void {
    this.queue.enqueue(key, work);
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
      admitCreate: (obj, warn) => {
        const result = prepareForCreate(obj, { randomSuffix: (n: number) => this.random.suffix(n), list: (kind, namespace) => this.api.list(kind, namespace, { readOnly: true }) });
        if ('error' in result) throw result.error;
        for (const warning of result.warnings) warn(warning);
        // The stored object is what admission made of the request, fields it dropped included (stringData).
        for (const key of Object.keys(obj)) if (!(key in result.object)) delete obj[key];
        Object.assign(obj, result.object);
        // The API server itself creates the `kubernetes` and `kube-dns` Services on their reserved addresses.
        if (obj.kind === 'Service' && !this.bootstrapping) {
          allocateServiceAddresses(obj, this.api.list('Service', undefined, { readOnly: true }), this.random);
        }
      },
      admitUpdate: (next, old, warn) => {
        // Binding a pending pod to a node (what the scheduler's Binding does) is the one spec change allowed.
        const base = old.kind === 'Pod' && !old.spec?.nodeName && next.spec?.nodeName ? { ...old, spec: { ...old.spec, nodeName: next.spec.nodeName } } : old;
        if (next.kind === 'Service') keepAllocatedServiceValues(next, old);
        const result = prepareForUpdate(next, base, { list: (kind, namespace) => this.api.list(kind, namespace, { readOnly: true }) });
        if ('error' in result) throw result.error;
        for (const warning of result.warnings) warn(warning);
        if (next.kind === 'Service') allocateServiceUpdate(result.object, this.api.list('Service', undefined, { readOnly: true }), this.random);
        // Updates are defaulted like creates, so a template edited by apply compares equal to its ReplicaSet's.
        return result.object;
      },
      logs: (pod, options) => containerLogs(pod as Pod, this.workerFor(pod), options),
      exec: (pod, argv, options) => execInContainer(pod as Pod, this.workerFor(pod), argv, options, () => this.random.hex(64)),
      attach: (pod, options) => attachToContainer(pod as Pod, this.workerFor(pod), options),
      virtualList: (kind, namespace) =>
        kind === 'PodMetrics' ? podMetrics(this.nodes.values(), namespace, this.clock.now()) : kind === 'NodeMetrics' ? nodeMetrics(this.nodes, this.api, this.clock.now()) : undefined,
    };
  }
}
