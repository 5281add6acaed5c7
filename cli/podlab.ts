// `podlab`: the learner's shell in a plain terminal. Interactively the virtual clock follows wall
// time; with --script (or piped input) each line runs as if typed and `sleep N` takes no wall time.

import { createInterface } from 'node:readline';
import { existsSync, readFileSync, mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSession, type SimSession } from '../sim/session';
import { clusterUptimeMs } from '../sim/cluster';
import { isIncomplete } from '../sim/shell/lang';
import type { LearnerTerminal } from '../sim/shell/terminal';
import type { CommandImpl } from '../sim/process';
import { NodeDirFs } from './node-dir-fs';
import { createLabCommand, LabController, loadCourse, formatProblem, type ProgressStorage } from '../lab';
import { readLessonFolder } from './lesson-files';
import { listenFailure, parseServeArgs, serveUsage, servingBanner, startServing } from '../server/serve';

interface CliOptions {
  script?: string;
  workspace: string;
  state: string;
  seed: number;
  help: boolean;
  lessons?: string;
}

const usage = `Usage: podlab [options]

A shell on a simulated Kubernetes 1.32 cluster, with the Pod Lab lessons.

Commands:
  serve              serve the cluster's Kubernetes API on 127.0.0.1 for your own kubectl
                     (see podlab serve --help)

Options:
  --script FILE      run FILE line by line as if typed, then exit (also: pipe lines to stdin)
  --workspace DIR    the directory your shell starts in (default: the current directory)
  --state FILE       where lesson progress is kept (default: ~/.podlab/progress.json)
  --lessons DIR      use the lesson pack in DIR instead of the bundled course
  --seed N           seed of the simulated cluster (default: 1)
  -h, --help         show this help
`;

function parseArgs(argv: string[]): CliOptions | string {
  const options: CliOptions = { workspace: process.cwd(), state: join(homedir(), '.podlab', 'progress.json'), seed: 1, help: false };
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
        break;
      case '--state':
        options.state = resolve(value());
        break;
      case '--lessons':
        options.lessons = resolve(value());
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

/** Progress in a JSON file, written atomically; an unreadable file is kept aside, never lost. */
function fileStorage(path: string): ProgressStorage {
  return {
    load: () => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
    save: (text) => {
      mkdirSync(dirname(path), { recursive: true });
      const temp = `${path}.tmp-${process.pid}`;
      writeFileSync(temp, text);
      renameSync(temp, path);
    },
    setAside: (text) => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(`${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`, text);
    },
  };
}

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'lessons'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

/** The `lab` command, with the course read on first use so plain shell scripts start fast. */
function createLab(options: CliOptions, session: () => SimSession, color: boolean, warn: (text: string) => void): CommandImpl {
  let command: CommandImpl | undefined;
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
    const controller = new LabController({
      course: loaded.course,
      session,
      storage: fileStorage(options.state),
      wallNow: () => Date.now(),
      color,
    });
    return createLabCommand(controller);
  };
  return (ctx) => (command ??= load())(ctx);
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
  if (!existsSync(options.workspace)) {
    process.stderr.write(`podlab: ${options.workspace}: No such file or directory\n`);
    return 2;
  }
  const interactive = !options.script && process.stdin.isTTY === true;
  const color = interactive && process.stdout.isTTY === true;
  let session: SimSession | undefined;
  const lab = createLab(options, () => session!, color, (text) => process.stderr.write(text + '\n'));
  session = createSession({ seed: options.seed, workspace: new NodeDirFs(options.workspace), extraCommands: { lab } });
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
  session = createSession({ seed: parsed.seed, startTime, workspace: new NodeDirFs(shellOptions.workspace), extraCommands: { lab } });
  let served;
  try {
    served = await startServing(session, parsed, (text) => process.stderr.write(text));
  } catch (error) {
    process.stderr.write(listenFailure(error as NodeJS.ErrnoException, parsed.port));
    return 1;
  }
  process.stdout.write(servingBanner(served.port, parsed.kubeconfig, parsed.speed, interactive));
  if (interactive) {
    // The server's clock already follows the wall clock: the shell must not move it a second time.
    const code = await runInteractive(session, false);
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
  let pending = '';
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    pending = pending ? `${pending}\n${line}` : line;
    if (isIncomplete(pending)) continue;
    if (pending.trim() !== '') commands.push(pending);
    pending = '';
  }
  if (pending.trim() !== '') commands.push(pending);
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
  for (const command of scriptCommands(text)) {
    write(`$ ${command.replace(/\n/g, '\n> ')}\n`);
    const run = terminal.execute(command, write);
    session.runUntilIdle(() => run.done, scriptCommandLimitMs);
    if (!run.done) run.interrupt();
    status = run.exitCode ?? 130;
    if (terminal.exited) break;
  }
  return status;
}

function runInteractive(session: SimSession, followWallClock = true): Promise<number> {
  const terminal = session.openTerminal();
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    historySize: 1000,
    completer: (line: string) => {
      const completion = terminal.complete(line, line.length);
      return [completion.candidates, line.slice(completion.from)];
    },
  });
  process.stdout.write('Pod Lab: a simulated Kubernetes 1.32 cluster. Type `help` for help, `lab list` for the lessons.\n');
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
    rl.on('line', (line) => {
      if (current && !current.done) return;
      buffer = buffer ? `${buffer}\n${line}` : line;
      if (isIncomplete(buffer)) {
        prompt();
        return;
      }
      const text = buffer;
      buffer = '';
      rl.pause();
      current = terminal.execute(text, (out) => process.stdout.write(out));
      current.onDone(() => {
        current = undefined;
        if (terminal.exited) {
          finish(0);
          return;
        }
        rl.resume();
        prompt();
      });
    });
    rl.on('SIGINT', () => {
      if (current && !current.done) {
        current.interrupt();
        return;
      }
      buffer = '';
      process.stdout.write('^C\n');
      prompt();
    });
    rl.on('close', () => finish(0));
    prompt();
  });
}

const invokedDirectly = process.argv[1] && /podlab(\.m?js|\.ts)?$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`podlab: internal error: ${(error as Error).message}\n`);
      process.exit(70);
    },
  );
}
