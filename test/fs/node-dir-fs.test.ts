import { mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NodeDirFs } from '../../cli/node-dir-fs';
import { FsError } from '../../sim/fs/filesystem';

describe('NodeDirFs', () => {
  let base: string;
  let workspace: string;

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'podlab-fs-'));
    workspace = join(base, 'workspace');
    mkdirSync(workspace);
    writeFileSync(join(base, 'secret.txt'), 'outside');
  });

  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('reads and writes files under its root', () => {
    const fs = new NodeDirFs(workspace);
    fs.mkdir('/manifests/pods', { recursive: true });
    fs.writeFile('/manifests/pods/web.yaml', 'kind: Pod\n');
    fs.writeFile('/manifests/pods/web.yaml', 'x\n', { append: true });
    expect(readFileSync(join(workspace, 'manifests/pods/web.yaml'), 'utf8')).toBe('kind: Pod\nx\n');
    expect(fs.readdir('/manifests/pods')).toEqual(['web.yaml']);
    expect(fs.stat('/manifests')?.type).toBe('dir');
    fs.rename('/manifests/pods/web.yaml', '/web.yaml');
    fs.remove('/manifests', { recursive: true });
    expect(fs.readdir('/')).toEqual(['web.yaml']);
  });

  it('keeps .. and absolute paths inside the root', () => {
    const fs = new NodeDirFs(workspace);
    expect(fs.stat('/../secret.txt')).toBeUndefined();
    fs.writeFile('/../../escape.txt', 'x');
    expect(existsSync(join(base, 'escape.txt'))).toBe(false);
    expect(existsSync(join(workspace, 'escape.txt'))).toBe(true);
  });

  it('refuses symlinks that point outside', () => {
    symlinkSync(join(base, 'secret.txt'), join(workspace, 'link'));
    symlinkSync(base, join(workspace, 'dirlink'));
    const fs = new NodeDirFs(workspace);
    expect(() => fs.readFile('/link')).toThrow(FsError);
    expect(() => fs.writeFile('/link', 'overwritten')).toThrow(FsError);
    expect(() => fs.writeFile('/dirlink/new.txt', 'x')).toThrow(FsError);
    expect(readFileSync(join(base, 'secret.txt'), 'utf8')).toBe('outside');
    expect(existsSync(join(base, 'new.txt'))).toBe(false);
  });

  it('turns Node errors into FsError codes', () => {
    const fs = new NodeDirFs(workspace);
    try {
      fs.readFile('/missing');
      expect.unreachable();
    } catch (error) {
      expect((error as FsError).code).toBe('ENOENT');
    }
  });
});
