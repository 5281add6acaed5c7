// The containers' tar writes archives in ustar's layout: GNU tar on the host reads them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArchive, writeArchive } from '../../sim/fs/tar-archive';

const members = [
  { name: 'conf/', dir: true, data: '', mode: 0o755, mtime: Date.UTC(2026, 0, 15) },
  { name: 'conf/a.conf', dir: false, data: 'a=1\n', mode: 0o644, mtime: Date.UTC(2026, 0, 15) },
  { name: 'conf/big.txt', dir: false, data: 'x'.repeat(1500), mode: 0o600, mtime: Date.UTC(2026, 0, 15) },
];

describe('tar archives', () => {
  it('read back what was written', () => {
    expect(readArchive(writeArchive(members))).toEqual(members);
  });

  it('are not mistaken for something else', () => {
    expect(readArchive('hello'.padEnd(1024, '!'))).toBeUndefined();
  });

  it.skipIf(!existsSync('/usr/bin/tar') && !existsSync('/bin/tar'))('are listed and unpacked by GNU tar', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tar-'));
    writeFileSync(join(dir, 'x.tar'), Buffer.from(writeArchive(members), 'latin1'));
    expect(execFileSync('tar', ['tvf', join(dir, 'x.tar')], { encoding: 'utf8' })).toMatch(/^drwxr-xr-x root\/root +0 2026-01-15 00:00 conf\/\n-rw-r--r-- root\/root +4 2026-01-15 00:00 conf\/a\.conf\n-rw------- root\/root +1500 /);
    execFileSync('tar', ['xf', join(dir, 'x.tar'), '-C', dir]);
    expect(readFileSync(join(dir, 'conf/a.conf'), 'utf8')).toBe('a=1\n');
  });
});
