// An exam on one simulated cluster: every task's starting state applied together, and one live
// grader per task watching the same session (so `reached` and `sustained` checks count what
// happened while the learner moved between tasks).

import type { Session } from '../sim/session-types';
import type { Exam, ExamTask } from './exam';
import { Grader, type CheckResult } from './grader';
import { applyStartingState, type StartingStateHooks } from './starting-state';
import { namedContext, type KubeContext } from '../sim/contexts';

/** A session that can hold several clusters as kubeconfig contexts (the simulator's own). */
interface ContextualSession extends Session {
  useContexts(contexts: readonly KubeContext[]): void;
  onContext(name: string): Session | undefined;
}

/** The session as the task sees it: its context's cluster, whichever context the learner is in. */
export function taskSession(session: Session, task: ExamTask): Session {
  if (!task.context) return session;
  return (session as Partial<ContextualSession>).onContext?.(task.context) ?? session;
}

export interface TaskGrade {
  task: ExamTask;
  results: CheckResult[];
  points: number;
}

export interface ExamGrade {
  tasks: TaskGrade[];
  points: number;
  total: number;
  percent: number;
}

/**
 * Applies every task's objects, stopped kubelets and files, then lets the longest of the tasks'
 * `elapsedSeconds` pass once. Returns the problems met, each naming its task.
 */
export function applyExamStart(session: Session, exam: Exam, hooks: StartingStateHooks): string[] {
  const problems: string[] = [];
  if (exam.contexts.length > 0) {
    const multi = session as Partial<ContextualSession>;
    if (multi.useContexts) multi.useContexts(exam.contexts.map(namedContext));
    else problems.push(`this cluster has a single context: the exam's contexts (${exam.contexts.join(', ')}) are not there`);
  }
  let elapsedSeconds = 0;
  for (const task of exam.tasks) {
    elapsedSeconds = Math.max(elapsedSeconds, task.start?.elapsedSeconds ?? 0);
    const withoutTime = task.start ? { ...task, start: { ...task.start, elapsedSeconds: 0 } } : task;
    problems.push(...applyStartingState(taskSession(session, task), withoutTime, hooks).map((problem) => `task ${task.number} (${task.id}): ${problem}`));
  }
  if (elapsedSeconds > 0) session.clock.advanceTo(session.clock.now() + elapsedSeconds * 1000);
  return problems;
}

export class ExamGrading {
  private readonly graders: Grader[];

  constructor(session: Session, readonly exam: Exam, options: { workspaceRoot: string; commandLogStart?: number }) {
    this.graders = exam.tasks.map((task) => new Grader(taskSession(session, task), task, options));
  }

  start(): void {
    for (const grader of this.graders) grader.start();
  }

  stop(): void {
    for (const grader of this.graders) grader.stop();
  }

  grade(): ExamGrade {
    const tasks = this.graders.map((grader, index) => {
      const task = this.exam.tasks[index];
      const results = grader.evaluate();
      const passed = results.filter((result) => result.passed).length;
      return { task, results, points: taskPoints(task.weight, passed, results.length) };
    });
    const points = tasks.reduce((sum, task) => sum + task.points, 0);
    return { tasks, points, total: this.exam.points, percent: percentOf(points, this.exam.points) };
  }
}

/** A task's points from its checks: its weight times the share of checks that pass, rounded down (all of them only when every check passes). */
export function taskPoints(weight: number, passed: number, total: number): number {
  if (total === 0) return 0;
  return passed === total ? weight : Math.floor((weight * passed) / total);
}

/** The share of points as a whole percentage, rounded down (100 % only for every point). */
export function percentOf(points: number, total: number): number {
  return total === 0 ? 0 : Math.floor((100 * points) / total);
}
