// Commands the shell runs itself because they change the shell: cd, export, read, exit ...

import { errorText } from '../../fs/error-text';
import { resolvePath } from '../../fs/paths';
import type { InputStream, Wait, Wake } from '../../process';
import { parseSignal } from '../../signals';
import { BreakSignal, ContinueSignal, ExitSignal, ReturnSignal, type ExecContext } from './context';
import { noteMemory } from './memory-limit';
import { parseCached } from './parser';
import { ShellSyntaxError } from './syntax-error';
import { commandEnvironment, exportVar, setVar, unsetVar } from './state';
import { findJob, forgetEnded, jobLine, type ShellJob } from './jobs';

type Builtin = (argv: string[], ctx: ExecContext) => number | Generator<Wait, number, Wake | undefined>;

const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

function shellError(ctx: ExecContext, text: string): void {
  ctx.io.stderr(`${ctx.env.shellName}: ${text}\n`);
}

function cd(argv: string[], ctx: ExecContext): number {
  const state = ctx.state;
  let target = argv[1];
  if (target === undefined) target = state.vars.get('HOME') ?? '/';
  else if (target === '-') {
    target = state.vars.get('OLDPWD') ?? state.cwd;
    ctx.io.stdout(target + '\n');
  }
  const path = resolvePath(state.cwd, target);
  const stat = ctx.env.fs.stat(path);
  if (!stat || stat.type !== 'dir') {
    const reason = stat ? 'Not a directory' : 'No such file or directory';
    if (ctx.env.dialect === 'bash') shellError(ctx, `cd: ${target}: ${reason}`);
    else shellError(ctx, `cd: can't cd to ${target}: ${reason}`);
    return 1;
  }
  setVar(state, 'OLDPWD', state.cwd);
  state.cwd = path;
  setVar(state, 'PWD', path);
  return 0;
}

function exportBuiltin(argv: string[], ctx: ExecContext): number {
  const state = ctx.state;
  if (argv.length === 1 || argv[1] === '-p') {
    for (const name of [...state.exported].sort()) {
      const value = state.vars.get(name);
      if (value === undefined) continue;
      const quoted = "'" + value.replace(/'/g, `'"'"'`) + "'";
      ctx.io.stdout(ctx.env.dialect === 'bash' ? `declare -x ${name}="${value.replace(/(["\\$`])/g, '\\$1')}"\n` : `export ${name}=${quoted}\n`);
    }
    return 0;
  }
  let status = 0;
  for (const arg of argv.slice(1)) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!namePattern.test(name)) {
      shellError(ctx, ctx.env.dialect === 'bash' ? `export: \`${arg}': not a valid identifier` : `export: bad variable name`);
      status = 1;
      continue;
    }
    if (eq >= 0) setVar(state, name, arg.slice(eq + 1));
    exportVar(state, name);
  }
  noteMemory(ctx);
  return status;
}

function setBuiltin(argv: string[], ctx: ExecContext): number {
  const state = ctx.state;
  if (argv.length === 1) {
    for (const name of [...state.vars.keys()].sort()) ctx.io.stdout(`${name}='${state.vars.get(name)!.replace(/'/g, `'"'"'`)}'\n`);
    return 0;
  }
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      state.positional = argv.slice(i + 1);
      return 0;
    }
    if (arg === '-o' || arg === '+o') {
      if (argv[i + 1] === 'errexit') state.errexit = arg === '-o';
      i++;
      continue;
    }
    if (/^[-+][a-z]+$/.test(arg)) {
      if (arg.includes('e')) state.errexit = arg.startsWith('-');
      continue;
    }
    state.positional = argv.slice(i);
    return 0;
  }
  return 0;
}

function read(argv: string[], ctx: ExecContext): number | Generator<Wait, number, Wake | undefined> {
  let raw = false;
  let index = 1;
  for (; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '-r') raw = true;
    else if (arg === '-p') {
      ctx.io.stderr(argv[++index] ?? '');
    } else break;
  }
  const names = argv.slice(index);
  if (names.length === 0) names.push('REPLY');
  const input = ctx.io.input;
  if (input.pos >= input.text.length) {
    if (input.stream) return readFromPipe(input.stream, names, raw, ctx);
    for (const name of names) setVar(ctx.state, name, '');
    return 1;
  }
  const newline = input.text.indexOf('\n', input.pos);
  const line = newline < 0 ? input.text.slice(input.pos) : input.text.slice(input.pos, newline);
  input.pos = newline < 0 ? input.text.length : newline + 1;
  assignFields(line, names, raw, ctx);
  return newline < 0 ? 1 : 0;
}

/**
 * `read` from the pipe of a streaming pipeline: waits for the next line as the stage before writes
 * it. A last line without its newline is read but fails, as in sh and bash.
 */
function* readFromPipe(stream: InputStream, names: string[], raw: boolean, ctx: ExecContext): Generator<Wait, number, Wake | undefined> {
  while (!stream.readable) yield { kind: 'input', from: stream };
  const terminated = stream.hasWholeLine;
  const line = stream.readLine();
  if (line === null || line === undefined) {
    for (const name of names) setVar(ctx.state, name, '');
    return 1;
  }
  assignFields(line, names, raw, ctx);
  return terminated ? 0 : 1;
}

/** Splits a line read by `read` into the named variables, the last taking the rest. */
function assignFields(line: string, names: string[], raw: boolean, ctx: ExecContext): void {
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  const ifs = ctx.state.vars.get('IFS') ?? ' \t\n';
  const trimmed = ifs.includes(' ') ? line.replace(/^[ \t]+|[ \t]+$/g, '') : line;
  let rest = trimmed;
  names.forEach((name, i) => {
    if (i === names.length - 1 || ifs === '') {
      setVar(ctx.state, name, i === names.length - 1 ? rest : '');
      return;
    }
    const match = new RegExp(`^([^${escapeClass(ifs)}]*)[${escapeClass(ifs)}]+`).exec(rest);
    if (match) {
      setVar(ctx.state, name, match[1]!);
      rest = rest.slice(match[0].length);
    } else {
      setVar(ctx.state, name, rest);
      rest = '';
    }
  });
  noteMemory(ctx);
}

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, '\\$&').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
}

function numberArg(argv: string[], ctx: ExecContext, fallback: number): number | undefined {
  const arg = argv[1];
  if (arg === undefined) return fallback;
  if (!/^-?\d+$/.test(arg)) {
    shellError(ctx, ctx.env.dialect === 'bash' ? `${argv[0]}: ${arg}: numeric argument required` : `${argv[0]}: Illegal number: ${arg}`);
    return undefined;
  }
  return Number(arg);
}

/** Nesting of `.`, `eval` and function calls together, before the stack would run out. */
const maxSourceDepth = 100;

function* evalBuiltin(argv: string[], ctx: ExecContext): Generator<Wait, number, Wake | undefined> {
  const source = argv.slice(1).join(' ');
  const depth = (ctx.functionDepth ?? 0) + 1;
  if (depth > maxSourceDepth) {
    ctx.io.stderr('Segmentation fault (core dumped)\n');
    return 139;
  }
  try {
    return yield* ctx.interpreter.execList(parseCached(source, ctx.env.dialect), { ...ctx, functionDepth: depth });
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    ctx.io.stderr(error.format(ctx.env.dialect, ctx.env.shellName) + '\n');
    return 2;
  }
}

function* sourceBuiltin(argv: string[], ctx: ExecContext): Generator<Wait, number, Wake | undefined> {
  const file = argv[1];
  if (file === undefined) {
    shellError(ctx, ctx.env.dialect === 'bash' ? `${argv[0]}: filename argument required` : `.: Not enough arguments`);
    return 2;
  }
  let content: string;
  try {
    content = ctx.env.fs.readFile(resolvePath(ctx.state.cwd, file));
  } catch (error) {
    shellError(ctx, ctx.env.dialect === 'bash' ? `${file}: ${errorText(error)}` : `.: can't open '${file}'`);
    return 1;
  }
  const depth = (ctx.functionDepth ?? 0) + 1;
  if (depth > maxSourceDepth) {
    // a file sourcing itself: a real shell recurses until it crashes
    ctx.io.stderr('Segmentation fault (core dumped)\n');
    return 139;
  }
  try {
    return yield* ctx.interpreter.execList(parseCached(content, ctx.env.dialect), { ...ctx, functionDepth: depth });
  } catch (error) {
    if (error instanceof ReturnSignal) return error.status;
    if (!(error instanceof ShellSyntaxError)) throw error;
    ctx.io.stderr(error.format(ctx.env.dialect, ctx.env.shellName) + '\n');
    return 2;
  }
}

/**
 * `wait`: for every job, or for the jobs named by PID or `%n`, whose status it returns (127 for one
 * that is not a job of this shell). Jobs waited for are forgotten, without a notice of their end.
 */
function* waitBuiltin(argv: string[], ctx: ExecContext): Generator<Wait, number, Wake | undefined> {
  const jobs = ctx.state.jobs;
  const named = argv.slice(1).filter((arg) => arg !== '--');
  if (named.length === 0) {
    for (const job of [...jobs]) yield* untilEnded(job, ctx);
    forgetEnded(jobs);
    return 0;
  }
  let status = 0;
  for (const spec of named) {
    const job = findJob(jobs, spec);
    if (!job) {
      if (ctx.env.dialect === 'bash') shellError(ctx, spec.startsWith('%') ? `wait: ${spec}: no such job` : `wait: pid ${spec} is not a child of this shell`);
      status = 127;
      continue;
    }
    yield* untilEnded(job, ctx);
    status = job.status ?? 0;
    jobs.splice(jobs.indexOf(job), 1);
  }
  return status;
}

/** Waits for a job to end: for one this run steps itself, on the same wait as it, so as to go on when it does. */
function* untilEnded(job: ShellJob, ctx: ExecContext): Generator<Wait, void, Wake | undefined> {
  while (!job.ended.closed) {
    const stepped = ctx.shared.jobs.find((running) => running.shellJob === job);
    yield stepped?.wait ?? { kind: 'input', from: job.ended };
  }
}

/** `jobs` (`-p`: their PIDs): the running ones and those that ended since the last notice, which it then forgets. */
function jobsBuiltin(argv: string[], ctx: ExecContext): number {
  const jobs = ctx.state.jobs;
  const pidsOnly = argv.includes('-p');
  for (const job of jobs) ctx.io.stdout(pidsOnly ? `${job.pid}\n` : jobLine(job, jobs, ctx.env.dialect === 'bash'));
  forgetEnded(jobs);
  return 0;
}

/**
 * The shell's kill: a job (`%1`, or the PID of one) gets the signal from the shell itself; any
 * other target, and `kill -l`, go to the kill command.
 */
function* killBuiltin(argv: string[], ctx: ExecContext): Generator<Wait, number, Wake | undefined> {
  const args = argv.slice(1);
  let options = 0;
  let spec = 'TERM';
  if (args[0] === '-s' || args[0] === '-n') {
    spec = args[1] ?? '';
    options = 2;
  } else if (args[0] === '--') {
    options = 1;
  } else if (args[0]?.startsWith('-') && args[0].length > 1 && args[0] !== '-l' && args[0] !== '-L') {
    spec = args[0].slice(1);
    options = 1;
  }
  const signal = parseSignal(spec);
  const targets = args.slice(options);
  if (!signal || args[0] === '-l' || args[0] === '-L' || targets.length === 0) return yield* killCommand(argv, ctx);
  let status = 0;
  const others: string[] = [];
  for (const target of targets) {
    const job = target.startsWith('%') || /^\d+$/.test(target) ? findJob(ctx.state.jobs, target) : undefined;
    if (job && job.status === undefined && job.signal) job.signal(signal);
    else if (target.startsWith('%') && !job) {
      shellError(ctx, `kill: ${target}: no such job`);
      status = 1;
    } else others.push(job ? String(job.pid) : target);
  }
  if (others.length === 0) return status;
  const commandStatus = yield* killCommand([argv[0]!, ...args.slice(0, options), ...others], ctx);
  return status || commandStatus;
}

function* killCommand(argv: string[], ctx: ExecContext): Generator<Wait, number, Wake | undefined> {
  const env = ctx.env;
  const impl = env.host.command?.('kill') ?? env.commands('kill');
  if (!impl) return 127;
  const result = impl({ argv, io: ctx.io, env: commandEnvironment(ctx.state), fs: env.fs, cwd: ctx.state.cwd, now: env.now, host: env.host });
  return typeof result === 'number' ? result : yield* result;
}

function* execBuiltin(argv: string[], ctx: ExecContext): Generator<Wait, number, Wake | undefined> {
  if (argv.length === 1) return 0;
  const status = yield* ctx.interpreter.invoke(argv.slice(1), ctx, undefined);
  throw new ExitSignal(status);
}

function* commandBuiltin(argv: string[], ctx: ExecContext): Generator<Wait, number, Wake | undefined> {
  if (argv[1] === '-v') {
    const name = argv[2] ?? '';
    if (builtins.has(name) || ctx.state.functions.has(name)) ctx.io.stdout(name + '\n');
    else if (ctx.env.host.command?.(name) || ctx.env.commands(name)) ctx.io.stdout(`/bin/${name}\n`);
    else return 1;
    return 0;
  }
  if (argv.length === 1) return 0;
  return yield* ctx.interpreter.invoke(argv.slice(1), ctx, undefined);
}

function typeBuiltin(argv: string[], ctx: ExecContext): number {
  let status = 0;
  for (const name of argv.slice(1)) {
    if (ctx.state.aliases.has(name)) ctx.io.stdout(`${name} is an alias for ${ctx.state.aliases.get(name)}\n`);
    else if (ctx.state.functions.has(name)) ctx.io.stdout(`${name} is a function\n`);
    else if (builtins.has(name)) ctx.io.stdout(`${name} is a shell builtin\n`);
    else if (ctx.env.host.command?.(name) || ctx.env.commands(name)) ctx.io.stdout(`${name} is /usr/bin/${name}\n`);
    else {
      ctx.io.stderr(ctx.env.dialect === 'bash' ? `${ctx.env.shellName}: type: ${name}: not found\n` : '');
      if (ctx.env.dialect !== 'bash') ctx.io.stdout(`${name}: not found\n`);
      status = 1;
    }
  }
  return status;
}

function alias(argv: string[], ctx: ExecContext): number {
  const aliases = ctx.state.aliases;
  const show = (name: string): void => ctx.io.stdout(`${ctx.env.dialect === 'bash' ? 'alias ' : ''}${name}='${aliases.get(name)}'\n`);
  if (argv.length === 1) {
    for (const name of [...aliases.keys()].sort()) show(name);
    return 0;
  }
  let status = 0;
  for (const arg of argv.slice(1)) {
    const eq = arg.indexOf('=');
    if (eq > 0) aliases.set(arg.slice(0, eq), arg.slice(eq + 1));
    else if (aliases.has(arg)) show(arg);
    else {
      shellError(ctx, ctx.env.dialect === 'bash' ? `alias: ${arg}: not found` : `alias: ${arg} not found`);
      status = 1;
    }
  }
  return status;
}

function unalias(argv: string[], ctx: ExecContext): number {
  let status = 0;
  for (const arg of argv.slice(1)) {
    if (arg === '-a') ctx.state.aliases.clear();
    else if (!ctx.state.aliases.delete(arg)) {
      shellError(ctx, ctx.env.dialect === 'bash' ? `unalias: ${arg}: not found` : `unalias: ${arg} not found`);
      status = 1;
    }
  }
  return status;
}

export const builtins = new Map<string, Builtin>([
  [':', () => 0],
  ['cd', cd],
  ['pwd', (_argv, ctx) => (ctx.io.stdout(ctx.state.cwd + '\n'), 0)],
  ['export', exportBuiltin],
  ['readonly', exportBuiltin],
  ['local', (argv, ctx) => {
    for (const arg of argv.slice(1)) {
      const eq = arg.indexOf('=');
      if (eq > 0) setVar(ctx.state, arg.slice(0, eq), arg.slice(eq + 1));
    }
    return 0;
  }],
  ['unset', (argv, ctx) => {
    for (const name of argv.slice(1)) {
      if (name === '-f') continue;
      if (argv[1] === '-f') ctx.state.functions.delete(name);
      else unsetVar(ctx.state, name);
    }
    return 0;
  }],
  ['set', setBuiltin],
  ['shift', (argv, ctx) => {
    const count = numberArg(argv, ctx, 1);
    if (count === undefined) return 1;
    if (count > ctx.state.positional.length) {
      if (ctx.env.dialect !== 'bash') shellError(ctx, `shift: can't shift that many`);
      return 1;
    }
    ctx.state.positional = ctx.state.positional.slice(count);
    return 0;
  }],
  ['read', read],
  ['exit', (argv, ctx) => {
    const status = numberArg(argv, ctx, ctx.state.lastStatus);
    throw new ExitSignal(status === undefined ? 2 : status & 255);
  }],
  ['return', (argv, ctx) => {
    const status = numberArg(argv, ctx, ctx.state.lastStatus);
    throw new ReturnSignal(status === undefined ? 2 : status & 255);
  }],
  ['break', (argv, ctx) => {
    if (ctx.loopDepth === 0) return 0;
    throw new BreakSignal(Math.min(numberArg(argv, ctx, 1) ?? 1, ctx.loopDepth));
  }],
  ['continue', (argv, ctx) => {
    if (ctx.loopDepth === 0) return 0;
    throw new ContinueSignal(Math.min(numberArg(argv, ctx, 1) ?? 1, ctx.loopDepth));
  }],
  ['trap', (argv, ctx) => {
    const bash = ctx.env.dialect === 'bash';
    if (argv.length === 1) {
      // bash names signals with SIG, busybox without; EXIT is EXIT in both.
      for (const [signal, action] of ctx.state.traps) ctx.io.stdout(`trap -- '${action.replace(/'/g, `'\\''`)}' ${bash && signal !== 'EXIT' ? `SIG${signal}` : signal}\n`);
      return 0;
    }
    // `trap HUP INT`: a first argument that is a signal number resets those signals (POSIX).
    const resets = /^\d+$/.test(argv[1]!);
    const action = resets ? '-' : argv[1]!;
    let status = 0;
    for (const spec of argv.slice(resets ? 1 : 2)) {
      const name = /^(0|EXIT)$/i.test(spec) ? 'EXIT' : parseSignal(spec)?.replace(/^SIG/, '');
      if (!name) {
        ctx.io.stderr(bash ? `${ctx.env.shellName}: trap: ${spec}: invalid signal specification\n` : `${ctx.env.shellName}: trap: ${spec}: bad trap\n`);
        status = 1;
        continue;
      }
      if (action === '-') ctx.state.traps.delete(name);
      else ctx.state.traps.set(name, action);
    }
    return status;
  }],
  ['alias', alias],
  ['unalias', unalias],
  ['eval', evalBuiltin],
  ['.', sourceBuiltin],
  ['source', sourceBuiltin],
  ['exec', execBuiltin],
  ['wait', waitBuiltin],
  ['jobs', jobsBuiltin],
  ['kill', killBuiltin],
  ['command', commandBuiltin],
  ['type', typeBuiltin],
]);
