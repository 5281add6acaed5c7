// The kubeconfig's contexts and the clusters behind them. A lesson has one context; an exam may
// declare several, each naming its own cluster, as the CKA and CKAD do. A cluster is built the
// first time its context is used, aged to the same moment as the first one; from then on the
// clusters' clocks move together (each keeps its own timer queue: they share nothing else).

import type { ApiServer } from './api/server';
import type { Cluster } from './cluster';

export interface KubeContext {
  name: string;
  cluster: string;
  user: string;
  /** Empty or absent: `default`. */
  namespace?: string;
}

/** The one context of a kubeadm cluster, as lessons have it. */
export const defaultContext: KubeContext = { name: 'kubernetes-admin@kubernetes', cluster: 'kubernetes', user: 'kubernetes-admin' };

/** A context of an exam's own: its cluster has the same name, its user is that cluster's admin. */
export function namedContext(name: string): KubeContext {
  return { name, cluster: name, user: `${name}-admin` };
}

/** What `kubectl config` and `kubectl --context` see. */
export interface Kubeconfig {
  /** In the order they were declared. */
  contexts(): readonly KubeContext[];
  currentContext(): string;
  /** False for a context the kubeconfig does not have. */
  useContext(name: string): boolean;
  setNamespace(context: string, namespace: string): void;
  /**
   * Adds a context on one of the kubeconfig's clusters, as `kubectl config set-context NAME
   * --cluster=C --user=U` does; false when the cluster or user is not one the kubeconfig has.
   */
  addContext(context: KubeContext): boolean;
  /** The API server of a context's cluster (built on first use); undefined for an unknown context. */
  api(context: string): ApiServer | undefined;
}

/** What the session keeps for each built cluster. */
export interface ContextCluster {
  cluster: Cluster;
}

export class ClusterContexts<Entry extends ContextCluster> implements Kubeconfig {
  private list: KubeContext[] = [{ ...defaultContext }];
  private current = defaultContext.name;
  /** By cluster name. */
  private readonly built = new Map<string, Entry>();
  private home?: Entry;

  /** `build(index)` makes the cluster of the index-th distinct cluster name (0 is the first one, built first). */
  constructor(private readonly build: (index: number) => Entry) {}

  /** True once the first cluster exists (reading the time should not build it). */
  isBuilt(): boolean {
    return this.home !== undefined;
  }

  /**
   * Replaces the kubeconfig with an exam's contexts, the first one current. The cluster built
   * already becomes the first context's cluster; the others are built when first used.
   */
  configure(contexts: readonly KubeContext[]): void {
    if (contexts.length === 0) return;
    const home = this.homeEntry();
    this.list = contexts.map((context) => ({ ...context }));
    this.current = contexts[0].name;
    this.built.clear();
    this.built.set(contexts[0].cluster, home);
  }

  contexts(): readonly KubeContext[] {
    return this.list;
  }

  currentContext(): string {
    return this.current;
  }

  find(name: string): KubeContext | undefined {
    return this.list.find((context) => context.name === name);
  }

  useContext(name: string): boolean {
    if (!this.find(name)) return false;
    this.current = name;
    return true;
  }

  setNamespace(context: string, namespace: string): void {
    const found = this.find(context);
    if (found) found.namespace = namespace;
  }

  addContext(context: KubeContext): boolean {
    const known = this.list.some((item) => item.cluster === context.cluster) && this.list.some((item) => item.user === context.user);
    if (!known || this.find(context.name)) return false;
    this.list.push({ ...context });
    return true;
  }

  api(context: string): ApiServer | undefined {
    return this.entry(context)?.cluster.api;
  }

  /** The cluster behind a context (the current one by default), built on first use. */
  entry(context = this.current): Entry | undefined {
    const found = this.find(context);
    if (!found) return undefined;
    // Asked at every API call through the session: the first cluster is found without building lists.
    if (found.cluster === this.list[0].cluster) return this.homeEntry();
    let entry = this.built.get(found.cluster);
    if (!entry) {
      this.homeEntry();
      const names = [...new Set(this.list.map((item) => item.cluster))];
      entry = this.build(names.indexOf(found.cluster));
      this.built.set(found.cluster, entry);
    }
    return entry;
  }

  /** The clusters built so far, the first one first. */
  entries(): Entry[] {
    return [...new Set([this.homeEntry(), ...this.built.values()])];
  }

  /** The first cluster's time; undefined before it is built. */
  now(): number | undefined {
    return this.home?.cluster.clock.now();
  }

  nextTimerAt(): number | undefined {
    const times = this.entries()
      .map((entry) => entry.cluster.clock.nextTimerAt())
      .filter((time): time is number => time !== undefined);
    return times.length > 0 ? Math.min(...times) : undefined;
  }

  /** Runs every cluster's timers up to `time`. */
  advanceTo(time: number): void {
    for (const entry of this.entries()) entry.cluster.clock.advanceTo(time);
  }

  settle(): void {
    for (const entry of this.entries()) entry.cluster.settle();
  }

  private homeEntry(): Entry {
    if (!this.home) {
      this.home = this.build(0);
      this.built.set(this.list[0].cluster, this.home);
    }
    return this.home;
  }
}
