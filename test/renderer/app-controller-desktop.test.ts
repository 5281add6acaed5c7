// @vitest-environment happy-dom
// The app's controller in the desktop build: the menu's commands and lesson packs opened from
// folders. In a file of its own, so that no app opened by another test still runs beside it.
import { describe, expect, it, vi } from 'vitest';
import { MemoryStorage } from '../../renderer/storage/storage';
import { useClusterStore } from '../../renderer/stores/cluster';
import { useCourseStore } from '../../renderer/stores/course';
import { useExerciseStore } from '../../renderer/stores/exercise';
import type { DesktopBridge } from '../../renderer/desktop/bridge';
import { labelsLesson } from '../lab/sample-pack';
import { openApp, podNames, type } from './app-harness';

vi.mock('../../renderer/session/course-source', async () => {
  const { loadCourse } = await import('../../lab/loader');
  const { samplePack } = await import('../lab/sample-pack');
  return { loadBundledCourse: () => ({ course: loadCourse(samplePack()).course, problems: [] }) };
});

// The bundled exams are built by vite; these tests give the controller their own.
vi.mock('../../renderer/session/exam-source', () => ({ loadBundledExams: () => ({ exams: [], problems: [] }) }));

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
