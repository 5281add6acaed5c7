// Lesson paths are relative to the learner's workspace. They may not climb out of it, and a lesson
// may not write hidden files (`.bashrc`, `.ssh/authorized_keys`): on a real disk those configure
// the learner's own tools. The rule is here once; the loader and every write at run time use it.

import type { FileSystem } from '../sim/fs/filesystem';

/** The default place of the workspace inside session.workspace. */
export const defaultWorkspaceRoot = '/';

function segments(relative: string): string[] {
  return relative.split('/').filter((part) => part !== '' && part !== '.');
}

/** Why a path may not be used inside the workspace at all (absolute, `..`), or undefined. */
function leavingProblem(relative: string): string | undefined {
  if (relative.startsWith('/') || relative.includes('\\') || /^[A-Za-z]:/.test(relative) || segments(relative).includes('..')) {
    return `path ${relative} leaves the workspace`;
  }
  return undefined;
}

/**
 * Why a lesson pack may not write a file at this path, or undefined when it may: the path must be
 * relative, stay inside the workspace, name no hidden file or folder and hold no control characters.
 */
export function lessonFilePathProblem(relative: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(relative)) return `path ${JSON.stringify(relative)} contains control characters`;
  const leaving = leavingProblem(relative);
  if (leaving) return leaving;
  if (segments(relative).length === 0) return `path ${JSON.stringify(relative)} names no file`;
  const hidden = segments(relative).find((part) => part.startsWith('.'));
  if (hidden) return `path ${relative} names a hidden file (${hidden}): lessons may not write hidden files`;
  return undefined;
}

/** Joins a relative path onto the workspace root, refusing `..` and absolute paths. */
export function workspacePath(root: string, relative: string): string {
  const leaving = leavingProblem(relative);
  if (leaving) throw new Error(leaving);
  const base = root.endsWith('/') ? root.slice(0, -1) : root;
  return `${base}/${segments(relative).join('/')}`;
}

export interface WriteOptions {
  /** Move a different file already at the path aside (`name.~1~`, as `cp --backup=numbered`) instead of replacing it. */
  keepExisting?: boolean;
}

/**
 * Writes a lesson's file, creating its parent folders; refuses what lessonFilePathProblem refuses.
 * Returns a notice when an existing file was kept aside.
 */
export function writeWorkspaceFile(fs: FileSystem, root: string, relative: string, content: string, options: WriteOptions = {}): string | undefined {
  const problem = lessonFilePathProblem(relative);
  if (problem) throw new Error(problem);
  const absolute = workspacePath(root, relative);
  const parent = absolute.slice(0, absolute.lastIndexOf('/'));
  if (parent !== '' && !fs.stat(parent)) fs.mkdir(parent, { recursive: true });
  let notice: string | undefined;
  const existing = fs.stat(absolute);
  if (existing?.type === 'dir') throw new Error(`${relative}: Is a directory`);
  if (existing && options.keepExisting && fs.readFile(absolute) !== content) {
    let number = 1;
    while (fs.stat(`${absolute}.~${number}~`)) number++;
    fs.rename(absolute, `${absolute}.~${number}~`);
    notice = `${relative} already existed: your version is kept as ${relative}.~${number}~`;
  }
  fs.writeFile(absolute, content);
  return notice;
}
