import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentStore, documentSchemaVersion, fileTimestamp, InvalidDocumentNameError, isValidDocumentName } from '../../electron/main/documents';

let folder: string;
const fixedNow = () => new Date('2026-11-26T23:46:28.123Z');
const stamp = '2026-11-26T23-46-28-123Z';

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'podlab-documents-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('DocumentStore', () => {
  it('returns undefined for a document never saved', async () => {
    expect(await new DocumentStore(folder).read('progress')).toBeUndefined();
  });

  it('writes a versioned envelope and reads the data back', async () => {
    const store = new DocumentStore(folder, { now: fixedNow });
    await store.write('progress', { done: ['first-pod-manifest'] });
    const onDisk = JSON.parse(await readFile(join(folder, 'progress.json'), 'utf8'));
    expect(onDisk).toEqual({ schemaVersion: documentSchemaVersion, savedAt: '2026-11-26T23:46:28.123Z', data: { done: ['first-pod-manifest'] } });
    expect(await new DocumentStore(folder).read('progress')).toEqual({ done: ['first-pod-manifest'] });
  });

  it('keeps workspaces per exercise in a subfolder and lists every document', async () => {
    const store = new DocumentStore(folder);
    await store.write('workspace/first-pod-manifest', { files: { 'web.yaml': 'kind: Pod\n' } });
    await store.write('settings', { language: 'en' });
    expect(await readdir(join(folder, 'workspace'))).toEqual(['first-pod-manifest.json']);
    expect(await store.list()).toEqual(['settings', 'workspace/first-pod-manifest']);
    expect(await store.remove('settings')).toBe(true);
    expect(await store.remove('settings')).toBe(false);
    expect(await store.list()).toEqual(['workspace/first-pod-manifest']);
  });

  it('leaves no temporary file behind after a write', async () => {
    const store = new DocumentStore(folder);
    await store.write('settings', { a: 1 });
    await store.write('settings', { a: 2 });
    expect(await readdir(folder)).toEqual(['settings.json']);
  });

  it('applies writes to one document in the order they were made', async () => {
    const store = new DocumentStore(folder);
    await Promise.all(Array.from({ length: 20 }, (_, index) => store.write('journal', { index })));
    expect(await store.read('journal')).toEqual({ index: 19 });
  });

  it('keeps the old file intact when the rename never happens (crash mid-write)', async () => {
    const store = new DocumentStore(folder);
    await store.write('progress', { version: 'old' });
    const before = await readFile(join(folder, 'progress.json'), 'utf8');
    const crashing = new DocumentStore(folder, {
      rename: async () => {
        throw new Error('power lost');
      },
    });
    await expect(crashing.write('progress', { version: 'new' })).rejects.toThrow('power lost');
    expect(await readFile(join(folder, 'progress.json'), 'utf8')).toBe(before);
    expect(await new DocumentStore(folder).read('progress')).toEqual({ version: 'old' });
  });

  it('ignores and cleans up a half-written temporary file left by a crash', async () => {
    const store = new DocumentStore(folder);
    await store.write('progress', { version: 'old' });
    await writeFile(join(folder, 'progress.json.tmp-4242-1'), '{"schemaVersion":1,"da');
    const restarted = new DocumentStore(folder);
    expect(await restarted.read('progress')).toEqual({ version: 'old' });
    expect(await restarted.list()).toEqual(['progress']);
    expect(await restarted.removeLeftoverTemporaryFiles()).toBe(1);
    expect(await readdir(folder)).toEqual(['progress.json']);
    expect(restarted.takeNotices()).toEqual([]);
  });

  it('sets a corrupt file aside with a timestamp and tells the learner, losing nothing else', async () => {
    const store = new DocumentStore(folder, { now: fixedNow });
    await store.write('settings', { language: 'zh' });
    await writeFile(join(folder, 'progress.json'), '{"schemaVersion": 1, "data": {"done": [');
    expect(await store.read('progress')).toBeUndefined();
    expect((await readdir(folder)).sort()).toEqual([`progress.json.corrupt-${stamp}`, 'settings.json']);
    expect(await readFile(join(folder, `progress.json.corrupt-${stamp}`), 'utf8')).toBe('{"schemaVersion": 1, "data": {"done": [');
    expect(store.takeNotices()).toEqual([
      {
        document: 'progress',
        reason: 'corrupt',
        movedTo: `progress.json.corrupt-${stamp}`,
        message: `Your saved progress could not be read (the file is damaged). It was set aside as progress.json.corrupt-${stamp} and a fresh one was started.`,
      },
    ]);
    expect(store.takeNotices()).toEqual([]);
    expect(await store.read('settings')).toEqual({ language: 'zh' });
    await store.write('progress', { done: [] });
    expect(await store.read('progress')).toEqual({ done: [] });
  });

  it('treats valid JSON without the envelope as corrupt', async () => {
    const store = new DocumentStore(folder, { now: fixedNow });
    await writeFile(join(folder, 'settings.json'), '{"language":"en"}');
    expect(await store.read('settings')).toBeUndefined();
    expect(store.takeNotices().map((notice) => notice.movedTo)).toEqual([`settings.json.corrupt-${stamp}`]);
  });

  it('sets aside a file written by a newer version instead of overwriting it', async () => {
    const store = new DocumentStore(folder, { now: fixedNow });
    const newer = JSON.stringify({ schemaVersion: documentSchemaVersion + 1, savedAt: '2027-01-01T00:00:00.000Z', data: { shape: 'future' } });
    await mkdir(join(folder, 'workspace'));
    await writeFile(join(folder, 'workspace', 'pod-phases.json'), newer);
    expect(await store.read('workspace/pod-phases')).toBeUndefined();
    expect(await readFile(join(folder, 'workspace', `pod-phases.json.newer-${stamp}`), 'utf8')).toBe(newer);
    const [notice] = store.takeNotices();
    expect(notice?.reason).toBe('newer');
    expect(notice?.message).toBe(
      `Your workspace for the exercise pod-phases was saved by a newer version of Pod Lab. It was set aside as pod-phases.json.newer-${stamp} so that nothing is lost; update Pod Lab to use it again.`,
    );
  });

  it('refuses names that could leave the folder', async () => {
    const store = new DocumentStore(folder);
    for (const name of ['../outside', 'workspace/../../etc/passwd', '/etc/passwd', 'workspace/..', 'workspace/a/b', 'Progress', '', 'workspace/.hidden', 'progress\0', 'workspace\\..\\x']) {
      expect(isValidDocumentName(name), name).toBe(false);
      await expect(store.write(name, 1), name).rejects.toBeInstanceOf(InvalidDocumentNameError);
    }
    expect(await readdir(folder)).toEqual([]);
  });

  it('formats timestamps that every filesystem accepts', () => {
    expect(fileTimestamp(fixedNow())).toBe(stamp);
  });
});
