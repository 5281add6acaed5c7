// The engine's work queue, as controllers and kubelets use client-go's: work is queued under a
// key (a key already queued is not queued twice) and runs after the current write has finished,
// at the same virtual instant.

import type { Clock } from './engine-context';

const maxWorkPerDrain = 100_000;
/** How often one key may reconcile at a single virtual instant before it is pushed a second later. */
const maxRunsPerInstant = 50;

export class WorkQueue {
  private readonly queue = new Map<string, () => void>();
  private drainScheduled = false;

  constructor(private readonly clock: Clock) {}

  get size(): number {
    return this.queue.size;
  }

  enqueue(key: string, work: () => void): void {
    if (this.queue.has(key)) return;
    this.queue.set(key, work);
    if (!this.drainScheduled) {
      this.drainScheduled = true;
      this.clock.schedule(this.clock.now(), () => this.drain(), 'work-queue');
    }
  }

  /** Runs the queued work, and the work it queues, in the order it was queued. */
  drain(): void {
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
}
