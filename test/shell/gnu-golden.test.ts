// GNU coreutils output captured from the real tools (test/golden-files/shell/gnu-coreutils.txt):
// the workstation dialect must print the same, and the golden file must still match the real
// tools where they are installed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemFs } from '../../sim/fs/memfs';
import { createShellState } from '../../sim/shell/lang';
import { run } from './harness';

const goldenDir = join(__dirname, '../golden-files/shell');
const cases = readFileSync(join(goldenDir, 'gnu-coreutils.cases'), 'utf8').split('\n').filter((line) => line !== '');
const golden = readFileSync(join(goldenDir, 'gnu-coreutils.txt'), 'utf8');

function transcript(runLine: (line: string) => { output: string; status: number | undefined }): string {
  let out = '';
  for (const line of cases) {
    const result = runLine(line);
    out += `$ ${line}\n${result.output}[${result.status}]\n`;
  }
  return out;
}

describe('GNU dialect against captured coreutils output', () => {
  it('prints what coreutils prints', () => {
    const simulated = transcript((line) => {
      const fs = new MemFs();
      fs.mkdir('/work');
      fs.mkdir('/work/d');
      fs.writeFile('/work/f.txt', 'b\na\nc\nb\n');
      return run(line, { dialect: 'bash', fs, state: createShellState({ cwd: '/work' }) });
    });
    expect(simulated).toBe(golden);
  });

  it.skipIf(!existsSync('/usr/bin/bash') || !existsSync('/usr/bin/sort'))('golden file still matches the real tools', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podlab-gnu-'));
    try {
      const live = transcript((line) => {
        rmSync(join(dir, 'w'), { recursive: true, force: true });
        mkdirSync(join(dir, 'w', 'd'), { recursive: true });
        writeFileSync(join(dir, 'w', 'f.txt'), 'b\na\nc\nb\n');
        try {
          const output = execFileSync('/usr/bin/bash', ['-c', `${line} 2>&1`], { cwd: join(dir, 'w'), encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
          return { output, status: 0 };
        } catch (error) {
          const failure = error as { stdout: string; status: number };
          return { output: failure.stdout, status: failure.status };
        }
      });
      expect(live).toBe(golden);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
