// An in-memory filesystem: container roots, volumes (emptyDir), the learner's workspace in the app.

import { FsError, nextChangeStamp, type FileStat, type FileSystem } from './filesystem';
import { pathSegments } from './paths';

interface FileNode {
  type: 'file';
  ino: number;
  mode: number;
  mtime: number;
  /** The content, except for `zeros` NUL bytes that follow it. */
  data: string;
  /** NUL bytes after `data`, kept as a count (a file filled from /dev/zero). */
  zeros: number;
  /** UTF-8 size of the whole content, zeros included. */
  bytes: number;
}

interface DirNode {
  type: 'dir';
  ino: number;
  mode: number;
  mtime: number;
  children: Map<string, Node>;
}

type Node = FileNode | DirNode;

/**
 * A directory of a copied filesystem whose entries are copied from the original's only when first
 * looked at: a container's root filesystem starts as its image's, and a container reads only a
 * few of its directories.
 */
class CopiedDir implements DirNode {
  readonly type = 'dir';
  private entries: Map<string, Node> | undefined;

  constructor(
    private readonly from: DirNode,
    public ino: number,
    public mode: number,
    public mtime: number,
    /** Inode numbers of the copy are the original's shifted by this. */
    private readonly inodeShift: number,
    /** When the copy was made: the date of everything in it. */
    private readonly copiedAt: number,
  ) {}

  get children(): Map<string, Node> {
    if (this.entries) return this.entries;
    const entries = new Map<string, Node>();
    const { inodeShift, copiedAt: mtime } = this;
    for (const [name, node] of this.from.children) {
      entries.set(
        name,
        node.type === 'file'
          ? { type: 'file', ino: node.ino + inodeShift, mode: node.mode, mtime, data: node.data, zeros: node.zeros, bytes: node.bytes }
          : new CopiedDir(node, node.ino + inodeShift, node.mode, mtime, inodeShift, mtime),
      );
    }
    return (this.entries = entries);
  }
}

export interface MemFsOptions {
  /** Virtual clock for mtimes. */
  now?: () => number;
  /** Writes that would take the content above this many bytes fail with ENOSPC. */
  sizeLimit?: number;
  readOnly?: boolean;
  /** First inode number handed out (the root gets it). */
  firstInode?: number;
}

/** UTF-8 length of a string, without allocating. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Text a filesystem holds in memory, all files together (runs of zeros are counts and cost none):
 * past it a write fails with ENOSPC, so a script cannot grow a file until the engine runs out of memory.
 */
export const memFsTextLimit = 64 * 1024 * 1024;

export class MemFs implements FileSystem {
  readOnly: boolean;
  sizeLimit: number | undefined;
  private readonly now: () => number;
  private nextInode: number;
  private root: DirNode;
  private used = 0;
  /** Characters of file text held (zeros not counted): kept under memFsTextLimit. */
  private textHeld = 0;
  private changedAt = nextChangeStamp();

  constructor(options: MemFsOptions = {}) {
    this.now = options.now ?? (() => 0);
    this.readOnly = options.readOnly ?? false;
    this.sizeLimit = options.sizeLimit;
    this.nextInode = options.firstInode ?? 2;
    this.root = { type: 'dir', ino: this.nextInode++, mode: 0o755, mtime: this.now(), children: new Map() };
  }

  /**
   * A new filesystem with this one's directories and files, numbered from `options.firstInode` in
   * the order they were made here and dated `options.now()`: how a container's root filesystem is
   * unpacked from its image's, which is built once.
   */
  copyWith(options: MemFsOptions): MemFs {
    // The copies share its directories until they look into them, so it must not change any more.
    this.readOnly = true;
    const copy = new MemFs(options);
    const inodeShift = copy.root.ino - this.root.ino;
    const mtime = copy.now();
    copy.root = new CopiedDir(this.root, copy.root.ino, this.root.mode, copy.root.mtime, inodeShift, mtime);
    copy.nextInode = this.nextInode + inodeShift;
    copy.used = this.used;
    return copy;
  }

  changeStamp(): number {
    return this.changedAt;
  }

  /** Bytes of file content held (what an emptyDir with medium Memory charges to the pod). */
  usedBytes(): number {
    return this.used;
  }

  stat(path: string): FileStat | undefined {
    const node = this.lookup(path);
    if (!node) return undefined;
    return { type: node.type, size: node.type === 'file' ? node.bytes : 4096, mtime: node.mtime, ino: node.ino, mode: node.mode };
  }

  exists(path: string): boolean {
    return this.lookup(path) !== undefined;
  }

  readFile(path: string): string {
    const node = this.lookup(path);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type === 'dir') throw new FsError('EISDIR', path);
    return node.zeros > 0 ? node.data + '\0'.repeat(node.zeros) : node.data;
  }

  writeFile(path: string, data: string, options: { append?: boolean } = {}): void {
    const before = this.lookup(path);
    const oldText = before?.type === 'file' ? before.data.length + (options.append && data !== '' ? before.zeros : 0) : 0;
    const newText = before?.type === 'file' && options.append ? oldText + data.length : data.length;
    if (newText > oldText && this.textHeld - oldText + newText > memFsTextLimit) throw new FsError('ENOSPC', path);
    const file = this.fileForWrite(path, utf8Length(data), options.append ?? false);
    this.textHeld += newText - (before?.type === 'file' ? before.data.length : 0);
    if (options.append) {
      // Text after a run of zeros: the zeros become part of the text, to keep the order (rare).
      // Appending nothing (touch) leaves them as they are.
      if (file.zeros > 0 && data !== '') {
        file.data += '\0'.repeat(file.zeros);
        file.zeros = 0;
      }
      file.data += data;
    } else {
      file.data = data;
      file.zeros = 0;
    }
  }

  /** Writes `count` NUL bytes, held as a number rather than a string. */
  writeZeros(path: string, count: number, options: { append?: boolean } = {}): void {
    if (!Number.isSafeInteger(count) || count < 0) throw new FsError('EINVAL', path);
    const file = this.fileForWrite(path, count, options.append ?? false);
    if (options.append) {
      file.zeros += count;
    } else {
      this.textHeld -= file.data.length;
      file.data = '';
      file.zeros = count;
    }
  }

  /**
   * The file a write of `addedBytes` goes to, created empty when missing, after the checks a
   * kernel makes (a directory, read-only, out of space) and with its size, mtime and the change
   * stamp already updated; the caller puts the content in.
   */
  private fileForWrite(path: string, addedBytes: number, append: boolean): FileNode {
    const { parent, name } = this.parentOf(path);
    const existing = parent.children.get(name);
    if (existing?.type === 'dir') throw new FsError('EISDIR', path);
    this.checkWritable(path);
    const oldBytes = existing && !append ? existing.bytes : 0;
    const newUsed = this.used - oldBytes + addedBytes;
    if (this.sizeLimit !== undefined && addedBytes > 0 && newUsed > this.sizeLimit) throw new FsError('ENOSPC', path);
    this.used = newUsed;
    this.changedAt = nextChangeStamp();
    const mtime = this.now();
    if (existing) {
      existing.bytes = append ? existing.bytes + addedBytes : addedBytes;
      existing.mtime = mtime;
      return existing;
    }
    const created: FileNode = { type: 'file', ino: this.nextInode++, mode: 0o644, mtime, data: '', zeros: 0, bytes: addedBytes };
    parent.children.set(name, created);
    parent.mtime = mtime;
    return created;
  }

  readdir(path: string): string[] {
    const node = this.lookup(path);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type !== 'dir') throw new FsError('ENOTDIR', path);
    return [...node.children.keys()].sort();
  }

  mkdir(path: string, options: { recursive?: boolean } = {}): void {
    if (options.recursive) {
      let current = this.root;
      let currentPath = '';
      for (const segment of pathSegments(path)) {
        currentPath += '/' + segment;
        const child = current.children.get(segment);
        if (child?.type === 'file') throw new FsError('ENOTDIR', currentPath);
        if (child) {
          current = child;
          continue;
        }
        this.checkWritable(currentPath);
        this.changedAt = nextChangeStamp();
        const created: DirNode = { type: 'dir', ino: this.nextInode++, mode: 0o755, mtime: this.now(), children: new Map() };
        current.children.set(segment, created);
        current.mtime = created.mtime;
        current = created;
      }
      return;
    }
    const { parent, name } = this.parentOf(path);
    if (parent.children.has(name)) throw new FsError('EEXIST', path);
    this.checkWritable(path);
    this.changedAt = nextChangeStamp();
    const mtime = this.now();
    parent.children.set(name, { type: 'dir', ino: this.nextInode++, mode: 0o755, mtime, children: new Map() });
    parent.mtime = mtime;
  }

  remove(path: string, options: { recursive?: boolean; dir?: boolean } = {}): void {
    if (path === '/') throw new FsError(this.readOnly ? 'EROFS' : 'EACCES', path);
    const { parent, name } = this.parentOf(path);
    const node = parent.children.get(name);
    if (!node) throw new FsError('ENOENT', path);
    if (node.type === 'dir') {
      if (!options.recursive && !options.dir) throw new FsError('EISDIR', path);
      if (!options.recursive && node.children.size > 0) throw new FsError('ENOTEMPTY', path);
    }
    this.checkWritable(path);
    this.used -= this.bytesUnder(node);
    this.textHeld -= this.textUnder(node);
    this.changedAt = nextChangeStamp();
    parent.children.delete(name);
    parent.mtime = this.now();
  }

  rename(from: string, to: string): void {
    const source = this.parentOf(from);
    const node = source.parent.children.get(source.name);
    if (!node) throw new FsError('ENOENT', from);
    const target = this.parentOf(to);
    if (node.type === 'dir' && (to + '/').startsWith(from + '/')) throw new FsError('EINVAL', to);
    const existing = target.parent.children.get(target.name);
    if (existing === node) return;
    if (existing?.type === 'dir') {
      if (node.type !== 'dir') throw new FsError('EISDIR', to);
      if (existing.children.size > 0) throw new FsError('ENOTEMPTY', to);
    } else if (existing && node.type === 'dir') {
      throw new FsError('ENOTDIR', to);
    }
    this.checkWritable(to);
    if (existing) {
      this.used -= this.bytesUnder(existing);
      this.textHeld -= this.textUnder(existing);
    }
    this.changedAt = nextChangeStamp();
    source.parent.children.delete(source.name);
    target.parent.children.set(target.name, node);
    const mtime = this.now();
    source.parent.mtime = mtime;
    target.parent.mtime = mtime;
  }

  /** Sets permission bits (e.g. 0o755 to make a script executable). */
  chmod(path: string, mode: number): void {
    const node = this.lookup(path);
    if (!node) throw new FsError('ENOENT', path);
    this.checkWritable(path);
    node.mode = mode & 0o7777;
    this.changedAt = nextChangeStamp();
  }

  /** Sets a file's or directory's modification time (touch on an existing file). */
  setMtime(path: string, mtime: number): void {
    const node = this.lookup(path);
    if (!node) throw new FsError('ENOENT', path);
    this.checkWritable(path);
    node.mtime = mtime;
    this.changedAt = nextChangeStamp();
  }

  private checkWritable(path: string): void {
    if (this.readOnly) throw new FsError('EROFS', path);
  }

  private textUnder(node: Node): number {
    if (node.type === 'file') return node.data.length;
    let total = 0;
    for (const child of node.children.values()) total += this.textUnder(child);
    return total;
  }

  private bytesUnder(node: Node): number {
    if (node.type === 'file') return node.bytes;
    let total = 0;
    for (const child of node.children.values()) total += this.bytesUnder(child);
    return total;
  }

  private lookup(path: string): Node | undefined {
    if (path === '/') return this.root;
    let node: Node = this.root;
    let start = 1;
    while (start <= path.length) {
      let end = path.indexOf('/', start);
      if (end < 0) end = path.length;
      if (end > start) {
        if (node.type !== 'dir') return undefined;
        const child: Node | undefined = node.children.get(path.slice(start, end));
        if (!child) return undefined;
        node = child;
      }
      start = end + 1;
    }
    return node;
  }

  private parentOf(path: string): { parent: DirNode; name: string } {
    const slash = path.lastIndexOf('/');
    const name = path.slice(slash + 1);
    if (name === '') throw new FsError('EINVAL', path);
    const parentPath = slash <= 0 ? '/' : path.slice(0, slash);
    const parent = this.lookup(parentPath);
    if (!parent) throw new FsError('ENOENT', path);
    if (parent.type !== 'dir') throw new FsError('ENOTDIR', path);
    return { parent, name };
  }
}
