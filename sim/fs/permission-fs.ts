// Another filesystem as a process that is not root sees it: the kernel's permission check on
// each access, by the owner, group and mode of the file and of the directories on its way. Root
// (with CAP_DAC_OVERRIDE) is never wrapped: it passes every check.

import { FsError, type FileStat, type FileSystem } from './filesystem';

export interface FileOwner {
  uid: number;
  gid: number;
}

export interface Accessor {
  uid: number;
  /** The primary group and the supplementary ones. */
  groups: number[];
}

const read = 4;
const write = 2;
const search = 1;

export class PermissionFs implements FileSystem {
  constructor(
    private readonly base: FileSystem,
    private readonly accessor: Accessor,
    /** Who owns a path of `base`. */
    private readonly ownerOf: (path: string) => FileOwner,
  ) {}

  /** Whether the accessor has `want` (r, w or x bits) on the existing `path`, by its mode's owner, group or other bits. */
  private allowed(path: string, stat: FileStat, want: number): boolean {
    const owner = this.ownerOf(path);
    const shift = owner.uid === this.accessor.uid ? 6 : this.accessor.groups.includes(owner.gid) ? 3 : 0;
    return ((stat.mode >> shift) & want) === want;
  }

  /** Search permission on every directory above `path` (for a parent's check, also above the parent). */
  private reach(path: string): void {
    const parts = path.split('/').filter(Boolean);
    let dir = '';
    for (const part of ['', ...parts.slice(0, -1)]) {
      dir = part === '' ? '/' : `${dir === '/' ? '' : dir}/${part}`;
      const stat = this.base.stat(dir);
      if (stat?.type === 'dir' && !this.allowed(dir, stat, search)) throw new FsError('EACCES', path);
    }
  }

  /** The failure names `reported`, the path the caller asked about. */
  private check(path: string, want: number, reported = path): void {
    this.reach(reported);
    const stat = this.base.stat(path);
    if (stat && !this.allowed(path, stat, want)) throw new FsError('EACCES', reported);
  }

  /** Creating or removing a name takes write and search permission on its directory. */
  private checkParent(path: string): void {
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    this.check(parent, write | search, path);
  }

  stat(path: string): FileStat | undefined {
    try {
      this.reach(path);
    } catch {
      return undefined;
    }
    return this.base.stat(path);
  }

  readFile(path: string): string {
    this.check(path, read);
    return this.base.readFile(path);
  }

  writeFile(path: string, data: string, options?: { append?: boolean }): void {
    if (this.base.stat(path)) this.check(path, write);
    else this.checkParent(path);
    this.base.writeFile(path, data, options);
  }

  writeZeros(path: string, count: number, options?: { append?: boolean }): void {
    if (!this.base.writeZeros) return this.writeFile(path, '\0'.repeat(count), options);
    if (this.base.stat(path)) this.check(path, write);
    else this.checkParent(path);
    this.base.writeZeros(path, count, options);
  }

  readdir(path: string): string[] {
    this.check(path, read);
    return this.base.readdir(path);
  }

  mkdir(path: string, options?: { recursive?: boolean }): void {
    if (!this.base.stat(path)) this.checkParent(path);
    this.base.mkdir(path, options);
  }

  remove(path: string, options?: { recursive?: boolean; dir?: boolean }): void {
    this.checkParent(path);
    this.base.remove(path, options);
  }

  rename(from: string, to: string): void {
    this.checkParent(from);
    this.checkParent(to);
    this.base.rename(from, to);
  }

  changeStamp(): number | undefined {
    return this.base.changeStamp?.();
  }
}
