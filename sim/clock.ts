// The virtual clock: an event-driven timer queue. Time only moves when someone advances it, and
// then it jumps from one due timer to the next; there are no fixed ticks.

import type { Clock, TimerHandle } from './engine-context';

interface Timer {
  at: number;
  seq: number;
  callback: () => void;
  label: string;
  cancelled: boolean;
}

export class VirtualClock implements Clock {
  private current: number;
  private seq = 0;
  private heap: Timer[] = [];
  /** Runs after every timer callback (the engine drains its work queue here). */
  afterEachTimer: () => void = () => {};

  constructor(startTime: number) {
    this.current = startTime;
  }

  now(): number {
    return this.current;
  }

  schedule(at: number, callback: () => void, label = ''): TimerHandle {
    const timer: Timer = { at: Math.max(at, this.current), seq: this.seq++, callback, label, cancelled: false };
    this.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  after(delayMs: number, callback: () => void, label = ''): TimerHandle {
    return this.schedule(this.current + delayMs, callback, label);
  }

  /** Time of the next live timer, or undefined when nothing is scheduled. */
  nextTimerAt(): number | undefined {
    this.dropCancelled();
    return this.heap.length > 0 ? this.heap[0].at : undefined;
  }

  /** Runs every timer due at or before `time`, in (time, scheduling) order, then sets the clock to `time`. */
  advanceTo(time: number): void {
    for (;;) {
      this.dropCancelled();
      const next = this.heap[0];
      if (!next || next.at > time) break;
      this.pop();
      this.current = next.at;
      next.callback();
      this.afterEachTimer();
    }
    if (time > this.current) this.current = time;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  /** Runs the timers at exactly the current time (zero-delay work). */
  runDue(): void {
    this.advanceTo(this.current);
  }

  /**
   * Moves the clock and every pending timer forward by `ms` without running anything: as if the
   * world had been paused. Used once, to age a freshly bootstrapped cluster cheaply.
   */
  warp(ms: number): void {
    this.current += ms;
    for (const timer of this.heap) timer.at += ms;
  }

  pendingTimers(): number {
    return this.heap.filter((t) => !t.cancelled).length;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0].cancelled) this.pop();
  }

  private before(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private pop(): Timer | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && this.before(heap[left], heap[smallest])) smallest = left;
        if (right < heap.length && this.before(heap[right], heap[smallest])) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
        i = smallest;
      }
    }
    return top;
  }
}
