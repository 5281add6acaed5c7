// What moves the served cluster's virtual time. `podlab serve` follows wall time (times a speed);
// the oracle test instead lets time jump to the next timer only while a client waits on a stream
// (watch, logs -f) and is otherwise quiet, as `podlab --script` does for the lab's own kubectl.
import type { Session } from '../sim/session-types';
import type { KubeApiTransport } from './kube-api-transport';

export interface ClockDriver {
  stop(): void;
}

/** At most this much virtual time per tick: after the computer slept, the cluster catches up in steps instead of freezing the server. */
const maxStepMs = 5 * 60 * 1000;

/** Virtual time follows wall time, `speed` times faster. */
export function followWallTime(session: Session, speed = 1, tickMs = 100): ClockDriver {
  let last = Date.now();
  let behind = 0;
  const timer = setInterval(() => {
    const now = Date.now();
    behind += Math.max(0, now - last) * speed;
    last = now;
    const step = Math.min(behind, maxStepMs);
    behind -= step;
    session.clock.advanceBy(step);
  }, tickMs);
  return { stop: () => clearInterval(timer) };
}

/**
 * Time jumps from timer to timer while a client holds a stream open and has been quiet for
 * `quietMs` (it has seen the last events and is waiting for more). Never beyond `limitMs` per wait.
 */
export function advanceWhileWaiting(session: Session, server: KubeApiTransport, quietMs = 40, limitMs = 60 * 60 * 1000): ClockDriver {
  let waitStartedAt: number | undefined;
  const timer = setInterval(() => {
    if (server.openStreams === 0) {
      waitStartedAt = undefined;
      return;
    }
    if (!server.isQuiet(quietMs)) return;
    const now = session.clock.now();
    waitStartedAt ??= now;
    const next = session.clock.nextTimerAt();
    const deadline = waitStartedAt + limitMs;
    if (next === undefined || next > deadline) {
      if (now < deadline) session.clock.advanceTo(deadline);
      return;
    }
    session.clock.advanceTo(next);
    server.markActivity();
  }, 5);
  return { stop: () => clearInterval(timer) };
}
