// The virtual clock: an event-driven timer queue. Time only moves when someone advances it, and
// then it jumps from one due timer to the next; there are no fixed ticks.

import type { Clock, TimerHandle } from './engine-context';

const nothing = (): void => {};

/**
 * A pending timer is its own cancel handle, so scheduling allocates one object. Cancelling drops
 * the callback at once: whatever it closed over (a killed container, a deleted pod) can be
 * collected while the timer waits in the queue for the clock to throw it away.
 */
class Timer implements TimerHandle {
  cancelled = false;
  /** The clock whose queue holds this timer; undefined once it has left the queue. */
  queue: VirtualClock | undefined;
  constructor(
    public at: number,
    public seq: number,
    public callback: () => void,
    readonly label: string,
    /** For a ticker: the ms between runs; 0 for a one-off timer. */
    readonly periodMs = 0,
  ) {}

  cancel(): void {
    if (this.cancelled) return;
    this.cancelled = true;
    this.callback = nothing;
    this.queue?.timerCancelled();
  }
}

export class VirtualClock implements Clock {
  private current: number;
  private seq = 0;
  private heap: Timer[] = [];
  /** Cancelled timers still in the heap; once they are half of it, the heap is rebuilt without them. */
  private cancelledInHeap = 0;
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

  /**
   * Runs `callback` at `firstAt` and then every `periodMs` until cancelled, like a Go ticker. The
   * next run is queued before the callback runs, so it keeps its place among timers scheduled then.
   */
  every(firstAt: number, periodMs: number, callback: () => void, label = ''): TimerHandle {
    if (!(periodMs > 0)) throw new RangeError(`ticker period must be positive, got ${periodMs}`);
    const timer = new Timer(Math.max(firstAt, this.current), this.seq++, callback, label, periodMs);
    this.push(timer);
    return timer;
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
      this.current = next.at;
      if (next.periodMs > 0) {
        // A ticker stays in the queue as one object: move its time on and let it sink to its place.
        next.at += next.periodMs;
        next.seq = this.seq++;
        this.sinkTop();
      } else {
        this.pop();
      }
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
    return this.heap.length - this.cancelledInHeap;
  }

  /** Called by a queued timer when it is cancelled. */
  timerCancelled(): void {
    this.cancelledInHeap++;
    if (this.cancelledInHeap > 64 && this.cancelledInHeap * 2 > this.heap.length) this.compact();
  }

  /** Rebuilds the heap from its live timers (time and scheduling order make the order total). */
  private compact(): void {
    const live = this.heap.filter((timer) => {
      if (timer.cancelled) timer.queue = undefined;
      return !timer.cancelled;
    });
    this.heap = live;
    this.cancelledInHeap = 0;
    for (let i = (live.length >> 1) - 1; i >= 0; i--) this.sink(i);
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0].cancelled) {
      this.pop();
      this.cancelledInHeap--;
    }
  }

  private push(timer: Timer): void {
    timer.queue = this;
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
    top.queue = undefined;
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      this.sinkTop();
    }
    return top;
  }

  /** Restores the heap after the timer at the top was replaced or made later. */
  private sinkTop(): void {
    this.sink(0);
  }

  /** Moves the timer at `start` down below every timer due before it. */
  private sink(start: number): void {
    const heap = this.heap;
    const size = heap.length;
    const timer = heap[start];
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && before(heap[child + 1], heap[child])) child++;
      if (!before(heap[child], timer)) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = timer;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
