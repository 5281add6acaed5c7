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
  /**
   * A binary heap of the pending timers, ordered by (at, seq). The keys are kept in typed arrays
   * beside the timers, so restoring the heap compares adjacent numbers instead of loading a
   * timer object per comparison: with hundreds of probe tickers, each run of one sifts through
   * about ten levels.
   */
  private timers: Timer[] = [];
  private ats = new Float64Array(64);
  private seqs = new Float64Array(64);
  private size = 0;
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
    return this.size > 0 ? this.ats[0] : undefined;
  }

  /** Runs every timer due at or before `time`, in (time, scheduling) order, then sets the clock to `time`. */
  advanceTo(time: number): void {
    for (;;) {
      this.dropCancelled();
      if (this.size === 0 || this.ats[0] > time) break;
      const next = this.timers[0];
      this.current = next.at;
      if (next.periodMs > 0) {
        // A ticker stays in the queue as one object: move its time on and let it sink to its place.
        next.at += next.periodMs;
        next.seq = this.seq++;
        this.ats[0] = next.at;
        this.seqs[0] = next.seq;
        this.sink(0);
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
    for (let i = 0; i < this.size; i++) {
      this.timers[i].at += ms;
      this.ats[i] += ms;
    }
  }

  pendingTimers(): number {
    return this.size - this.cancelledInHeap;
  }

  /** Called by a queued timer when it is cancelled. */
  timerCancelled(): void {
    this.cancelledInHeap++;
    if (this.cancelledInHeap > 64 && this.cancelledInHeap * 2 > this.size) this.compact();
  }

  /** Rebuilds the heap from its live timers (time and scheduling order make the order total). */
  private compact(): void {
    const live: Timer[] = [];
    for (let i = 0; i < this.size; i++) {
      const timer = this.timers[i];
      if (timer.cancelled) timer.queue = undefined;
      else live.push(timer);
    }
    this.timers = live;
    this.size = live.length;
    for (let i = 0; i < live.length; i++) {
      this.ats[i] = live[i].at;
      this.seqs[i] = live[i].seq;
    }
    this.cancelledInHeap = 0;
    for (let i = (live.length >> 1) - 1; i >= 0; i--) this.sink(i);
  }

  private dropCancelled(): void {
    while (this.size > 0 && this.timers[0].cancelled) {
      this.pop();
      this.cancelledInHeap--;
    }
  }

  private push(timer: Timer): void {
    timer.queue = this;
    if (this.size === this.ats.length) this.grow();
    const { timers, ats, seqs } = this;
    const at = timer.at;
    const seq = timer.seq;
    // Sift up by moving parents down into the hole, then place the timer once.
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!(at < ats[parent] || (at === ats[parent] && seq < seqs[parent]))) break;
      timers[i] = timers[parent];
      ats[i] = ats[parent];
      seqs[i] = seqs[parent];
      i = parent;
    }
    timers[i] = timer;
    ats[i] = at;
    seqs[i] = seq;
  }

  private grow(): void {
    const ats = new Float64Array(this.ats.length * 2);
    const seqs = new Float64Array(this.seqs.length * 2);
    ats.set(this.ats);
    seqs.set(this.seqs);
    this.ats = ats;
    this.seqs = seqs;
  }

  private pop(): void {
    const { timers, ats, seqs } = this;
    timers[0].queue = undefined;
    const last = --this.size;
    if (last > 0) {
      timers[0] = timers[last];
      ats[0] = ats[last];
      seqs[0] = seqs[last];
    }
    timers.length = last;
    if (last > 1) this.sink(0);
  }

  /** Moves the timer at `start` down below every timer due before it. */
  private sink(start: number): void {
    const { timers, ats, seqs, size } = this;
    const timer = timers[start];
    const at = ats[start];
    const seq = seqs[start];
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && (ats[right] < ats[child] || (ats[right] === ats[child] && seqs[right] < seqs[child]))) child = right;
      if (!(ats[child] < at || (ats[child] === at && seqs[child] < seq))) break;
      timers[i] = timers[child];
      ats[i] = ats[child];
      seqs[i] = seqs[child];
      i = child;
    }
    timers[i] = timer;
    ats[i] = at;
    seqs[i] = seq;
  }
}
