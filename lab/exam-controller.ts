// The exam in progress for one learner: which exam, drawn with which seed, its countdown on the
// host's wall clock (LabDeps.wallNow: no timers here), flagged tasks, and the live graders. The
// `lab exam` command and the app's Exams page both drive it. Finishing grades every task and
// keeps the result, with its date, in the learner's progress.

import type { Session } from '../sim/session-types';
import type { Exam, ExamTask, ExamTemplate } from './exam';
import { applyExamStart, ExamGrading, type ExamGrade } from './exam-grading';
import { recordExamResult, type ExamResult, type Progress } from './progress';

/** The exams a learner can take, and how an attempt is drawn (`examAttempt` of lab/exam.ts). */
export interface ExamSource {
  templates: ExamTemplate[];
  draw(template: ExamTemplate, seed: number): Exam;
}

/** What an exam needs of the lab it runs in (the LabController). */
export interface ExamHost {
  readonly deps: { session(): Session; wallNow(): number; exams?: ExamSource };
  readonly progress: Progress;
  readonly workspaceRoot: string;
  /** Ends the exercise in progress: an exam takes over the cluster. */
  leaveExercise(): void;
  /** Stores the learner's progress. */
  save(): void;
  /** Tells the host that the exam changed. */
  changed(): void;
}

export interface ExamRun {
  exam: Exam;
  grading: ExamGrading;
  /** Wall-clock ms. */
  startedAt: number;
  deadline: number;
  flagged: Set<number>;
  /** Task numbers the learner has opened. */
  viewed: Set<number>;
  startProblems: string[];
  /** A practice attempt: its countdown can be paused. */
  practice: boolean;
  /** Wall-clock ms when a practice countdown was paused. */
  pausedAt?: number;
}

export interface FinishedExam {
  exam: Exam;
  grade: ExamGrade;
  result: ExamResult;
}

export class ExamController {
  private run: ExamRun | undefined;
  private lastFinished: FinishedExam | undefined;

  constructor(private readonly lab: ExamHost) {}

  templates(): ExamTemplate[] {
    return this.lab.deps.exams?.templates ?? [];
  }

  find(id: string): ExamTemplate | undefined {
    return this.templates().find((template) => template.id === id);
  }

  current(): ExamRun | undefined {
    return this.run;
  }

  /** The last exam finished in this session (the Exams page shows its breakdown). */
  finished(): FinishedExam | undefined {
    return this.lastFinished;
  }

  /** The learner's finished attempts of an exam, oldest first. */
  results(id: string): ExamResult[] {
    return this.lab.progress.exams?.[id] ?? [];
  }

  /**
   * Resets the cluster into the exam's starting state, with values drawn from `seed` (by default
   * one of the wall clock's), and starts the countdown. Undefined for an unknown exam.
   */
  start(id: string, seed?: number, options: { practice?: boolean } = {}): ExamRun | undefined {
    const template = this.find(id);
    if (!template) return undefined;
    this.run?.grading.stop();
    this.lab.leaveExercise();
    const now = this.lab.deps.wallNow();
    const exam = this.lab.deps.exams!.draw(template, seed ?? Math.floor(now) % 2_147_483_647);
    const session = this.lab.deps.session();
    const hooks = { workspaceRoot: this.lab.workspaceRoot };
    let startProblems: string[] = [];
    session.reset((fresh: Session) => {
      startProblems = applyExamStart(fresh, exam, hooks);
    });
    const grading = new ExamGrading(session, exam, { workspaceRoot: this.lab.workspaceRoot });
    grading.start();
    this.run = { exam, grading, startedAt: now, deadline: now + exam.minutes * 60_000, flagged: new Set(), viewed: new Set(), startProblems, practice: options.practice === true };
    this.lastFinished = undefined;
    this.lab.changed();
    return this.run;
  }

  /** Wall-clock ms left (0 once the time is up); undefined without an exam. */
  remainingMs(): number | undefined {
    if (!this.run) return undefined;
    return Math.max(0, this.run.deadline - (this.run.pausedAt ?? this.lab.deps.wallNow()));
  }

  timeUp(): boolean {
    return this.run !== undefined && this.run.pausedAt === undefined && this.lab.deps.wallNow() >= this.run.deadline;
  }

  /** Pauses a practice attempt's countdown; false when there is none to pause (a real exam runs on). */
  pause(): boolean {
    const run = this.run;
    if (!run?.practice || run.pausedAt !== undefined) return false;
    run.pausedAt = this.lab.deps.wallNow();
    this.lab.changed();
    return true;
  }

  /** Lets a paused countdown run on from where it stood. */
  resume(): boolean {
    const run = this.run;
    if (!run || run.pausedAt === undefined) return false;
    run.deadline += this.lab.deps.wallNow() - run.pausedAt;
    run.pausedAt = undefined;
    this.lab.changed();
    return true;
  }

  task(number: number): ExamTask | undefined {
    return this.run?.exam.tasks[number - 1];
  }

  /** Marks a task as opened and returns it. */
  view(number: number): ExamTask | undefined {
    const task = this.task(number);
    if (task) this.run!.viewed.add(number);
    this.lab.changed();
    return task;
  }

  /** Flags or unflags a task to come back to; false for no such task. */
  setFlag(number: number, flagged: boolean): boolean {
    if (!this.task(number)) return false;
    if (flagged) this.run!.flagged.add(number);
    else this.run!.flagged.delete(number);
    this.lab.changed();
    return true;
  }

  /** Grades every task, keeps the result in progress and ends the exam. */
  finish(): FinishedExam | undefined {
    const run = this.run;
    if (!run) return undefined;
    const grade = run.grading.grade();
    run.grading.stop();
    const now = this.lab.deps.wallNow();
    const result: ExamResult = {
      startedAt: run.startedAt,
      finishedAt: now,
      seed: run.exam.seed,
      points: grade.points,
      total: grade.total,
      percent: grade.percent,
      timeUp: run.pausedAt === undefined && now >= run.deadline,
      practice: run.practice,
      tasks: grade.tasks.map(({ task, points }) => ({ id: task.id, weight: task.weight, points })),
    };
    recordExamResult(this.lab.progress, run.exam.id, result);
    this.lab.save();
    this.run = undefined;
    this.lastFinished = { exam: run.exam, grade, result };
    this.lab.changed();
    return this.lastFinished;
  }
}
