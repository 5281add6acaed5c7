// Runs a simulated Program (a container command started by exec) as the session's time passes:
// it resumes the generator when its sleep is over or, for a wait on changes, after the next change.
import type { Session } from '../sim/session-types';
import { Interrupt, type Program, type Wait } from '../sim/process';

export interface RunningProgram {
  /** Ends the program as Ctrl-C would (the client went away). */
  interrupt(): void;
}

export function runProgram(session: Session, program: Program, onExit: (code: number) => void): RunningProgram {
  let pending: Wait | undefined;
  let finished = false;
  let resuming = false;
  let unsubscribe: (() => void) | undefined;

  const finish = (code: number) => {
    if (finished) return;
    finished = true;
    unsubscribe?.();
    onExit(code);
  };

  const step = (wake: 'time' | 'change' | undefined, thrown?: Interrupt) => {
    if (finished || resuming) return;
    resuming = true;
    try {
      const next = thrown ? program.throw(thrown) : program.next(wake);
      if (next.done) finish(next.value);
      else pending = next.value;
    } catch (error) {
      finish(error instanceof Interrupt ? 130 : 1);
    } finally {
      resuming = false;
    }
  };

  const onStep = () => {
    if (!pending || finished) return;
    const now = session.clock.now();
    if (pending.kind === 'sleep' && now >= pending.until) step('time');
    else if (pending.kind === 'change') step(pending.until !== undefined && now >= pending.until ? 'time' : 'change');
    // An `input` wait (the command reads from an interactive terminal) never comes here: stdin is given up front.
    else if (pending.kind === 'input') finish(0);
  };

  unsubscribe = session.onStep(onStep);
  step(undefined);
  return { interrupt: () => step(undefined, new Interrupt('SIGINT')) };
}
