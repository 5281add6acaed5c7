// What the kubelet does when a probe reaches its threshold: readiness sets the container's
// Ready, a startup probe that passes marks it started, a failed startup or liveness probe kills
// it (the restart policy then decides whether it comes back).

import type { Probe } from '../../api/types';
import type { ContainerRecord } from '../container-record';
import type { ProbeWorker } from './worker';

/** What the probe results need from the pod worker. */
export interface ProbeResultHost {
  restartPolicy(): string | undefined;
  writeStatus(): void;
  requestSync(): void;
  /** The `Killing` event about the container. */
  killing(rec: ContainerRecord, message: string): void;
  /** Stops the container with the probe's grace period (or the pod's). */
  kill(rec: ContainerRecord, probe: Probe, reason: 'liveness' | 'startup'): void;
}

export function handleProbeResult(rec: ContainerRecord, worker: ProbeWorker, result: 'success' | 'failure', host: ProbeResultHost): void {
  switch (worker.kind) {
    case 'readiness': {
      const ready = result === 'success';
      if (rec.ready !== ready) {
        rec.ready = ready;
        host.writeStatus();
      }
      break;
    }
    case 'startup':
      if (result === 'success') {
        rec.started = true;
        if (!rec.spec.readinessProbe) rec.ready = true;
        worker.stopped = true;
        host.writeStatus();
        host.requestSync();
      } else {
        killForProbe(rec, worker, 'startup', host);
      }
      break;
    case 'liveness':
      if (result === 'failure') killForProbe(rec, worker, 'liveness', host);
      break;
  }
}

function killForProbe(rec: ContainerRecord, worker: ProbeWorker, kind: 'liveness' | 'startup', host: ProbeResultHost): void {
  const restarts = host.restartPolicy() !== 'Never';
  host.killing(rec, `Container ${rec.spec.name} failed ${kind} probe${restarts ? ', will be restarted' : ''}`);
  host.kill(rec, worker.probe, kind);
}
