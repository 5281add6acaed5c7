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

describe('cancelled timers', () => {
  it('leave the queue without disturbing the order of the live ones', () => {
    const clock = new VirtualClock(0);
    const seen: string[] = [];
    const handles = [];
    for (let i = 0; i < 1000; i++) {
      handles.push(clock.schedule(1000 - (i % 10) * 100, () => seen.push(`cancelled ${i}`)));
      if (i % 100 === 0) clock.schedule(500 + (i % 300), () => seen.push(`live ${i}@${clock.now()}`));
    }
    for (const handle of handles) handle.cancel();
    expect(clock.pendingTimers()).toBe(10);
    clock.advanceTo(2000);
    expect(seen).toEqual(['live 0@500', 'live 300@500', 'live 600@500', 'live 900@500', 'live 100@600', 'live 400@600', 'live 700@600', 'live 200@700', 'live 500@700', 'live 800@700']);
    expect(clock.nextTimerAt()).toBeUndefined();
  });

  it('run in the same order as without cancellation, whatever is cancelled when', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const clock = new VirtualClock(0);
    const seen: number[] = [];
    const expected: { at: number; id: number }[] = [];
    const live = new Map<number, { cancel(): void }>();
    for (let id = 0; id < 3000; id++) {
      const at = clock.now() + random(500);
      live.set(id, clock.schedule(at, () => seen.push(id)));
      expected.push({ at, id });
      if (random(3) > 0) {
        const victim = random(id + 1);
        live.get(victim)?.cancel();
        live.delete(victim);
      }
      if (id % 500 === 499) clock.advanceBy(100);
    }
    clock.advanceBy(1000);
    const ranBefore = new Set(seen);
    const wanted = expected.filter((t) => live.has(t.id) || ranBefore.has(t.id)).sort((a, b) => a.at - b.at || a.id - b.id).map((t) => t.id);
    expect(seen).toEqual(wanted);
  });

  it('let go of their callbacks at once', () => {
    const clock = new VirtualClock(0);
    const handle = clock.after(86_400_000, () => 'a container that has exited') as unknown as { callback: () => unknown; cancel(): void };
    handle.cancel();
    expect(handle.callback()).toBeUndefined();
    handle.cancel();
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('a ticker', () => {
  it('runs at its first time and then every period until cancelled', () => {
    const clock = new VirtualClock(0);
    const seen: number[] = [];
    const ticker = clock.every(100, 50, () => seen.push(clock.now()));
    clock.advanceTo(260);
    expect(seen).toEqual([100, 150, 200, 250]);
    ticker.cancel();
    clock.advanceTo(1000);
    expect(seen).toEqual([100, 150, 200, 250]);
    expect(clock.nextTimerAt()).toBeUndefined();
  });

  it('queues its next run before its callback, so it goes before timers the callback schedules for the same time', () => {
    const clock = new VirtualClock(0);
    const seen: string[] = [];
    const ticker = clock.every(10, 10, () => {
      seen.push(`tick@${clock.now()}`);
      if (clock.now() === 10) clock.schedule(20, () => seen.push('other@20'));
    });
    clock.advanceTo(20);
    ticker.cancel();
    expect(seen).toEqual(['tick@10', 'tick@20', 'other@20']);
  });

  it('can cancel itself from its own callback', () => {
    const clock = new VirtualClock(0);
    let runs = 0;
    const ticker = clock.every(0, 5, () => {
      if (++runs === 3) ticker.cancel();
    });
    clock.advanceTo(100);
    expect(runs).toBe(3);
  });

  it('refuses a period that would never move time on', () => {
    const clock = new VirtualClock(0);
    expect(() => clock.every(0, 0, () => {})).toThrow(RangeError);
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
