import { describe, expect, it } from 'vitest';
import { basename, dirname, joinPath, normalizePath, resolvePath } from '../../sim/fs/paths';

describe('paths', () => {
  it('normalises slashes, . and .. without going above /', () => {
    expect(normalizePath('/a//b/./c/')).toBe('/a/b/c');
    expect(normalizePath('/a/b/../c')).toBe('/a/c');
    expect(normalizePath('/../../etc')).toBe('/etc');
    expect(normalizePath('/a/.hidden/..x')).toBe('/a/.hidden/..x');
    expect(normalizePath('/a/..')).toBe('/');
  });

  it('resolves relative paths against a working directory', () => {
    expect(resolvePath('/home/learner', 'pod.yaml')).toBe('/home/learner/pod.yaml');
    expect(resolvePath('/home/learner', '../x')).toBe('/home/x');
    expect(resolvePath('/home/learner', '/tmp')).toBe('/tmp');
    expect(joinPath('/a', 'b/', '/c')).toBe('/a/b/c');
  });

  it('takes dirname and basename like the commands', () => {
    expect(dirname('/a/b')).toBe('/a');
    expect(dirname('b')).toBe('.');
    expect(dirname('/b')).toBe('/');
    expect(dirname('/')).toBe('/');
    expect(basename('/a/b/')).toBe('b');
    expect(basename('/')).toBe('/');
  });
});
