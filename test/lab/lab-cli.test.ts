// The lab as a learner meets it through `podlab`: a real lesson, graded, with progress in a state
// file that survives a restart, and a lesson pack with one broken file.

import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/podlab';
import { readLessonFolder } from '../../node-shared/lesson-files';
import { allExercises } from '../../lab/course';
import { loadCourse } from '../../lab/loader';

const lessonsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lessons');
const bundled = loadCourse(readLessonFolder(lessonsDir).files).course;
const exerciseCount = allExercises(bundled).length;
const quizCount = bundled.lessons.flatMap((lesson) => lesson.steps).filter((step) => step.kind === 'quiz').length;

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podlab-cli-'));
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs podlab on a script; returns what it printed on stdout and stderr. */
async function podlab(script: string, extraArgs: string[] = []): Promise<{ stdout: string; stderr: string; status: number }> {
  const scriptFile = join(dir, `script-${Math.floor(performance.now() * 1000)}.sh`);
  writeFileSync(scriptFile, script);
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const status = await main(['--script', scriptFile, '--state', join(dir, 'progress.json'), '--workspace', dir, ...extraArgs]);
  vi.restoreAllMocks();
  return { stdout, stderr, status };
}

/** The output of one command of a script (between its `$ ` line and the next). */
function outputOf(stdout: string, command: string): string {
  const start = stdout.indexOf(`$ ${command}\n`);
  if (start < 0) throw new Error(`no output for ${command}`);
  const rest = stdout.slice(start + command.length + 3);
  const end = rest.search(/^\$ /m);
  return end < 0 ? rest : rest.slice(0, end);
}

describe('the lab through podlab', () => {
  it('grades an exercise and keeps progress and the language across runs', async () => {
    const first = await podlab(
      [
        'lab start first-pod-manifest',
        'lab check',
        'kubectl run web --image=nginx:1.27 --labels=app=web --dry-run=client -o yaml > web.yaml',
        "sed -i 's/^    name: web$/    name: nginx/' web.yaml",
        'kubectl apply -f web.yaml',
        'sleep 15',
        'kubectl describe pod web > /dev/null',
        'lab check',
        'lab list',
      ].join('\n'),
    );
    expect(first.stderr).toBe('');
    expect(outputOf(first.stdout, 'lab start first-pod-manifest').split('\n')[0]).toBe('Exercise first-pod-manifest: Write and apply a Pod manifest (Your first Pod)');
    expect(outputOf(first.stdout, 'lab check')).toBe(
      [
        '✘ A Pod named web exists',
        '    Pod "web" not found',
        '✘ The Pod carries the label app=web',
        '    Pod "web" not found',
        '✘ Its container nginx runs nginx:1.27',
        '    Pod "web" not found',
        '✘ The Pod is Running',
        '    Pod "web" not found',
        '✘ nginx in the Pod serves its welcome page',
        '    Pod "web" not found',
        '✘ You read kubectl describe pod web',
        '    not run yet',
        '0/6 checks pass',
        '',
      ].join('\n'),
    );
    const secondCheck = first.stdout.slice(first.stdout.lastIndexOf('$ lab check\n'));
    expect(secondCheck).toContain('✔ Its container nginx runs nginx:1.27\n');
    expect(secondCheck).toContain('6/6 checks pass\n\nExercise complete. Well done!\n');
    expect(outputOf(first.stdout, 'lab list').split('\n').slice(0, 3)).toEqual([
      '1. Your first Pod (first-pod)',
      '   ✓ first-pod-manifest   Write and apply a Pod manifest',
      "   · logs-from-stdout     Read a container's log",
    ]);

    // A second podlab with the same state file: a fresh cluster, the progress kept.
    const second = await podlab(['lab list', 'kubectl get pods', 'lab lang zh', 'lab status'].join('\n'));
    expect(outputOf(second.stdout, 'lab list')).toContain('   ✓ first-pod-manifest   Write and apply a Pod manifest\n');
    expect(outputOf(second.stdout, 'kubectl get pods')).toBe('No resources found in default namespace.\n');
    expect(outputOf(second.stdout, 'lab status')).toBe(`练习：尚未开始\n已完成：1/${exerciseCount} 个练习\n测验：已答对 0/${quizCount} 道\n`);

    // The language choice is progress too.
    const third = await podlab('lab status');
    expect(outputOf(third.stdout, 'lab status')).toBe(`练习：尚未开始\n已完成：1/${exerciseCount} 个练习\n测验：已答对 0/${quizCount} 道\n`);
  }, 60_000);

  it('reports a malformed lesson file with its file and path, and loads the rest', async () => {
    const pack = join(dir, 'pack');
    cpSync(join(lessonsDir, '01-first-pod'), join(pack, '01-first-pod'), { recursive: true });
    cpSync(join(lessonsDir, '04-pod-phases'), join(pack, '04-pod-phases'), { recursive: true });
    writeFileSync(
      join(pack, '04-pod-phases', 'lesson.yaml'),
      'id: pod-phases\norder: 4\ntitle: { en: Phases, zh: 阶段 }\nsummary: { en: S, zh: S }\nprerequisites: []\ntext: { en: text.en.md, zh: text.zh.md }\nsteps:\n  - exercise:\n      id: broken\n      title: { en: Broken }\n',
    );
    const run = await podlab('lab list', ['--lessons', pack]);
    expect(run.stderr).toContain(`${pack}/04-pod-phases/lesson.yaml: steps[0].exercise.title.zh:`);
    expect(outputOf(run.stdout, 'lab list').split('\n')[0]).toBe('1. Your first Pod (first-pod)');
    expect(run.stdout).not.toContain('pod-phases');
  }, 60_000);
});
