// /proc as a node's root shell sees it: a directory per process on the node, and under each one
// `root`, the process's root filesystem (the container's files for a container's process, the
// node's own for the node's). `ls` of the namespace links is answered by the node's `ls`.

import { FsError, type FileStat, type FileSystem } from '../fs/filesystem';

/** What /proc/<pid>/ lists on the node. */
export const procEntryNames = ['attr', 'cgroup', 'cmdline', 'comm', 'cwd', 'environ', 'exe', 'fd', 'limits', 'maps', 'mounts', 'net', 'ns', 'root', 'stat', 'status'];

export interface NodeProcSource {
  /** The PIDs of the node's processes. */
  pids(): number[];
  /** The root filesystem of a process, or undefined when there is no such process. */
  rootOf(pid: number): FileSystem | undefined;
  now(): number;
}

export class NodeProcFs implements FileSystem {
  constructor(private readonly source: NodeProcSource) {}

  /** A path inside a process's root, routed to that filesystem. */
  private route(path: string): { fs: FileSystem; inner: string } | undefined {
    const match = /^\/(\d+)\/root(\/.*)?$/.exec(path);
    if (!match) return undefined;
    const fs = this.source.rootOf(Number(match[1]));
    return fs && { fs, inner: match[2] ?? '/' };
  }

  /** The names of a directory of /proc itself, undefined when it is not one. */
  private dir(path: string): string[] | undefined {
    if (path === '/') return this.source.pids().map(String);
    const match = /^\/(\d+)$/.exec(path);
    if (match && this.source.pids().includes(Number(match[1]))) return procEntryNames;
    return undefined;
  }

  stat(path: string): FileStat | undefined {
    const routed = this.route(path);
    if (routed) return routed.fs.stat(routed.inner);
    if (this.dir(path)) return { type: 'dir', size: 0, mtime: this.source.now(), ino: 1, mode: 0o555 };
    return undefined;
  }

  readFile(path: string): string {
    const routed = this.route(path);
    if (routed) return routed.fs.readFile(routed.inner);
    throw new FsError(this.dir(path) ? 'EISDIR' : 'ENOENT', path);
  }

  readdir(path: string): string[] {
    const routed = this.route(path);
    if (routed) return routed.fs.readdir(routed.inner);
    const names = this.dir(path);
    if (!names) throw new FsError('ENOENT', path);
    return [...names];
  }

  writeFile(path: string, data: string, options?: { append?: boolean }): void {
    this.writable(path).writeFile(this.route(path)!.inner, data, options);
  }

  mkdir(path: string, options?: { recursive?: boolean }): void {
    this.writable(path).mkdir(this.route(path)!.inner, options);
  }

  remove(path: string, options?: { recursive?: boolean; dir?: boolean }): void {
    this.writable(path).remove(this.route(path)!.inner, options);
  }

  rename(from: string, to: string): void {
    const source = this.route(from);
    const target = this.route(to);
    // Root writes across two processes' roots (or out of them) are not something a lesson needs.
    if (!source || !target || source.fs !== target.fs) throw new FsError('EACCES', from);
    source.fs.rename(source.inner, target.inner);
  }

  /** Writes under a process's root go to its files, as root on the node may; /proc itself is read-only. */
  private writable(path: string): FileSystem {
    const routed = this.route(path);
    if (!routed) throw new FsError(this.stat(path) ? 'EACCES' : 'ENOENT', path);
    return routed.fs;
  }

  /** What it shows changes with every process, so a reader may never rely on it staying the same. */
  changeStamp(): number | undefined {
    return undefined;
  }
}
