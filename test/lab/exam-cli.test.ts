// A whole exam taken through `podlab --script`: the bundled exams, drawn with a seed, solved with
// their reference solutions typed as a learner would (heredocs for files, sleep for waiting),
// finished with the full score, and the result kept in the progress file.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/podlab';
import { readLessonFolder } from '../../node-shared/lesson-files';
import { examAttempt, loadExams } from '../../lab/exam';
import type { SolutionStep } from '../../lab/schema';

const examsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'exams');
const { exams } = loadExams(readLessonFolder(examsDir).files);

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'podlab-exam-'));
});

afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

async function podlab(script: string): Promise<string> {
  const scriptFile = join(dir, 'exam.sh');
  writeFileSync(scriptFile, script);
  let stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  await main(['--script', scriptFile, '--state', join(dir, 'progress.json'), '--workspace', dir]);
  vi.restoreAllMocks();
  return stdout;
}

/** A solution step as the learner types it. */
function typed(step: SolutionStep): string {
  if ('run' in step) return step.run;
  if ('wait' in step) return `sleep ${step.wait}`;
  const folder = step.write.path.includes('/') ? `mkdir -p ${step.write.path.slice(0, step.write.path.lastIndexOf('/'))}\n` : '';
  return `${folder}cat > ${step.write.path} <<'END'\n${step.write.content.replace(/\n$/, '')}\nEND`;
}

describe('an exam through podlab --script', () => {
  it('ships two exams of at least 15 tasks', () => {
    expect(exams.map((exam) => exam.id).sort()).toEqual(['ckad-practice', 'cluster-practice']);
    for (const exam of exams) expect(exam.taskCount).toBeGreaterThanOrEqual(15);
  });

  it.each(exams.map((exam) => [exam.id, exam] as const))('takes %s from start to the full score', async (_id, template) => {
    const exam = examAttempt(template, 11);
    const lines = [`lab exam start ${exam.id} --seed 11`, 'lab exam task 1'];
    for (const task of exam.tasks) lines.push(...task.solution.map(typed));
    lines.push('lab exam finish', 'lab exam list');
    const stdout = await podlab(lines.join('\n'));
    expect(stdout).toContain(`Task 1 of ${exam.tasks.length}: ${exam.tasks[0].title.en}`);
    const finished = stdout.slice(stdout.indexOf('$ lab exam finish'));
    for (const task of exam.tasks) expect(finished).toContain(`Task ${task.number}: ${task.title.en}: ${task.weight}/${task.weight} point`);
    expect(finished).toContain(`score: ${exam.points}/${exam.points} points (100%)\n`);
    expect(finished).toMatch(new RegExp(`results: 100% \\(\\d{4}-\\d{2}-\\d{2}\\)`));
    const progress = JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8'));
    expect(progress.exams[exam.id]).toEqual([expect.objectContaining({ seed: 11, points: exam.points, total: exam.points, percent: 100 })]);
  }, 120_000);

  it('takes an exam up again after podlab restarts: same draw, flags, context, clusters and files', async () => {
    const template = exams.find((exam) => exam.id === 'cluster-practice')!;
    const exam = examAttempt(template, 5);
    const nodeTask = exam.tasks.find((task) => task.id === 'kubelet-down')!;
    const first = await podlab(['lab exam start cluster-practice --seed 5', 'lab exam flag 4', 'kubectl config use-context k8s-c2', 'kubectl run left-running --image=nginx:1.27', 'sleep 10', 'echo one >> notes.txt'].join('\n'));
    expect(first).toContain('Switched to context "k8s-c2".');
    const saved = JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8'));
    expect(saved.examInProgress).toMatchObject({ id: 'cluster-practice', seed: 5, flagged: [4] });
    // The countdown is the wall clock's: it ran on while podlab was closed.
    saved.examInProgress.startedAt -= 10 * 60_000;
    saved.examInProgress.deadline -= 10 * 60_000;
    writeFileSync(join(dir, 'progress.json'), JSON.stringify(saved));
    const second = await podlab(['lab exam status', 'kubectl config current-context', 'kubectl get pods left-running --no-headers', 'cat notes.txt', ...nodeTask.solution.slice(1).map(typed), 'lab exam finish'].join('\n'));
    // Ten minutes went by while podlab was closed, and a moment while it runs.
    expect(second).toMatch(/Time left: 1:(49:[0-5]\d|50:00)\n/);
    expect(second).toContain('⚑  4. ');
    expect(second).toContain('$ kubectl config current-context\nk8s-c2\n');
    expect(second).toMatch(/left-running +1\/1 +Running/);
    expect(second).toContain('$ cat notes.txt\none\n$ ');
    expect(second).toContain(`Task ${nodeTask.number}: ${nodeTask.title.en}: ${nodeTask.weight}/${nodeTask.weight} points`);
    expect(JSON.parse(readFileSync(join(dir, 'progress.json'), 'utf8')).examInProgress).toBeUndefined();
  }, 120_000);
});
