// A small in-memory FileSystem for the lab tests.

import { FsError, type FileStat, type FileSystem } from '../../sim/fs/filesystem';

interface Node {
  type: 'file' | 'dir';
  data: string;
  mtime: number;
  ino: number;
}

export class MemoryFileSystem implements FileSystem {
  private readonly nodes = new Map<string, Node>([['/', { type: 'dir', data: '', mtime: 0, ino: 1 }]]);
  private nextIno = 2;
  onWrite: () => void = () => {};

  constructor(private readonly now: () => number = () => 0) {}

  private parent(path: string): string {
    const index = path.lastIndexOf('/');
    return index <= 0 ? '/' : path.slice(0, index);
  }

  stat(path: string): FileStat | undefined {
    const node = this.nodes.get(path);
    if (!node) return undefined;
    return { type: node.type, size: node.data.length, mtime: node.mtime, ino: node.ino, mode: node.type === 'dir' ? 0o755 : 0o644 };
  }

  readFile(path: string): string {
    const node = this.nodes.get(path);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type === 'dir') throw new FsError('EISDIR', path);
    return node.data;
  }

  writeFile(path: string, data: string, options?: { append?: boolean }): void {
    const parent = this.nodes.get(this.parent(path));
    if (!parent) throw new FsError('ENOENT', path);
    if (parent.type !== 'dir') throw new FsError('ENOTDIR', path);
    const existing = this.nodes.get(path);
    if (existing?.type === 'dir') throw new FsError('EISDIR', path);
    const text = options?.append && existing ? existing.data + data : data;
    this.nodes.set(path, { type: 'file', data: text, mtime: this.now(), ino: existing?.ino ?? this.nextIno++ });
    this.onWrite();
  }

  readdir(path: string): string[] {
    const prefix = path === '/' ? '/' : `${path}/`;
    return [...this.nodes.keys()]
      .filter((key) => key !== path && key.startsWith(prefix) && !key.slice(prefix.length).includes('/'))
      .map((key) => key.slice(prefix.length))
      .sort();
  }

  mkdir(path: string, options?: { recursive?: boolean }): void {
    if (this.nodes.has(path)) {
      if (options?.recursive) return;
      throw new FsError('EEXIST', path);
    }
    const parent = this.parent(path);
    if (!this.nodes.has(parent)) {
      if (!options?.recursive) throw new FsError('ENOENT', path);
      this.mkdir(parent, options);
    }
    this.nodes.set(path, { type: 'dir', data: '', mtime: this.now(), ino: this.nextIno++ });
  }

  remove(path: string): void {
    if (!this.nodes.delete(path)) throw new FsError('ENOENT', path);
    for (const key of [...this.nodes.keys()]) if (key.startsWith(`${path}/`)) this.nodes.delete(key);
    this.onWrite();
  }

  rename(from: string, to: string): void {
    const node = this.nodes.get(from);
    if (!node) throw new FsError('ENOENT', from);
    this.nodes.delete(from);
    this.nodes.set(to, node);
    this.onWrite();
  }
}
