// Replays an exercise's solution in a session: commands run in a terminal (virtual time moves
// on until each has finished), waits advance virtual time, writes go to the workspace.

import type { Session } from '../sim/session-types';
import type { SolutionStep } from './schema';
import { writeWorkspaceFile } from './workspace';

export interface SolutionStepResult {
  step: SolutionStep;
  output: string;
  exitCode?: number;
  /** Why the step did not complete normally. */
  problem?: string;
}

export interface SolutionRunOptions {
  workspaceRoot: string;
  /** The longest a command may take before it is interrupted (virtual ms). */
  commandTimeoutMs?: number;
}

/**
 * Lets virtual time pass timer by timer, so that whoever watches the session (the grader timing
 * `sustained` checks) sees every change as it happens, not only the end state.
 */
export function advanceStepwise(session: Session, until: number): void {
  for (;;) {
    const next = session.clock.nextTimerAt();
    if (next === undefined || next >= until) break;
    session.clock.advanceTo(next);
  }
  session.clock.advanceTo(until);
}

export function runSolution(session: Session, steps: readonly SolutionStep[], options: SolutionRunOptions): SolutionStepResult[] {
  const terminal = session.openTerminal();
  const timeout = options.commandTimeoutMs ?? 10 * 60 * 1000;
  const results: SolutionStepResult[] = [];
  for (const step of steps) {
    if ('wait' in step) {
      advanceStepwise(session, session.clock.now() + step.wait * 1000);
      results.push({ step, output: '' });
    } else if ('write' in step) {
      try {
        writeWorkspaceFile(session.workspace, options.workspaceRoot, step.write.path, step.write.content);
        results.push({ step, output: '' });
      } catch (error) {
        results.push({ step, output: '', problem: error instanceof Error ? error.message : String(error) });
      }
    } else {
      let output = '';
      const run = terminal.execute(step.run, (text) => (output += text));
      const deadline = session.clock.now() + timeout;
      while (!run.done) {
        const next = session.clock.nextTimerAt();
        if (next === undefined || next > deadline) break;
        session.clock.advanceTo(next);
      }
      if (!run.done) {
        run.interrupt();
        results.push({ step, output, exitCode: run.exitCode, problem: `still running after ${timeout / 1000}s of virtual time; interrupted` });
      } else {
        const problem = run.exitCode === 0 ? undefined : `exited with status ${run.exitCode}`;
        results.push({ step, output, exitCode: run.exitCode, problem });
      }
    }
  }
  return results;
}
