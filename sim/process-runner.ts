// Runs programs (generators, see sim/process.ts) in virtual time: each wait becomes a clock timer,
// and signals are delivered by throwing Interrupt into the generator or ending it.

import { Interrupt, type Program, type Wait, type Wake } from './process';
import { defaultAction, signalNumber, type Signal } from './signals';
import type { Clock, TimerHandle } from './engine-context';

/** How long a change-wait polls when nothing else wakes it (container processes, `tail -f`). */
const changePollMs = 1000;

export interface RunningProgram {
  readonly done: boolean;
  readonly exitCode: number | undefined;
  /**
   * Delivers a signal. SIGKILL ends the program at once with 137; SIGSTOP (and the terminal's stop
   * signals) hold it where it is until SIGCONT; any other is thrown into it as an Interrupt, which
   * ends it with 128+n unless it catches it.
   */
  signal(signal: Signal, from?: number): void;
  /** Stopped by SIGSTOP and not yet continued (ps shows T). */
  readonly stopped: boolean;
  /** Ends the program at once with `code` (a daemon that shuts down cleanly on SIGTERM). */
  exit(code: number): void;
  /** Resumes a program waiting for a change (the session calls this after the cluster changed). */
  notifyChange(): void;
}

export function startProgram(clock: Clock, program: Program | number, onExit: (code: number) => void, options: { pollChanges?: boolean } = {}): RunningProgram {
  const state = { done: false, exitCode: undefined as number | undefined };
  let timer: TimerHandle | undefined;
  let waitingForChange = false;
  let stopReading: (() => void) | undefined;
  /** While stopped, what woke the program waits here for SIGCONT. */
  let stopped: { wake?: Wake; woken: boolean } | undefined;
  /** Signals the program sent itself while it ran (`kill -HUP $$`): delivered as soon as it yields. */
  let running = false;
  let selfSignals: { signal: Signal; from?: number }[] | undefined;

  const finish = (code: number): void => {
    if (state.done) return;
    state.done = true;
    state.exitCode = code;
    timer?.cancel();
    stopReading?.();
    onExit(code);
  };

  const step = (wake: Wake | undefined, interrupt?: Interrupt): void => {
    if (state.done || typeof program === 'number') return;
    if (stopped && !interrupt) {
      stopped.woken = true;
      stopped.wake = wake;
      return;
    }
    timer?.cancel();
    timer = undefined;
    stopReading?.();
    stopReading = undefined;
    waitingForChange = false;
    let result: IteratorResult<unknown, number>;
    running = true;
    try {
      result = interrupt ? program.throw(interrupt) : program.next(wake);
    } catch (error) {
      if (error instanceof Interrupt) {
        finish(128 + signalNumber(error.signal));
        return;
      }
      throw error;
    } finally {
      running = false;
    }
    if (result.done) {
      finish(result.value ?? 0);
      return;
    }
    const own = selfSignals?.shift();
    if (own) {
      handle.signal(own.signal, own.from);
      return;
    }
    const wait = result.value as Wait;
    if (wait.kind === 'input') {
      // Resumed from the writer's call: what was typed is read at the virtual time it arrived.
      stopReading = wait.from.onReadable(() => step('input'));
      if (wait.until !== undefined && Number.isFinite(wait.until)) timer = clock.schedule(wait.until, () => step('time'), 'process-wait');
    } else if (wait.kind === 'sleep') {
      if (Number.isFinite(wait.until)) timer = clock.schedule(wait.until, () => step('time'), 'process-sleep');
    } else if (wait.kind === 'change') {
      waitingForChange = true;
      const until = wait.until ?? (options.pollChanges ? clock.now() + changePollMs : undefined);
      if (until !== undefined && Number.isFinite(until)) timer = clock.schedule(until, () => step('time'), 'process-wait');
    }
  };

  const handle: RunningProgram = {
    get done() {
      return state.done;
    },
    get exitCode() {
      return state.exitCode;
    },
    get stopped() {
      return stopped !== undefined;
    },
    signal(signal, from) {
      if (state.done) return;
      if (running) {
        (selfSignals ??= []).push({ signal, from });
        return;
      }
      const action = defaultAction(signal);
      if (action === 'stop' && signal !== 'SIGKILL') {
        stopped ??= { woken: false };
        return;
      }
      if (action === 'continue') {
        const held = stopped;
        stopped = undefined;
        if (held?.woken) step(held.wake);
        return;
      }
      if (signal === 'SIGKILL' || typeof program === 'number') {
        timer?.cancel();
        try {
          if (typeof program !== 'number') program.return(137);
        } catch {
          // a program's cleanup failing must not stop the kill
        }
        finish(137);
        return;
      }
      step(undefined, new Interrupt(signal, from));
    },
    exit(code) {
      if (state.done) return;
      timer?.cancel();
      try {
        if (typeof program !== 'number') program.return(code);
      } catch {
        // cleanup errors do not stop the exit
      }
      finish(code);
    },
    notifyChange() {
      if (waitingForChange && !state.done) step('change');
    },
  };
  if (typeof program === 'number') {
    finish(program);
  } else {
    step(undefined);
  }
  return handle;
}

