// The running session and the picture of it the UI draws. The session itself is kept raw:
// proxies around engine objects would slow every call and break identity.

import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import type { Session, SessionOptions } from '../../sim/session-types';
import { takeSnapshot, type ClusterSnapshot } from '../session/cluster-snapshot';
import { ClockDriver, type Speed } from '../session/clock-driver';
import { runToNextChange, type NextChange } from '../session/next-change';
import type { JournalEntry, SessionSnapshot } from '../../sim/session-types';

/** An undo or redo: the command line it concerns and the cluster time it leaves the clock at. */
export interface TimeTravel {
  line: string;
  time: number;
}

/** The last command line of a journal (a heredoc is named by its first line), or the last write through the served API. */
export function lastLine(journal: readonly JournalEntry[]): string {
  for (let index = journal.length - 1; index >= 0; index--) {
    const entry = journal[index]!;
    if (entry.kind === 'api') return entry.summary;
    if (entry.kind !== 'line') continue;
    const [first, ...rest] = entry.line.split('\n');
    return rest.length > 0 ? `${first} …` : (first ?? '');
  }
  return '';
}

export type SessionStatus = 'loading' | 'ready' | 'missing';

const emptySnapshot: ClusterSnapshot = { now: 0, nodes: [], unscheduled: [], events: [] };

export const useClusterStore = defineStore('cluster', () => {
  const session = shallowRef<Session>();
  const status = ref<SessionStatus>('loading');
  const snapshot = shallowRef<ClusterSnapshot>(emptySnapshot);
  const startTime = ref(0);
  const speed = ref<Speed>(1);
  const revision = ref(0);
  /** Cluster states undo left, newest last; a new command clears them. */
  const redoStack: SessionSnapshot[] = [];
  const redoCount = ref(0);
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

  /** Runs the clock to the next change the learner can see on their own objects. */
  function nextChange(): NextChange | undefined {
    if (!session.value) return undefined;
    const result = runToNextChange(session.value);
    // The jump is not wall time: the driver carries on from now.
    driver.setSpeed(speed.value);
    refresh();
    return result;
  }

  /** Undoes the last command line; what it was and the cluster time it goes back to. */
  function undo(): TimeTravel | undefined {
    const current = session.value;
    if (!current) return undefined;
    const before = current.snapshot();
    if (!current.undo()) return undefined;
    if (before) {
      redoStack.push(before);
      redoCount.value = redoStack.length;
    }
    refresh();
    return { line: lastLine(before.journal), time: current.clock.now() };
  }

  /** Puts back what the last undo took away; `setup` is the exercise's starting state. */
  function redo(setup: ((session: Session) => void) | undefined): TimeTravel | undefined {
    const current = session.value;
    const snapshot = redoStack.pop();
    redoCount.value = redoStack.length;
    if (!current || !snapshot) return undefined;
    current.restore(snapshot, setup);
    driver.setSpeed(speed.value);
    refresh();
    return { line: lastLine(snapshot.journal), time: current.clock.now() };
  }

  function forgetRedo() {
    redoStack.length = 0;
    redoCount.value = 0;
  }

  function stop() {
    if (loop !== undefined) clearInterval(loop);
    loop = undefined;
    unsubscribe?.();
  }

  return { session, status, snapshot, startTime, speed, revision, redoCount, start, startClock, attach, setSpeed, skip, nextChange, undo, redo, forgetRedo, refresh, stop };
});
