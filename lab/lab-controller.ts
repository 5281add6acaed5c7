// The lab's state for one learner: the current exercise attempt with its live grader, hints
// shown, and progress. The `lab` shell command and the app's lesson pane both drive this.

import type { Session } from '../sim/session-types';
import { findExercise, nextExercise, type Course, type ExerciseLocation } from './course';
import { chooseHint, Grader, type CheckResult } from './grader';
import type { Language, Localised } from './localised';
import {
  exportProgress,
  loadProgress,
  parseProgress,
  recordCompletion,
  recordHint,
  recordQuizAnswer,
  recordSolutionRevealed,
  recordStart,
  saveProgress,
  type Progress,
  type ProgressStorage,
} from './progress';
import { quizOptionOrder } from './quiz-order';
import type { Hint, Quiz } from './schema';
import { applyStartingState, type StartingStateHooks } from './starting-state';
import { defaultWorkspaceRoot } from './workspace';
import { ExamController, type ExamSource } from './exam-controller';

export interface LabDeps {
  course: Course;
  /** The session the learner works in (created after the lab command, hence a getter). */
  session(): Session;
  storage: ProgressStorage;
  /** Wall-clock ms, for progress only (never for grading). */
  wallNow(): number;
  /** Used until the learner picks one; progress may hold a saved choice. */
  language?: Language;
  /** ANSI colours in the `lab` command's output (default true; false for plain text). */
  color?: boolean;
  workspaceRoot?: string;
  /** The workspace is a real folder: a learner's file at a starting file's path is kept aside, never replaced. */
  keepExistingFiles?: boolean;
  /**
   * The exams the learner can take, and how an attempt is drawn (`examAttempt` of lab/exam.ts,
   * passed in so that hosts can load the schema it needs when they like); none when not given.
   */
  exams?: ExamSource;
  /**
   * Called before an exercise's starting state is applied, with its id: the app keeps each
   * exercise's workspace files apart, so that an answer file of one cannot pass or fail the next.
   */
  beforeStart?(exerciseId: string): void;
  /** Told whenever the attempt, its results or progress change (the app's check list). */
  onUpdate?(controller: LabController): void;
}

export interface QuizVerdict {
  correct: boolean;
  /** The quiz's explanation, once answered right. */
  explanation?: Localised;
  /** Why each wrong option that was chosen is wrong. */
  wrongChoices: Localised[];
}

export interface Attempt {
  location: ExerciseLocation;
  grader: Grader;
  shownHints: Set<number>;
  /** Problems met while applying the starting state. */
  startProblems: string[];
  /** Files of the learner's that a starting file would have replaced, and where they were kept. */
  startNotices: string[];
}

export class LabController {
  progress: Progress;
  /** Said once to the learner, e.g. that stored progress was unreadable. */
  notice: Localised | undefined;
  /** Set when saving failed; the lab keeps working in memory. */
  saveError: string | undefined;
  private attempt: Attempt | undefined;
  private justCompleted = false;
  /** The stored progress could not be read nor set aside: it is never overwritten. */
  private readonly saveBlocked: boolean;
  /** The exam in progress, its countdown and its results. */
  readonly exams: ExamController;

  constructor(readonly deps: LabDeps) {
    const loaded = loadProgress(deps.storage);
    this.progress = loaded.progress;
    this.notice = loaded.notice;
    this.saveBlocked = loaded.saveBlocked === true;
    this.exams = new ExamController(this);
    if (this.progress.learnerSeed === undefined) {
      // A learner's own seed, from the moment they first came; saved once a quiz has been shown.
      this.progress.learnerSeed = Math.floor(deps.wallNow()) % 2_147_483_647;
      this.learnerSeedUnsaved = true;
    }
  }

  private learnerSeedUnsaved = false;

  /** The order this learner sees a quiz's options in: screen position → option index. */
  quizOptionOrder(quiz: Quiz): number[] {
    if (this.learnerSeedUnsaved) {
      this.learnerSeedUnsaved = false;
      this.save();
    }
    return quizOptionOrder(quiz.id, quiz.options.length, this.progress.learnerSeed ?? 0);
  }

  get course(): Course {
    return this.deps.course;
  }

  get language(): Language {
    return this.progress.language ?? this.deps.language ?? 'en';
  }

  get workspaceRoot(): string {
    return this.deps.workspaceRoot ?? defaultWorkspaceRoot;
  }

  current(): Attempt | undefined {
    return this.attempt;
  }

  setLanguage(language: Language): void {
    this.progress.language = language;
    this.save();
  }

  /** Resets the cluster and starts the exercise afresh. Undefined when there is no such exercise. */
  start(exerciseId: string): Attempt | undefined {
    const location = findExercise(this.course, exerciseId);
    if (!location) return undefined;
    this.attempt?.grader.stop();
    this.deps.beforeStart?.(exerciseId);
    const session = this.deps.session();
    let startProblems: string[] = [];
    const startNotices: string[] = [];
    // Through reset's setup, so that undo rebuilds the starting state too.
    session.reset((fresh) => {
      startProblems = applyStartingState(fresh, location.exercise, this.startingStateHooks((notice) => startNotices.push(notice)));
    });
    recordStart(this.progress, exerciseId, this.deps.wallNow(), session.clock.now());
    const grader = new Grader(session, location.exercise, { workspaceRoot: this.workspaceRoot });
    this.attempt = { location, grader, shownHints: new Set(), startProblems, startNotices };
    this.justCompleted = false;
    grader.onResults((results) => this.resultsChanged(results));
    this.save();
    grader.start();
    this.changed();
    return this.attempt;
  }

  /** The starting state of an exercise as a reset/restore setup (for `SimSession.restore(snapshot, setup)`). */
  setupFor(exerciseId: string): ((session: Session) => void) | undefined {
    const location = findExercise(this.course, exerciseId);
    if (!location) return undefined;
    return (fresh) => {
      applyStartingState(fresh, location.exercise, this.startingStateHooks());
    };
  }

  private startingStateHooks(onNotice?: (text: string) => void): StartingStateHooks {
    return { workspaceRoot: this.workspaceRoot, keepExisting: this.deps.keepExistingFiles, onNotice };
  }

  /**
   * Grades an exercise in the session as it is, without resetting it: after the app restarted and
   * restored the session. Progress is not touched.
   */
  resume(exerciseId: string): Attempt | undefined {
    const location = findExercise(this.course, exerciseId);
    if (!location) return undefined;
    this.attempt?.grader.stop();
    const grader = new Grader(this.deps.session(), location.exercise, { workspaceRoot: this.workspaceRoot, commandLogStart: 0 });
    this.attempt = { location, grader, shownHints: new Set(), startProblems: [], startNotices: [] };
    this.justCompleted = false;
    grader.onResults((results) => this.resultsChanged(results));
    grader.start();
    this.changed();
    return this.attempt;
  }

  /** Restarts the current exercise. */
  reset(): Attempt | undefined {
    return this.attempt ? this.start(this.attempt.location.exercise.id) : undefined;
  }

  /** The exercise after the current one (or after the last one worked on). */
  next(): ExerciseLocation | undefined {
    const id = this.attempt?.location.exercise.id ?? this.progress.currentExercise;
    return nextExercise(this.course, id);
  }

  check(): CheckResult[] {
    return this.attempt ? this.attempt.grader.evaluate() : [];
  }

  /** True once after the attempt became complete, so the completion is announced once. */
  takeCompletion(): boolean {
    const value = this.justCompleted;
    this.justCompleted = false;
    return value;
  }

  isComplete(): boolean {
    const id = this.attempt?.location.exercise.id;
    return id !== undefined && this.progress.exercises[id]?.completedAt !== undefined;
  }

  /** The next hint and its number (1-based), or undefined when all were shown. */
  hint(): { hint: Hint; number: number; total: number } | undefined {
    const attempt = this.attempt;
    if (!attempt) return undefined;
    const hints = attempt.location.exercise.hints;
    const index = chooseHint(hints, attempt.shownHints, attempt.grader.results());
    if (index === undefined) return undefined;
    attempt.shownHints.add(index);
    recordHint(this.progress, attempt.location.exercise.id);
    this.save();
    return { hint: hints[index], number: attempt.shownHints.size, total: hints.length };
  }

  revealSolution(): void {
    if (!this.attempt) return;
    recordSolutionRevealed(this.progress, this.attempt.location.exercise.id);
    this.save();
  }

  /**
   * Grades a quiz answer (indexes of the chosen options) and records it; a wrong answer comes with
   * why each chosen wrong option is wrong. Undefined for an unknown quiz.
   */
  answerQuiz(quizId: string, choices: number[]): QuizVerdict | undefined {
    for (const lesson of this.course.lessons) {
      for (const step of lesson.steps) {
        if (step.kind !== 'quiz' || step.quiz.id !== quizId) continue;
        const chosen = new Set(choices);
        const correct = step.quiz.options.every((option, index) => option.correct === chosen.has(index));
        recordQuizAnswer(this.progress, quizId, [...chosen].sort((a, b) => a - b), correct, this.deps.wallNow());
        this.save();
        this.changed();
        const wrongChoices = step.quiz.options.flatMap((option, index) => (chosen.has(index) && !option.correct && option.explanation ? [option.explanation] : []));
        return correct ? { correct, explanation: step.quiz.explanation, wrongChoices: [] } : { correct, wrongChoices };
      }
    }
    return undefined;
  }

  exportProgressText(): string {
    return exportProgress(this.progress);
  }

  /** Replaces progress with imported text; returns the problem when it is not valid progress. */
  importProgressText(text: string): string | undefined {
    const parsed = parseProgress(text);
    if (typeof parsed === 'string') return parsed;
    this.progress = parsed;
    this.save();
    this.changed();
    return undefined;
  }

  private resultsChanged(results: CheckResult[]): void {
    const attempt = this.attempt;
    if (!attempt || results.length === 0 || !results.every((result) => result.passed)) {
      this.changed();
      return;
    }
    const session = this.deps.session();
    if (recordCompletion(this.progress, attempt.location.exercise.id, this.deps.wallNow(), session.clock.now())) {
      this.justCompleted = true;
      this.save();
    }
    this.changed();
  }

  /** Stops grading the current exercise (an exam takes over the cluster). */
  /** Tells the host (the app's check list) that the attempt, its results or progress changed. */
  changed(): void {
    this.deps.onUpdate?.(this);
  }

  leaveExercise(): void {
    this.attempt?.grader.stop();
    this.attempt = undefined;
    this.justCompleted = false;
  }

  save(): void {
    if (this.saveBlocked) return;
    this.saveError = saveProgress(this.deps.storage, this.progress);
  }
}
