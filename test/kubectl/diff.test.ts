// kubectl diff prints what GNU `diff -u -N` prints over the live and merged objects: the hunks are
// compared with the real diff on the same texts.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifiedHunks } from '../../sim/kubectl/commands/diff';
import { Lab } from './harness';

const lines = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);
const cases: [string, string[], string[]][] = [
  ['one change in the middle', lines(20), lines(20).map((l, i) => (i === 9 ? 'changed' : l))],
  ['two changes close together make one hunk', lines(20), lines(20).map((l, i) => (i === 5 || i === 10 ? `${l}!` : l))],
  ['two changes far apart make two hunks', lines(30), lines(30).map((l, i) => (i === 2 || i === 25 ? `${l}!` : l))],
  ['a new file', [], lines(5)],
  ['a removed file', lines(4), []],
  ['lines added at the end', lines(6), [...lines(6), 'x', 'y']],
  ['lines removed at the start', lines(8), lines(8).slice(2)],
  ['a block replaced by a longer one', lines(12), [...lines(12).slice(0, 4), 'a', 'b', 'c', ...lines(12).slice(6)]],
];

describe('unified diff hunks', () => {
  it('are empty for equal texts', () => {
    expect(unifiedHunks(lines(5), lines(5))).toBe('');
  });

  describe.skipIf(!existsSync('/usr/bin/diff'))('match GNU diff -u', () => {
    for (const [name, a, b] of cases) {
      it(name, () => {
        const dir = mkdtempSync(join(tmpdir(), 'hunks-'));
        writeFileSync(join(dir, 'a'), a.map((l) => `${l}\n`).join(''));
        writeFileSync(join(dir, 'b'), b.map((l) => `${l}\n`).join(''));
        let real = '';
        try {
          execFileSync('/usr/bin/diff', ['-u', join(dir, 'a'), join(dir, 'b')], { encoding: 'utf8' });
        } catch (error) {
          real = (error as { stdout: string }).stdout;
        }
        expect(unifiedHunks(a, b)).toBe(real.split('\n').slice(2).join('\n'));
      });
    }
  });
});

describe('kubectl diff', () => {
  const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ${image}
`;

  it('exits 0 with no output when the live object is what apply would make', () => {
    const lab = new Lab();
    lab.write('web.yaml', deployment('nginx:1.27'));
    expect(lab.run(['apply', '-f', 'web.yaml']).code).toBe(0);
    expect(lab.run(['diff', '-f', 'web.yaml'])).toEqual({ stdout: '', stderr: '', code: 0 });
  });

  it('prints diff -u -N of the live and merged YAML and exits 1 on a change', () => {
    const lab = new Lab();
    lab.write('web.yaml', deployment('nginx:1.27'));
    lab.run(['apply', '-f', 'web.yaml']);
    lab.write('web.yaml', deployment('nginx:1.26'));
    const result = lab.run(['diff', '-f', 'web.yaml']);
    expect(result.code).toBe(1);
    const out = result.stdout.split('\n');
    expect(out[0]).toMatch(/^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web$/);
    expect(out[1]).toMatch(/^--- \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web\t2026-01-15 09:00:00\.000000000 \+0000$/);
    expect(out[2]).toMatch(/^\+\+\+ \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web\t2026-01-15 09:00:00\.000000000 \+0000$/);
    expect(result.stdout).toContain('-  generation: 1\n+  generation: 2\n');
    expect(result.stdout).toContain('-      - image: nginx:1.27\n+      - image: nginx:1.26\n');
    // Nothing was changed on the server.
    expect(lab.run(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']).stdout).toBe('nginx:1.27');
  });

  it('shows a new object as added lines against an empty file, without a last-applied annotation', () => {
    const lab = new Lab();
    lab.write('web.yaml', deployment('nginx:1.27'));
    const result = lab.run(['diff', '-f', 'web.yaml']);
    expect(result.code).toBe(1);
    // kubectl writes an empty file for the live side, so both carry the time of the diff.
    expect(result.stdout.split('\n')[1]).toMatch(/\t2026-01-15 09:00:00\.000000000 \+0000$/);
    expect(result.stdout).toMatch(/\n@@ -0,0 \+1,\d+ @@\n\+apiVersion: apps\/v1\n\+kind: Deployment\n/);
    expect(result.stdout).not.toContain('last-applied-configuration');
    expect(lab.run(['get', 'deploy']).stderr).toBe('No resources found in default namespace.\n');
  });

  it('needs -f, and says so as kubectl does, with exit code 2', () => {
    expect(new Lab().run(['diff'])).toEqual({ stdout: '', stderr: 'error: must specify one of -f and -k\n', code: 2 });
  });
});
