// Lesson packs from strangers: whatever they contain, they cannot read or write outside their
// folder or the learner's workspace, and their text renders inert.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLessonFolder } from '../../node-shared/lesson-files';
import { applyStartingState, formatProblem, loadCourse } from '../../lab';
import { writeWorkspaceFile } from '../../lab/workspace';
import { findExercise } from '../../lab/course';
import { MemFs } from '../../sim/fs/memfs';
import { createSession } from '../../sim/session';
import { renderMarkdown } from '../../renderer/markdown/render-markdown';
import { firstPodLesson, samplePack } from '../lab/sample-pack';

export const hostilePathRuns = 500;
export const startFileRuns = 20;

const hostileMarkdown = [
  '# Welcome',
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(2)">',
  '<iframe src="https://evil.example/"></iframe>',
  '[click](javascript:alert(3))',
  '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==)',
  '[file](file:///etc/passwd)',
  '![tracker](https://evil.example/pixel.png)',
  '![local](file:///etc/passwd)',
  '<a href="https://evil.example" onclick="steal()">x</a>',
  '```html\n<script>alert(5)</script>\n```',
  'Terminal escape: \u001b]52;c;ZXZpbA==\u0007 and \u001b[2J',
].join('\n\n');

describe('lesson pack Markdown', () => {
  it('renders scripts, handlers and non-http links inert', () => {
    const html = renderMarkdown(hostileMarkdown);
    // every tag in the output is one Markdown itself makes; raw HTML arrives as escaped text
    const tags = [...html.matchAll(/<([a-z0-9]+)[\s>]/g)].map((m) => m[1]);
    // images never load: they show as their alt text in a span
    expect([...new Set(tags)].sort()).toEqual(['button', 'code', 'div', 'h1', 'p', 'pre', 'span']);
    expect(html).toContain('[tracker]');
    expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    expect(html).not.toMatch(/(href|src)="(javascript|data|file):/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;iframe src=&quot;https://evil.example/&quot;&gt;&lt;/iframe&gt;');
  });
});

function packWith(lessonYaml: string, extra: Record<string, string> = {}): Map<string, string> {
  const files = samplePack();
  files.set('01-first-pod/lesson.yaml', lessonYaml);
  for (const [path, content] of Object.entries(extra)) files.set(path, content);
  return files;
}

/** The first lesson with its `notes/answer.txt` starting file renamed. */
function withStartFile(path: string): string {
  return firstPodLesson.replace('notes/answer.txt: ""', `${JSON.stringify(path)}: "planted"`);
}

function everyFile(fs: MemFs, dir = '/'): string[] {
  return fs.readdir(dir).flatMap((name) => {
    const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
    return fs.stat(path)?.type === 'dir' ? everyFile(fs, path) : [path];
  });
}

describe('lesson pack paths', () => {
  it('a text file outside the lesson folder is not read', () => {
    const lesson = firstPodLesson.replace('text: { en: text.en.md, zh: text.zh.md }', 'text: { en: ../../../etc/passwd, zh: /etc/passwd }');
    const { problems } = loadCourse(packWith(lesson, { 'etc/passwd': 'root:x:0:0' }), { label: 'lessons' });
    expect(problems.map(formatProblem)).toEqual([
      'lessons/01-first-pod/lesson.yaml: text.en: file lessons/01-first-pod/../../../etc/passwd not found',
      'lessons/01-first-pod/lesson.yaml: text.zh: file lessons/01-first-pod//etc/passwd not found',
    ]);
  });

  const hostilePath = fc.oneof(
    fc.constantFrom('../../etc/passwd', '/etc/passwd', 'a/../../b', '..', '../', './../x', 'notes/../../x', '//etc/passwd', 'a/./../../x'),
    fc.array(fc.constantFrom('..', '.', 'a', '', 'etc', 'passwd', '...', '..\\..'), { minLength: 1, maxLength: 6 }).map((parts) => parts.join('/')),
  );

  it(`starting files never land outside the workspace (${startFileRuns} lessons, ${hostilePathRuns} paths)`, () => {
    fc.assert(
      fc.property(hostilePath, (path) => {
        const workspace = new MemFs();
        workspace.mkdir('/home/learner/work', { recursive: true });
        let refused: string | undefined;
        try {
          writeWorkspaceFile(workspace, '/home/learner/work', path, 'planted');
        } catch (error) {
          refused = (error as Error).message;
        }
        if (path.startsWith('/') || path.split('/').includes('..')) expect(refused).toBe(`path ${path} leaves the workspace`);
        for (const file of everyFile(workspace)) expect(file.startsWith('/home/learner/work/'), `${path} wrote ${file}`).toBe(true);
      }),
      { numRuns: hostilePathRuns, seed: 6 },
    );
  });

  it('a lesson whose starting files climb out is refused or writes only inside the workspace', () => {
    fc.assert(
      fc.property(hostilePath, (path) => {
        const { course, problems } = loadCourse(packWith(withStartFile(path)), { label: 'lessons' });
        const found = findExercise(course, 'remove-old');
        if (!found) {
          // refused while loading: the lesson is reported and skipped
          expect(problems.length).toBeGreaterThan(0);
          return;
        }
        const workspace = new MemFs();
        workspace.mkdir('/home/learner/work', { recursive: true });
        const session = createSession({ workspace });
        applyStartingState(session, found.exercise, { workspaceRoot: '/home/learner/work' });
        for (const file of everyFile(workspace)) expect(file.startsWith('/home/learner/work/'), `${path} wrote ${file}`).toBe(true);
      }),
      { numRuns: startFileRuns, seed: 5 },
    );
  });
});

describe('lesson pack folders on disk', () => {
  function folder(): string {
    const root = mkdtempSync(join(tmpdir(), 'podlab-pack-'));
    const pack = join(root, 'pack');
    mkdirSync(join(pack, '01-first-pod'), { recursive: true });
    writeFileSync(join(root, 'secret.md'), 'outside secret');
    mkdirSync(join(root, 'outside'));
    writeFileSync(join(root, 'outside', 'text.en.md'), 'outside text');
    for (const [path, content] of samplePack()) {
      mkdirSync(join(pack, path, '..'), { recursive: true });
      writeFileSync(join(pack, path), content);
    }
    return pack;
  }

  it('refuses links out of the folder and enormous files, and ignores other file types', () => {
    const pack = folder();
    symlinkSync(join(pack, '..', 'secret.md'), join(pack, '01-first-pod', 'notes.md'));
    symlinkSync('/etc/passwd', join(pack, 'passwd.md'));
    symlinkSync(join(pack, '..', 'outside'), join(pack, 'linked-dir'));
    writeFileSync(join(pack, 'huge.md'), 'x'.repeat(2 * 1024 * 1024));
    writeFileSync(join(pack, 'payload.js'), 'require("child_process").exec("rm -rf ~")');
    writeFileSync(join(pack, 'page.html'), '<script>alert(1)</script>');
    const { files, refused } = readLessonFolder(pack);
    expect([...files.keys()].sort()).toEqual([...samplePack().keys()].sort());
    expect(refused).toEqual([
      { path: '01-first-pod/notes.md', reason: 'leads outside the lesson folder' },
      { path: 'huge.md', reason: 'larger than 1 MiB (2097152 bytes)' },
      { path: 'linked-dir', reason: 'leads outside the lesson folder' },
      { path: 'passwd.md', reason: 'leads outside the lesson folder' },
    ]);
    expect(loadCourse(files).problems).toEqual([]);
  });

  it('a pack of thousands of files loads in bounded time', () => {
    const pack = folder();
    mkdirSync(join(pack, 'junk'));
    for (let i = 0; i < 3000; i++) writeFileSync(join(pack, 'junk', `file${i}.md`), `# junk ${i}\n`);
    const started = performance.now();
    const { files } = readLessonFolder(pack);
    const { course } = loadCourse(files);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(course.lessons.map((lesson) => lesson.id)).toEqual(['first-pod', 'labels']);
  });
});

describe('the size of a whole pack', () => {
  it('1200 files of 1 MB are refused as a whole, with a clear message, before most are read', async () => {
    const { loadLessonPack } = await import('../../electron/main/lesson-packs');
    const root = mkdtempSync(join(tmpdir(), 'podlab-bigpack-'));
    for (const [path, content] of samplePack()) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    mkdirSync(join(root, 'padding'));
    const megabyte = 'x'.repeat(1_000_000);
    for (let i = 0; i < 1200; i++) writeFileSync(join(root, 'padding', `file${String(i).padStart(4, '0')}.md`), megabyte);
    const started = performance.now();
    expect(() => readLessonFolder(root)).toThrow(/^the lesson pack is too large: more than 16 MiB of lesson files \((\d+) bytes read so far\)$/);
    const result = loadLessonPack(root, 'folder');
    expect(result.ok ? [] : result.errors).toEqual([expect.stringMatching(/: the lesson pack is too large: more than 16 MiB/)]);
    expect(performance.now() - started).toBeLessThan(5000);
    rmSync(root, { recursive: true, force: true });
  });
});
