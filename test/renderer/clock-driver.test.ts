import { describe, expect, it } from 'vitest';
import { ClockDriver } from '../../renderer/session/clock-driver';
import type { SessionClock } from '../../sim/session-types';

function fakeClock(timers: number[]) {
  let now = 1_000_000;
  const fired: number[] = [];
  const clock: SessionClock = {
    now: () => now,
    nextTimerAt: () => timers.find((time) => time > now),
    advanceTo: (time) => {
      for (const timer of timers) if (timer > now && timer <= time) fired.push(timer);
      now = time;
    },
    advanceBy: (ms) => clock.advanceTo(now + ms),
  };
  return { clock, fired };
}

describe('clock driver', () => {
  it('advances virtual time by wall time times the speed, and not at all when paused', () => {
    const { clock } = fakeClock([]);
    let wall = 0;
    const driver = new ClockDriver(() => clock, () => wall);
    driver.setSpeed(5);
    wall = 100;
    driver.tick();
    expect(clock.now()).toBe(1_000_500);
    driver.setSpeed(0);
    wall = 400;
    driver.tick();
    expect(clock.now()).toBe(1_000_500);
    driver.setSpeed(30);
    wall = 500;
    driver.tick();
    expect(clock.now()).toBe(1_003_500);
  });

  it('never jumps more than a second of wall time after a stall', () => {
    const { clock } = fakeClock([]);
    let wall = 0;
    const driver = new ClockDriver(() => clock, () => wall);
    driver.setSpeed(1);
    wall = 60_000;
    driver.tick();
    expect(clock.now()).toBe(1_001_000);
  });

  it('skips ahead', () => {
    const { clock, fired } = fakeClock([1_010_000, 1_070_000]);
    const driver = new ClockDriver(() => clock, () => 0);
    driver.skip(10_000);
    expect(fired).toEqual([1_010_000]);
  });
});
