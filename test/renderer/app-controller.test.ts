// @vitest-environment happy-dom
// The app's controller on the real session and lab, with the stores the page draws and storage in
// memory: what the learner sees when the app opens, as they type, undo, reset, switch exercises or
// language, take an exam, and when the app is opened again on what it saved.
import { describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import type { AppController } from '../../renderer/app-controller';
import { MemoryStorage } from '../../renderer/storage/storage';
import { useClusterStore } from '../../renderer/stores/cluster';
import { useCourseStore } from '../../renderer/stores/course';
import { useExamStore } from '../../renderer/stores/exam';
import { useExerciseStore } from '../../renderer/stores/exercise';
import { useNoticesStore } from '../../renderer/stores/notices';
import { useSettingsStore } from '../../renderer/stores/settings';
import { useTerminalsStore } from '../../renderer/stores/terminals';
import { useWorkspaceStore } from '../../renderer/stores/workspace';
import { registerTerminalInput } from '../../renderer/session/terminal-input';
import { findQuiz } from '../../lab/course';
import { openApp, podNames, type, wall } from './app-harness';

vi.mock('../../renderer/session/course-source', async () => {
  const { loadCourse } = await import('../../lab/loader');
  const { samplePack } = await import('../lab/sample-pack');
  return { loadBundledCourse: () => ({ course: loadCourse(samplePack()).course, problems: [] }) };
});

// The bundled exams are built by vite; these tests give the controller their own.
vi.mock('../../renderer/session/exam-source', () => ({ loadBundledExams: () => ({ exams: [], problems: [] }) }));

function checks(): Record<string, string> {
  return Object.fromEntries(useExerciseStore().checks.map((check) => [check.id, check.state]));
}

function workspaceFiles(): string[] {
  useWorkspaceStore().refresh(useClusterStore().session!);
  return [...useWorkspaceStore().files];
}

/** Saves a file from the editor; the page has drawn it before the learner does anything else. */
async function saveFile(path: string, text: string): Promise<void> {
  useWorkspaceStore().save(useClusterStore().session!, path, text);
  await nextTick();
}

/** Closes the app as the page does when it is hidden: everything saved at once. */
async function closeApp(controller: AppController): Promise<void> {
  await controller.flushAll();
  useClusterStore().stop();
}

function storedProgress(storage: MemoryStorage): Record<string, any> {
  return JSON.parse(JSON.parse(storage.documents.get('progress')!));
}

describe('opening the app', () => {
  it('starts the first exercise with its checks pending, a terminal and the cluster view', async () => {
    await openApp(new MemoryStorage());
    expect(useExerciseStore().exercise?.id).toBe('create-web');
    expect(checks()).toEqual({ 'web-exists': 'pending', 'web-image': 'pending', 'used-run': 'pending' });
    expect(useTerminalsStore().tabs.map((tab) => tab.title)).toEqual(['learner@podlab']);
    expect(useClusterStore().snapshot.nodes.map((node) => node.name)).toEqual(['controlplane', 'node01', 'node02']);
    expect(useNoticesStore().notices).toEqual([]);
  });

  it('says once that the saved progress cannot be read, and never saves over it', async () => {
    const storage = new MemoryStorage();
    storage.documents.set('progress', JSON.stringify('{"schemaVersion": 1, "exercises": '));
    const controller = await openApp(storage);
    expect(useNoticesStore().notices.map((notice) => notice.text)).toEqual([
      expect.stringMatching(/^Your saved progress could not be read \(.+\)\. It is left as it is, and nothing will be saved over it until you restart Pod Lab\.$/),
    ]);
    type('kubectl run web --image=nginx:1.27');
    expect(useExerciseStore().complete).toBe(true);
    await controller.flushAll();
    expect(JSON.parse(storage.documents.get('progress')!)).toBe('{"schemaVersion": 1, "exercises": ');
    // Told once: not again by the `lab` command.
    expect(type('lab check')).not.toContain('could not be read');
  });
});

describe('working on an exercise', () => {
  it('grades each command as it is typed, and records the completion in the saved progress', async () => {
    const storage = new MemoryStorage();
    const controller = await openApp(storage);
    type('kubectl run web --image=nginx');
    expect(checks()).toEqual({ 'web-exists': 'passed', 'web-image': 'failed', 'used-run': 'passed' });
    expect(useExerciseStore().complete).toBe(false);
    type('kubectl delete pod web --now');
    type('kubectl run web --image=nginx:1.27');
    expect(checks()).toEqual({ 'web-exists': 'passed', 'web-image': 'passed', 'used-run': 'passed' });
    expect(useExerciseStore().complete).toBe(true);
    expect(useCourseStore().completed).toEqual(['create-web']);
    await controller.flushAll();
    expect(storedProgress(storage).exercises['create-web'].completedAt).toEqual(expect.any(Number));
  });

  it('undoes the last command, says so in the terminal, and redoes it', async () => {
    const controller = await openApp(new MemoryStorage());
    const said: string[] = [];
    registerTerminalInput(useTerminalsStore().activeId!, { paste: () => {}, focus: () => {}, announce: (text) => said.push(text), transcript: () => '' });
    type('kubectl run web --image=nginx:1.27');
    expect(useExerciseStore().complete).toBe(true);
    expect(controller.undo()).toBe(true);
    expect(podNames()).toEqual([]);
    expect(checks()['web-exists']).toBe('failed');
    expect(said).toEqual([expect.stringMatching(/^undone: kubectl run web --image=nginx:1\.27 \(cluster back to \d\d:\d\d:\d\d\)$/)]);
    expect(controller.redo()).toBe(true);
    expect(podNames()).toEqual(['web']);
    expect(useExerciseStore().complete).toBe(true);
    expect(said[1]).toMatch(/^redone: kubectl run web --image=nginx:1\.27 \(cluster at \d\d:\d\d:\d\d\)$/);
    expect(controller.redo()).toBe(false);
  });

  it('resets the exercise: its cluster and the learner files start afresh', async () => {
    const controller = await openApp(new MemoryStorage());
    type('kubectl run web --image=nginx:1.27');
    await saveFile('web.yaml', 'kind: Pod\n');
    expect(workspaceFiles()).toEqual(['web.yaml']);
    await controller.resetExercise();
    expect(podNames()).toEqual([]);
    expect(workspaceFiles()).toEqual([]);
    expect(checks()).toEqual({ 'web-exists': 'pending', 'web-image': 'pending', 'used-run': 'pending' });
  });

  it("keeps each exercise's files to itself and gives them back when the learner returns", async () => {
    const controller = await openApp(new MemoryStorage());
    await saveFile('web.yaml', 'kind: Pod\n');
    await controller.chooseExercise('remove-old');
    expect(useExerciseStore().exercise?.id).toBe('remove-old');
    expect(workspaceFiles()).toEqual(['notes/answer.txt']);
    expect(podNames()).toEqual(['old']);
    await saveFile('notes/answer.txt', 'deleted\n');
    await controller.chooseExercise('create-web');
    expect(workspaceFiles()).toEqual(['web.yaml']);
    expect(useWorkspaceStore().read(useClusterStore().session!, 'web.yaml')).toBe('kind: Pod\n');
    await controller.chooseExercise('remove-old');
    expect(useWorkspaceStore().read(useClusterStore().session!, 'notes/answer.txt')).toBe('deleted\n');
    expect(checks().answer).toBe('passed');
  });

  it("grades a quiz answer, keeps it, and shows the options in the learner's own order after a reload", async () => {
    const storage = new MemoryStorage();
    const first = await openApp(storage);
    const quiz = findQuiz(useCourseStore().course, 'pod-quiz')!.quiz;
    const order = first.quizOptionOrder(quiz);
    expect([...order].sort()).toEqual([0, 1]);
    expect(first.answerQuiz('pod-quiz', [1])).toMatchObject({ correct: false, wrongChoices: [{ en: 'Containers run inside a Pod.' }] });
    expect(first.answerQuiz('pod-quiz', [0])).toMatchObject({ correct: true });
    expect(useCourseStore().quizzes['pod-quiz']).toEqual({ correct: true, choices: [0] });
    await closeApp(first);

    const second = await openApp(storage);
    expect(useCourseStore().quizzes['pod-quiz']).toEqual({ correct: true, choices: [0] });
    expect(second.quizOptionOrder(quiz)).toEqual(order);
  });

  it('switches the lab to the language chosen in the settings', async () => {
    const storage = new MemoryStorage();
    const controller = await openApp(storage);
    useSettingsStore().language = 'zh';
    await nextTick();
    expect(type('lab check')).toContain('存在名为 web 的 Pod');
    await controller.flushAll();
    expect(storedProgress(storage).language).toBe('zh');
    expect(JSON.parse(storage.documents.get('settings')!).language).toBe('zh');
  });
});

describe('opening the app again', () => {
  it('puts back the cluster, the files, the checks and the history the learner left', async () => {
    const storage = new MemoryStorage();
    const first = await openApp(storage);
    await first.chooseExercise('remove-old');
    type('kubectl delete pod old --now');
    await saveFile('notes/answer.txt', 'not yet\n');
    useWorkspaceStore().setDraft('notes/answer.txt', 'deleted', 'not yet\n');
    await closeApp(first);

    await openApp(storage);
    expect(useExerciseStore().exercise?.id).toBe('remove-old');
    expect(podNames()).toEqual([]);
    expect(useWorkspaceStore().read(useClusterStore().session!, 'notes/answer.txt')).toBe('not yet\n');
    expect(useWorkspaceStore().drafts).toEqual({ 'notes/answer.txt': 'deleted' });
    // Worked on before the reload: what does not pass shows as failed, not pending.
    expect(checks()).toMatchObject({ 'old-gone': 'passed', answer: 'failed' });
    expect(useTerminalsStore().savedHistory).toEqual(['kubectl delete pod old --now']);
  });

  it('takes up an exam in progress with its task and countdown, and keeps it out of the exercise journal', async () => {
    const storage = new MemoryStorage();
    const first = await openApp(storage);
    useExamStore().start('sample');
    expect(useClusterStore().speed).toBe(1);
    useExamStore().select(2);
    const remaining = useExamStore().remainingMs;
    expect(remaining).toBeGreaterThan(29 * 60 * 1000);
    await closeApp(first);
    expect(JSON.parse(storage.documents.get('journal')!).snapshot).toBeUndefined();
    wall.now += 5 * 60 * 1000;

    await openApp(storage);
    const exam = useExamStore();
    expect(exam.running?.id).toBe('sample');
    expect(exam.selected).toBe(2);
    expect(exam.remainingMs).toBeLessThanOrEqual(remaining - 5 * 60 * 1000);
    expect(exam.remainingMs).toBeGreaterThan(remaining - 6 * 60 * 1000);
    expect(useClusterStore().session!.api.list('Deployment', 'default').map((deployment) => deployment.metadata.name)).toEqual([expect.stringMatching(/^(shop|blog)-api$/)]);
  });
});
