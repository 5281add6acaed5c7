// The probes of one running container (pkg/kubelet/prober/prober_manager.go): a worker per
// startup, liveness and readiness probe, ticking from the container's start.

import type { Probe } from '../../api/types';
import type { Clock, TimerHandle } from '../../engine-context';
import type { ContainerInstance } from '../../runtime/container';
import type { ContainerRecord } from '../container-record';
import { ProbeWorker, type ProbeHost, type ProbeKind } from './worker';

export class ContainerProbes {
  readonly workers: ProbeWorker[] = [];
  /** One ticker per probe period of the running container. */
  private tickers: TimerHandle[] = [];

  /**
   * Starts the probes of a container that has just started, and sets `started` and `ready` for
   * the probes it lacks: no startup probe means started, no readiness probe means ready once started.
   */
  constructor(record: ContainerRecord, instance: ContainerInstance, clock: Clock, host: ProbeHost) {
    const spec = record.spec;
    const kinds: [ProbeKind, Probe | undefined][] = [
      ['startup', spec.startupProbe],
      ['liveness', spec.livenessProbe],
      ['readiness', spec.readinessProbe],
    ];
    if (!spec.startupProbe) record.started = true;
    if (!spec.readinessProbe && record.started) record.ready = true;
    const startedAt = clock.now();
    const byPeriod = new Map<number, ProbeWorker[]>();
    for (const [kind, probe] of kinds) {
      if (!probe) continue;
      if (record.init && !record.sidecar && kind !== 'startup') continue;
      const worker = new ProbeWorker(kind, probe, record, instance, host);
      this.workers.push(worker);
      byPeriod.set(worker.periodMs, [...(byPeriod.get(worker.periodMs) ?? []), worker]);
    }
    // Like the kubelet's probe workers: a ticker from the container's start. Probes with the same
    // period would tick at the same instants, so they share one timer and run in the order above.
    for (const [periodMs, workers] of byPeriod) {
      const ticker = clock.every(
        startedAt,
        periodMs,
        () => {
          let active = false;
          if (record.instance === instance && instance.running) {
            for (const worker of workers) {
              if (worker.stopped) continue;
              active = true;
              worker.tick();
            }
          }
          if (!active) ticker.cancel();
        },
        'probe',
      );
      this.tickers.push(ticker);
    }
  }

  /** Stops the probes; readiness keeps running while the container stops, unless `includingReadiness`. */
  stop(includingReadiness: boolean): void {
    for (const worker of this.workers) {
      if (worker.kind === 'readiness' && !includingReadiness) continue;
      worker.stopped = true;
    }
    if (this.workers.every((worker) => worker.stopped)) {
      for (const ticker of this.tickers) ticker.cancel();
      this.tickers = [];
    }
  }
}
