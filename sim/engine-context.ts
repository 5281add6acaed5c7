// What every simulated component (API server, scheduler, kubelets, controllers) gets to work
// with. Components never use real timers or Math.random: only the virtual clock and the seeded
// random source, so a session replays exactly from its seed and inputs.

import type { EngineApi } from './api/server';
import type { KubeObject } from './api/types';

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Virtual ms since the Unix epoch. */
  now(): number;
  /** Runs `callback` when virtual time reaches `at` (ms). Timers at the same time run in scheduling order. */
  schedule(at: number, callback: () => void, label?: string): TimerHandle;
  /** Shorthand for schedule(now() + delayMs, ...). */
  after(delayMs: number, callback: () => void, label?: string): TimerHandle;
  /** Runs `callback` at `firstAt`, then every `periodMs` until the handle is cancelled. */
  every(firstAt: number, periodMs: number, callback: () => void, label?: string): TimerHandle;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** `length` characters from kubectl's/apimachinery's safe alphabet `bcdfghjklmnpqrstvwxz2456789`. */
  suffix(length: number): string;
  /** Lower-case hex, for container and sandbox IDs. */
  hex(length: number): string;
}

export interface EventSource {
  component: string;
  host?: string;
}

export interface EventRecorder {
  /**
   * Records a core/v1 Event about `object` through its source's correlator, as client-go's
   * EventCorrelator does: repeats counted, similar messages combined, spam held back.
   */
  record(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, fieldPath?: string): void;
}

export interface EngineContext {
  api: EngineApi;
  clock: Clock;
  random: Random;
  events: EventRecorder;
  /**
   * Queues work to run after the current API call or timer has finished (never inside it), once
   * per key until it has run. Controllers call this from watch callbacks to reconcile.
   */
  enqueue(key: string, work: () => void): void;
}
