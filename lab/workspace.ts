// Lesson paths are relative to the learner's workspace. They may not climb out of it.

import type { FileSystem } from '../sim/fs/filesystem';

/** The default place of the workspace inside session.workspace. */
export const defaultWorkspaceRoot = '/';

/** Joins a relative lesson path onto the workspace root, refusing `..` and absolute paths. */
export function workspacePath(root: string, relative: string): string {
  const parts = relative.split('/').filter((part) => part !== '' && part !== '.');
  if (relative.startsWith('/') || parts.includes('..')) throw new Error(`path ${relative} leaves the workspace`);
  const base = root.endsWith('/') ? root.slice(0, -1) : root;
  return `${base}/${parts.join('/')}`;
}

/** Writes a file, creating its parent folders. */
export function writeWorkspaceFile(fs: FileSystem, root: string, relative: string, content: string): void {
  const absolute = workspacePath(root, relative);
  const parent = absolute.slice(0, absolute.lastIndexOf('/'));
  if (parent !== '' && !fs.stat(parent)) fs.mkdir(parent, { recursive: true });
  fs.writeFile(absolute, content);
}
