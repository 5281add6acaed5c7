// `podlab`: the learner's shell in a plain terminal. Interactively the virtual clock follows wall
// time; with --script (or piped input) each line runs as if typed and `sleep N` takes no wall time.

import { createInterface } from 'node:readline';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSession, type SimSession } from '../sim/session';
import { clusterUptimeMs } from '../sim/cluster';
import { incompleteReason, isIncomplete } from '../sim/shell/lang';
import type { LearnerTerminal } from '../sim/shell/terminal';
import type { CommandImpl } from '../sim/process';
import { NodeDirFs } from './node-dir-fs';
import { createLabCommand, labHostCommand, LabController, loadCourse, formatProblem, type ProgressStorage } from '../lab';
import { examAttempt, loadExams, type ExamTemplate } from '../lab/exam';
import { readLessonFolder } from '../node-shared/lesson-files';
import { listenFailure, parseServeArgs, serveUsage, servingBanner, startServing } from '../server/serve';

interface CliOptions {
  script?: string;
  workspace: string;
  /** Given with --workspace (else the lab's own folder, created when missing). */
  workspaceChosen?: boolean;
  state: string;
  seed: number;
  help: boolean;
  lessons?: string;
  exams?: string;
}

const usage = `Usage: podlab [options]

A shell on a simulated Kubernetes 1.32 cluster, with the Pod Lab lessons.

Commands:
  serve              serve the cluster's Kubernetes API on 127.0.0.1 for your own kubectl
                     (see podlab serve --help)

Options:
  --script FILE      run FILE line by line as if typed, then exit (also: pipe lines to stdin)
  --workspace DIR    the directory your shell starts in, where lessons put their files
                     (default: ~/.podlab/workspace; a file of yours there is kept as NAME.~1~)
  --state FILE       where lesson progress is kept (default: ~/.podlab/progress.json)
  --lessons DIR      use the lesson pack in DIR instead of the bundled course
  --exams DIR        use the exams in DIR instead of the bundled ones ('lab exam list')
  --seed N           seed of the simulated cluster (default: 1)
  -h, --help         show this help
`;

function parseArgs(argv: string[]): CliOptions | string {
  const dataDirectory = join(homedir(), '.podlab');
  const options: CliOptions = { workspace: join(dataDirectory, 'workspace'), state: join(dataDirectory, 'progress.json'), seed: 1, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`podlab: option ${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--script':
        options.script = value();
        break;
      case '--workspace':
        options.workspace = resolve(value());
        options.workspaceChosen = true;
        break;
      case '--state':
        options.state = resolve(value());
        break;
      case '--lessons':
        options.lessons = resolve(value());
        break;
      case '--exams':
        options.exams = resolve(value());
        break;
      case '--seed':
        options.seed = Number(value()) || 1;
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      default:
        return `podlab: unknown option '${arg}'\n${usage}`;
    }
  }
  return options;
}

/** Progress is a few KiB; anything this large is not progress and is not read into memory. */
export const progressFileLimit = 8 * 1024 * 1024;

/** Progress in a JSON file, written atomically; an unreadable file is kept aside, never lost. */
export function fileStorage(path: string): ProgressStorage {
  return {
    load: () => {
      removeLeftoverTemporaryFiles(path);
      let size: number;
      try {
        size = statSync(path).size;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new Error(systemMessage(error));
      }
      if (size > progressFileLimit) throw new Error(`the file is too large: ${size} bytes`);
      try {
        return readFileSync(path, 'utf8');
      } catch (error) {
        throw new Error(systemMessage(error));
      }
    },
    save: (text) => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileAtomically(path, text);
    },
    setAside: (text) => {
      const keptAs = `${basename(path)}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      try {
        renameSync(path, join(dirname(path), keptAs));
      } catch (error) {
        // A folder that refuses the rename may still take a copy of the text that was read.
        if (text === undefined) throw error;
        writeFileAtomically(join(dirname(path), keptAs), text);
      }
      return join(dirname(path), keptAs);
    },
  };
}

/** Temporary files of saves that a killed podlab never finished (their process is gone); the progress itself is intact. */
function removeLeftoverTemporaryFiles(path: string): void {
  const prefix = `${basename(path)}.tmp-`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(name.startsWith(prefix) ? name.slice(prefix.length) : NaN);
    if (!Number.isInteger(pid) || pid === process.pid || processAlive(pid)) continue;
    rmSync(join(dirname(path), name), { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A temporary file in the same folder, flushed to disk, renamed over the old one; removed if anything fails. */
function writeFileAtomically(path: string, text: string): void {
  const temp = `${path}.tmp-${process.pid}`;
  try {
    const handle = openSync(temp, 'w');
    try {
      writeFileSync(handle, text);
      fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new Error(systemMessage(error));
  }
}

/** `Permission denied`, `No space left on device`: what the system said, without Node's decoration. */
function systemMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    EACCES: 'Permission denied',
    EPERM: 'Operation not permitted',
    ENOSPC: 'No space left on device',
    EISDIR: 'Is a directory',
    EROFS: 'Read-only file system',
    EDQUOT: 'Disk quota exceeded',
    EIO: 'Input/output error',
  };
  return (code && known[code]) ?? (error instanceof Error ? error.message : String(error));
}

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'lessons'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

/**
 * The `lab` command, with the course read on first use so plain shell scripts start fast; or at
 * once when the progress file holds an exam in progress, which is taken up where it was.
 */
function createLab(options: CliOptions, session: () => SimSession, color: boolean, warn: (text: string) => void): { command: CommandImpl; resumeExam(): void } {
  let command: CommandImpl | undefined;
  let controller: LabController | undefined;
  const load = (): CommandImpl => {
    const folder = options.lessons ?? join(packageRoot(), 'lessons');
    let files = new Map<string, string>();
    try {
      const read = readLessonFolder(folder);
      files = read.files;
      for (const refused of read.refused) warn(`podlab: ${refused.path}: ${refused.reason}`);
    } catch (error) {
      warn(`podlab: cannot read lessons from ${folder}: ${(error as Error).message}`);
    }
    const loaded = loadCourse(files, { label: options.lessons ? folder : 'lessons' });
    for (const problem of loaded.problems) warn(formatProblem(problem));
    controller = new LabController({
      course: loaded.course,
      exams: { templates: readExams(options.exams ?? join(packageRoot(), 'exams'), options.exams !== undefined, warn), draw: examAttempt },
      session,
      storage: fileStorage(options.state),
      wallNow: () => Date.now(),
      color,
      keepExistingFiles: true,
    });
    return createLabCommand(controller);
  };
  return {
    command: (ctx) => (command ??= load())(ctx),
    resumeExam: () => {
      if (!examInProgress(options.state)) return;
      command ??= load();
      controller?.exams.restore();
    },
  };
}

/** Whether the progress file names an exam in progress (read without loading the course). */
function examInProgress(path: string): boolean {
  try {
    return statSync(path).size <= progressFileLimit && /"examInProgress"\s*:/.test(readFileSync(path, 'utf8'));
  } catch {
    return false;
  }
}

/** The exams of a folder; a missing bundled folder is no problem, a missing chosen one is said. */
function readExams(folder: string, chosen: boolean, warn: (text: string) => void): ExamTemplate[] {
  if (!existsSync(folder)) {
    if (chosen) warn(`podlab: ${folder}: No such file or directory`);
    return [];
  }
  try {
    const read = readLessonFolder(folder);
    for (const refused of read.refused) warn(`podlab: ${refused.path}: ${refused.reason}`);
    const loaded = loadExams(read.files, { label: chosen ? folder : 'exams' });
    for (const problem of loaded.problems) warn(formatProblem(problem));
    return loaded.exams;
  } catch (error) {
    warn(`podlab: cannot read exams from ${folder}: ${(error as Error).message}`);
    return [];
  }
}

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'serve') return serve(argv.slice(1));
  let options: CliOptions;
  try {
    const parsed = parseArgs(argv);
    if (typeof parsed === 'string') {
      process.stderr.write(parsed);
      return 2;
    }
    options = parsed;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (options.workspaceChosen && !existsSync(options.workspace)) {
    process.stderr.write(`podlab: ${options.workspace}: No such file or directory\n`);
    return 2;
  }
  const interactive = !options.script && process.stdin.isTTY === true;
  const color = interactive && process.stdout.isTTY === true;
  let session: SimSession | undefined;
  const lab = createLab(options, () => session!, color, (text) => process.stderr.write(text + '\n'));
  session = createSession({ seed: options.seed, workspace: new NodeDirFs(options.workspace), hostCommands: { lab: labHostCommand(lab.command) } });
  lab.resumeExam();
  if (interactive) return runInteractive(session);
  const text = options.script ? readScript(options.script) : await readStdin();
  if (text === undefined) {
    process.stderr.write(`podlab: ${options.script}: No such file or directory\n`);
    return 2;
  }
  return runScript(session, text);
}

/** `podlab serve`: the API on loopback; with --shell, the lab's shell runs on the same cluster. */
async function serve(argv: string[]): Promise<number> {
  const parsed = parseServeArgs(argv);
  if (typeof parsed === 'string') {
    process.stderr.write(parsed);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(serveUsage);
    return 0;
  }
  const shellOptions: CliOptions = { workspace: process.cwd(), state: join(homedir(), '.podlab', 'progress.json'), seed: parsed.seed, help: false };
  const interactive = parsed.shell && process.stdin.isTTY === true;
  let session: SimSession | undefined;
  const lab = createLab(shellOptions, () => session!, interactive && process.stdout.isTTY === true, (text) => process.stderr.write(text + '\n'));
  // The cluster's clock starts at the wall clock's time, so ages kubectl computes itself (describe's events) are right.
  const startTime = Date.now() - clusterUptimeMs;
  session = createSession({ seed: parsed.seed, startTime, workspace: new NodeDirFs(shellOptions.workspace), hostCommands: { lab: labHostCommand(lab.command) } });
  let served;
  try {
    served = await startServing(session, parsed, (text) => process.stderr.write(text));
  } catch (error) {
    process.stderr.write(listenFailure(error as NodeJS.ErrnoException, parsed.port));
    return 1;
  }
  process.stdout.write(servingBanner(served.port, parsed.kubeconfig, parsed.speed, interactive));
  if (interactive) {
    const code = await runInteractive(session, process.stdin, process.stdout, false);
    await served.stop();
    return code;
  }
  return new Promise((resolveExit) => {
    const stop = () => {
      void served.stop().then(() => resolveExit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

function readScript(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function readStdin(): Promise<string> {
  return new Promise((resolveText) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk) => chunks.push(chunk));
    process.stdin.on('end', () => resolveText(Buffer.concat(chunks).toString('utf8')));
  });
}

/** The longest a scripted command may run in virtual time before it is interrupted. */
const scriptCommandLimitMs = 60 * 60 * 1000;

/** Splits a script into command lines, keeping heredocs and continued lines with their command. */
export function scriptCommands(text: string): string[] {
  const commands: string[] = [];
  let pending: string[] = [];
  let waitingFor: string | undefined;
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    pending.push(line);
    // Inside a here-document only its delimiter line can end the command: no need to parse again.
    if (waitingFor !== undefined && line.replace(/^\t+/, '') !== waitingFor) continue;
    const command = pending.join('\n');
    const reason = incompleteReason(command);
    waitingFor = reason?.heredoc;
    if (reason) continue;
    if (command.trim() !== '') commands.push(command);
    pending = [];
  }
  const rest = pending.join('\n');
  if (rest.trim() !== '') commands.push(rest);
  return commands;
}

export function runScript(
  session: SimSession,
  text: string,
  write: (s: string) => void = (s) => process.stdout.write(s),
  terminal: LearnerTerminal = session.openTerminal(),
): number {
  session.scriptMode = true;
  let status = 0;
  // Output without a final newline (`printf abc`) stays; the next `$ line` starts on a fresh line.
  let atLineStart = true;
  const writeOutput = (s: string) => {
    write(s);
    if (s !== '') atLineStart = s.endsWith('\n');
  };
  for (const command of scriptCommands(text)) {
    write(`${atLineStart ? '' : '\n'}$ ${command.replace(/\n/g, '\n> ')}\n`);
    atLineStart = true;
    const run = terminal.execute(command, writeOutput);
    session.runUntilIdle(() => run.done, scriptCommandLimitMs);
    if (!run.done) run.interrupt();
    status = run.exitCode ?? 130;
    if (terminal.exited) break;
  }
  return status;
}

/**
 * The interactive shell on a terminal (`input` in raw mode, as readline puts a TTY). Under `serve`
 * the server's clock already follows the wall clock, so the shell must not move it a second time.
 */
export function runInteractive(
  session: SimSession,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
  followWallClock = true,
): Promise<number> {
  const terminal = session.openTerminal();
  const rl = createInterface({
    input,
    output,
    terminal: true,
    historySize: 1000,
    completer: (line: string) => {
      const completion = terminal.complete(line, line.length);
      return [completion.candidates, line.slice(completion.from)];
    },
  });
  output.write('Pod Lab: a simulated Kubernetes 1.32 cluster. Type `help` for help, `lab list` for the lessons.\n');
  let lastWall = Date.now();
  let buffer = '';
  let current: ReturnType<typeof terminal.execute> | undefined;
  const ticker = setInterval(() => {
    const now = Date.now();
    if (followWallClock) session.clock.advanceBy(now - lastWall);
    lastWall = now;
  }, 100);

  return new Promise((resolveExit) => {
    const prompt = () => {
      rl.setPrompt(buffer ? '> ' : terminal.prompt());
      rl.prompt();
    };
    const finish = (code: number) => {
      clearInterval(ticker);
      rl.close();
      resolveExit(code);
    };
    // Readline keeps reading while a command runs, so that Ctrl-C reaches it (as the terminal's
    // interrupt reaches a foreground job in bash); lines typed meanwhile wait their turn.
    const typeahead: string[] = [];
    const accept = (line: string) => {
      buffer = buffer ? `${buffer}\n${line}` : line;
      if (isIncomplete(buffer)) {
        prompt();
        return;
      }
      const text = buffer;
      buffer = '';
      current = terminal.execute(text, (out) => output.write(out));
      current.onDone(() => {
        current = undefined;
        if (terminal.exited) {
          finish(0);
          return;
        }
        const next = typeahead.shift();
        if (next !== undefined) accept(next);
        else prompt();
      });
    };
    rl.on('line', (line) => {
      // A command that reads what is typed (`kubectl attach -i`, `run -it`) gets the line.
      if (current?.readsInput) current.input(`${line}\n`);
      else if (current && !current.done) typeahead.push(line);
      else accept(line);
    });
    // Ctrl-D on an empty line ends the input of such a command instead of closing podlab.
    const keys = rl as unknown as { _ttyWrite?: (s: string, key: { ctrl?: boolean; name?: string }) => void; line: string };
    const ttyWrite = keys._ttyWrite;
    if (ttyWrite) {
      keys._ttyWrite = function (this: unknown, s, key) {
        if (key?.ctrl && key.name === 'd' && keys.line === '' && current?.readsInput) {
          current.endInput();
          return;
        }
        ttyWrite.call(this, s, key);
      };
    }
    rl.on('SIGINT', () => {
      typeahead.length = 0;
      if (current && !current.done) {
        current.interrupt();
        return;
      }
      buffer = '';
      output.write('^C\n');
      prompt();
    });
    rl.on('close', () => finish(0));
    prompt();
  });
}

/** Exits once everything written to stdout and stderr has been handed on: a pipe takes 64 KiB at a time. */
export function exitWhenFlushed(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

const invokedDirectly = process.argv[1] && /podlab(\.m?js|\.ts)?$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(exitWhenFlushed, (error) => {
    process.stderr.write(`podlab: internal error: ${(error as Error).message}\n`);
    exitWhenFlushed(70);
  });
}
