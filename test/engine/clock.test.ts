import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../sim/clock';
import { Backoff } from '../../sim/kubelet/backoff';

describe('the virtual clock', () => {
  it('jumps from timer to timer in time order, same-time timers in scheduling order', () => {
    const clock = new VirtualClock(1000);
    const seen: string[] = [];
    clock.schedule(5000, () => seen.push(`b@${clock.now()}`));
    clock.schedule(3000, () => seen.push(`a@${clock.now()}`));
    clock.schedule(5000, () => seen.push(`c@${clock.now()}`));
    expect(clock.nextTimerAt()).toBe(3000);
    clock.advanceTo(4000);
    expect(seen).toEqual(['a@3000']);
    expect(clock.now()).toBe(4000);
    clock.advanceBy(10_000);
    expect(seen).toEqual(['a@3000', 'b@5000', 'c@5000']);
    expect(clock.now()).toBe(14_000);
  });

  it('runs timers scheduled by timers, and never runs cancelled ones', () => {
    const clock = new VirtualClock(0);
    const seen: number[] = [];
    const cancelled = clock.after(50, () => seen.push(-1));
    clock.after(10, () => clock.after(10, () => seen.push(clock.now())));
    cancelled.cancel();
    clock.advanceTo(100);
    expect(seen).toEqual([20]);
    expect(clock.nextTimerAt()).toBeUndefined();
  });
});

describe('the crash back-off', () => {
  it('doubles from 10 s to a 5 min cap and forgets after 10 quiet minutes', () => {
    const backoff = new Backoff();
    let now = 0;
    const windows: number[] = [];
    for (let crash = 0; crash < 8; crash++) {
      backoff.next('app', now, now);
      windows.push(backoff.current('app'));
      now += backoff.current('app');
    }
    expect(windows.map((ms) => ms / 1000)).toEqual([10, 20, 40, 80, 160, 300, 300, 300]);
    expect(backoff.isInBackOffSince('app', now, now + 1000)).toBe(true);
    const later = now + 11 * 60 * 1000;
    expect(backoff.isInBackOffSince('app', later, later)).toBe(false);
    backoff.next('app', later, later);
    expect(backoff.current('app')).toBe(10_000);
  });
});
