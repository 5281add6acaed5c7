// Checks a lesson pack the way a learner would meet it: the files load and are complete in both
// languages, and every exercise replays in a fresh cluster: its starting state fails at least
// one check, and its solution makes every check pass.

import type { Session } from '../sim/session-types';
import { exercisesOf, type Exercise, type Lesson } from './course';
import { Grader } from './grader';
import { lessonFileName, loadCourse, type LoadProblem } from './loader';
import { runSolution } from './solution-runner';
import { applyStartingState, stopKubeletOfSimSession } from './starting-state';
import { defaultWorkspaceRoot } from './workspace';

export interface ValidatorOptions {
  /** A fresh simulated cluster for each exercise. */
  createSession(): Session;
  stopKubelet?(session: Session, node: string): void;
  /** Shown before file names, e.g. `lessons`. */
  label?: string;
  workspaceRoot?: string;
  /** Called before each exercise is replayed (progress output). */
  onExercise?(exercise: Exercise): void;
  /** Replays only the exercises this accepts (all when not given); the whole pack is still loaded. */
  include?(exercise: Exercise): boolean;
}

export interface ValidationReport {
  lessons: number;
  exercises: number;
  problems: LoadProblem[];
}

export function validateCourse(files: ReadonlyMap<string, string>, options: ValidatorOptions): ValidationReport {
  const { course, problems } = loadCourse(files, { label: options.label });
  const lessonCount = [...files.keys()].filter((path) => path === lessonFileName || path.endsWith(`/${lessonFileName}`)).length;
  let exerciseCount = 0;
  for (const lesson of course.lessons) {
    const file = `${options.label ? `${options.label}/` : ''}${lesson.folder ? `${lesson.folder}/` : ''}${lessonFileName}`;
    for (const exercise of exercisesOf(lesson)) {
      if (options.include && !options.include(exercise)) continue;
      exerciseCount++;
      options.onExercise?.(exercise);
      const at = `steps[${stepIndexOf(lesson, exercise)}].exercise`;
      for (const message of replayExercise(exercise, options)) problems.push({ file, path: at, message });
    }
  }
  return { lessons: lessonCount, exercises: exerciseCount, problems };
}

/** Replays one exercise; returns what is wrong with it. */
export function replayExercise(exercise: Exercise, options: ValidatorOptions): string[] {
  const problems: string[] = [];
  const workspaceRoot = options.workspaceRoot ?? defaultWorkspaceRoot;
  let session: Session;
  try {
    session = options.createSession();
  } catch (error) {
    return [`could not create a session: ${errorText(error)}`];
  }
  try {
    for (const problem of applyStartingState(session, exercise, { stopKubelet: options.stopKubelet ?? stopKubeletOfSimSession, workspaceRoot })) {
      problems.push(`start: ${problem}`);
    }
    const grader = new Grader(session, exercise, { workspaceRoot, commandLogStart: session.commandLog().length });
    const before = grader.evaluate();
    if (before.every((result) => result.passed)) problems.push('the starting state already passes every check');

    grader.start();
    const steps = runSolution(session, exercise.solution, { workspaceRoot });
    steps.forEach((result, index) => {
      if (!result.problem) return;
      const command = 'run' in result.step ? `"${result.step.run}" ` : '';
      const output = result.output.trim().split('\n')[0];
      problems.push(`solution[${index}]: ${command}${result.problem}${output ? `: ${output}` : ''}`);
    });
    const after = grader.evaluate();
    grader.stop();
    for (const result of after) {
      if (!result.passed) problems.push(`checks: ${result.id} fails after the solution: ${result.reason.en}`);
    }
  } catch (error) {
    problems.push(`replay failed: ${errorText(error)}`);
  }
  return problems;
}

function stepIndexOf(lesson: Lesson, exercise: Exercise): number {
  return lesson.steps.findIndex((step) => step.kind === 'exercise' && step.exercise.id === exercise.id);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function summaryLine(report: ValidationReport): string {
  const counts = `Checked ${report.lessons} ${report.lessons === 1 ? 'lesson' : 'lessons'}, ${report.exercises} ${report.exercises === 1 ? 'exercise' : 'exercises'}`;
  if (report.problems.length === 0) return `${counts}: all valid.`;
  return `${counts}: ${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'}.`;
}
