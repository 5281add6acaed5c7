// Runs a parsed script as a Program (sim/process.ts): synchronous until a command needs virtual
// time to pass, then it yields that command's wait and resumes where it stopped.

import { FsError } from '../../fs/filesystem';
import { errorText } from '../../fs/error-text';
import { resolvePath } from '../../fs/paths';
import { InputStream, Interrupt, readInputChunk, readsInputStream, type CommandContext, type ProcessIO, type Program, type Wait, type Wake } from '../../process';
import { defaultAction, signalNumber, type Signal } from '../../signals';
import type { Assignment, Command, List, ListItem, Redirect, Script, SimpleCommand } from './ast';
import { addJob, endJob, reportEndedJobs, type ShellJob } from './jobs';
import { builtins } from './builtins';
import { BreakSignal, ContinueSignal, ExitSignal, ReturnSignal, type BackgroundJob, type ExecContext, type Execution, type Interpreter, type RunShared, type ShellEnvironment } from './context';
import { arithmetic, ExpansionFailure, expandPattern, expandWordToString, expandWords } from './expand';
import { BoundedOutput, checkStringLength, noteMemory, ShellOutOfMemory } from './memory-limit';
import { ForkFailure, forkFailureMessage, forkProcesses, forksPerInstantLimit } from './process-limit';
import { parseCached } from './parser';
import { patternMatches } from './pattern';
import { ShellStreams, type InputCursor } from './shell-io';
import { arrayValues, commandEnvironment, copyShellState, setArray, setVar, type ShellState } from './state';
import { ShellSyntaxError } from './syntax-error';


/** Loops that spin this many times without virtual time passing give the clock a turn. */
const busyIterations = 1000;
/**
 * The virtual CPU time charged for one such turn: 10 ms at first, doubling while the loop keeps
 * spinning, up to 30 s. A runaway loop (`while true; do :; done`) then costs a few milliseconds
 * of wall time per virtual minute instead of freezing the engine.
 */
const firstBusySliceMs = 10;
const maxBusySliceMs = 30_000;

/** Counts a loop's turns; after busyIterations of them without virtual time passing, the CPU time to charge. */
class BusyLoop {
  private spins = 0;
  private sliceMs = firstBusySliceMs;
  private startedAt = 0;

  constructor(private readonly now: () => number) {}

  turnStarts(): void {
    this.startedAt = this.now();
  }

  /** The sleep to yield after a turn, or undefined. */
  turnEnds(): Wait | undefined {
    if (this.now() === this.startedAt) {
      this.spins++;
    } else {
      this.spins = 0;
      this.sliceMs = firstBusySliceMs;
    }
    if (this.spins < busyIterations) return undefined;
    this.spins = 0;
    const until = this.now() + this.sliceMs;
    this.sliceMs = Math.min(this.sliceMs * 2, maxBusySliceMs);
    return { kind: 'sleep', until };
  }
}
/** A word as it could be typed again: alias expansion re-reads the words after the alias. */
function quoteWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** bash's words when FUNCNEST is set; without a limit a real shell would crash on the recursion. */
const maxFunctionDepth = 100;


/**
 * Parses and runs a command line; a syntax error is printed the shell's way with status 2. An
 * interactive shell then tells of the jobs that have ended.
 */
export function runCommandLine(line: string, state: ShellState, env: ShellEnvironment): Program {
  const program = runLine(line, state, env);
  return state.interactive ? withJobNotices(program, state, env) : program;
}

function* withJobNotices(program: Program, state: ShellState, env: ShellEnvironment): Program {
  const status = yield* program;
  reportEndedJobs(state.jobs, env.dialect === 'bash', env.io.stderr);
  return status;
}

function runLine(line: string, state: ShellState, env: ShellEnvironment): Program {
  let script: Script;
  try {
    script = parseCached(line, env.dialect);
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    env.io.stderr(error.format(env.dialect, env.dash ? state.scriptName : env.shellName, env.dash) + '\n');
    state.lastStatus = error.problem.kind === 'heredoc' && env.dialect === 'bash' ? 0 : 2;
    return statusProgram(state.lastStatus);
  }
  return runScript(script, state, env);
}

function* statusProgram(status: number): Program {
  return status;
}

/** Runs a parsed script against a shell state. Returns the exit status of the last command. */
export function runScript(script: Script, state: ShellState, env: ShellEnvironment): Program {
  const only = script.items.length === 1 ? script.items[0]! : undefined;
  if (only && !only.background && only.command.kind === 'simple' && only.command.literalArgv) {
    state.lineNumber = only.command.line;
    return new SingleCommandProgram(only.command.literalArgv.slice(), state, env);
  }
  const io = new ShellStreams({ text: env.io.stdin, pos: 0 }, env.io.stdout, env.io.stderr);
  const ctx: ExecContext = { state, env, io, shared: { jobs: [], nextJobPid: state.pid + 1, forks: { count: 0 } }, interpreter, inCondition: false, inFunction: false, loopDepth: 0, subshell: false };
  return drive(ctx, runTop(script, ctx));
}

/**
 * The probe fast path: one simple command of literal words (`cat /tmp/healthy`). Runs the command
 * without the interpreter's generator stack; falls back to it for functions, builtins and aliases.
 */
class SingleCommandProgram implements Program {
  private inner: Program | undefined;
  private finished = false;
  /** What the command is waiting for, to go on waiting when a signal is ignored. */
  private lastWait: Wait | undefined;

  constructor(
    private readonly argv: string[],
    private readonly state: ShellState,
    private readonly env: ShellEnvironment,
  ) {}

  next(wake?: Wake): IteratorResult<Wait, number> {
    if (this.finished) return { done: true, value: this.state.lastStatus };
    if (!this.inner) {
      const started = this.start();
      if (typeof started === 'number') return this.finish(started);
      this.inner = started;
    }
    return this.forward(() => this.inner!.next(wake));
  }

  throw(error: unknown): IteratorResult<Wait, number> {
    // As PID 1 (`sh -c 'sleep 3600'` in a container) a signal without a handler is ignored, as is
    // anywhere one whose default action is to do nothing (SIGCHLD, SIGWINCH).
    if (error instanceof Interrupt && !this.finished && this.lastWait && (this.env.host.isInit?.() || ignoredByDefault(error.signal))) return { done: false, value: this.lastWait };
    if (this.finished || !this.inner) {
      this.finished = true;
      if (error instanceof Interrupt) return this.finish(128 + signalNumber(error.signal));
      throw error;
    }
    return this.forward(() => this.inner!.throw(error));
  }

  return(value: number): IteratorResult<Wait, number> {
    this.inner?.return(value);
    this.finished = true;
    return { done: true, value };
  }

  [Symbol.iterator](): Program {
    return this;
  }

  private start(): Program | number {
    const { argv, state, env } = this;
    const name = argv[0]!;
    if (state.functions.has(name) || builtins.has(name) || state.aliases.has(name) || name.includes('/')) {
      const io = new ShellStreams({ text: env.io.stdin, pos: 0 }, env.io.stdout, env.io.stderr);
      const ctx: ExecContext = { state, env, io, shared: { jobs: [], nextJobPid: state.pid + 1, forks: { count: 0 } }, interpreter, inCondition: false, inFunction: false, loopDepth: 0, subshell: false };
      return drive(ctx, runTop({ kind: 'list', items: [{ command: { kind: 'simple', assignments: [], words: argv.map((w) => ({ parts: [], raw: quoteWord(w), literal: w })), redirects: [], literalArgv: argv, line: 1 }, background: false }] }, ctx));
    }
    const impl = env.host.command?.(name) ?? env.commands(name);
    if (!impl) {
      env.io.stderr(notFound(env, state, name));
      return 127;
    }
    try {
      return impl({ argv, io: env.io, env: commandEnvironment(state), fs: env.fs, cwd: state.cwd, now: env.now, host: env.host });
    } catch (error) {
      if (error instanceof Interrupt || error instanceof ShellOutOfMemory) throw error;
      env.io.stderr(`${name}: ${errorText(error)}\n`);
      return 1;
    }
  }

  private forward(step: () => IteratorResult<Wait, number>): IteratorResult<Wait, number> {
    try {
      const result = step();
      if (!result.done) this.lastWait = result.value;
      return result.done ? this.finish(result.value) : result;
    } catch (error) {
      if (error instanceof Interrupt) return this.finish(128 + signalNumber(error.signal));
      throw error;
    }
  }

  private finish(status: number): IteratorResult<Wait, number> {
    this.finished = true;
    this.state.lastStatus = status;
    return { done: true, value: status };
  }
}

function* runTop(script: Script, ctx: ExecContext): Execution {
  try {
    return yield* execList(script, ctx);
  } catch (error) {
    return topLevelStatus(error, ctx);
  }
}

function topLevelStatus(error: unknown, ctx: ExecContext): number {
  if (error instanceof ExitSignal) {
    ctx.state.exited = true;
    ctx.state.lastStatus = error.status;
    return error.status;
  }
  if (error instanceof ExpansionFailure) {
    ctx.io.stderr(error.message + '\n');
    ctx.state.lastStatus = error.status;
    return error.status;
  }
  if (error instanceof ShellOutOfMemory) {
    // bash treats a failed allocation as fatal to the command line; here the shell stays.
    ctx.io.stderr(`${ctx.env.shellName}: ${error.message}\n`);
    ctx.state.lastStatus = 2;
    return 2;
  }
  if (error instanceof ReturnSignal) return error.status;
  if (error instanceof BreakSignal || error instanceof ContinueSignal) return ctx.state.lastStatus;
  throw error;
}

/**
 * Steps the main program and any background jobs (`cmd &`) together: it yields the earliest wait
 * among them and resumes whichever are due. Interrupts stop everything.
 */
/** Starts `count` processes side by side, within the limits of process-limit.ts; returns what the new branch stands for. */
function fork(ctx: ExecContext, count: number, background = false): number {
  const shared = ctx.shared;
  const forks = shared.forks;
  const now = ctx.env.now();
  if (forks.instant !== now) {
    forks.instant = now;
    forks.count = 0;
  }
  forks.count += count;
  if (forks.count > forksPerInstantLimit) throw new ForkFailure();
  return forkProcesses(ctx.processes ?? 1, count, shared.jobs.length + (background ? 1 : 0));
}

function* drive(ctx: ExecContext, main: Execution): Program {
  try {
    return yield* driveJobs(ctx, main);
  } catch (error) {
    if (!(error instanceof ForkFailure)) throw error;
    // The process table is full: the command line ends, its background jobs with it.
    for (const job of ctx.shared.jobs) job.program.return(0);
    ctx.shared.jobs.length = 0;
    main.return(0);
    ctx.io.stderr(forkFailureMessage(ctx.env.shellName));
    ctx.state.lastStatus = 1;
    return 1;
  }
}

function* driveJobs(ctx: ExecContext, main: Execution): Program {
  const jobs = ctx.shared.jobs;
  let wake: Wake | undefined;
  for (;;) {
    let step: IteratorResult<Wait, number>;
    step = main.next(wake);
    if (step.done) return step.value;
    const mainWait = step.value;
    for (;;) {
      try {
        wake = yield jobs.length === 0 ? mainWait : combinedWait(mainWait, jobs);
      } catch (error) {
        if (!(error instanceof Interrupt)) throw error;
        // A trapped signal waits for the command in the foreground to finish, as in sh; PID 1
        // ignores a signal it has no trap for. Either way the shell goes on waiting.
        const trap = ctx.state.traps.get(error.signal.replace(/^SIG/, ''));
        if (trap !== undefined || ctx.env.host.isInit?.() || ignoredByDefault(error.signal)) {
          if (trap) ctx.state.pendingTraps.push(trap);
          continue;
        }
        for (const job of jobs) job.program.return(0);
        jobs.length = 0;
        main.return(0);
        ctx.state.lastStatus = 128 + signalNumber(error.signal);
        return ctx.state.lastStatus;
      }
      if (jobs.length === 0) break;
      const now = ctx.env.now();
      const ended = stepDueJobs(jobs, now, wake);
      if (isDue(mainWait, now, wake) || ended.has(mainWait)) break;
    }
  }
}

/** Signals a process without a handler for them does not die of. */
function ignoredByDefault(signal: Signal): boolean {
  const action = defaultAction(signal);
  return action === 'ignore' || action === 'continue';
}

function isDue(wait: Wait, now: number, wake: Wake | undefined): boolean {
  if (wait.kind === 'change' && wake === 'change') return true;
  if (wait.kind === 'input') return wake === 'input' || wait.from.readable;
  return wait.until !== undefined && wait.until <= now;
}

function combinedWait(mainWait: Wait, jobs: RunShared['jobs']): Wait {
  // Waiting on a pipe is waiting for the job that feeds it, whose own wait is among these.
  const waits = ([mainWait, ...jobs.map((j) => j.wait!)] as Wait[]).filter((wait) => !(wait.kind === 'input' && wait.from.pipe && wait.until === undefined));
  let until: number | undefined;
  let change = false;
  for (const wait of waits) {
    if (wait.kind === 'change') change = true;
    if (wait.until !== undefined) until = until === undefined ? wait.until : Math.min(until, wait.until);
  }
  // A job waits on typed input while others sleep: input or the earliest time, whichever comes first.
  const reading = waits.find((wait) => wait.kind === 'input');
  if (reading) return until === undefined ? reading : { ...reading, until };
  if (change) return until === undefined ? { kind: 'change' } : { kind: 'change', until };
  return until === undefined ? mainWait : { kind: 'sleep', until };
}

/**
 * Steps every job whose wait is over, again and again while one's step lets another go on (a
 * pipeline stage writing the line the next one waits for). Returns the waits that ended: waiting on
 * the same Wait as a job (a pipeline waiting for its stages) is waiting for that job's next step.
 */
function stepDueJobs(jobs: RunShared['jobs'], now: number, wake: Wake | undefined): Set<Wait> {
  const ended = new Set<Wait>();
  for (let pass = 0, progress = true; progress; pass++) {
    progress = false;
    for (const job of [...jobs]) {
      if (!job.wait || !(isDue(job.wait, now, pass === 0 ? wake : undefined) || ended.has(job.wait))) continue;
      ended.add(job.wait);
      const step = job.program.next(pass === 0 ? wake : undefined);
      if (step.done) {
        job.done = true;
        job.wait = undefined;
        jobs.splice(jobs.indexOf(job), 1);
        if (job.shellJob) endJob(job.shellJob, step.value);
        progress = true;
      } else {
        job.wait = step.value;
        // Yielding a wait that already ended (the same object again) is no reason for another pass.
        if (!ended.has(step.value)) progress = true;
      }
    }
  }
  return ended;
}

// ---- lists and compound commands ----

export function* execList(list: List, ctx: ExecContext): Execution {
  let status = ctx.state.lastStatus;
  for (const item of list.items) {
    if (item.background) {
      startBackground(item, ctx);
      status = 0;
      ctx.state.lastStatus = 0;
      continue;
    }
    status = yield* execCommand(item.command, ctx);
    ctx.state.lastStatus = status;
    if (ctx.state.pendingTraps.length > 0) yield* runPendingTraps(ctx);
    if (status !== 0 && ctx.state.errexit && !ctx.inCondition && exitsOnError(item.command)) throw new ExitSignal(status);
  }
  return status;
}

/** Runs the trap commands of signals that arrived; `$?` is what it was before them. */
function* runPendingTraps(ctx: ExecContext): Execution {
  const status = ctx.state.lastStatus;
  while (ctx.state.pendingTraps.length > 0) {
    const action = ctx.state.pendingTraps.shift()!;
    try {
      yield* execList(parseCached(action, ctx.env.dialect), ctx);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      ctx.io.stderr(error.format(ctx.env.dialect, ctx.env.shellName) + '\n');
    }
  }
  ctx.state.lastStatus = status;
  return status;
}

function exitsOnError(command: Command): boolean {
  if (command.kind === 'andor') return false;
  if (command.kind === 'pipeline' && command.negate) return false;
  return true;
}

/**
 * `cmd &`. Where the host starts processes (a container, the learner's terminal) the job is one of
 * them, beside this shell: ps shows it, kill reaches it, and it goes on after the command line.
 * Elsewhere the shell steps it with the command line, which it ends with.
 */
function startBackground(item: ListItem, ctx: ExecContext): void {
  fork(ctx, 1, true);
  const state = ctx.state;
  const text = item.text ?? '';
  const jobState = copyShellState(state);
  const jobIO = new ShellStreams({ text: '', pos: 0 }, ctx.io.stdout, ctx.io.stderr);
  const spawn = ctx.env.host.spawn;
  let job: ShellJob;
  if (spawn) {
    let endedAt: number | undefined;
    // ps shows a command as it runs it, and a compound one as the shell forked to run it.
    const command = item.command.kind === 'simple' ? item.command.literalArgv?.join(' ') ?? item.command.words.map((word) => word.raw).join(' ') : undefined;
    const child = spawn.call(ctx.env.host, command, (host) => {
      const jobCtx: ExecContext = { ...ctx, env: { ...ctx.env, host }, state: jobState, subshell: true, io: jobIO, shared: { jobs: [], nextJobPid: ctx.shared.nextJobPid, forks: ctx.shared.forks } };
      return backgroundProcess(jobCtx, runSubshell(item.command, jobCtx));
    }, (status) => {
      if (job) endJob(job, status);
      else endedAt = status;
    });
    job = addJob(state.jobs, child.pid, text);
    job.signal = child.signal;
    if (endedAt !== undefined) endJob(job, endedAt);
  } else {
    const pid = ctx.shared.nextJobPid++;
    job = addJob(state.jobs, pid, text);
    const program = runSubshell(item.command, { ...ctx, state: jobState, subshell: true, io: jobIO });
    const running: BackgroundJob = { program, pid, wait: undefined, done: false, shellJob: job };
    const settle = (step: () => IteratorResult<Wait, number>): void => {
      let result: IteratorResult<Wait, number>;
      try {
        result = step();
      } catch (error) {
        if (!(error instanceof Interrupt)) throw error;
        result = { done: true, value: 128 + signalNumber(error.signal) };
      }
      if (!result.done) {
        running.wait = result.value;
        return;
      }
      running.done = true;
      running.wait = undefined;
      const index = ctx.shared.jobs.indexOf(running);
      if (index >= 0) ctx.shared.jobs.splice(index, 1);
      endJob(job, result.value);
    };
    job.signal = (signal) => {
      if (!running.done) settle(() => program.throw(new Interrupt(signal)));
    };
    settle(() => program.next());
    if (!running.done) ctx.shared.jobs.push(running);
  }
  state.lastBackgroundPid = job.pid;
  if (state.interactive) ctx.io.stderr(`[${job.number}] ${job.pid}\n`);
}

/**
 * A background job as a process of its own, with its own pipeline stages. A fork that fails while
 * it starts fails the fork of the shell that started it (a fork bomb ends that command line);
 * later it ends the job with the shell's message.
 */
function backgroundProcess(ctx: ExecContext, main: Execution): Program {
  const inner = driveJobs(ctx, main);
  const first = inner.next();
  return (function* (): Program {
    let step = first;
    try {
      for (;;) {
        if (step.done) return step.value;
        let wake: Wake | undefined;
        try {
          wake = yield step.value;
        } catch (error) {
          step = inner.throw(error);
          continue;
        }
        step = inner.next(wake);
      }
    } catch (error) {
      if (!(error instanceof ForkFailure)) throw error;
      for (const job of ctx.shared.jobs) job.program.return(0);
      ctx.shared.jobs.length = 0;
      ctx.io.stderr(forkFailureMessage(ctx.env.shellName));
      return 1;
    }
  })();
}

function* runSubshell(command: Command, ctx: ExecContext): Execution {
  try {
    return yield* execCommand(command, ctx);
  } catch (error) {
    if (error instanceof ExitSignal) return error.status;
    if (error instanceof ExpansionFailure) {
      ctx.io.stderr(error.message + '\n');
      return error.status;
    }
    if (error instanceof BreakSignal || error instanceof ContinueSignal) return 0;
    throw error;
  }
}

export function* execCommand(command: Command, ctx: ExecContext): Execution {
  switch (command.kind) {
    case 'simple':
      return yield* execSimple(command, ctx);
    case 'pipeline':
      return yield* execPipeline(command.commands, command.negate, ctx);
    case 'andor': {
      const conditionCtx = ctx.inCondition ? ctx : { ...ctx, inCondition: true };
      let status = yield* execCommand(command.first, conditionCtx);
      for (const { op, command: next } of command.rest) {
        ctx.state.lastStatus = status;
        if ((op === '&&') === (status === 0)) status = yield* execCommand(next, conditionCtx);
      }
      return status;
    }
    case 'list':
      return yield* execList(command, ctx);
    case 'function':
      ctx.state.functions.set(command.name, command.body);
      return 0;
    default:
      return yield* withRedirects(command.redirects, ctx, (redirected) => execCompound(command, redirected));
  }
}

function* execCompound(command: Exclude<Command, SimpleCommand | { kind: 'pipeline' | 'andor' | 'list' | 'function' }>, ctx: ExecContext): Execution {
  switch (command.kind) {
    case 'if': {
      const conditionCtx = { ...ctx, inCondition: true };
      for (const clause of command.clauses) {
        const status = yield* execList(clause.condition, conditionCtx);
        if (status === 0) return yield* execList(clause.body, ctx);
      }
      return command.elseBody ? yield* execList(command.elseBody, ctx) : 0;
    }
    case 'loop': {
      const conditionCtx = { ...ctx, inCondition: true, loopDepth: ctx.loopDepth + 1 };
      const bodyCtx = { ...ctx, loopDepth: ctx.loopDepth + 1 };
      let status = 0;
      const busy = new BusyLoop(() => ctx.env.now());
      for (;;) {
        busy.turnStarts();
        const conditionStatus = yield* execList(command.condition, conditionCtx);
        if ((conditionStatus === 0) === command.until) break;
        const outcome = yield* loopBody(command.body, bodyCtx);
        status = outcome.status;
        if (outcome.stop) break;
        const charge = busy.turnEnds();
        if (charge) yield charge;
      }
      return status;
    }
    case 'for': {
      const values = command.words ? yield* expandWords(command.words, ctx) : [...ctx.state.positional];
      const bodyCtx = { ...ctx, loopDepth: ctx.loopDepth + 1 };
      let status = 0;
      const busy = new BusyLoop(() => ctx.env.now());
      for (const value of values) {
        busy.turnStarts();
        setVar(ctx.state, command.name, value);
        const outcome = yield* loopBody(command.body, bodyCtx);
        status = outcome.status;
        if (outcome.stop) break;
        const charge = busy.turnEnds();
        if (charge) yield charge;
      }
      noteMemory(ctx);
      return status;
    }
    case 'case': {
      const subject = yield* expandWordToString(command.subject, ctx);
      for (const item of command.items) {
        for (const patternWord of item.patterns) {
          const pattern = yield* expandPattern(patternWord, ctx);
          if (patternMatches(pattern, subject)) return yield* execList(item.body, ctx);
        }
      }
      return 0;
    }
    case 'group':
      if (!command.subshell) return yield* execList(command.body, ctx);
      fork(ctx, 1);
      return yield* runSubshell(command.body, { ...ctx, state: copyShellState(ctx.state), subshell: true });
  }
}

function* loopBody(body: List, ctx: ExecContext): Generator<Wait, { status: number; stop: boolean }, Wake | undefined> {
  try {
    return { status: yield* execList(body, ctx), stop: false };
  } catch (error) {
    if (error instanceof BreakSignal) {
      if (--error.levels > 0) throw error;
      return { status: 0, stop: true };
    }
    if (error instanceof ContinueSignal) {
      if (--error.levels > 0) throw error;
      return { status: 0, stop: false };
    }
    throw error;
  }
}

function* execPipeline(commands: Command[], negate: boolean, ctx: ExecContext): Execution {
  const status = commands.length === 1 ? yield* execCommand(commands[0]!, ctx) : yield* runStages(commands, { ...ctx, processes: fork(ctx, commands.length) });
  return negate ? Number(status === 0) : status;
}

/**
 * The stages of a pipeline run side by side, joined by pipes, as processes do: each stage but the
 * last is a job of this shell writing into the pipe to the next one, and the last runs in the
 * foreground. A stage that takes its input a line at a time (a `while read` loop, grep, sed, awk)
 * handles each line as it is written, so `tail -F log | grep x | while read l` follows the log;
 * any other stage waits for the one before to end and gets all it printed, so a finite pipeline
 * prints what it would stage after stage. Once a stage has ended, the stage before it dies of
 * SIGPIPE at its next write (`yes | head -1`); the pipeline ends when all of its stages have, and
 * its status is the last stage's.
 */
function* runStages(commands: Command[], ctx: ExecContext): Execution {
  const jobs = ctx.shared.jobs;
  const stages: BackgroundJob[] = [];
  let input: InputCursor = { text: ctx.io.stdin, pos: 0, stream: ctx.io.input.stream, wholeInputForCommands: ctx.io.input.wholeInputForCommands };
  let inputReaderGone = (): void => {};
  try {
    for (let index = 0; index < commands.length - 1; index++) {
      const pipe = new InputStream(true);
      let readerGone = false;
      const write = (text: string): void => {
        if (readerGone) throw new Interrupt('SIGPIPE');
        pipe.write(text);
        checkStringLength(pipe.buffered);
      };
      const program = runStage(commands[index]!, index > 0, stageContext(ctx, input, write), inputReaderGone, pipe);
      const job: BackgroundJob = { program, pid: ctx.shared.nextJobPid++, wait: undefined, done: false, pipeStage: true };
      const first = program.next();
      if (first.done) job.done = true;
      else {
        job.wait = first.value;
        jobs.push(job);
      }
      stages.push(job);
      input = { text: '', pos: 0, stream: pipe };
      inputReaderGone = () => (readerGone = true);
    }
    const status = yield* runStage(commands[commands.length - 1]!, true, stageContext(ctx, input, ctx.io.stdout), inputReaderGone);
    for (const stage of stages) {
      while (!stage.done) yield stage.wait!;
    }
    return status;
  } finally {
    for (const stage of stages) {
      const index = jobs.indexOf(stage);
      if (index < 0) continue;
      jobs.splice(index, 1);
      stage.program.return(0);
    }
  }
}

function stageContext(ctx: ExecContext, input: InputCursor, stdout: (text: string) => void): ExecContext {
  return { ...ctx, state: copyShellState(ctx.state), subshell: true, io: new ShellStreams(input, stdout, ctx.io.stderr) };
}

/**
 * One stage of a pipeline. A stage reading a pipe of this pipeline gets it as it comes when it is a
 * `while`/`until` loop or a simple command (whose program says whether it reads as it comes, see
 * invoke); any other compound command gets all of it once the writer has ended.
 */
function* runStage(command: Command, readsPipe: boolean, ctx: ExecContext, readerGone: () => void, output?: InputStream): Execution {
  try {
    if (readsPipe && command.kind === 'simple') ctx.io.input.wholeInputForCommands = true;
    else if (readsPipe && command.kind !== 'loop') yield* readWholeInput(ctx.io.input);
    return yield* runSubshell(command, ctx);
  } catch (error) {
    // Killed by the signal of a write into a pipe nobody reads any more.
    if (error instanceof Interrupt && error.signal === 'SIGPIPE') return 128 + signalNumber('SIGPIPE');
    throw error;
  } finally {
    readerGone();
    output?.close();
  }
}

function takeEndedStream(input: InputCursor): void {
  const rest = input.stream!.readAvailable();
  input.text = input.text.slice(input.pos) + (rest ?? '');
  input.pos = 0;
  input.stream = undefined;
}

/** Waits for the end of the pipe an input cursor reads and takes all of it into the cursor's text. */
function* readWholeInput(input: InputCursor): Generator<Wait, void, Wake | undefined> {
  const stream = input.stream;
  if (!stream) return;
  let text = input.text.slice(input.pos);
  for (;;) {
    const chunk = yield* readInputChunk(stream);
    if (chunk === null) break;
    text += chunk;
    checkStringLength(text.length);
  }
  input.text = text;
  input.pos = 0;
  input.stream = undefined;
}

/** Command substitution: runs the script in a subshell and returns what it printed. */
export function* runSubstitution(script: Script, ctx: ExecContext): Generator<Wait, string, Wake | undefined> {
  fork(ctx, 1);
  const captured = new BoundedOutput();
  const subCtx: ExecContext = {
    ...ctx,
    state: copyShellState(ctx.state),
    io: new ShellStreams({ text: ctx.io.stdin, pos: 0 }, captured.push, ctx.io.stderr),
    subshell: true,
  };
  const status = yield* runSubshell(script, subCtx);
  ctx.state.lastStatus = status;
  return captured.text();
}

// ---- simple commands ----

function* execSimple(command: SimpleCommand, ctx: ExecContext): Execution {
  const state = ctx.state;
  state.lineNumber = command.line;
  let argv: string[];
  if (command.literalArgv) {
    // A copy: the parsed tree is cached and shared, and commands may change their argv.
    argv = command.literalArgv.slice();
  } else {
    // An expansion error (`${x:?}`, bad arithmetic) aborts the whole script, as in sh and bash.
    argv = yield* expandWords(command.words, ctx);
  }
  if (state.aliases.size > 0 && argv.length > 0 && command.words[0]!.literal === command.words[0]!.raw) {
    const alias = state.aliases.get(argv[0]!);
    if (alias !== undefined && !ctx.expandingAliases?.has(argv[0]!)) {
      const text = [alias, ...command.words.slice(1).map((w) => w.raw)].join(' ');
      const expanding = new Set(ctx.expandingAliases ?? []);
      expanding.add(argv[0]!);
      let script: Script;
      try {
        script = parseCached(text, ctx.env.dialect);
      } catch (error) {
        // an alias whose text does not parse (`alias x='('`)
        if (!(error instanceof ShellSyntaxError)) throw error;
        ctx.io.stderr(error.format(ctx.env.dialect, ctx.env.shellName) + '\n');
        return 2;
      }
      return yield* withRedirects(command.redirects, { ...ctx, expandingAliases: expanding }, (redirected) => execList(script, redirected));
    }
  }
  if (argv.length === 0) {
    state.lastStatus = 0;
    for (const assignment of command.assignments) yield* assign(assignment, ctx);
    noteMemory(ctx);
    const status = state.lastStatus;
    if (command.redirects.length === 0) return status;
    return yield* withRedirects(command.redirects, ctx, function* () {
      return status;
    });
  }
  if (command.redirects.length === 0 && command.assignments.length === 0) return yield* invoke(argv, ctx, undefined);
  let assignments: Map<string, string> | undefined;
  if (command.assignments.length > 0) {
    assignments = new Map();
    for (const assignment of command.assignments) assignments.set(assignment.name, yield* expandWordToString(assignment.value, ctx));
  }
  return yield* withRedirects(command.redirects, ctx, (redirected) => invoke(argv, redirected, assignments));
}

/** One assignment without a command: a variable, or in bash an array or one of its elements. */
function* assign(assignment: Assignment, ctx: ExecContext): Generator<Wait, void, Wake | undefined> {
  const state = ctx.state;
  if (assignment.elements) {
    const values: string[] = [];
    for (const element of assignment.elements) values.push(...(yield* expandWords([element], ctx)));
    setArray(state, assignment.name, assignment.append ? [...arrayValues(state, assignment.name), ...values] : values);
    return;
  }
  const value = yield* expandWordToString(assignment.value, ctx);
  if (assignment.index) {
    const index = arithmetic(yield* expandWordToString(assignment.index, ctx), ctx);
    const values = [...arrayValues(state, assignment.name)];
    const at = index < 0 ? values.length + index : index;
    if (at < 0) throw new ExpansionFailure(`${ctx.env.shellName}: ${assignment.name}[${index}]: bad array subscript`, 1);
    values[at] = assignment.append ? (values[at] ?? '') + value : value;
    setArray(state, assignment.name, values);
    return;
  }
  setVar(state, assignment.name, assignment.append ? (state.vars.get(assignment.name) ?? '') + value : value);
}

/** Runs one command by name: function, builtin, host command, the dialect's commands, or a file. */
export function* invoke(argv: string[], ctx: ExecContext, assignments: Map<string, string> | undefined): Execution {
  const name = argv[0]!;
  const state = ctx.state;
  const fn = state.functions.get(name);
  if (fn) return yield* withTemporaryVars(ctx, assignments, () => callFunction(fn, argv, ctx));
  const builtin = builtins.get(name);
  if (builtin) {
    return yield* withTemporaryVars(ctx, assignments, function* () {
      const result = builtin(argv, ctx);
      return typeof result === 'number' ? result : yield* result;
    });
  }
  const env = ctx.env;
  const impl = env.host.command?.(name) ?? (name.includes('/') ? undefined : env.commands(name));
  if (impl) {
    let environment = commandEnvironment(state);
    if (assignments) {
      environment = new Map(environment);
      for (const [key, value] of assignments) environment.set(key, value);
    }
    const input = ctx.io.input;
    // A pipe whose writer has ended is plain text: what is left of it is all there is.
    if (input.stream?.closed) takeEndedStream(input);
    let io: ProcessIO = ctx.io;
    if (input.stream && readsInputStream(impl)) io = { stdin: ctx.io.stdin, stdinStream: input.stream, stdout: ctx.io.stdout, stderr: ctx.io.stderr };
    else if (input.stream && input.wholeInputForCommands) yield* readWholeInput(input);
    const commandContext: CommandContext = { argv, io, env: environment, fs: env.fs, cwd: state.cwd, now: env.now, host: env.host };
    try {
      const result = impl(commandContext);
      return typeof result === 'number' ? result : yield* result;
    } catch (error) {
      if (error instanceof Interrupt || error instanceof ShellOutOfMemory) throw error;
      ctx.io.stderr(`${name}: ${errorText(error)}\n`);
      return 1;
    }
  }
  if (name.includes('/')) return yield* runFile(argv, ctx);
  ctx.io.stderr(notFound(env, state, name));
  return 127;
}

/** How the shell begins a message of its own: dash names its $0 and the script line (`sh: 1: `). */
function messagePrefix(env: ShellEnvironment, state: ShellState): string {
  return env.dash ? `${state.scriptName}: ${state.lineNumber ?? 1}: ` : `${env.shellName}: `;
}

function notFound(env: ShellEnvironment, state: ShellState, name: string): string {
  return `${messagePrefix(env, state)}${name}: ${env.dialect === 'bash' && !env.dash ? 'command not found' : 'not found'}\n`;
}

function* withTemporaryVars(ctx: ExecContext, assignments: Map<string, string> | undefined, body: () => Execution): Execution {
  if (!assignments) return yield* body();
  const saved = new Map<string, string | undefined>();
  for (const [key, value] of assignments) {
    saved.set(key, ctx.state.vars.get(key));
    setVar(ctx.state, key, value);
  }
  try {
    return yield* body();
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) ctx.state.vars.delete(key);
      else setVar(ctx.state, key, value);
    }
  }
}

function* callFunction(body: Command, argv: string[], ctx: ExecContext): Execution {
  const depth = (ctx.functionDepth ?? 0) + 1;
  if (depth > maxFunctionDepth) {
    ctx.io.stderr(`${ctx.env.shellName}: ${argv[0]}: maximum function nesting level exceeded (${maxFunctionDepth})\n`);
    return 1;
  }
  const state = ctx.state;
  const savedPositional = state.positional;
  state.positional = argv.slice(1);
  try {
    return yield* execCommand(body, { ...ctx, inFunction: true, functionDepth: depth });
  } catch (error) {
    if (error instanceof ReturnSignal) return error.status;
    throw error;
  } finally {
    state.positional = savedPositional;
  }
}

/** `./script.sh`, `/bin/ls`: a file run as a command. */
function* runFile(argv: string[], ctx: ExecContext): Execution {
  const env = ctx.env;
  const name = argv[0]!;
  const path = resolvePath(ctx.state.cwd, name);
  const stat = env.fs.stat(path);
  const bash = env.dialect === 'bash' && !env.dash;
  const prefix = messagePrefix(env, ctx.state);
  if (!stat) {
    ctx.io.stderr(bash ? `${prefix}${name}: No such file or directory\n` : `${prefix}${name}: not found\n`);
    return 127;
  }
  if (stat.type === 'dir') {
    ctx.io.stderr(bash ? `${prefix}${name}: Is a directory\n` : `${prefix}${name}: Permission denied\n`);
    return 126;
  }
  if ((stat.mode & 0o111) === 0) {
    ctx.io.stderr(`${prefix}${name}: Permission denied\n`);
    return 126;
  }
  const content = env.fs.readFile(path);
  const base = path.slice(path.lastIndexOf('/') + 1);
  const known = env.host.command?.(base) ?? env.commands(base);
  // Files in an image's /bin are stand-ins for the commands they name.
  if (known && !content.startsWith('#!') && content.trim() === '') return yield* invoke([base, ...argv.slice(1)], ctx, undefined);
  let script: Script;
  try {
    script = parseCached(content, ctx.env.dialect);
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    ctx.io.stderr(error.format(env.dialect, name) + '\n');
    return 2;
  }
  const state = copyShellState(ctx.state);
  state.positional = argv.slice(1);
  state.scriptName = name;
  state.functions = new Map();
  // a script that runs itself: each run is a new process, bounded like nested functions
  const depth = (ctx.functionDepth ?? 0) + 1;
  if (depth > maxFunctionDepth) {
    ctx.io.stderr(`${env.shellName}: fork: retry: Resource temporarily unavailable\n`);
    return 254;
  }
  fork(ctx, 1);
  return yield* runSubshell(script, { ...ctx, state, subshell: true, inFunction: false, loopDepth: 0, functionDepth: depth });
}

// ---- redirections ----

function* withRedirects(redirects: Redirect[], ctx: ExecContext, body: (ctx: ExecContext) => Execution): Execution {
  if (redirects.length === 0) return yield* body(ctx);
  let input = ctx.io.input;
  let stdout = ctx.io.stdout;
  let stderr = ctx.io.stderr;
  const env = ctx.env;
  for (const redirect of redirects) {
    if (redirect.heredoc) {
      const text = redirect.heredoc.quoted ? redirect.heredoc.body.literal ?? '' : yield* expandWordToString(redirect.heredoc.body, ctx);
      if (redirect.fd === 0) input = { text, pos: 0 };
      continue;
    }
    const target = yield* expandWordToString(redirect.target, ctx);
    const op = redirect.op;
    if (op === '>&' || op === '<&') {
      if (target === '-') continue;
      const source = target === '1' ? stdout : target === '2' ? stderr : undefined;
      if (!source) {
        if (op === '>&' && !/^\d+$/.test(target)) {
          // `>&file` is bash's `&>file`.
          const sink = openOutput(target, false, ctx);
          if (!sink) return env.dash ? 2 : 1;
          stdout = sink;
          stderr = sink;
          continue;
        }
        if (target !== '0') ctx.io.stderr(`${env.shellName}: ${target}: Bad file descriptor\n`);
        continue;
      }
      if (redirect.fd === 1) stdout = source;
      else if (redirect.fd === 2) stderr = source;
      continue;
    }
    if (op === '<' || op === '<>') {
      const path = resolvePath(ctx.state.cwd, target);
      try {
        input = { text: path === '/dev/null' ? '' : env.fs.readFile(path), pos: 0 };
      } catch (error) {
        if (!(error instanceof FsError)) throw error;
        const missing = error.code === 'ENOENT' || error.code === 'ENOTDIR';
        if (env.dash) ctx.io.stderr(`${messagePrefix(env, ctx.state)}cannot open ${target}: ${missing ? 'No such file' : errorText(error)}\n`);
        else if (env.dialect === 'bash') ctx.io.stderr(`${env.shellName}: ${target}: ${errorText(error)}\n`);
        else ctx.io.stderr(`${env.shellName}: can't open ${target}: ${missing ? 'no such file' : errorText(error)}\n`);
        return env.dash ? 2 : 1;
      }
      continue;
    }
    const sink = openOutput(target, op === '>>' || op === '&>>', ctx);
    if (!sink) return env.dash ? 2 : 1;
    if (op === '&>' || op === '&>>') {
      stdout = sink;
      stderr = sink;
    } else if (redirect.fd === 2) {
      stderr = sink;
    } else if (redirect.fd === 1) {
      stdout = sink;
    }
  }
  const io = new ShellStreams(input, stdout, stderr);
  return yield* body({ ...ctx, io });
}

function openOutput(target: string, append: boolean, ctx: ExecContext): ((text: string) => void) | undefined {
  const env = ctx.env;
  const path = resolvePath(ctx.state.cwd, target);
  if (path === '/dev/null') return () => {};
  if (path === '/dev/stdout') return ctx.io.stdout;
  if (path === '/dev/stderr') return ctx.io.stderr;
  try {
    const stat = env.fs.stat(path);
    if (stat?.type === 'dir') throw new FsError('EISDIR', path);
    if (!append || !stat) env.fs.writeFile(path, '');
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    if (env.dash) ctx.io.stderr(`${messagePrefix(env, ctx.state)}cannot create ${target}: ${error.code === 'ENOENT' || error.code === 'ENOTDIR' ? 'Directory nonexistent' : errorText(error)}\n`);
    else if (env.dialect === 'bash') ctx.io.stderr(`${env.shellName}: ${target}: ${errorText(error)}\n`);
    else {
      const reason = error.code === 'ENOENT' || error.code === 'ENOTDIR' ? 'nonexistent directory' : errorText(error);
      ctx.io.stderr(`${env.shellName}: can't create ${target}: ${reason}\n`);
    }
    return undefined;
  }
  let failed = false;
  const stderr = ctx.io.stderr;
  return (text: string) => {
    try {
      env.fs.writeFile(path, text, { append: true });
    } catch (error) {
      if (!(error instanceof FsError) || failed) return;
      failed = true;
      stderr(`${env.shellName}: write error: ${errorText(error)}\n`);
    }
  };
}

const interpreter: Interpreter = { execList, invoke, runSubstitution };
