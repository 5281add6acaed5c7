// A kubectl wired to a fresh simulated API server and an in-memory workspace, for tests.
import { SimApiServer } from '../../sim/api/api-server';
import { SeededRandom } from '../../sim/random';
import { FsError, type FileStat, type FileSystem } from '../../sim/fs/filesystem';
import { Interrupt, type CommandContext, type Program } from '../../sim/process';
import { createKubectl } from '../../sim/kubectl/kubectl';
import type { KubeObject } from '../../sim/api/types';

export const startTime = Date.UTC(2026, 0, 15, 9, 0, 0);

export class MemoryFs implements FileSystem {
  private files = new Map<string, string>();
  private dirs = new Set<string>(['/']);
  stat(path: string): FileStat | undefined {
    if (this.dirs.has(path)) return { type: 'dir', size: 0, mtime: 0, ino: 1, mode: 0o755 };
    const data = this.files.get(path);
    return data === undefined ? undefined : { type: 'file', size: data.length, mtime: 0, ino: 2, mode: 0o644 };
  }
  readFile(path: string): string {
    const data = this.files.get(path);
    if (data === undefined) throw new FsError(this.dirs.has(path) ? 'EISDIR' : 'ENOENT', path);
    return data;
  }
  writeFile(path: string, data: string, options?: { append?: boolean }): void {
    this.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
    this.files.set(path, options?.append ? (this.files.get(path) ?? '') + data : data);
  }
  readdir(path: string): string[] {
    const prefix = path === '/' ? '/' : `${path}/`;
    const names = new Set<string>();
    for (const p of [...this.files.keys(), ...this.dirs]) {
      if (p.startsWith(prefix) && p !== path) names.add(p.slice(prefix.length).split('/')[0]);
    }
    return [...names].sort();
  }
  mkdir(path: string, options?: { recursive?: boolean }): void {
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i <= parts.length; i++) this.dirs.add('/' + parts.slice(0, i).join('/'));
    void options;
  }
  remove(path: string): void {
    this.files.delete(path);
    this.dirs.delete(path);
  }
  rename(from: string, to: string): void {
    const data = this.readFile(from);
    this.files.delete(from);
    this.files.set(to, data);
  }
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

export class Lab {
  now = startTime;
  readonly api = new SimApiServer(() => this.now, new SeededRandom(7));
  readonly fs = new MemoryFs();
  readonly cwd = '/home/learner';
  scriptMode = true;
  readonly forwards: { localPort: number; namespace: string; pod: string; remotePort: number }[] = [];
  readonly kubectl = createKubectl({
    api: this.api,
    scriptMode: () => this.scriptMode,
    portForwards: { open: (localPort, namespace, pod, remotePort) => this.forwards.push({ localPort, namespace, pod, remotePort }) },
  });

  constructor() {
    this.fs.mkdir(this.cwd, { recursive: true });
    for (const name of ['default', 'kube-system']) {
      this.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: {}, status: { phase: 'Active' } });
    }
  }

  write(path: string, text: string): void {
    this.fs.writeFile(`${this.cwd}/${path}`, text);
  }

  add(obj: KubeObject): KubeObject {
    return this.api.create(obj);
  }

  /** Runs `kubectl <args>`; a waiting command gets virtual time (and changes) until it ends or `maxMs` passes. */
  run(args: string[], options: { stdin?: string; maxMs?: number; onWait?: (lab: Lab) => void; interruptAfterMs?: number } = {}): RunResult {
    let stdout = '';
    let stderr = '';
    const ctx: CommandContext = {
      argv: ['kubectl', ...args],
      io: { stdin: options.stdin ?? '', stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
      env: new Map(),
      fs: this.fs,
      cwd: this.cwd,
      now: () => this.now,
      host: { hostname: () => 'workstation' },
    };
    const result = this.kubectl(ctx);
    if (typeof result === 'number') return { stdout, stderr, code: result };
    const code = this.drive(result, options);
    return { stdout, stderr, code };
  }

  private drive(program: Program, options: { maxMs?: number; onWait?: (lab: Lab) => void; interruptAfterMs?: number }): number {
    const started = this.now;
    let step = program.next();
    for (let i = 0; i < 10_000 && !step.done; i++) {
      const wait = step.value;
      if (options.interruptAfterMs !== undefined && this.now - started >= options.interruptAfterMs) {
        step = program.throw(new Interrupt('SIGINT'));
        continue;
      }
      options.onWait?.(this);
      if (wait.kind === 'sleep') this.now = Math.max(this.now, wait.until);
      else if (wait.kind === 'change') this.now = wait.until !== undefined ? Math.min(wait.until, this.now + 1000) : this.now + 1000;
      if (options.maxMs !== undefined && this.now - started > options.maxMs) throw new Error('command did not finish in time');
      step = program.next('time');
    }
    if (!step.done) throw new Error('command did not finish');
    return step.value;
  }
}

/** Splits a command line like a POSIX shell does for simple quoting. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      current += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (ch === '"') {
      const end = line.indexOf('"', i + 1);
      current += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (ch === ' ') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}
