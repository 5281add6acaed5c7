// @vitest-environment happy-dom
// The desktop app's documents: one that cannot be read is set aside (or left untouched) with a
// notice and the app still starts; a save that fails is told, kept in memory and tried again.
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DocumentStore } from '../../electron/main/documents';
import { hydrate, useStorageBackend } from '../../renderer/app-controller';
import { debounced, type AppStorage } from '../../renderer/storage/storage';
import { useNoticesStore } from '../../renderer/stores/notices';

vi.mock('../../renderer/engine/course-source', () => ({ loadBundledCourse: () => ({ course: { lessons: [] }, problems: [] }) }));

let folder: string;
const fixedNow = () => new Date('2026-11-26T23:46:28.123Z');

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'podlab-docs-'));
  setActivePinia(createPinia());
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(folder, { recursive: true, force: true });
});

describe('a document that cannot be read', () => {
  it('a 600 MB progress.json is set aside unread with a notice', async () => {
    const handle = openSync(join(folder, 'progress.json'), 'w');
    ftruncateSync(handle, 600 * 1024 * 1024);
    closeSync(handle);
    const store = new DocumentStore(folder, { now: fixedNow });
    const started = performance.now();
    expect(await store.read('progress')).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(5000);
    expect(store.takeNotices().map((notice) => notice.message)).toEqual([
      'Your saved progress could not be read. It was set aside as progress.json.unreadable-2026-11-26T23-46-28-123Z and a fresh one was started.',
    ]);
    expect(statSync(join(folder, 'progress.json.unreadable-2026-11-26T23-46-28-123Z')).size).toBe(600 * 1024 * 1024);
    await store.write('progress', { fresh: true });
    expect(readdirSync(folder).sort()).toEqual(['progress.json', 'progress.json.unreadable-2026-11-26T23-46-28-123Z']);
  });

  it('a document that can be neither read nor moved is never written over', async () => {
    mkdirSync(join(folder, 'settings.json'));
    writeFileSync(join(folder, 'settings.json', 'keep'), 'x');
    // The rename that would set it aside fails too (a read-only folder, as root cannot simulate).
    const store = new DocumentStore(folder, { now: fixedNow });
    (store as unknown as { setAside: () => Promise<void> }).setAside = () => Promise.reject(new Error('EACCES'));
    expect(await store.read('settings')).toBeUndefined();
    expect(store.takeNotices().map((notice) => notice.message)).toEqual([
      'Your settings file could not be read (Is a directory). It is left as it is, and nothing will be saved over it until Pod Lab restarts.',
    ]);
    await expect(store.write('settings', {})).rejects.toThrow('not saved: settings.json could not be read and is left as it is');
    expect(readdirSync(join(folder, 'settings.json'))).toEqual(['keep']);
  });

  it('the renderer starts when reading a document throws, and says so', async () => {
    const failing: AppStorage = {
      get: (name) => (name === 'settings' ? Promise.resolve(undefined) : Promise.reject(new Error(`Error invoking remote method 'storage:get': Error: EIO: i/o error, read`))),
      set: () => Promise.resolve(),
    };
    useStorageBackend(failing);
    await expect(hydrate()).resolves.toBeUndefined();
    expect(useNoticesStore().notices.map((notice) => notice.text)).toEqual([
      'Your progress could not be read (EIO: i/o error, read). Pod Lab carries on without it.',
      'Your journal could not be read (EIO: i/o error, read). Pod Lab carries on without it.',
    ]);
  });
});

describe('a save that fails', () => {
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

  it('DocumentStore says what the system said and leaves no temporary file', async () => {
    const store = new DocumentStore(folder, {
      rename: () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, rename'), { code: 'ENOSPC' })),
    });
    await expect(store.write('progress', { a: 1 })).rejects.toThrow(/^No space left on device$/);
    expect(readdirSync(folder)).toEqual([]);
  });
});
