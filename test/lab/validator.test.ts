import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLessonFolder } from '../../node-shared/lesson-files';
import { formatProblem } from '../../lab/loader';
import { summaryLine, validateCourse } from '../../lab/validator';
import { labSession } from './lab-session';
import { firstPodLesson, samplePack } from './sample-pack';

const options = { label: 'lessons', createSession: () => labSession() };

describe('validator', () => {
  it('replays every exercise of a valid pack', () => {
    const report = validateCourse(samplePack(), options);
    expect(report.problems.map(formatProblem)).toEqual([]);
    expect(summaryLine(report)).toBe('Checked 2 lessons, 3 exercises, 6 mistakes rejected, 3 alternatives accepted: all valid.');
  });

  it('reports a solution that does not pass, a starting state that already passes, and failing commands', () => {
    const files = samplePack();
    files.set(
      '01-first-pod/lesson.yaml',
      firstPodLesson
        .replace('- run: kubectl run web --image=nginx:1.27', '- run: kubectl run web --image=nginx:1.25\n        - run: kubectl frobnicate')
        .replace('        - wait: 30\n', '        - wait: 10\n'),
    );
    const report = validateCourse(files, options);
    expect(report.problems.map(formatProblem)).toEqual([
      'lessons/01-first-pod/lesson.yaml: steps[0].exercise: solution[1]: "kubectl frobnicate" exited with status 1: Error: unknown command "frobnicate" for "kubectl"',
      'lessons/01-first-pod/lesson.yaml: steps[0].exercise: checks: web-image fails after the solution: expected image to be "nginx:1.27", found "nginx:1.25"',
      'lessons/01-first-pod/lesson.yaml: steps[2].exercise: checks: stays-gone fails after the solution: Pod "old" is gone; held for 15s of 20s',
    ]);
    expect(summaryLine(report)).toBe('Checked 2 lessons, 3 exercises, 6 mistakes rejected, 3 alternatives accepted: 3 problems.');
  });

  it('replays only the exercises asked for, and still loads the whole pack', () => {
    const files = samplePack();
    files.set('01-first-pod/lesson.yaml', firstPodLesson.replace('- run: kubectl run web --image=nginx:1.27', '- run: kubectl run web --image=nginx:1.25'));
    const replayed: string[] = [];
    const report = validateCourse(files, { ...options, include: (exercise) => exercise.lessonId === 'labels', onExercise: (exercise) => replayed.push(exercise.id) });
    expect(replayed).toEqual(['three-web-pods']);
    expect(summaryLine(report)).toBe('Checked 2 lessons, 1 exercise, 2 mistakes rejected, 1 alternative accepted: all valid.');
  });

  it('reports a check that already passes at the start, unless it is ordered after another', () => {
    const withStartingPods = (lesson: string) =>
      lesson.replace(
        '      checks:\n        - id: three',
        '      start:\n        objects: |\n          apiVersion: v1\n          kind: Pod\n          metadata: { name: z, labels: { app: web } }\n          spec: { containers: [ { name: z, image: nginx } ] }\n      checks:\n        - id: three',
      );
    const files = samplePack();
    // One nginx Pod labelled app=web is there from the start: "they all run nginx" holds before anything is done.
    files.set('02-labels/lesson.yaml', withStartingPods(files.get('02-labels/lesson.yaml')!));
    expect(validateCourse(files, options).problems.map(formatProblem)).toEqual([
      'lessons/02-labels/lesson.yaml: steps[0].exercise: checks: all-nginx already passes at the start; make it prove the change, or order it after another check (after:)',
      // With z there from the start, two more Pods make three: that mistake no longer fails.
      'lessons/02-labels/lesson.yaml: steps[0].exercise: mistakes[0] (two Pods only): the mistake passes every check',
    ]);

    files.set('02-labels/lesson.yaml', files.get('02-labels/lesson.yaml')!.replace('          field: { kind: Pod, selector: "app=web"', '          after: three\n          field: { kind: Pod, selector: "app=web"'));
    expect(validateCourse(files, options).problems.map(formatProblem)).toEqual([
      'lessons/02-labels/lesson.yaml: steps[0].exercise: mistakes[0] (two Pods only): the mistake passes every check',
    ]);

    const allPass = samplePack();
    allPass.set(
      '02-labels/lesson.yaml',
      allPass
        .get('02-labels/lesson.yaml')!
        .replace('op: ">=", value: 3', 'op: ">=", value: 0')
        .replace('field: { kind: Pod, selector: "app=web", path: "spec.containers[0].image", op: matches, value: "^nginx" }', 'absent: { kind: Pod, name: x }'),
    );
    expect(validateCourse(allPass, options).problems.map(formatProblem)).toContain('lessons/02-labels/lesson.yaml: steps[0].exercise: the starting state already passes every check');
  });
});

describe('reading a lesson folder from disk', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads YAML and Markdown files, refusing links out of the folder and files over 1 MiB', () => {
    dir = mkdtempSync(join(tmpdir(), 'podlab-pack-'));
    const pack = join(dir, 'pack');
    mkdirSync(join(pack, '01-first-pod'), { recursive: true });
    for (const [path, text] of samplePack()) {
      mkdirSync(join(pack, path.split('/')[0]), { recursive: true });
      writeFileSync(join(pack, path), text);
    }
    writeFileSync(join(dir, 'secret.md'), 'outside');
    symlinkSync(join(dir, 'secret.md'), join(pack, '01-first-pod', 'leak.md'));
    writeFileSync(join(pack, '01-first-pod', 'huge.md'), 'x'.repeat(1024 * 1024 + 1));
    writeFileSync(join(pack, '01-first-pod', 'script.js'), 'ignored');
    const { files, refused } = readLessonFolder(pack);
    expect([...files.keys()].sort()).toEqual([...samplePack().keys()].sort());
    expect(refused).toEqual([
      { path: '01-first-pod/huge.md', reason: 'larger than 1 MiB (1048577 bytes)' },
      { path: '01-first-pod/leak.md', reason: 'leads outside the lesson folder' },
    ]);
    expect(summaryLine(validateCourse(files, options))).toBe('Checked 2 lessons, 3 exercises, 6 mistakes rejected, 3 alternatives accepted: all valid.');
  });
});
