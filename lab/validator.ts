// Checks a lesson pack the way a learner would meet it: the files load and are complete in both
// languages, and every exercise replays in fresh clusters: its starting state is as described
// and passes no check, its solution and alternatives pass every check, and each mistake fails
// at the check whose hint is about it.

import type { Session } from '../sim/session-types';
import { exercisesOf, type Exercise, type Lesson } from './course';
import { Grader, type CheckResult } from './grader';
import type { SolutionStep } from './schema';
import { lessonFileName, loadCourse, type LoadProblem } from './loader';
import { runSolution } from './solution-runner';
import { applyStartingState } from './starting-state';
import { defaultWorkspaceRoot } from './workspace';

export interface ValidatorOptions {
  /** A fresh simulated cluster for each exercise. */
  createSession(): Session;
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
  /** Near-miss solutions proven to fail at the check they name. */
  mistakesRejected: number;
  /** Other right solutions proven to pass. */
  alternativesAccepted: number;
  problems: LoadProblem[];
}

/** The fewest near-miss mistakes and other right answers an exercise must carry. */
export const minimumMistakes = 2;
export const minimumAlternatives = 1;

export function validateCourse(files: ReadonlyMap<string, string>, options: ValidatorOptions): ValidationReport {
  const { course, problems } = loadCourse(files, { label: options.label });
  const lessonCount = [...files.keys()].filter((path) => path === lessonFileName || path.endsWith(`/${lessonFileName}`)).length;
  const report: ValidationReport = { lessons: lessonCount, exercises: 0, mistakesRejected: 0, alternativesAccepted: 0, problems };
  for (const lesson of course.lessons) {
    const file = `${options.label ? `${options.label}/` : ''}${lesson.folder ? `${lesson.folder}/` : ''}${lessonFileName}`;
    for (const exercise of exercisesOf(lesson)) {
      if (options.include && !options.include(exercise)) continue;
      report.exercises++;
      options.onExercise?.(exercise);
      const at = `steps[${stepIndexOf(lesson, exercise)}].exercise`;
      const replay = replayExercise(exercise, options);
      report.mistakesRejected += replay.mistakesRejected;
      report.alternativesAccepted += replay.alternativesAccepted;
      for (const message of replay.problems) problems.push({ file, path: at, message });
    }
  }
  return report;
}

export interface ReplayReport {
  problems: string[];
  mistakesRejected: number;
  alternativesAccepted: number;
}

/**
 * Replays one exercise, each attempt in a fresh cluster: the starting state is what the
 * instructions say and passes no check on its own, the solution and every alternative pass,
 * and every mistake fails first at the check it names (whose hint is about it).
 */
export function replayExercise(exercise: Exercise, options: ValidatorOptions): ReplayReport {
  const report: ReplayReport = { problems: [], mistakesRejected: 0, alternativesAccepted: 0 };
  const problems = report.problems;

  const start = attempt(exercise, [], options);
  if ('failure' in start) return { ...report, problems: [start.failure] };
  problems.push(...start.problems);
  for (const result of start.startState) {
    if (!result.passed) problems.push(`startState: ${result.id} does not hold at the start: ${result.reason.en}`);
  }
  if (start.results.every((result) => result.passed)) problems.push('the starting state already passes every check');
  else {
    for (const result of start.results) {
      const check = exercise.checks.find((candidate) => candidate.id === result.id);
      if (result.passed && check?.after === undefined) {
        problems.push(`checks: ${result.id} already passes at the start; make it prove the change, or order it after another check (after:)`);
      }
    }
  }

  const solution = attempt(exercise, exercise.solution, options);
  if ('failure' in solution) problems.push(`solution: ${solution.failure}`);
  else {
    problems.push(...solution.problems.map((problem) => `solution${problem}`));
    for (const result of solution.results) {
      if (!result.passed) problems.push(`checks: ${result.id} fails after the solution: ${result.reason.en}`);
    }
  }

  exercise.alternatives.forEach((alternative, index) => {
    const where = `alternatives[${index}] (${alternative.name})`;
    const run = attempt(exercise, alternative.solution, options);
    if ('failure' in run) return problems.push(`${where}: ${run.failure}`);
    problems.push(...run.problems.map((problem) => `${where}${problem}`));
    const failing = run.results.find((result) => !result.passed);
    if (failing) problems.push(`${where}: a right answer fails check ${failing.id}: ${failing.reason.en}`);
    else if (run.problems.length === 0) report.alternativesAccepted++;
  });

  exercise.mistakes.forEach((mistake, index) => {
    const where = `mistakes[${index}] (${mistake.name})`;
    const run = attempt(exercise, mistake.solution, options);
    if ('failure' in run) return problems.push(`${where}: ${run.failure}`);
    const failing = run.results.find((result) => !result.passed);
    if (!failing) problems.push(`${where}: the mistake passes every check`);
    else if (failing.id !== mistake.failsAt) {
      problems.push(`${where}: expected to fail first at ${mistake.failsAt}, but ${failing.id} fails first (${failing.reason.en})`);
    } else report.mistakesRejected++;
  });

  if (exercise.mistakes.length < minimumMistakes) {
    problems.push(`mistakes: ${exercise.mistakes.length} listed; list at least ${minimumMistakes} near-miss solutions a learner plausibly writes`);
  }
  if (exercise.alternatives.length < minimumAlternatives) {
    problems.push(`alternatives: ${exercise.alternatives.length} listed; list at least ${minimumAlternatives} other right solution`);
  }
  return report;
}

interface Attempt {
  /** Problems of the starting state and of the steps (each prefixed with where it happened). */
  problems: string[];
  /** The checks after the steps. */
  results: CheckResult[];
  /** The startState checks right after the starting state. */
  startState: CheckResult[];
}

/** Sets up a fresh session in the exercise's starting state, runs the steps with the grader watching, and grades. */
function attempt(exercise: Exercise, steps: readonly SolutionStep[], options: ValidatorOptions): Attempt | { failure: string } {
  const workspaceRoot = options.workspaceRoot ?? defaultWorkspaceRoot;
  let session: Session;
  try {
    session = options.createSession();
  } catch (error) {
    return { failure: `could not create a session: ${errorText(error)}` };
  }
  try {
    const problems = applyStartingState(session, exercise, { workspaceRoot }).map(
      (problem) => `: start: ${problem}`,
    );
    const startState = new Grader(session, { ...exercise, checks: exercise.startState }, { workspaceRoot }).evaluate();
    const grader = new Grader(session, exercise, { workspaceRoot, commandLogStart: session.commandLog().length });
    grader.start();
    runSolution(session, steps, { workspaceRoot }).forEach((result, index) => {
      if (!result.problem) return;
      const command = 'run' in result.step ? `"${result.step.run}" ` : '';
      const output = result.output.trim().split('\n')[0];
      problems.push(`[${index}]: ${command}${result.problem}${output ? `: ${output}` : ''}`);
    });
    const results = grader.evaluate();
    grader.stop();
    return { problems, results, startState };
  } catch (error) {
    return { failure: `replay failed: ${errorText(error)}` };
  }
}

function stepIndexOf(lesson: Lesson, exercise: Exercise): number {
  return lesson.steps.findIndex((step) => step.kind === 'exercise' && step.exercise.id === exercise.id);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function summaryLine(report: ValidationReport): string {
  return checkedLine([[report.lessons, 'lesson', 'lessons'], [report.exercises, 'exercise', 'exercises']], report);
}

/** `Checked 2 lessons, 3 exercises, 6 mistakes rejected, 3 alternatives accepted: all valid.`, for lessons and exams alike. */
export function checkedLine(
  units: [count: number, one: string, many: string][],
  report: { mistakesRejected: number; alternativesAccepted: number; problems: readonly unknown[] },
): string {
  const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  const counts =
    `Checked ${units.map((unit) => plural(...unit)).join(', ')}, ` +
    `${plural(report.mistakesRejected, 'mistake', 'mistakes')} rejected, ${plural(report.alternativesAccepted, 'alternative', 'alternatives')} accepted`;
  if (report.problems.length === 0) return `${counts}: all valid.`;
  return `${counts}: ${plural(report.problems.length, 'problem', 'problems')}.`;
}
