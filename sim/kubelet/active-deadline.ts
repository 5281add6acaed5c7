// spec.activeDeadlineSeconds, as the kubelet's active deadline handler enforces it: once the pod
// has been active that long since its status's startTime, it is past its deadline. Until then a
// timer brings the pod worker back at the deadline.

import type { Pod } from '../api/types';
import type { Clock, TimerHandle } from '../engine-context';
import { parseRfc3339 } from '../time';

export const deadlineExceededMessage = 'Pod was active on the node longer than the specified deadline';

export class ActiveDeadline {
  /** The timer that syncs the pod when its deadline passes, and that moment. */
  private timer?: { at: number; handle: TimerHandle };

  constructor(
    private readonly clock: Clock,
    private readonly sync: () => void,
  ) {}

  /** Whether the pod has been active longer than its deadline allows. */
  passed(pod: Pod): boolean {
    const seconds = pod.spec.activeDeadlineSeconds;
    if (seconds === undefined) return false;
    const startedAt = parseRfc3339(pod.status?.startTime);
    if (startedAt === undefined) return false;
    const deadline = startedAt + seconds * 1000;
    if (this.clock.now() >= deadline) return true;
    if (this.timer?.at !== deadline) {
      this.timer?.handle.cancel();
      this.timer = { at: deadline, handle: this.clock.schedule(deadline, () => this.sync(), 'active-deadline') };
    }
    return false;
  }

  cancel(): void {
    this.timer?.handle.cancel();
  }
}
