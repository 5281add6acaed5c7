// The virtual clock: an event-driven timer queue. Time only moves when someone advances it, and
// then it jumps from one due timer to the next; there are no fixed ticks.

import type { Clock, TimerHandle } from './engine-context';

/** A pending timer is its own cancel handle, so scheduling allocates one object. */
class Timer implements TimerHandle {
  cancelled = false;
  constructor(
    public at: number,
    readonly seq: number,
    readonly callback: () => void,
    readonly label: string,
  ) {}

  cancel(): void {
    this.cancelled = true;
  }
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
    const timer = new Timer(Math.max(at, this.current), this.seq++, callback, label);
    this.push(timer);
    return timer;
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

  private push(timer: Timer): void {
    // Sift up by moving parents down into the hole, then place the timer once.
    const heap = this.heap;
    let i = heap.length;
    heap.push(timer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(timer, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = timer;
  }

  private pop(): Timer | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    const size = heap.length;
    if (size > 0 && last) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && before(heap[child + 1], heap[child])) child++;
        if (!before(heap[child], last)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
