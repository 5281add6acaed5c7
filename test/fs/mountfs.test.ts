import { describe, expect, it } from 'vitest';
import { FsError } from '../../sim/fs/filesystem';
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
});
