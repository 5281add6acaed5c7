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

  it('holds a 200 MiB file of zeros as a count, not a string', () => {
    const fs = new MemFs();
    fs.mkdir('/data');
    const before = process.memoryUsage().heapUsed;
    fs.writeZeros('/data/big', 200 * 1024 * 1024);
    const grown = process.memoryUsage().heapUsed - before;
    expect(grown).toBeLessThan(16 * 1024 * 1024);
    expect(fs.stat('/data/big')).toMatchObject({ type: 'file', size: 209715200 });
    expect(fs.usedBytes()).toBe(209715200);
    // touch appends nothing and keeps it compact
    fs.writeFile('/data/big', '', { append: true });
    fs.writeZeros('/data/big', 1024, { append: true });
    expect(fs.stat('/data/big')?.size).toBe(209716224);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(16 * 1024 * 1024);
    fs.remove('/data/big');
    expect(fs.usedBytes()).toBe(0);
  });

  it('reads zeros back and keeps content in order when text follows them', () => {
    const fs = new MemFs();
    fs.writeZeros('/z', 3);
    expect(fs.readFile('/z')).toBe('\0\0\0');
    fs.writeFile('/f', 'ab');
    fs.writeZeros('/f', 2, { append: true });
    fs.writeFile('/f', 'cé', { append: true });
    fs.writeZeros('/f', 1, { append: true });
    expect(fs.readFile('/f')).toBe('ab\0\0cé\0');
    expect(fs.stat('/f')?.size).toBe(8);
    expect(fs.usedBytes()).toBe(11);
    fs.writeFile('/f', 'new');
    expect(fs.readFile('/f')).toBe('new');
    fs.writeZeros('/f', 4);
    expect(fs.readFile('/f')).toBe('\0\0\0\0');
    expect(fs.usedBytes()).toBe(7);
    fs.rename('/f', '/z');
    expect(fs.usedBytes()).toBe(4);
    expect(fs.stat('/z')?.size).toBe(4);
  });

  it('refuses zeros beyond the size limit and on a read-only filesystem, as writeFile does', () => {
    const fs = new MemFs({ sizeLimit: 100 * 1024 * 1024 });
    fs.mkdir('/d');
    fs.writeFile('/d/a', '12345');
    expect(code(() => fs.writeZeros('/d/big', 100 * 1024 * 1024))).toBe('ENOSPC');
    expect(fs.stat('/d/big')).toBeUndefined();
    fs.writeZeros('/d/big', 100 * 1024 * 1024 - 5);
    expect(fs.usedBytes()).toBe(100 * 1024 * 1024);
    expect(code(() => fs.writeZeros('/d/big', 1, { append: true }))).toBe('ENOSPC');
    expect(code(() => fs.writeFile('/d/b', 'x'))).toBe('ENOSPC');
    // Replacing frees the old content first.
    fs.writeZeros('/d/big', 10);
    expect(fs.usedBytes()).toBe(15);
    expect(code(() => fs.writeZeros('/d', 1))).toBe('EISDIR');
    expect(code(() => fs.writeZeros('/nope/x', 1))).toBe('ENOENT');
    fs.readOnly = true;
    expect(code(() => fs.writeZeros('/d/big', 1))).toBe('EROFS');
  });

  it('changes the change stamp and the mtime on every write of zeros', () => {
    let now = 1000;
    const fs = new MemFs({ now: () => now });
    const first = fs.changeStamp();
    fs.writeZeros('/z', 10);
    const second = fs.changeStamp();
    expect(second).toBeGreaterThan(first);
    now = 2000;
    fs.writeZeros('/z', 10, { append: true });
    expect(fs.changeStamp()).toBeGreaterThan(second);
    expect(fs.stat('/z')?.mtime).toBe(2000);
    const third = fs.changeStamp();
    expect(code(() => new MemFs({ sizeLimit: 1 }).writeZeros('/x', 2))).toBe('ENOSPC');
    expect(fs.changeStamp()).toBe(third);
  });
});

describe('a copy of a filesystem', () => {
  const build = (fs: MemFs) => {
    fs.mkdir('/etc');
    fs.mkdir('/usr/local/bin', { recursive: true });
    fs.writeFile('/etc/os-release', 'NAME=test\n');
    fs.writeFile('/usr/local/bin/tool', '');
    fs.chmod('/usr/local/bin/tool', 0o755);
    fs.writeZeros('/etc/blank', 10);
  };
  const describeTree = (fs: MemFs, path = '/'): string[] => {
    const stat = fs.stat(path)!;
    const line = `${path} ${stat.type} ino=${stat.ino} mode=${stat.mode.toString(8)} mtime=${stat.mtime} size=${stat.size}${stat.type === 'file' ? ` ${JSON.stringify(fs.readFile(path))}` : ''}`;
    if (stat.type === 'file') return [line];
    return [line, ...fs.readdir(path).flatMap((name) => describeTree(fs, `${path === '/' ? '' : path}/${name}`))];
  };

  it('is what building the same files there would give: inode numbers, modes, times and sizes', () => {
    const direct = new MemFs({ now: () => 5000, firstInode: 7000 });
    build(direct);
    const template = new MemFs({ firstInode: 0 });
    build(template);
    const copy = template.copyWith({ now: () => 5000, firstInode: 7000 });
    expect(describeTree(copy)).toEqual(describeTree(direct));
    expect(copy.usedBytes()).toBe(direct.usedBytes());
    copy.writeFile('/etc/new', 'x');
    direct.writeFile('/etc/new', 'x');
    expect(copy.stat('/etc/new')!.ino).toBe(direct.stat('/etc/new')!.ino);
  });

  it('changes apart from the filesystem it was copied from', () => {
    const template = new MemFs();
    build(template);
    const copy = template.copyWith({});
    copy.writeFile('/etc/os-release', 'changed', { append: true });
    copy.remove('/usr', { recursive: true });
    copy.chmod('/etc', 0o700);
    expect(template.readFile('/etc/os-release')).toBe('NAME=test\n');
    expect(template.stat('/usr/local/bin/tool')!.mode).toBe(0o755);
    expect(template.stat('/etc')!.mode).toBe(0o755);
  });

  it('keeps copies apart from each other, and the filesystem they share refuses changes', () => {
    const template = new MemFs();
    build(template);
    const first = template.copyWith({ firstInode: 1000 });
    const second = template.copyWith({ firstInode: 2000 });
    first.writeFile('/etc/os-release', 'first\n');
    first.mkdir('/usr/local/lib');
    expect(second.readFile('/etc/os-release')).toBe('NAME=test\n');
    expect(second.readdir('/usr/local')).toEqual(['bin']);
    expect(first.readdir('/usr/local')).toEqual(['bin', 'lib']);
    expect(() => template.writeFile('/etc/motd', 'hi')).toThrow(expect.objectContaining({ code: 'EROFS' }));
  });
});
