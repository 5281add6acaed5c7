// Reads a lesson pack folder (or a folder of exams) from disk into the path → text map the loaders
// take; shared by podlab, the desktop app's main process, the web build and the lesson checker.
// Only plain files inside the folder are read: links that lead out of it and files over 1 MiB are refused,
// and a pack of more than 16 MiB is refused whole.

import { lstatSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const maxLessonFileBytes = 1024 * 1024;
/** All the lesson files of a pack together; a larger pack is refused as a whole (the bundled course is under 1 MiB). */
export const maxLessonPackBytes = 16 * 1024 * 1024;

export class LessonPackTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`the lesson pack is too large: more than ${maxLessonPackBytes / 1024 / 1024} MiB of lesson files (${bytes} bytes read so far)`);
    this.name = 'LessonPackTooLarge';
  }
}

/** Files a pack may contain; anything else is ignored. */
const packFilePattern = /\.(ya?ml|md)$/i;

export interface LessonFiles {
  files: Map<string, string>;
  /** Files that were refused, with the reason. */
  refused: { path: string; reason: string }[];
}

export function readLessonFolder(folder: string): LessonFiles {
  const root = realpathSync(folder);
  if (!statSync(root).isDirectory()) throw new Error(`${folder} is not a directory`);
  const files = new Map<string, string>();
  const refused: { path: string; reason: string }[] = [];
  let total = 0;

  const visit = (directory: string, depth: number) => {
    for (const name of readdirSync(directory).sort()) {
      if (name.startsWith('.')) continue;
      const full = join(directory, name);
      const inside = relative(root, full).split(sep).join('/');
      let real: string;
      try {
        real = realpathSync(full);
      } catch {
        refused.push({ path: inside, reason: 'broken link' });
        continue;
      }
      if (real !== root && !real.startsWith(root + sep)) {
        refused.push({ path: inside, reason: 'leads outside the lesson folder' });
        continue;
      }
      const stat = lstatSync(real);
      if (stat.isDirectory()) {
        if (depth < 4) visit(full, depth + 1);
        continue;
      }
      if (!stat.isFile() || !packFilePattern.test(name)) continue;
      if (stat.size > maxLessonFileBytes) {
        refused.push({ path: inside, reason: `larger than 1 MiB (${stat.size} bytes)` });
        continue;
      }
      total += stat.size;
      if (total > maxLessonPackBytes) throw new LessonPackTooLarge(total);
      files.set(inside, readFileSync(real, 'utf8'));
    }
  };
  visit(root, 0);
  return { files, refused };
}
