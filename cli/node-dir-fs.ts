// The learner's workspace as a real directory (for `podlab` in a plain terminal). The directory
// is the filesystem's `/`: no path, `..` or symlink can reach anything outside it.

import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import { FsError, type FileStat, type FileSystem, type FsErrorCode } from '../sim/fs/filesystem';
import { normalizePath } from '../sim/fs/paths';

const knownCodes = new Set<FsErrorCode>(['ENOENT', 'EEXIST', 'ENOTDIR', 'EISDIR', 'ENOTEMPTY', 'EACCES', 'EROFS', 'ENOSPC', 'EINVAL']);

export class NodeDirFs implements FileSystem {
  private readonly root: string;

  constructor(directory: string) {
    nodeFs.mkdirSync(directory, { recursive: true });
    this.root = nodeFs.realpathSync(directory);
  }

  stat(path: string): FileStat | undefined {
    let real: string;
    try {
      real = this.realPath(path);
    } catch {
      return undefined;
    }
    try {
      const stat = nodeFs.statSync(real);
      return { type: stat.isDirectory() ? 'dir' : 'file', size: stat.isDirectory() ? 4096 : stat.size, mtime: stat.mtimeMs, ino: stat.ino, mode: stat.mode & 0o7777 };
    } catch {
      return undefined;
    }
  }

  readFile(path: string): string {
    return this.guard(path, () => nodeFs.readFileSync(this.realPath(path), 'utf8'));
  }

  writeFile(path: string, data: string, options: { append?: boolean } = {}): void {
    this.guard(path, () => {
      const target = this.writablePath(path);
      if (options.append) nodeFs.appendFileSync(target, data);
      else nodeFs.writeFileSync(target, data);
    });
  }

  readdir(path: string): string[] {
    return this.guard(path, () => nodeFs.readdirSync(this.realPath(path)).sort());
  }

  mkdir(path: string, options: { recursive?: boolean } = {}): void {
    this.guard(path, () => {
      if (options.recursive) {
        // Create one level at a time so every level is checked against the root.
        let current = '';
        for (const segment of normalizePath(path).split('/').filter(Boolean)) {
          current += '/' + segment;
          const stat = this.stat(current);
          if (stat?.type === 'file') throw new FsError('ENOTDIR', current);
          if (!stat) nodeFs.mkdirSync(this.writablePath(current));
        }
        return;
      }
      nodeFs.mkdirSync(this.writablePath(path));
    });
  }

  remove(path: string, options: { recursive?: boolean; dir?: boolean } = {}): void {
    this.guard(path, () => {
      if (normalizePath(path) === '/') throw new FsError('EACCES', path);
      const target = this.writablePath(path);
      const stat = nodeFs.lstatSync(target);
      if (!stat.isDirectory()) nodeFs.unlinkSync(target);
      else if (options.recursive) nodeFs.rmSync(target, { recursive: true });
      else if (options.dir) nodeFs.rmdirSync(target);
      else throw new FsError('EISDIR', path);
    });
  }

  rename(from: string, to: string): void {
    this.guard(from, () => nodeFs.renameSync(this.writablePath(from), this.writablePath(to)));
  }

  /** The host path of an existing entry, following symlinks but never outside the root. */
  private realPath(path: string): string {
    const joined = nodePath.join(this.root, normalizePath(path));
    const real = nodeFs.realpathSync(joined);
    this.checkInside(real, path);
    return real;
  }

  /** The host path for creating or replacing an entry: its parent must resolve inside the root. */
  private writablePath(path: string): string {
    const normal = normalizePath(path);
    const parent = this.realPath(nodePath.posix.dirname(normal));
    const target = nodePath.join(parent, nodePath.posix.basename(normal));
    // A symlink at the target itself must not point out either.
    try {
      const link = nodeFs.lstatSync(target);
      if (link.isSymbolicLink()) this.checkInside(nodeFs.realpathSync(target), path);
    } catch (error) {
      if (error instanceof FsError) throw error;
    }
    return target;
  }

  private checkInside(real: string, path: string): void {
    if (real !== this.root && !real.startsWith(this.root + nodePath.sep)) throw new FsError('EACCES', path);
  }

  private guard<T>(path: string, action: () => T): T {
    try {
      return action();
    } catch (error) {
      if (error instanceof FsError) throw error;
      const code = (error as { code?: string }).code;
      if (code && knownCodes.has(code as FsErrorCode)) throw new FsError(code as FsErrorCode, path);
      if (code === 'EPERM') throw new FsError('EACCES', path);
      if (code === 'ELOOP') throw new FsError('ENOENT', path);
      throw new FsError('EINVAL', path);
    }
  }
}
