// Runs shell scripts through the public API with an in-memory filesystem, a fake host and a
// fake clock that jumps to each wait's deadline.

import { MemFs } from '../../sim/fs/memfs';
import { terminalOutput, type HostServices, type Program } from '../../sim/process';
import { busyboxCommands, gnuCommands } from '../../sim/shell/commands';
import { createShellState, runCommandLine, type ShellState } from '../../sim/shell/lang';

export const startTime = Date.UTC(2026, 0, 15, 9, 0, 0);

export interface Clock {
  now: number;
}

export interface RunOptions {
  dialect?: 'busybox' | 'bash';
  fs?: MemFs;
  host?: Partial<HostServices>;
  stdin?: string;
  state?: ShellState;
  clock?: Clock;
  /** Stop driving once the clock passes this (for scripts that never end). */
  untilTime?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved, as a terminal shows them. */
  output: string;
  status: number | undefined;
  fs: MemFs;
  state: ShellState;
  clock: Clock;
}

export function makeEnv(options: RunOptions, sink: { stdout: string; stderr: string; output: string }) {
  const clock = options.clock ?? { now: startTime };
  const fs = options.fs ?? new MemFs({ now: () => clock.now });
  if (!fs.stat('/tmp')) fs.mkdir('/tmp');
  const dialect = options.dialect ?? 'busybox';
  const table = dialect === 'bash' ? gnuCommands : busyboxCommands;
  const host: HostServices = { hostname: () => 'web-7d4b9c', ...options.host };
  return {
    clock,
    fs,
    env: {
      fs,
      io: {
        stdin: options.stdin ?? '',
        // A terminal: what a command prints is on it (curl keeps its progress meter off).
        stdout: terminalOutput((text: string) => ((sink.stdout += text), (sink.output += text))),
        stderr: (text: string) => ((sink.stderr += text), (sink.output += text)),
      },
      host,
      now: () => clock.now,
      dialect,
      shellName: dialect === 'bash' ? 'bash' : 'sh',
      commands: (name: string) => table.get(name),
    },
  };
}

/** Drives a program: each sleep moves the clock to its deadline; change waits poll each second. */
export function drive(program: Program, clock: Clock, untilTime = Infinity): number | undefined {
  let step = program.next();
  while (!step.done) {
    const wait = step.value;
    const until = wait.kind === 'input' ? undefined : wait.until ?? clock.now + 1000;
    if (until === undefined || !Number.isFinite(until) || until > untilTime) return undefined;
    clock.now = Math.max(clock.now, until);
    step = program.next('time');
  }
  return step.value;
}

export function run(script: string, options: RunOptions = {}): RunResult {
  const sink = { stdout: '', stderr: '', output: '' };
  const { clock, fs, env } = makeEnv(options, sink);
  const state = options.state ?? createShellState({ env: { HOME: '/root', PATH: '/bin', USER: 'root' }, cwd: '/' });
  const status = drive(runCommandLine(script, state, env), clock, options.untilTime);
  return { ...sink, status, fs, state, clock };
}

/** Starts a script that goes on (`tail -f`): `tick` lets virtual time pass and steps it once. */
export function follow(dialect: 'busybox' | 'bash', command: string) {
  const sink = { stdout: '', stderr: '', output: '' };
  const { clock, fs, env } = makeEnv({ dialect }, sink);
  const program = runCommandLine(command, createShellState(), env);
  let step = program.next();
  const tick = (ms = 1000) => {
    clock.now += ms;
    step = program.next('time');
    return step;
  };
  return { sink, fs, tick, program, done: () => step.done === true };
}
