// One probe of one running container, as the kubelet's prober worker (pkg/kubelet/prober/worker.go):
// it runs the probe at each tick, keeps the count of equal results in a row, and reports a result
// once the probe's success or failure threshold is reached.

import type { Probe } from '../../api/types';
import type { ContainerInstance } from '../../runtime/container';
import type { NetworkNamespace } from '../../runtime/network';
import type { ContainerRecord } from '../container-record';
import { runProbe, probeKindLabel, probeReadsOnlyFiles, type ProbeEnvironment, type ProbeOutcome } from '../probe-exec';

export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/** What a probe worker needs from the kubelet around it. */
export interface ProbeHost {
  now(): number;
  kubeletRunning(): boolean;
  /** The pod is being deleted: only readiness is still probed. */
  terminating(): boolean;
  network: ProbeEnvironment['network'];
  /** Where the kubelet's requests come from (the node's own namespace). */
  nodeNetns: NetworkNamespace;
  /** The pod's network namespace (its sandbox's). */
  podNetns(): NetworkNamespace;
  /** The `Unhealthy` event of a failed attempt. */
  unhealthy(record: ContainerRecord, message: string): void;
  /** The probe passed or failed as many times in a row as its threshold asks. */
  result(record: ContainerRecord, worker: ProbeWorker, result: 'success' | 'failure'): void;
}

export class ProbeWorker {
  /** The probe's settings with their defaults, read once: a probe runs every few seconds for hours. */
  readonly periodMs: number;
  private readonly initialDelaySeconds: number;
  private readonly successThreshold: number;
  private readonly failureThreshold: number;
  /** Set when the kubelet stops this probe (a startup probe that passed, a container stopping). */
  stopped = false;
  /** An exec probe whose command only reads files: its outcome holds while the files do. */
  private readonly readsOnlyFiles: boolean;
  private lastOutcome?: { filesStamp: number; outcome: ProbeOutcome };
  private env?: ProbeEnvironment;
  private consecutive = 0;
  private lastResult?: 'success' | 'failure';

  constructor(
    readonly kind: ProbeKind,
    readonly probe: Probe,
    private readonly record: ContainerRecord,
    private readonly instance: ContainerInstance,
    private readonly host: ProbeHost,
  ) {
    this.periodMs = (probe.periodSeconds ?? 10) * 1000;
    this.initialDelaySeconds = probe.initialDelaySeconds ?? 0;
    this.successThreshold = probe.successThreshold ?? 1;
    this.failureThreshold = probe.failureThreshold ?? 3;
    this.readsOnlyFiles = probe.exec !== undefined && probeReadsOnlyFiles(probe.exec.command ?? [], instance);
  }

  tick(): void {
    const { record: rec, instance, host } = this;
    if (rec.instance !== instance || !instance.running) return;
    if (!host.kubeletRunning()) return;
    if (this.kind === 'startup' && rec.started) {
      this.stopped = true;
      return;
    }
    if (this.kind !== 'startup' && !rec.started) return;
    if (host.terminating() && this.kind !== 'readiness') return;
    const now = host.now();
    const elapsedSeconds = Math.floor((now - instance.startedAt) / 1000);
    if (elapsedSeconds < this.initialDelaySeconds) return;
    const outcome = this.attempt();
    const result = outcome.result === 'success' ? 'success' : 'failure';
    rec.probeHistory.add(now, this.kind, outcome.result, outcome.message);
    this.consecutive = this.lastResult === result ? this.consecutive + 1 : 1;
    this.lastResult = result;
    if (result === 'failure') {
      const verb = outcome.result === 'error' ? 'errored' : 'failed';
      host.unhealthy(rec, `${probeKindLabel(this.kind)} probe ${verb}: ${outcome.message}`);
    }
    const threshold = result === 'success' ? this.successThreshold : this.failureThreshold;
    if (this.consecutive < threshold) return;
    host.result(rec, this, result);
  }

  private attempt(): ProbeOutcome {
    // `cat /tmp/healthy` every few seconds: while the container's files stay the same, so does the answer.
    const filesStamp = this.readsOnlyFiles ? this.instance.filesStamp() : undefined;
    const last = this.lastOutcome;
    if (filesStamp !== undefined && last?.filesStamp === filesStamp) return last.outcome;
    const outcome = runProbe(this.probe, this.environment());
    this.lastOutcome = filesStamp === undefined ? undefined : { filesStamp, outcome };
    return outcome;
  }

  /** The same for every tick of one container instance in one sandbox, so it is made once. */
  private environment(): ProbeEnvironment {
    const netns = this.host.podNetns();
    const env = this.env;
    if (env && env.podNetns === netns && env.podIP === netns.ip && env.sourceNetns === this.host.nodeNetns) return env;
    return (this.env = {
      container: this.instance,
      containerSpec: this.record.spec,
      network: this.host.network,
      podNetns: netns,
      podIP: netns.ip,
      sourceNetns: this.host.nodeNetns,
    });
  }
}
