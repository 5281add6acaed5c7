// Moves the virtual clock with wall time at the chosen speed. The engine is event-driven, so a
// jump of any size runs every timer in between at its exact virtual time.

import type { SessionClock } from '../../sim/session-types';

export const speeds = [0, 1, 5, 30] as const;
export type Speed = (typeof speeds)[number];

export class ClockDriver {
  private lastWall: number | undefined;
  private speedFactor: Speed = 1;

  constructor(
    private readonly clock: () => SessionClock | undefined,
    private readonly wallNow: () => number,
  ) {}

  get speed(): Speed {
    return this.speedFactor;
  }

  setSpeed(speed: Speed): void {
    this.speedFactor = speed;
    this.lastWall = this.wallNow();
  }

  /** Called from the UI loop; advances by elapsed wall time × speed. */
  tick(): void {
    const wall = this.wallNow();
    const elapsed = this.lastWall === undefined ? 0 : wall - this.lastWall;
    this.lastWall = wall;
    const clock = this.clock();
    if (!clock || this.speedFactor === 0 || elapsed <= 0) return;
    // A long pause (a hidden tab, a debugger) must not turn into a huge jump.
    const step = Math.min(elapsed, 1000) * this.speedFactor;
    clock.advanceTo(clock.now() + Math.round(step));
  }

  skip(ms: number): void {
    const clock = this.clock();
    if (clock) clock.advanceTo(clock.now() + ms);
  }
}

/** `00:03:25` since the session started. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return [hours, minutes, seconds].map((part) => String(part).padStart(2, '0')).join(':');
}
