// strerror(3) wording for filesystem errors, as both busybox and coreutils print it.

import { FsError, type FsErrorCode } from './filesystem';

const texts: Record<FsErrorCode, string> = {
  ENOENT: 'No such file or directory',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ENOTEMPTY: 'Directory not empty',
  EACCES: 'Permission denied',
  EROFS: 'Read-only file system',
  ENOSPC: 'No space left on device',
  EINVAL: 'Invalid argument',
};

export function fsErrorText(code: FsErrorCode): string {
  return texts[code];
}

/** The strerror text for anything thrown by a FileSystem (other errors keep their message). */
export function errorText(error: unknown): string {
  if (error instanceof FsError) return texts[error.code];
  return error instanceof Error ? error.message : String(error);
}
