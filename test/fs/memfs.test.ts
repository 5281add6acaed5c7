import { describe, expect, it } from 'vitest';
import { FsError } from '../../sim/fs/filesystem';
import { MemFs } from '../../sim/fs/memfs';

function code(action: () => void): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof FsError) return error.code;
    throw error;
  }
  return undefined;
}

describe('MemFs', () => {
  it('creates, reads, appends and lists files with mtimes from the clock', () => {
    let now = 1000;
    const fs = new MemFs({ now: () => now });
    fs.mkdir('/tmp');
    fs.writeFile('/tmp/a', 'one\n');
    now = 2000;
    fs.writeFile('/tmp/a', 'two\n', { append: true });
    fs.writeFile('/tmp/b', '');
    expect(fs.readFile('/tmp/a')).toBe('one\ntwo\n');
    expect(fs.readdir('/tmp')).toEqual(['a', 'b']);
    expect(fs.stat('/tmp/a')).toMatchObject({ type: 'file', size: 8, mtime: 2000, mode: 0o644 });
    expect(fs.stat('/tmp')?.type).toBe('dir');
  });

  it('gives every entry its own stable inode number', () => {
    const fs = new MemFs({ firstInode: 100 });
    fs.writeFile('/a', '');
    fs.writeFile('/b', '');
    const a = fs.stat('/a')!.ino;
    expect(fs.stat('/')!.ino).toBe(100);
    expect(a).not.toBe(fs.stat('/b')!.ino);
    fs.rename('/a', '/c');
    expect(fs.stat('/c')!.ino).toBe(a);
  });

  it('raises the errno a kernel would', () => {
    const fs = new MemFs();
    fs.mkdir('/d');
    fs.writeFile('/d/f', 'x');
    expect(code(() => fs.readFile('/nope'))).toBe('ENOENT');
    expect(code(() => fs.readFile('/d'))).toBe('EISDIR');
    expect(code(() => fs.writeFile('/nope/f', ''))).toBe('ENOENT');
    expect(code(() => fs.writeFile('/d/f/g', ''))).toBe('ENOTDIR');
    expect(code(() => fs.mkdir('/d'))).toBe('EEXIST');
    expect(code(() => fs.remove('/d'))).toBe('EISDIR');
    expect(code(() => fs.remove('/d', { dir: true }))).toBe('ENOTEMPTY');
    fs.remove('/d', { recursive: true });
    expect(fs.stat('/d')).toBeUndefined();
  });

  it('makes parents with mkdir -p', () => {
    const fs = new MemFs();
    fs.mkdir('/a/b/c', { recursive: true });
    fs.mkdir('/a/b/c', { recursive: true });
    expect(fs.readdir('/a/b')).toEqual(['c']);
  });

  it('counts bytes held and refuses writes beyond the size limit', () => {
    const fs = new MemFs({ sizeLimit: 10 });
    fs.writeFile('/a', '12345');
    fs.writeFile('/a', 'é', { append: true });
    expect(fs.usedBytes()).toBe(7);
    expect(code(() => fs.writeFile('/b', '12345'))).toBe('ENOSPC');
    fs.writeFile('/a', '1');
    expect(fs.usedBytes()).toBe(1);
    fs.mkdir('/d');
    fs.writeFile('/d/x', '123');
    fs.remove('/d', { recursive: true });
    expect(fs.usedBytes()).toBe(1);
  });

  it('refuses every change when read-only', () => {
    const fs = new MemFs();
    fs.writeFile('/a', 'x');
    fs.readOnly = true;
    expect(fs.readFile('/a')).toBe('x');
    expect(code(() => fs.writeFile('/a', 'y'))).toBe('EROFS');
    expect(code(() => fs.mkdir('/d'))).toBe('EROFS');
    expect(code(() => fs.remove('/a'))).toBe('EROFS');
  });
});
