// The desktop app's documents on disk: one that cannot be read is set aside (or left untouched and
// never saved over) with a notice; a save that fails says why and leaves nothing behind.
// The renderer's side is in test/renderer/failing-storage.test.ts.
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentStore } from '../../electron/main/documents';

let folder: string;
const fixedNow = () => new Date('2026-11-26T23:46:28.123Z');

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'podlab-docs-'));
});
afterEach(() => {
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

});

describe('a save that fails', () => {
  it('DocumentStore says what the system said and leaves no temporary file', async () => {
    const store = new DocumentStore(folder, {
      rename: () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, rename'), { code: 'ENOSPC' })),
    });
    await expect(store.write('progress', { a: 1 })).rejects.toThrow(/^No space left on device$/);
    expect(readdirSync(folder)).toEqual([]);
  });
});
