// The running session and the picture of it the UI draws. The session itself is kept raw:
// proxies around engine objects would slow every call and break identity.

import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import type { Session, SessionOptions } from '../../sim/session-types';
import { takeSnapshot, type ClusterSnapshot } from '../engine/cluster-snapshot';
import { ClockDriver, type Speed } from '../engine/clock-driver';

export type EngineStatus = 'loading' | 'ready' | 'missing';

const emptySnapshot: ClusterSnapshot = { now: 0, nodes: [], unscheduled: [], events: [] };

export const useClusterStore = defineStore('cluster', () => {
  const session = shallowRef<Session>();
  const status = ref<EngineStatus>('loading');
  const snapshot = shallowRef<ClusterSnapshot>(emptySnapshot);
  const startTime = ref(0);
  const speed = ref<Speed>(1);
  const revision = ref(0);
  const driver = markRaw(
    new ClockDriver(
      () => session.value?.clock,
      () => performance.now(),
    ),
  );
  let unsubscribe: (() => void) | undefined;
  let refreshQueued = false;
  let loop: ReturnType<typeof setInterval> | undefined;

  function refresh() {
    refreshQueued = false;
    if (!session.value) return;
    snapshot.value = markRaw(takeSnapshot(session.value));
    revision.value++;
  }

  /** Many changes land per virtual second; the picture is redrawn at most once per frame. */
  function queueRefresh() {
    if (refreshQueued) return;
    refreshQueued = true;
    if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') {
      requestAnimationFrame(refresh);
    } else {
      setTimeout(refresh, 16);
    }
  }

  /**
   * Takes the session. The picture is drawn later, by `refresh`: drawing it builds the cluster,
   * and starting an exercise builds a fresh one anyway.
   */
  function attach(created: Session) {
    unsubscribe?.();
    session.value = markRaw(created);
    startTime.value = created.clock.now();
    status.value = 'ready';
    unsubscribe = created.onChange(queueRefresh);
  }

  function start(createSession: ((options: SessionOptions) => Session) | undefined, options: SessionOptions) {
    if (!createSession) {
      status.value = 'missing';
      return;
    }
    attach(createSession(options));
  }

  /** Lets virtual time run with the wall clock (at the chosen speed), once the exercise is set up. */
  function startClock() {
    driver.setSpeed(speed.value);
    if (loop === undefined) loop = setInterval(() => driver.tick(), 50);
  }

  function setSpeed(value: Speed) {
    speed.value = value;
    driver.setSpeed(value);
  }

  function skip(ms: number) {
    driver.skip(ms);
    refresh();
  }

  function skipToNextEvent(): boolean {
    const moved = driver.skipToNextEvent();
    refresh();
    return moved;
  }

  function undo(): boolean {
    const undone = session.value?.undo() ?? false;
    refresh();
    return undone;
  }

  function stop() {
    if (loop !== undefined) clearInterval(loop);
    loop = undefined;
    unsubscribe?.();
  }

  return { session, status, snapshot, startTime, speed, revision, start, startClock, attach, setSpeed, skip, skipToNextEvent, undo, refresh, stop };
});
