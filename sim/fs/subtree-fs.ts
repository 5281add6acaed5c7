// One directory of another filesystem seen as a whole filesystem (a bind mount): a hostPath
// volume shows the node's own directory, so what is written on the node appears in the pod and
// the other way round.

import { FsError, type FileStat, type FileSystem } from './filesystem';

export class SubtreeFs implements FileSystem {
  constructor(
    private readonly base: FileSystem,
    /** The directory of `base` shown as `/`, normalised (`/mnt/data`). */
    private readonly dir: string,
  ) {}

  private inner(path: string): string {
    return path === '/' ? this.dir : this.dir + path;
  }

  /** Errors name the path as the caller gave it. */
  private run<T>(path: string, action: () => T): T {
    try {
      return action();
    } catch (error) {
      if (error instanceof FsError) throw new FsError(error.code, path);
      throw error;
    }
  }

  stat(path: string): FileStat | undefined {
    return this.base.stat(this.inner(path));
  }

  readFile(path: string): string {
    return this.run(path, () => this.base.readFile(this.inner(path)));
  }

  writeFile(path: string, data: string, options?: { append?: boolean }): void {
    this.run(path, () => this.base.writeFile(this.inner(path), data, options));
  }

  writeZeros(path: string, count: number, options?: { append?: boolean }): void {
    this.run(path, () => {
      if (this.base.writeZeros) this.base.writeZeros(this.inner(path), count, options);
      else this.base.writeFile(this.inner(path), '\0'.repeat(count), options);
    });
  }

  readdir(path: string): string[] {
    return this.run(path, () => this.base.readdir(this.inner(path)));
  }

  mkdir(path: string, options?: { recursive?: boolean }): void {
    this.run(path, () => this.base.mkdir(this.inner(path), options));
  }

  remove(path: string, options?: { recursive?: boolean; dir?: boolean }): void {
    if (path === '/') throw new FsError('EACCES', path);
    this.run(path, () => this.base.remove(this.inner(path), options));
  }

  rename(from: string, to: string): void {
    this.run(from, () => this.base.rename(this.inner(from), this.inner(to)));
  }

  changeStamp(): number | undefined {
    return this.base.changeStamp?.();
  }
}
