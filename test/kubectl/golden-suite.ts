// A folder of captured kubectl outputs (cases.txt, NAME.golden, workspace/ files) checked against
// the lab's kubectl, and, where /usr/bin/kubectl exists, against what the binary prints today.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Lab, shellWords } from './harness';

export interface GoldenCase {
  name: string;
  args: string;
}

export function readGoldenCases(dir: string): GoldenCase[] {
  return readFileSync(join(dir, 'cases.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const bar = line.indexOf('|');
      return { name: line.slice(0, bar), args: line.slice(bar + 1) };
    });
}

/** klog lines carry a wall-clock time and a pid. */
function normalize(text: string): string {
  return text.replace(/^([EW])\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, '$1' + '0000 00:00:00.000000    PID ');
}

function simulate(dir: string, args: string): string {
  const lab = new Lab();
  for (const file of readdirSync(join(dir, 'workspace'))) lab.write(file, readFileSync(join(dir, 'workspace', file), 'utf8'));
  const result = lab.run(shellWords(args));
  return `$ kubectl ${args}\n${result.stdout}--- stderr\n${result.stderr}--- exit ${result.code}\n`;
}

export function goldenSuite(title: string, dir: string, cases: GoldenCase[]): void {
  describe(`${title} matches the real client byte for byte`, () => {
    for (const c of cases) {
      it(c.name, () => {
        const golden = readFileSync(join(dir, `${c.name}.golden`), 'utf8');
        expect(normalize(simulate(dir, c.args))).toBe(normalize(golden));
      });
    }
  });

  describe.skipIf(!existsSync('/usr/bin/kubectl'))(`${title} against the live /usr/bin/kubectl`, () => {
    it('the checked-in goldens are what the binary prints today', () => {
      const scratch = mkdtempSync(join(tmpdir(), 'kubectl-goldens-'));
      try {
        cpSync(dir, scratch, { recursive: true });
        execFileSync('bash', [join(__dirname, '../../scripts/capture-kubectl-goldens.sh')], {
          env: { ...process.env, GOLDEN_DIR: scratch },
          stdio: 'pipe',
          timeout: 120_000,
        });
        for (const c of cases) {
          const fresh = readFileSync(join(scratch, `${c.name}.golden`), 'utf8');
          expect(normalize(simulate(dir, c.args)), c.name).toBe(normalize(fresh));
        }
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });
  });
}
