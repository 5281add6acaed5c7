import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundledLessonsFolder, LessonPackRegistry, loadLessonPack } from '../../electron/main/lesson-packs';

const repository = resolve(__dirname, '../..');
let scratch: string;

beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'podlab-packs-'));
});
afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('lesson packs', () => {
  it('finds the bundled course in resources when packaged, in the repository otherwise', () => {
    expect(bundledLessonsFolder({ isPackaged: true, resourcesPath: '/opt/Pod Lab/resources', appPath: '/opt/Pod Lab/resources/app.asar' })).toBe(join('/opt/Pod Lab/resources', 'lessons'));
    expect(bundledLessonsFolder({ isPackaged: false, resourcesPath: '/x', appPath: repository })).toBe(join(repository, 'lessons'));
  });

  it('loads the bundled course', () => {
    const result = loadLessonPack(join(repository, 'lessons'), 'bundled');
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.pack.id).toBe('bundled');
    expect(result.pack.lessonCount).toBeGreaterThan(0);
    expect(result.pack.files['01-first-pod/lesson.yaml']).toContain('id: first-pod');
  });

  it('loads a valid pack from a folder the learner chose', async () => {
    const pack = join(scratch, 'my-pack');
    await cp(join(repository, 'lessons', '01-first-pod'), join(pack, '01-first-pod'), { recursive: true });
    const result = loadLessonPack(pack, 'folder');
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.pack).toMatchObject({ id: pack, source: 'folder', folder: pack, lessonCount: 1 });
    expect(Object.keys(result.pack.files).sort()).toEqual(['01-first-pod/lesson.yaml', '01-first-pod/text.en.md', '01-first-pod/text.zh.md']);
  });

  it('reports an invalid pack with its errors and does not load it', async () => {
    const pack = join(scratch, 'broken-pack');
    await mkdir(join(pack, '01-broken'), { recursive: true });
    await writeFile(join(pack, '01-broken', 'lesson.yaml'), 'id: broken\norder: 1\ntitle: { en: Broken }\nsteps: []\n');
    expect(loadLessonPack(pack, 'folder')).toEqual({
      ok: false,
      folder: pack,
      errors: [
        'broken-pack/01-broken/lesson.yaml: title.zh: missing Chinese (zh) text',
        'broken-pack/01-broken/lesson.yaml: summary: Invalid input: expected object, received undefined',
        'broken-pack/01-broken/lesson.yaml: text: Invalid input: expected object, received undefined',
        'broken-pack/01-broken/lesson.yaml: steps: a lesson needs at least one step',
      ],
    });
  });

  it('reports a folder with no lessons, and a folder that does not exist', async () => {
    const empty = join(scratch, 'empty');
    await mkdir(empty);
    expect(loadLessonPack(empty, 'folder')).toEqual({ ok: false, folder: empty, errors: ['empty: no lessons found (each lesson is a folder with a lesson.yaml)'] });
    const missing = join(scratch, 'missing');
    expect(loadLessonPack(missing, 'folder')).toEqual({ ok: false, folder: missing, errors: [`${missing}: No such file or directory`] });
  });

  it('lists the bundled course first, then packs in the order opened, once each', () => {
    const registry = new LessonPackRegistry();
    const pack = (id: string, source: 'bundled' | 'folder') => ({ id, source, folder: id, lessonCount: 1, files: {} });
    registry.add(pack('/a', 'folder'));
    registry.add(pack('bundled', 'bundled'));
    registry.add(pack('/b', 'folder'));
    registry.add(pack('/a', 'folder'));
    expect(registry.list().map((entry) => entry.id)).toEqual(['bundled', '/b', '/a']);
  });
});
