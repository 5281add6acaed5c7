// @vitest-environment happy-dom
// The renderer with storage that fails: the app starts when a document cannot be read, and a save
// that fails is told, kept in memory and tried again at the next change.
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppController } from '../../renderer/app-controller';
import { debounced, type AppStorage } from '../../renderer/storage/storage';
import { useNoticesStore } from '../../renderer/stores/notices';

vi.mock('../../renderer/session/course-source', () => ({ loadBundledCourse: () => ({ course: { lessons: [] }, problems: [] }) }));
vi.mock('../../renderer/session/exam-source', () => ({ loadBundledExams: () => ({ exams: [], problems: [] }) }));

beforeEach(() => {
  setActivePinia(createPinia());
});
afterEach(() => {
  vi.useRealTimers();
});

describe('storage that fails', () => {
  it('the renderer starts when reading a document throws, and says so', async () => {
    const failing: AppStorage = {
      get: (name) => (name === 'settings' ? Promise.resolve(undefined) : Promise.reject(new Error(`Error invoking remote method 'storage:get': Error: EIO: i/o error, read`))),
      set: () => Promise.resolve(),
    };
    const controller = createAppController({ storage: failing, loadSession: async () => undefined, examTemplates: () => [], wallNow: () => 0 });
    await expect(controller.hydrate()).resolves.toBeUndefined();
    expect(useNoticesStore().notices.map((notice) => notice.text)).toEqual([
      'Your layout could not be read (EIO: i/o error, read). Pod Lab carries on without it.',
      'Your progress could not be read (EIO: i/o error, read). Pod Lab carries on without it.',
      'Your journal could not be read (EIO: i/o error, read). Pod Lab carries on without it.',
      'Your scrollback could not be read (EIO: i/o error, read). Pod Lab carries on without it.',
    ]);
  });

  it('reports, keeps no uncaught error, and saves again at the next change', async () => {
    vi.useFakeTimers();
    const disk: string[] = [];
    let full = true;
    const errors: string[] = [];
    let state = 'v1';
    const saver = debounced(
      async () => {
        if (full) throw new Error('No space left on device');
        disk.push(state);
      },
      300,
      (error) => errors.push((error as Error).message),
    );
    saver.schedule();
    await vi.advanceTimersByTimeAsync(300);
    expect(errors).toEqual(['No space left on device']);
    expect(disk).toEqual([]);
    full = false;
    state = 'v2';
    saver.schedule();
    await vi.advanceTimersByTimeAsync(300);
    expect(disk).toEqual(['v2']);
    await expect(saver.flush()).resolves.toBeUndefined();
  });

});
