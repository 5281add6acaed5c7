// The kubelet's serial image puller (pkg/kubelet/images/puller.go): with serializeImagePulls,
// true by default, a node pulls one image at a time, in the order its pod workers asked.

import type { Clock, TimerHandle } from '../engine-context';

/** One pull in a node's queue. */
export interface QueuedPull {
  /** Its turn has come: how long the pull itself takes, in ms. */
  begin(): number;
  /** The pull is over, or was cancelled; `pullMs` is how long it ran, without the time spent waiting. */
  end(pullMs: number): void;
}

/**
 * The kubelet's serial image puller (serializeImagePulls, true by default): the node pulls one
 * image at a time, in the order its pod workers asked, however many Pods wait.
 */
export class SerialImagePulls {
  private readonly waiting: QueuedPull[] = [];
  private current?: { pull: QueuedPull; startedAt: number; timer: TimerHandle };

  constructor(private readonly clock: Clock) {}

  enqueue(pull: QueuedPull): void {
    this.waiting.push(pull);
    this.next();
  }

  /**
   * Ends the pull now if it is under way. A waiting pull keeps its place, as its pod worker
   * still waits for its turn, when the cancelled pull fails at once.
   */
  cancel(pull: QueuedPull): void {
    if (this.current?.pull !== pull) return;
    this.current.timer.cancel();
    this.finish();
  }

  private next(): void {
    if (this.current) return;
    const pull = this.waiting.shift();
    if (!pull) return;
    const startedAt = this.clock.now();
    const pullMs = pull.begin();
    this.current = { pull, startedAt, timer: this.clock.after(pullMs, () => this.finish(), 'image-pull') };
  }

  private finish(): void {
    const { pull, startedAt } = this.current!;
    this.current = undefined;
    pull.end(this.clock.now() - startedAt);
    this.next();
  }
}
