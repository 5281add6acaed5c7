// Reading a kustomization's files from the learner's workspace, with kustomize's root-only rule:
// files come from the kustomization's own folder or below; other kustomizations (folders) may be
// anywhere. Paths in messages are absolute, as kustomize prints them.

import type { FileSystem } from '../../fs/filesystem';
import { normalizePath } from '../../fs/paths';
import { KustomizeError } from './errors';

/** A path typed relative to `base` (or absolute), cleaned as filepath.Join cleans it. */
export function joinPath(base: string, path: string): string {
  return normalizePath(path.startsWith('/') ? path : `${base}/${path}`);
}

export function isWithin(path: string, root: string): boolean {
  return path === root || path.startsWith(root === '/' ? '/' : `${root}/`);
}

/** filepath.EvalSymlinks' failure: lstat names the first part of the path that is missing. */
export function missingPathMessage(fs: FileSystem, shown: string, abs: string): string {
  const parts = abs.split('/').filter(Boolean);
  let missing = abs;
  for (let i = 1; i <= parts.length; i++) {
    const prefix = '/' + parts.slice(0, i).join('/');
    if (!fs.stat(prefix)) {
      missing = prefix;
      break;
    }
  }
  return `evalsymlink failure on '${shown}' : lstat ${missing}: no such file or directory`;
}

/** Reads the files of one kustomization root. */
export class RootLoader {
  constructor(
    readonly fs: FileSystem,
    /** The kustomization's folder, absolute. */
    readonly root: string,
    /** --load-restrictor=LoadRestrictionsNone lifts the root-only rule. */
    readonly restricted = true,
  ) {}

  /** A file named relative to the root: its absolute path, or kustomize's error. */
  filePath(relative: string): string {
    const abs = joinPath(this.root, relative);
    if (!this.fs.stat(abs)) throw new KustomizeError(missingPathMessage(this.fs, abs, abs));
    if (this.restricted && !isWithin(abs, this.root)) throw new KustomizeError(`security; file '${abs}' is not in or below '${this.root}'`);
    return abs;
  }

  readFile(relative: string): string {
    const abs = this.filePath(relative);
    if (this.fs.stat(abs)?.type === 'dir') throw new KustomizeError(`read ${abs}: is a directory`);
    return this.fs.readFile(abs);
  }
}
