// Client-side output (generators, usage errors) compared with captures from the real kubectl 1.32.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Lab, shellWords } from './harness';

const dir = join(__dirname, '../golden-files/kubectl');
const cases = readFileSync(join(dir, 'cases.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'))
  .map((line) => {
    const bar = line.indexOf('|');
    return { name: line.slice(0, bar), args: line.slice(bar + 1) };
  });

/** klog lines carry a wall-clock time and a pid. */
function normalize(text: string): string {
  return text.replace(/^([EW])\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, '$1' + '0000 00:00:00.000000    PID ');
}

function simulate(args: string): string {
  const lab = new Lab();
  for (const file of readdirSync(join(dir, 'workspace'))) lab.write(file, readFileSync(join(dir, 'workspace', file), 'utf8'));
  const result = lab.run(shellWords(args));
  return `$ kubectl ${args}\n${result.stdout}--- stderr\n${result.stderr}--- exit ${result.code}\n`;
}

describe('kubectl matches the real client byte for byte', () => {
  it('has at least 25 captured cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });
  for (const c of cases) {
    it(c.name, () => {
      const golden = readFileSync(join(dir, `${c.name}.golden`), 'utf8');
      expect(normalize(simulate(c.args))).toBe(normalize(golden));
    });
  }
});

const live = existsSync('/usr/bin/kubectl');
describe.skipIf(!live)('against the live /usr/bin/kubectl', () => {
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
        expect(normalize(simulate(c.args)), c.name).toBe(normalize(fresh));
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
