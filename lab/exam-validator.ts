// Proves what an exam promises, on one cluster with every task's starting state, as the learner
// meets it: the start scores 0 on every task (and what each task says the learner finds is
// there), the reference solutions of all tasks, run one after another, score 100 %, and each
// task's mistakes lose that task's points, failing first at the check they name. The start and
// the reference solution are proven with every value of every parameter, and for seeded draws.

import type { Session } from '../sim/session-types';
import { examAtValueIndex, examAttempt, loadExams, valueIndexCount, type Exam, type ExamTask, type ExamTemplate } from './exam';
import { applyExamStart, ExamGrading, taskSession, type ExamGrade } from './exam-grading';
import { Grader } from './grader';
import type { LoadProblem } from './loader';
import type { SolutionStep } from './schema';
import { runSolution } from './solution-runner';
import { defaultWorkspaceRoot } from './workspace';
import { checkedLine } from './validator';

export interface ExamValidatorOptions {
  createSession(): Session;
  /** Shown before file names, e.g. `exams`. */
  label?: string;
  workspaceRoot?: string;
  /** Seeds whose draws' start and reference solution are replayed besides every parameter value (default 1). */
  seeds?: number[];
  /** Replays only the exams this accepts (all when not given). */
  include?(exam: ExamTemplate): boolean;
  onExam?(exam: ExamTemplate): void;
}

export interface ExamValidationReport {
  exams: number;
  tasks: number;
  mistakesRejected: number;
  alternativesAccepted: number;
  problems: LoadProblem[];
}

/** The fewest mistakes a task must carry: each proves the task's checks catch a near miss. */
export const minimumTaskMistakes = 1;

export function validateExams(files: ReadonlyMap<string, string>, options: ExamValidatorOptions): ExamValidationReport {
  const { exams, problems } = loadExams(files, { label: options.label });
  const report: ExamValidationReport = { exams: 0, tasks: 0, mistakesRejected: 0, alternativesAccepted: 0, problems };
  for (const template of exams) {
    if (options.include && !options.include(template)) continue;
    options.onExam?.(template);
    report.exams++;
    report.tasks += template.taskCount;
    const found = replayExam(template, options);
    report.mistakesRejected += found.mistakesRejected;
    report.alternativesAccepted += found.alternativesAccepted;
    for (const { path, message } of found.problems) problems.push({ file: template.file, path, message });
  }
  return report;
}

interface ExamReplay {
  problems: { path: string; message: string }[];
  mistakesRejected: number;
  alternativesAccepted: number;
}

export function replayExam(template: ExamTemplate, options: ExamValidatorOptions): ExamReplay {
  const replay: ExamReplay = { problems: [], mistakesRejected: 0, alternativesAccepted: 0 };
  const report = (task: ExamTask | undefined, message: string) => replay.problems.push({ path: task ? `tasks[${task.number - 1}]` : '', message });
  const seeds = options.seeds ?? [1];
  const draws: { drawn: string; draw(): Exam }[] = [
    ...Array.from({ length: valueIndexCount(template) }, (_, index) => ({ drawn: `values #${index + 1}`, draw: () => examAtValueIndex(template, index) })),
    ...seeds.map((seed) => ({ drawn: `seed ${seed}`, draw: () => examAttempt(template, seed) })),
  ];

  for (const { drawn, draw } of draws) {
    let exam: Exam;
    try {
      exam = draw();
    } catch (error) {
      report(undefined, errorText(error));
      continue;
    }

    const start = attempt(exam, undefined, options);
    if ('failure' in start) report(undefined, `${drawn}: start: ${start.failure}`);
    else {
      start.problems.forEach((problem) => report(undefined, `${drawn}: start: ${problem}`));
      for (const [index, results] of start.startState.entries()) {
        for (const result of results) if (!result.passed) report(exam.tasks[index], `${drawn}: startState: ${result.id} does not hold at the start: ${result.reason.en}`);
      }
      for (const grade of start.grade.tasks) {
        const passing = grade.results.filter((result) => result.passed);
        if (passing.length > 0) {
          report(grade.task, `${drawn}: checks: ${passing.map((result) => result.id).join(', ')} already ${passing.length === 1 ? 'passes' : 'pass'} at the start; the start must score 0`);
        }
      }
    }

    const reference = attempt(exam, (task) => task.solution, options);
    if ('failure' in reference) report(undefined, `${drawn}: reference solution: ${reference.failure}`);
    else {
      reference.problems.forEach((problem) => report(undefined, `${drawn}: reference solution: ${problem}`));
      for (const grade of reference.grade.tasks) {
        for (const result of grade.results) {
          if (!result.passed) report(grade.task, `${drawn}: checks: ${result.id} fails after the reference solution: ${result.reason.en}`);
        }
      }
    }
  }

  // Mistakes and alternatives: with the first seed's draw, each in its own fresh exam.
  let exam: Exam;
  try {
    exam = examAttempt(template, seeds[0] ?? 1);
  } catch {
    return replay;
  }
  for (const task of exam.tasks) {
    if (task.mistakes.length < minimumTaskMistakes) {
      report(task, `mistakes: ${task.mistakes.length} listed; list at least ${minimumTaskMistakes} near-miss solution a learner plausibly writes`);
    }
    task.mistakes.forEach((mistake, index) => {
      const where = `mistakes[${index}] (${mistake.name})`;
      const run = attempt(exam, (other) => (other === task ? mistake.solution : []), options);
      if ('failure' in run) return report(task, `${where}: ${run.failure}`);
      const grade = run.grade.tasks[task.number - 1];
      const failing = grade.results.find((result) => !result.passed);
      if (!failing) report(task, `${where}: the mistake scores every point of the task`);
      else if (failing.id !== mistake.failsAt) report(task, `${where}: expected to fail first at ${mistake.failsAt}, but ${failing.id} fails first (${failing.reason.en})`);
      else replay.mistakesRejected++;
    });
    task.alternatives.forEach((alternative, index) => {
      const where = `alternatives[${index}] (${alternative.name})`;
      const run = attempt(exam, (other) => (other === task ? alternative.solution : []), options);
      if ('failure' in run) return report(task, `${where}: ${run.failure}`);
      run.problems.forEach((problem) => report(task, `${where}: ${problem}`));
      const failing = run.grade.tasks[task.number - 1].results.find((result) => !result.passed);
      if (failing) report(task, `${where}: a right answer fails check ${failing.id}: ${failing.reason.en}`);
      else if (run.problems.length === 0) replay.alternativesAccepted++;
    });
  }
  return replay;
}

interface ExamRun {
  problems: string[];
  /** Each task's startState checks right after the start. */
  startState: ReturnType<Grader['evaluate']>[];
  grade: ExamGrade;
}

/** A fresh cluster in the exam's starting state; then each task's steps (none when `stepsOf` is not given), graded live. */
function attempt(exam: Exam, stepsOf: ((task: ExamTask) => readonly SolutionStep[]) | undefined, options: ExamValidatorOptions): ExamRun | { failure: string } {
  const workspaceRoot = options.workspaceRoot ?? defaultWorkspaceRoot;
  let session: Session;
  try {
    session = options.createSession();
  } catch (error) {
    return { failure: `could not create a session: ${errorText(error)}` };
  }
  try {
    const problems = applyExamStart(session, exam, { workspaceRoot });
    const startState = exam.tasks.map((task) => new Grader(taskSession(session, task), { ...task, checks: task.startState }, { workspaceRoot }).evaluate());
    const grading = new ExamGrading(session, exam, { workspaceRoot, commandLogStart: session.commandLog().length });
    grading.start();
    for (const task of exam.tasks) {
      const steps = stepsOf?.(task) ?? [];
      runSolution(session, steps, { workspaceRoot }).forEach((result, index) => {
        if (!result.problem) return;
        const command = 'run' in result.step ? `"${result.step.run}" ` : '';
        const output = result.output.trim().split('\n')[0];
        problems.push(`task ${task.number} (${task.id}) [${index}]: ${command}${result.problem}${output ? `: ${output}` : ''}`);
      });
    }
    const grade = grading.grade();
    grading.stop();
    return { problems, startState, grade };
  } catch (error) {
    return { failure: `replay failed: ${errorText(error)}` };
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function examSummaryLine(report: ExamValidationReport): string {
  return checkedLine([[report.exams, 'exam', 'exams'], [report.tasks, 'task', 'tasks']], report);
}
