import { describe, expect, it } from 'vitest';
import { FsError, type FileSystem } from '../../sim/fs/filesystem';
import { MemFs } from '../../sim/fs/memfs';
import { MountFs } from '../../sim/fs/mountfs';

describe('MountFs', () => {
  it('routes paths to the longest mount prefix', () => {
    const root = new MemFs();
    root.mkdir('/usr');
    const data = new MemFs();
    const deep = new MemFs();
    const fs = new MountFs(root);
    fs.mount('/data', data);
    fs.mount('/data/cache', deep);
    fs.writeFile('/data/a', 'A');
    fs.writeFile('/data/cache/b', 'B');
    fs.writeFile('/datafile', 'C');
    expect(data.readFile('/a')).toBe('A');
    expect(deep.readFile('/b')).toBe('B');
    expect(root.readFile('/datafile')).toBe('C');
    expect(fs.readdir('/')).toEqual(['data', 'datafile', 'usr']);
    expect(fs.readdir('/data')).toEqual(['a', 'cache']);
    expect(fs.stat('/data')?.type).toBe('dir');
  });

  it('shares one emptyDir between two containers at different paths', () => {
    const shared = new MemFs();
    const writer = new MountFs(new MemFs());
    const reader = new MountFs(new MemFs());
    writer.mount('/usr/share/nginx/html', shared);
    reader.mount('/pod-data', shared);
    writer.writeFile('/usr/share/nginx/html/index.html', 'hello');
    expect(reader.readFile('/pod-data/index.html')).toBe('hello');
  });

  it('refuses writes to read-only mounts and names the path the caller used', () => {
    const config = new MemFs();
    config.writeFile('/app.conf', 'x');
    const fs = new MountFs(new MemFs());
    fs.mount('/etc/config', config, { readOnly: true });
    expect(fs.readFile('/etc/config/app.conf')).toBe('x');
    try {
      fs.writeFile('/etc/config/app.conf', 'y');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FsError);
      expect((error as FsError).code).toBe('EROFS');
      expect((error as FsError).path).toBe('/etc/config/app.conf');
    }
    try {
      fs.readFile('/etc/config/missing');
    } catch (error) {
      expect((error as FsError).path).toBe('/etc/config/missing');
    }
  });

  it('moves files across mounts by copying', () => {
    const fs = new MountFs(new MemFs());
    const volume = new MemFs();
    fs.mount('/v', volume);
    fs.writeFile('/a', 'data');
    fs.rename('/a', '/v/a');
    expect(fs.stat('/a')).toBeUndefined();
    expect(volume.readFile('/a')).toBe('data');
  });

  it('gives a new change stamp when any mounted filesystem or the mount table changes, and the same one otherwise', () => {
    const root = new MemFs();
    root.mkdir('/tmp');
    const volume = new MemFs();
    const fs = new MountFs(root);
    fs.mount('/data', volume);
    const stamps = [fs.changeStamp()];
    expect(fs.stat('/tmp')?.type).toBe('dir');
    expect(fs.changeStamp()).toBe(stamps[0]);
    const steps: (() => void)[] = [
      () => fs.writeFile('/tmp/healthy', ''),
      () => volume.writeFile('/ready', 'yes'), // another container writes the shared volume
      () => fs.remove('/tmp/healthy'),
      () => root.chmod('/tmp', 0o700),
      () => root.setMtime('/tmp', 5),
      () => fs.rename('/data/ready', '/data/done'),
      () => fs.mkdir('/data/sub'),
      () => fs.unmount('/data'),
      () => fs.mount('/data', new MemFs()),
    ];
    for (const step of steps) {
      step();
      const stamp = fs.changeStamp();
      expect(stamps).not.toContain(stamp);
      stamps.push(stamp);
    }
  });

  it('cannot tell changes when a mounted filesystem cannot', () => {
    const fs = new MountFs(new MemFs());
    const inner = new MemFs();
    // Like a real directory on disk: every operation, but no change stamp.
    const disk: FileSystem = {
      stat: (p) => inner.stat(p),
      readFile: (p) => inner.readFile(p),
      writeFile: (p, data, options) => inner.writeFile(p, data, options),
      readdir: (p) => inner.readdir(p),
      mkdir: (p, options) => inner.mkdir(p, options),
      remove: (p, options) => inner.remove(p, options),
      rename: (from, to) => inner.rename(from, to),
    };
    fs.mount('/workspace', disk);
    expect(fs.changeStamp()).toBeUndefined();
  });

  it('writes zeros to the filesystem mounted at the path, with the same checks as writeFile', () => {
    const root = new MemFs();
    const data = new MemFs({ sizeLimit: 1024 });
    const config = new MemFs();
    const fs = new MountFs(root);
    fs.mount('/data', data);
    fs.mount('/etc/config', config, { readOnly: true });
    fs.writeZeros('/data/big', 1000);
    expect(data.stat('/big')?.size).toBe(1000);
    expect(fs.stat('/data/big')?.size).toBe(1000);
    expect(root.usedBytes()).toBe(0);
    const stamp = fs.changeStamp();
    fs.writeZeros('/data/big', 24, { append: true });
    expect(fs.changeStamp()).toBeGreaterThan(stamp!);
    expect(data.usedBytes()).toBe(1024);
    const failure = (action: () => void): FsError | undefined => {
      try {
        action();
      } catch (error) {
        if (error instanceof FsError) return error;
        throw error;
      }
      return undefined;
    };
    expect(failure(() => fs.writeZeros('/data/big', 1, { append: true }))).toMatchObject({ code: 'ENOSPC', path: '/data/big' });
    expect(failure(() => fs.writeZeros('/etc/config/x', 1))).toMatchObject({ code: 'EROFS', path: '/etc/config/x' });
    expect(failure(() => fs.writeZeros('/nope/x', 1))).toMatchObject({ code: 'ENOENT', path: '/nope/x' });
  });

  it('writes a string of NULs where the mounted filesystem has no writeZeros', () => {
    const inner = new MemFs();
    const disk: FileSystem = {
      stat: (p) => inner.stat(p),
      readFile: (p) => inner.readFile(p),
      writeFile: (p, data, options) => inner.writeFile(p, data, options),
      readdir: (p) => inner.readdir(p),
      mkdir: (p, options) => inner.mkdir(p, options),
      remove: (p, options) => inner.remove(p, options),
      rename: (from, to) => inner.rename(from, to),
    };
    const fs = new MountFs(new MemFs());
    fs.mount('/workspace', disk);
    fs.writeFile('/workspace/f', 'a');
    fs.writeZeros('/workspace/f', 2, { append: true });
    expect(inner.readFile('/f')).toBe('a\0\0');
  });
});
