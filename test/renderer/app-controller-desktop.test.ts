// @vitest-environment happy-dom
// The app's controller in the desktop build: the menu's commands and lesson packs opened from
// folders. In a file of its own, so that no app opened by another test still runs beside it.
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAppController } from '../../renderer/app-controller';
import { MemoryStorage } from '../../renderer/storage/storage';
import { useClusterStore } from '../../renderer/stores/cluster';
import { useCourseStore } from '../../renderer/stores/course';
import { useExerciseStore } from '../../renderer/stores/exercise';
import { useTerminalsStore } from '../../renderer/stores/terminals';
import { createSession } from '../../sim/session';
import { loadExams, type ExamTemplate } from '../../lab/exam';
import type { DesktopBridge } from '../../renderer/desktop/bridge';
import { sampleExam } from '../lab/sample-exam';
import { labelsLesson } from '../lab/sample-pack';

vi.mock('../../renderer/session/course-source', async () => {
  const { loadCourse } = await import('../../lab/loader');
  const { samplePack } = await import('../lab/sample-pack');
  return { loadBundledCourse: () => ({ course: loadCourse(samplePack()).course, problems: [] }) };
});

// The bundled exams are built by vite; these tests give the controller their own.
vi.mock('../../renderer/session/exam-source', () => ({ loadBundledExams: () => ({ exams: [], problems: [] }) }));

afterEach(() => {
  useClusterStore().stop();
  delete window.podlab;
});

const exams: ExamTemplate[] = loadExams(new Map([['sample.yaml', sampleExam]])).exams;

/** The wall clock, a second further at each reading; it runs on while the app is closed. */
const wall = { now: Date.UTC(2026, 1, 1, 12, 0, 0) };

/** Opens the app on `storage` as the page does: documents read, then the lab started. */
async function openApp(storage: MemoryStorage) {
  setActivePinia(createPinia());
  const controller = createAppController({ storage, loadSession: async () => createSession, examTemplates: () => exams, wallNow: () => (wall.now += 1000) });
  await controller.hydrate();
  // No terminal view draws here: the prompt counts as drawn.
  useTerminalsStore().noteDrawn();
  await controller.startLabSession();
  // The clock follows the wall clock in the app; here time moves only when a test says so.
  useClusterStore().setSpeed(0);
  return controller;
}

/** Runs a command line in the active terminal, as the terminal view does. */
function type(line: string): string {
  const terminals = useTerminalsStore();
  const terminal = terminals.terminalOf(terminals.activeId!)!;
  useExerciseStore().noteCommand();
  useClusterStore().forgetRedo();
  let output = '';
  const run = terminal.execute(line, (text) => (output += text));
  // Virtual time runs until it has finished (a delete waits for the Pod to go), as the app's clock would run it.
  for (let second = 0; !run.done && second < 60; second++) useClusterStore().skip(1000);
  expect(run.done).toBe(true);
  return output;
}

function podNames(): string[] {
  return useClusterStore().session!.api.list('Pod', 'default').map((pod) => pod.metadata.name!);
}

describe('in the desktop build', () => {
  function desktop() {
    const calls: string[] = [];
    let send: (command: 'reset-exercise' | 'lesson-pack-opened' | 'notices-changed' | 'save-before-close') => void = () => {};
    const extraLesson = labelsLesson.replace('id: labels', 'id: more-labels').replace('order: 2', 'order: 3').replace('id: three-web-pods', 'id: three-more-pods');
    const bridge: DesktopBridge = {
      storage: new MemoryStorage(),
      notices: { take: async () => [] },
      lessonPacks: {
        list: async () => [{ id: '/packs/more', source: 'folder', folder: '/packs/more', lessonCount: 1, files: { 'more/lesson.yaml': extraLesson, 'more/text.en.md': '# More\n', 'more/text.zh.md': '# 更多\n' } }],
      },
      app: { readyToClose: async () => void calls.push('readyToClose') },
      onMenuCommand: (listener) => {
        send = listener;
        return () => {};
      },
    };
    window.podlab = bridge;
    return { calls, send: (command: Parameters<typeof send>[0]) => send(command) };
  }

  it('saves the cluster the learner left before the window closes', async () => {
    const menu = desktop();
    const storage = new MemoryStorage();
    await openApp(storage);
    type('kubectl run web --image=nginx:1.27');
    menu.send('save-before-close');
    await vi.waitFor(() => expect(menu.calls).toEqual(['readyToClose']));
    const journal = JSON.parse(storage.documents.get('journal')!);
    expect(journal).toMatchObject({ exercise: 'create-web', lines: ['kubectl run web --image=nginx:1.27'] });
    expect(journal.snapshot.journal).toContainEqual(expect.objectContaining({ kind: 'line', line: 'kubectl run web --image=nginx:1.27' }));
  });

  it('adds an opened lesson pack to the course, and resets the exercise from the menu', async () => {
    const menu = desktop();
    const controller = await openApp(new MemoryStorage());
    await vi.waitFor(() => expect(useCourseStore().course.lessons.map((lesson) => lesson.id)).toEqual(['first-pod', 'labels', 'more-labels']));
    await controller.chooseExercise('three-more-pods');
    expect(useExerciseStore().exercise?.id).toBe('three-more-pods');
    type('kubectl run a --image=nginx --labels=app=web');
    menu.send('reset-exercise');
    await vi.waitFor(() => expect(podNames()).toEqual([]));
    expect(useExerciseStore().exercise?.id).toBe('three-more-pods');
  });
});
