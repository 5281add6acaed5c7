// The exam in progress for one learner: which exam, drawn with which seed, its countdown on the
// host's wall clock (LabDeps.wallNow: no timers here), flagged tasks, and the live graders. The
// `lab exam` command and the app's Exams page both drive it. Finishing grades every task and
// keeps the result, with its date, in the learner's progress.

import type { Session, SessionSnapshot } from '../sim/session-types';
import type { Exam, ExamTask, ExamTemplate } from './exam';
import { applyExamStart, ExamGrading, type ExamGrade } from './exam-grading';
import { recordExamResult, type ExamResult, type Progress } from './progress';
import type { StartingStateHooks } from './starting-state';
import type { SavedExamRun } from './exam-saved';

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
  /** Stops saving the run after each command. */
  private stopSaving?: () => void;
  private savedCommands = -1;

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
    let startProblems: string[] = [];
    session.reset((fresh: Session) => {
      startProblems = applyExamStart(fresh, exam, this.startHooks());
    });
    const grading = new ExamGrading(session, exam, { workspaceRoot: this.lab.workspaceRoot });
    grading.start();
    this.run = { exam, grading, startedAt: now, deadline: now + exam.minutes * 60_000, flagged: new Set(), viewed: new Set(), startProblems, practice: options.practice === true };
    this.lastFinished = undefined;
    this.keepSaved();
    this.lab.changed();
    return this.run;
  }

  private startHooks(): StartingStateHooks {
    return { workspaceRoot: this.lab.workspaceRoot };
  }

  /**
   * Takes up the exam the progress says was in progress when the lab closed: the same draw, the
   * countdown where the wall clock has taken it, flags, and the clusters rebuilt from the saved
   * journal. False when there is none (or its exam is gone, and it is dropped).
   */
  restore(): boolean {
    const saved = this.lab.progress.examInProgress;
    if (!saved || this.run) return false;
    const template = this.find(saved.id);
    if (!template) {
      delete this.lab.progress.examInProgress;
      this.lab.save();
      return false;
    }
    this.lab.leaveExercise();
    const exam = this.lab.deps.exams!.draw(template, saved.seed);
    const session = this.lab.deps.session();
    const setup = (fresh: Session) => {
      applyExamStart(fresh, exam, this.startHooks());
    };
    if (saved.session !== undefined) {
      keepingWorkspace(session, saved.session, () => session.restore(saved.session as SessionSnapshot, setup));
    } else session.reset(setup);
    const grading = new ExamGrading(session, exam, { workspaceRoot: this.lab.workspaceRoot, commandLogStart: 0 });
    grading.start();
    const tasks = (numbers: number[]) => new Set(numbers.filter((number) => number >= 1 && number <= exam.tasks.length));
    this.run = {
      exam,
      grading,
      startedAt: saved.startedAt,
      deadline: saved.deadline,
      flagged: tasks(saved.flagged),
      viewed: tasks(saved.viewed),
      startProblems: [],
      practice: saved.practice,
      pausedAt: saved.pausedAt,
    };
    this.lastFinished = undefined;
    this.keepSaved();
    this.lab.changed();
    return true;
  }

  /** Saves the run now and again after every command the learner runs, until it ends. */
  private keepSaved(): void {
    this.stopSaving?.();
    const session = this.lab.deps.session();
    this.savedCommands = -1;
    const unsubscribe = session.onChange(() => {
      if (session.commandLog().length !== this.savedCommands) this.save();
    });
    this.stopSaving = () => {
      unsubscribe();
      this.stopSaving = undefined;
    };
    this.save();
  }

  /** Writes the run (or its absence) into the progress file. */
  private save(): void {
    const run = this.run;
    const session = this.lab.deps.session();
    if (!run) delete this.lab.progress.examInProgress;
    else {
      const saved: SavedExamRun = {
        id: run.exam.id,
        seed: run.exam.seed,
        startedAt: run.startedAt,
        deadline: run.deadline,
        practice: run.practice,
        flagged: [...run.flagged],
        viewed: [...run.viewed],
      };
      if (run.pausedAt !== undefined) saved.pausedAt = run.pausedAt;
      saved.session = session.snapshot();
      this.lab.progress.examInProgress = saved;
      this.savedCommands = session.commandLog().length;
    }
    this.lab.save();
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
    this.save();
    this.lab.changed();
    return true;
  }

  /** Lets a paused countdown run on from where it stood. */
  resume(): boolean {
    const run = this.run;
    if (!run || run.pausedAt === undefined) return false;
    run.deadline += this.lab.deps.wallNow() - run.pausedAt;
    run.pausedAt = undefined;
    this.save();
    this.lab.changed();
    return true;
  }

  task(number: number): ExamTask | undefined {
    return this.run?.exam.tasks[number - 1];
  }

  /** Marks a task as opened and returns it. */
  view(number: number): ExamTask | undefined {
    const task = this.task(number);
    if (task) {
      // Kept in the order last opened: a restored exam shows the task the learner was on.
      this.run!.viewed.delete(number);
      this.run!.viewed.add(number);
      this.save();
    }
    this.lab.changed();
    return task;
  }

  /** Flags or unflags a task to come back to; false for no such task. */
  setFlag(number: number, flagged: boolean): boolean {
    if (!this.task(number)) return false;
    if (flagged) this.run!.flagged.add(number);
    else this.run!.flagged.delete(number);
    this.save();
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
    this.run = undefined;
    this.stopSaving?.();
    this.save();
    this.lastFinished = { exam: run.exam, grade, result };
    this.lab.changed();
    return this.lastFinished;
  }
}

/**
 * Rebuilding replays the learner's command lines. A workspace on disk (podlab's) already holds
 * what those lines wrote, and replaying `>>` would write it twice: its files are put back as they
 * were. An in-memory workspace comes back from the snapshot itself.
 */
const workspaceFileLimit = 2000;

function keepingWorkspace(session: Session, snapshot: unknown, rebuild: () => void): void {
  if ((snapshot as { baseline?: unknown }).baseline !== undefined) return rebuild();
  const fs = session.workspace;
  const before = new Map<string, string>();
  let seen = 0;
  const walk = (dir: string, into: (path: string) => void) => {
    for (const name of fs.readdir(dir)) {
      // A folder far larger than a workspace (podlab started in a home directory) is left to the replay.
      if (++seen > workspaceFileLimit) throw new RangeError('workspace too large to keep');
      const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
      if (fs.stat(path)?.type === 'dir') walk(path, into);
      else into(path);
    }
  };
  try {
    walk('/', (path) => before.set(path, fs.readFile(path)));
  } catch (error) {
    if (error instanceof RangeError) return rebuild();
    throw error;
  }
  rebuild();
  seen = 0;
  walk('/', (path) => {
    if (!before.has(path)) fs.remove(path);
  });
  for (const [path, content] of before) if (!fs.stat(path) || fs.readFile(path) !== content) fs.writeFile(path, content);
}
