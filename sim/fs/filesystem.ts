// A synchronous filesystem. Containers get an in-memory one (image files plus mounted volumes);
// the learner's workspace is in memory in the app and a real directory in `podlab`.

export type FsErrorCode = 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'EACCES' | 'EROFS' | 'ENOSPC' | 'EINVAL';

/** Thrown by FileSystem methods. Commands turn it into busybox/coreutils wording. */
export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly path: string,
  ) {
    super(`${code}: ${path}`);
    this.name = 'FsError';
  }
}

export interface FileStat {
  type: 'file' | 'dir';
  size: number;
  /** Virtual ms of the last change. */
  mtime: number;
  /** Inode-like stable number (for `ls -i` and /proc namespace links). */
  ino: number;
  mode: number;
  /** A symbolic link's target (the namespace links of /proc/<pid>/ns); none for anything else. */
  link?: string;
}

/** Paths are absolute and already normalised (`/a/b`), except where noted. */
export interface FileSystem {
  stat(path: string): FileStat | undefined;
  readFile(path: string): string;
  /** Creates or replaces; `append` adds to the end. Parent must exist. */
  writeFile(path: string, data: string, options?: { append?: boolean }): void;
  /**
   * Like writeFile with `count` NUL bytes as the data (what `dd if=/dev/zero` writes). A
   * filesystem that has it keeps such content compactly, so a file of hundreds of megabytes
   * costs no memory; without it, callers write a string of NULs instead.
   */
  writeZeros?(path: string, count: number, options?: { append?: boolean }): void;
  /** Names in the directory, sorted. */
  readdir(path: string): string[];
  mkdir(path: string, options?: { recursive?: boolean }): void;
  /** Removes a file, or a directory when `recursive` (or when it is empty and `dir` is set). */
  remove(path: string, options?: { recursive?: boolean; dir?: boolean }): void;
  rename(from: string, to: string): void;
  /**
   * A number that changes whenever anything this filesystem shows changes (contents, names,
   * modes, times, mounts). Lets a caller reuse what it read while the stamp stays the same.
   * Absent, or undefined, when the filesystem cannot tell (a real directory on disk). A stamp is
   * either constant or taken from nextChangeStamp(), so a view may keep what it worked out while
   * that sequence stands still.
   */
  changeStamp?(): number | undefined;
}

let lastChangeStamp = 0;

/**
 * A fresh stamp for a change. One sequence for every in-memory filesystem, so a view made of
 * several (a container's root plus its volumes) can take the largest stamp of its parts.
 */
export function nextChangeStamp(): number {
  return ++lastChangeStamp;
}

/** The last stamp handed out: while it stays the same, no in-memory filesystem has changed. */
export function lastChangeStampIssued(): number {
  return lastChangeStamp;
}
