// The learner's progress: what was started, completed, how many hints and whether the solution
// was revealed. Stored as JSON text through a ProgressStorage that each host backs (a file in
// `podlab`, the app's own storage). Loading never throws: corrupt text is set aside and the
// learner starts afresh with a notice.

import { parseSavedExamRun, type SavedExamRun } from './exam-saved';
import type { Language, Localised } from './localised';

export const progressSchemaVersion = 1;

export interface ExerciseProgress {
  /** Wall-clock ms of the latest start. */
  startedAt: number;
  /** Virtual ms of the latest start. */
  startedAtVirtual: number;
  attempts: number;
  completedAt?: number;
  /** Wall-clock ms from the start to completion. */
  wallMs?: number;
  /** Virtual ms from the start to completion. */
  virtualMs?: number;
  hintsUsed: number;
  solutionRevealed: boolean;
  /** Completed after the solution had been revealed. */
  completedWithSolution?: boolean;
}

export interface QuizProgress {
  answeredAt: number;
  correct: boolean;
  choices: number[];
}

/** One finished exam attempt (lab/exam-controller.ts). */
export interface ExamResult {
  /** Wall-clock ms of the start and of the end. */
  startedAt: number;
  finishedAt: number;
  /** The seed that drew this attempt's names and numbers. */
  seed: number;
  points: number;
  total: number;
  percent: number;
  /** Finished by the countdown rather than by the learner. */
  timeUp: boolean;
  /** A practice attempt (its countdown could be paused). */
  practice?: boolean;
  tasks: { id: string; weight: number; points: number }[];
}

export interface Progress {
  schemaVersion: number;
  language?: Language;
  /** Shuffles this learner's quiz options (see quiz-order.ts); set once, kept for good. */
  learnerSeed?: number;
  currentExercise?: string;
  exercises: Record<string, ExerciseProgress>;
  quizzes: Record<string, QuizProgress>;
  /** Finished exam attempts by exam id, oldest first. */
  exams?: Record<string, ExamResult[]>;
  /** The exam being taken, kept so that it survives a restart. */
  examInProgress?: SavedExamRun;
}

export interface ProgressStorage {
  /** The stored text, undefined when there is none; throws when it exists but cannot be read. */
  load(): string | undefined;
  save(text: string): void;
  /**
   * Keeps unreadable progress somewhere safe before it is replaced: `text` when it was read but is
   * not progress, undefined when it could not be read at all. Returns the name it was kept under.
   */
  setAside?(text: string | undefined, reason: string): string | void;
}

export interface LoadedProgress {
  progress: Progress;
  /** Set when the stored progress could not be read: tell the learner. */
  notice?: Localised;
  /** The stored progress could be neither read nor set aside: saving would overwrite it, so don't. */
  saveBlocked?: boolean;
}

export function emptyProgress(): Progress {
  return { schemaVersion: progressSchemaVersion, exercises: {}, quizzes: {} };
}

/** Parses progress text; a description of the problem when it is not valid progress. */
export function parseProgress(text: string): Progress | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return `not valid JSON (${error instanceof Error ? error.message : String(error)})`;
  }
  if (!isRecord(data)) return 'not a progress object';
  if (data.schemaVersion !== progressSchemaVersion) return `unsupported schema version ${JSON.stringify(data.schemaVersion)}`;
  if (!isRecord(data.exercises) || !isRecord(data.quizzes)) return 'exercises or quizzes missing';
  for (const [id, entry] of Object.entries(data.exercises)) {
    if (!isRecord(entry) || typeof entry.startedAt !== 'number' || typeof entry.hintsUsed !== 'number' || typeof entry.solutionRevealed !== 'boolean') {
      return `exercise ${id} is malformed`;
    }
  }
  for (const [id, entry] of Object.entries(data.quizzes)) {
    if (!isRecord(entry) || typeof entry.correct !== 'boolean' || !Array.isArray(entry.choices)) return `quiz ${id} is malformed`;
  }
  const progress: Progress = {
    schemaVersion: progressSchemaVersion,
    exercises: data.exercises as Record<string, ExerciseProgress>,
    quizzes: data.quizzes as Record<string, QuizProgress>,
  };
  if (data.language === 'en' || data.language === 'zh') progress.language = data.language;
  if (typeof data.currentExercise === 'string') progress.currentExercise = data.currentExercise;
  if (typeof data.learnerSeed === 'number' && Number.isInteger(data.learnerSeed)) progress.learnerSeed = data.learnerSeed;
  if (data.exams !== undefined) {
    if (!isRecord(data.exams)) return 'exams is malformed';
    for (const [id, results] of Object.entries(data.exams)) {
      const wellFormed = (result: unknown) =>
        isRecord(result) && typeof result.finishedAt === 'number' && typeof result.points === 'number' && typeof result.total === 'number' && Array.isArray(result.tasks);
      if (!Array.isArray(results) || !results.every(wellFormed)) return `exam ${id} is malformed`;
    }
    progress.exams = data.exams as Record<string, ExamResult[]>;
  }
  const examInProgress = parseSavedExamRun(data.examInProgress);
  if (examInProgress) progress.examInProgress = examInProgress;
  return progress;
}

export function loadProgress(storage: ProgressStorage): LoadedProgress {
  let text: string | undefined;
  try {
    text = storage.load();
  } catch (error) {
    return setAside(storage, undefined, error instanceof Error ? error.message : String(error));
  }
  if (text === undefined || text.trim() === '') return { progress: emptyProgress() };
  const parsed = parseProgress(text);
  if (typeof parsed !== 'string') return { progress: parsed };
  return setAside(storage, text, parsed);
}

/** Never loses what could not be read: it is set aside, or else nothing is saved over it. */
function setAside(storage: ProgressStorage, text: string | undefined, reason: string): LoadedProgress {
  try {
    if (storage.setAside) {
      const keptAs = storage.setAside(text, reason);
      return { progress: emptyProgress(), notice: unreadableNotice(reason, typeof keptAs === 'string' ? keptAs : '') };
    }
  } catch {
    // Falls through: it stays where it is, untouched.
  }
  return { progress: emptyProgress(), notice: unreadableNotice(reason, undefined), saveBlocked: true };
}

/** `keptAs`: the name it was set aside as ('' when the storage does not say); undefined when it stays untouched. */
function unreadableNotice(reason: string, keptAs: string | undefined): Localised {
  if (keptAs === undefined) {
    return {
      en: `Your saved progress could not be read (${reason}). It is left as it is, and nothing will be saved over it until you restart Pod Lab.`,
      zh: `无法读取已保存的进度（${reason}）。该文件保持原样，在重新启动 Pod Lab 之前不会覆盖它。`,
    };
  }
  return {
    en: `Your saved progress could not be read (${reason}). ${keptAs ? `It was set aside as ${keptAs}.` : 'A copy was kept aside.'} Starting with fresh progress.`,
    zh: `无法读取已保存的进度（${reason}）。${keptAs ? `已另存为 ${keptAs}。` : '已另存一份副本。'}将从新的进度开始。`,
  };
}

/** Saves; returns an error text instead of throwing when the storage fails. */
export function saveProgress(storage: ProgressStorage, progress: Progress): string | undefined {
  try {
    storage.save(exportProgress(progress));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function exportProgress(progress: Progress): string {
  return `${JSON.stringify(progress, null, 2)}\n`;
}

// ---- updates (they mutate the progress given) ----

export function recordStart(progress: Progress, exerciseId: string, wallNow: number, virtualNow: number): ExerciseProgress {
  const previous = progress.exercises[exerciseId];
  const entry: ExerciseProgress = {
    ...previous,
    startedAt: wallNow,
    startedAtVirtual: virtualNow,
    attempts: (previous?.attempts ?? 0) + 1,
    hintsUsed: previous?.hintsUsed ?? 0,
    solutionRevealed: previous?.solutionRevealed ?? false,
  };
  progress.exercises[exerciseId] = entry;
  progress.currentExercise = exerciseId;
  return entry;
}

export function recordHint(progress: Progress, exerciseId: string): void {
  const entry = progress.exercises[exerciseId];
  if (entry) entry.hintsUsed += 1;
}

export function recordSolutionRevealed(progress: Progress, exerciseId: string): void {
  const entry = progress.exercises[exerciseId];
  if (entry) entry.solutionRevealed = true;
}

/** Records the first completion only; later ones of a completed exercise change nothing. */
export function recordCompletion(progress: Progress, exerciseId: string, wallNow: number, virtualNow: number): boolean {
  const entry = progress.exercises[exerciseId];
  if (!entry || entry.completedAt !== undefined) return false;
  entry.completedAt = wallNow;
  entry.wallMs = Math.max(0, wallNow - entry.startedAt);
  entry.virtualMs = Math.max(0, virtualNow - entry.startedAtVirtual);
  entry.completedWithSolution = entry.solutionRevealed;
  return true;
}

export function recordQuizAnswer(progress: Progress, quizId: string, choices: number[], correct: boolean, wallNow: number): void {
  progress.quizzes[quizId] = { answeredAt: wallNow, correct, choices };
}

export function recordExamResult(progress: Progress, examId: string, result: ExamResult): void {
  progress.exams ??= {};
  (progress.exams[examId] ??= []).push(result);
}

export type ExerciseStatus = 'done' | 'started' | 'new';

export function exerciseStatus(progress: Progress, exerciseId: string): ExerciseStatus {
  const entry = progress.exercises[exerciseId];
  if (!entry) return 'new';
  return entry.completedAt !== undefined ? 'done' : 'started';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
