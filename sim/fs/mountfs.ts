// A container's view of files: its root filesystem plus volumes mounted at paths. A path goes to
// the filesystem mounted at its longest matching prefix, like the kernel's mount table.

import { FsError, lastChangeStampIssued, nextChangeStamp, type FileStat, type FileSystem } from './filesystem';

interface Mount {
  /** Normalised mount point, `/` for the root. */
  path: string;
  fs: FileSystem;
  readOnly: boolean;
}

export class MountFs implements FileSystem {
  /** Longest mount point first. */
  private mounts: Mount[] = [];
  private mountsChangedAt = nextChangeStamp();
  /**
   * The last stamp worked out, and the sequence's stamp when it was: an exec probe asks every few
   * seconds, and mostly nothing anywhere has changed since.
   */
  private stamp: number | undefined;
  private stampIssuedAt = -1;

  constructor(root: FileSystem, options: { readOnly?: boolean } = {}) {
    this.mounts.push({ path: '/', fs: root, readOnly: options.readOnly ?? false });
  }

  /** Mounts `fs` at `path` (its `/` appears there). A later mount at the same path hides the earlier one. */
  mount(path: string, fs: FileSystem, options: { readOnly?: boolean } = {}): void {
    this.mounts = this.mounts.filter((m) => m.path !== path);
    this.mounts.push({ path, fs, readOnly: options.readOnly ?? false });
    this.mounts.sort((a, b) => b.path.length - a.path.length);
    this.mountsChangedAt = nextChangeStamp();
  }

  unmount(path: string): void {
    if (path === '/') return;
    this.mounts = this.mounts.filter((m) => m.path !== path);
    this.mountsChangedAt = nextChangeStamp();
  }

  /** The newest stamp of the mount table and of every mounted filesystem; undefined if one cannot tell. */
  changeStamp(): number | undefined {
    const issued = lastChangeStampIssued();
    if (issued !== this.stampIssuedAt) {
      this.stampIssuedAt = issued;
      this.stamp = this.newestStamp();
    }
    return this.stamp;
  }

  private newestStamp(): number | undefined {
    let newest = this.mountsChangedAt;
    for (const mount of this.mounts) {
      const stamp = mount.fs.changeStamp?.();
      if (stamp === undefined) return undefined;
      if (stamp > newest) newest = stamp;
    }
    return newest;
  }

  mountPoints(): string[] {
    return this.mounts.map((m) => m.path).reverse();
  }

  stat(path: string): FileStat | undefined {
    const { mount, inner } = this.route(path);
    return mount.fs.stat(inner);
  }

  readFile(path: string): string {
    const { mount, inner } = this.route(path);
    return this.translate(path, () => mount.fs.readFile(inner));
  }

  writeFile(path: string, data: string, options?: { append?: boolean }): void {
    const { mount, inner } = this.writableRoute(path);
    this.translate(path, () => mount.fs.writeFile(inner, data, options));
  }

  writeZeros(path: string, count: number, options?: { append?: boolean }): void {
    const { mount, inner } = this.writableRoute(path);
    this.translate(path, () => {
      if (mount.fs.writeZeros) mount.fs.writeZeros(inner, count, options);
      else mount.fs.writeFile(inner, '\0'.repeat(count), options);
    });
  }

  readdir(path: string): string[] {
    const { mount, inner } = this.route(path);
    const names = this.translate(path, () => mount.fs.readdir(inner));
    // Mount points directly under this directory show up even if the lower filesystem lacks them.
    const prefix = path === '/' ? '/' : path + '/';
    let added = false;
    for (const other of this.mounts) {
      if (other.path.length <= prefix.length || !other.path.startsWith(prefix)) continue;
      const rest = other.path.slice(prefix.length);
      if (rest.includes('/') || names.includes(rest)) continue;
      names.push(rest);
      added = true;
    }
    return added ? names.sort() : names;
  }

  mkdir(path: string, options?: { recursive?: boolean }): void {
    if (options?.recursive && this.isMountPoint(path)) return;
    if (this.isMountPoint(path)) throw new FsError('EEXIST', path);
    const { mount, inner } = this.writableRoute(path);
    if (inner === '/' && options?.recursive) return;
    this.translate(path, () => mount.fs.mkdir(inner, options));
  }

  remove(path: string, options?: { recursive?: boolean; dir?: boolean }): void {
    if (this.isMountPoint(path)) throw new FsError('EACCES', path);
    const { mount, inner } = this.writableRoute(path);
    this.translate(path, () => mount.fs.remove(inner, options));
  }

  rename(from: string, to: string): void {
    const source = this.writableRoute(from);
    const target = this.writableRoute(to);
    if (source.mount === target.mount) {
      this.translate(from, () => source.mount.fs.rename(source.inner, target.inner));
      return;
    }
    // Across filesystems mv copies then removes; only plain files here.
    const stat = source.mount.fs.stat(source.inner);
    if (!stat) throw new FsError('ENOENT', from);
    if (stat.type === 'dir') throw new FsError('EINVAL', from);
    const data = source.mount.fs.readFile(source.inner);
    this.translate(to, () => target.mount.fs.writeFile(target.inner, data));
    source.mount.fs.remove(source.inner);
  }

  private isMountPoint(path: string): boolean {
    return path !== '/' && this.mounts.some((m) => m.path === path);
  }

  private route(path: string): { mount: Mount; inner: string } {
    for (const mount of this.mounts) {
      if (mount.path === '/') return { mount, inner: path };
      if (path === mount.path) return { mount, inner: '/' };
      if (path.startsWith(mount.path) && path.charCodeAt(mount.path.length) === 47) {
        return { mount, inner: path.slice(mount.path.length) };
      }
    }
    throw new FsError('ENOENT', path);
  }

  private writableRoute(path: string): { mount: Mount; inner: string } {
    const routed = this.route(path);
    if (routed.mount.readOnly) throw new FsError('EROFS', path);
    return routed;
  }

  /** Errors from a mounted filesystem name its inner path; report the path the caller used. */
  private translate<T>(path: string, action: () => T): T {
    try {
      return action();
    } catch (error) {
      if (error instanceof FsError && error.path !== path) throw new FsError(error.code, path);
      throw error;
    }
  }
}
