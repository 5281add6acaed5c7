// The end of a pod on its node. A graceful deletion stops each running container within what is
// left of the grace period (deletionTimestamp), and once all have stopped the kubelet releases the
// sandbox and removes the pod object for good. A pod object that is already gone (force delete,
// node removal) has its containers killed at once.

import type { Pod } from '../api/types';
import { ApiError } from '../api/errors';
import { parseRfc3339 } from '../time';
import type { ContainerRecord } from './container-record';
import type { PodHost } from './pod-host';

/** What the termination needs from the pod worker. */
export interface TerminationHost {
  readonly node: PodHost;
  readonly records: readonly ContainerRecord[];
  pod(): Pod;
  /** The `Killing` event about a container. */
  killing(rec: ContainerRecord, message: string): void;
  stop(rec: ContainerRecord, graceMs: number): void;
  /** Releases the pod's network namespace and cancels the worker's timers. */
  release(): void;
  /** Tells the node the worker is done. */
  forget(): void;
}

export class PodTermination {
  /** The pod is being deleted: nothing starts again. */
  terminating = false;
  /** The worker is done with the pod. */
  finalized = false;
  /** While the pod terminates: the records before this position have stopped for good. */
  private stoppedUpTo = 0;

  constructor(private readonly host: TerminationHost) {}

  /** The pod has a deletionTimestamp: its containers get what is left of the grace period. */
  begin(): void {
    if (this.terminating) {
      // A later sync: a container that was still being created (its image pulling) may be done now.
      this.finishIfStopped();
      return;
    }
    this.terminating = true;
    const { node, records } = this.host;
    const pod = this.host.pod();
    const now = node.clock.now();
    const deadline = parseRfc3339(pod.metadata.deletionTimestamp) ?? now;
    const graceMs = Math.max(0, deadline - now);
    for (const rec of records) {
      rec.retryTimer?.cancel();
      if (rec.instance?.running) {
        this.host.killing(rec, `Stopping container ${rec.spec.name}`);
        this.host.stop(rec, graceMs);
      }
    }
    this.finishIfStopped();
  }

  /** Once every container of a terminating pod has stopped, the pod object is removed. */
  finishIfStopped(): void {
    if (this.finalized) return;
    const { node, records } = this.host;
    // Nothing starts again while the pod terminates, so the scan need not look back.
    while (this.stoppedUpTo < records.length && !records[this.stoppedUpTo].instance?.running && !records[this.stoppedUpTo].starting) this.stoppedUpTo++;
    if (this.stoppedUpTo < records.length) return;
    this.finalized = true;
    this.host.release();
    const pod = this.host.pod();
    try {
      node.api.delete('Pod', pod.metadata.namespace ?? 'default', pod.metadata.name!, { gracePeriodSeconds: 0 });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
    this.host.forget();
  }

  /** The pod object is gone (force delete or node removal): stop everything. */
  teardown(): void {
    if (this.finalized) return;
    this.finalized = true;
    for (const rec of this.host.records) {
      rec.retryTimer?.cancel();
      rec.killTimer?.cancel();
      rec.probes?.stop(true);
      if (rec.instance?.running) rec.instance.signal('SIGKILL');
    }
    this.host.release();
    this.host.forget();
  }
}
