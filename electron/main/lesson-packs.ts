// Lesson packs: the course bundled with the app, and packs the learner opens from a folder. A pack
// is read with the same reader as the `podlab` CLI and validated with lab's loader; a pack with
// problems is reported and not loaded. Plain Node: no Electron import.

import { basename, join, resolve } from 'node:path';
import { readLessonFolder } from '../../node-shared/lesson-files';
import { formatProblem, loadCourse } from '../../lab';
import type { LessonPack } from '../ipc-contract';

export interface AppLocation {
  isPackaged: boolean;
  /** process.resourcesPath */
  resourcesPath: string;
  /** The repository (or app) root: app.getAppPath() */
  appPath: string;
}

/** Packaged: resources/lessons (extraResources); otherwise the repository's lessons/. */
export function bundledLessonsFolder(location: AppLocation): string {
  return location.isPackaged ? join(location.resourcesPath, 'lessons') : join(location.appPath, 'lessons');
}

export type PackLoadResult = { ok: true; pack: LessonPack } | { ok: false; folder: string; errors: string[] };

export function loadLessonPack(folder: string, source: LessonPack['source']): PackLoadResult {
  const absolute = resolve(folder);
  const label = source === 'bundled' ? 'lessons' : basename(absolute);
  let read: ReturnType<typeof readLessonFolder>;
  try {
    read = readLessonFolder(absolute);
  } catch (error) {
    return { ok: false, folder: absolute, errors: [`${absolute}: ${readErrorMessage(error)}`] };
  }
  const loaded = loadCourse(read.files, { label });
  const errors = [...read.refused.map((file) => `${label}/${file.path}: refused: ${file.reason}`), ...loaded.problems.map(formatProblem)];
  if (errors.length === 0 && loaded.course.lessons.length === 0) errors.push(`${label}: no lessons found (each lesson is a folder with a lesson.yaml)`);
  if (errors.length > 0) return { ok: false, folder: absolute, errors };
  return {
    ok: true,
    pack: {
      id: source === 'bundled' ? 'bundled' : absolute,
      source,
      folder: absolute,
      lessonCount: loaded.course.lessons.length,
      files: Object.fromEntries(read.files),
    },
  };
}

function readErrorMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'No such file or directory';
  if (code === 'ENOTDIR') return 'Not a directory';
  if (code === 'EACCES') return 'Permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** The packs open in this run: the bundled course first, then folders in the order opened. */
export class LessonPackRegistry {
  private readonly packs = new Map<string, LessonPack>();

  add(pack: LessonPack): void {
    this.packs.delete(pack.id);
    this.packs.set(pack.id, pack);
  }

  list(): LessonPack[] {
    return [...this.packs.values()].sort((a, b) => (a.source === b.source ? 0 : a.source === 'bundled' ? -1 : 1));
  }
}
