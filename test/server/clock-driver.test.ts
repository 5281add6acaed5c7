// What moves the served cluster's time: the wall clock (times --speed) for podlab serve.
import { describe, expect, it } from 'vitest';
import { createSession } from '../../sim/session';
import { followWallTime } from '../../server/clock-driver';

describe('followWallTime', () => {
  it('runs the cluster clock --speed times faster than the wall clock, and stops', async () => {
    const session = createSession({ seed: 1 });
    const start = session.clock.now();
    const wallStart = Date.now();
    const driver = followWallTime(session, 20, 10);
    await new Promise((r) => setTimeout(r, 300));
    driver.stop();
    const virtual = session.clock.now() - start;
    const wall = Date.now() - wallStart;
    expect(virtual).toBeGreaterThan(10 * (wall - 100));
    expect(virtual).toBeLessThanOrEqual(20 * wall);
    const stopped = session.clock.now();
    await new Promise((r) => setTimeout(r, 50));
    expect(session.clock.now()).toBe(stopped);
  });
});
